import pytest
from django.db import connection

from tests.factories import ManagerFactory, NewHireFactory, SalesOpsFactory


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need a real PostgreSQL server: skip them on SQLite."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rows and fragments cached by one
    test (whose ids a rolled-back database may hand out again) never serve another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def manager(db):
    return ManagerFactory(username="manager", first_name="Maria", last_name="Manager")


@pytest.fixture
def hire(manager):
    return NewHireFactory(username="hire", first_name="Anna", last_name="Hire", manager=manager)


@pytest.fixture
def other_manager(db):
    return ManagerFactory(username="other-manager", first_name="Oscar", last_name="Other")


@pytest.fixture
def other_hire(other_manager):
    return NewHireFactory(username="other-hire", manager=other_manager)


@pytest.fixture
def sales_ops(db):
    return SalesOpsFactory(username="ops", first_name="Olga", last_name="Ops")


@pytest.fixture
def users(hire, manager, sales_ops):
    """One of each kind, keyed as the access tests name them."""
    return {"hire": hire, "manager": manager, "sales_ops": sales_ops}


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as ``user`` (or anonymous for None)."""

    def _client_for(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _client_for
