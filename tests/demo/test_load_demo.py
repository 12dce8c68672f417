"""`manage.py load_demo`: the demo department, idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from salesmap.demo.people import DEMO_PASSWORD, PEOPLE
from salesmap.people import access


def run():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    User = get_user_model()
    return (
        list(
            User.objects.order_by("pk").values_list(
                "username", "password", "manager_id", "level_id"
            )
        ),
        list(Page.objects.order_by("pk").values_list("pk", "path", "title", "live")),
        Revision.objects.count(),
    )


@pytest.mark.django_db
def test_load_demo_prints_the_logins():
    output = run()
    for username, *_ in PEOPLE:
        assert username in output
    assert DEMO_PASSWORD in output


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    run()
    before = snapshot()
    output = run()
    assert snapshot() == before
    assert "0 page(s) and 0 person(s) created" in output


@pytest.mark.django_db
def test_demo_department_has_the_expected_shape():
    run()
    User = get_user_model()
    ops = [u for u in User.objects.all() if access.is_sales_ops(u)]
    managers = [u for u in User.objects.all() if access.is_manager(u)]
    assert len(ops) == 2
    assert len(managers) == 2
    hires = User.objects.filter(groups__name="New hires")
    assert hires.count() == 5
    assert {h.manager.username for h in hires} == {"maria.manager", "daniel.manager"}
    assert all(h.level is not None and h.level.is_child_of(h.role) for h in hires)


@pytest.mark.django_db
def test_demo_logins_work(client):
    run()
    response = client.post("/accounts/login/", {"username": "anna.sdr", "password": DEMO_PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_demo_manager_sees_reports_of_reports():
    run()
    User = get_user_model()
    maria = User.objects.get(username="maria.manager")
    visible = set(access.visible_people(maria).values_list("username", flat=True))
    assert {"daniel.manager", "sam.ae", "pavel.sdr", "anna.sdr"} <= visible
