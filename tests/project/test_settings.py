"""Production settings: configured from the environment, loud when something
required is missing, and clean under `manage.py check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "salesmap.settings.production",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-for-the-check",
    "ALLOWED_HOSTS": "salesmap.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://salesmap.example.com",
    "WAGTAILADMIN_BASE_URL": "https://salesmap.example.com",
    "DATABASE_URL": "sqlite:////tmp/salesmap-deploy-check.sqlite3",
}


def manage(*args, env):
    # Only what production would have: no test-only switches such as
    # DJANGO_ALLOW_ASYNC_UNSAFE (set for the browser tests) leak in.
    dropped = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"])
def test_production_refuses_to_start_without_required_values(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set" in result.stderr


def test_base_settings_are_safe_by_default():
    from salesmap.settings import base

    assert base.DEBUG is False or os.environ.get("DEBUG")
    assert "*" not in base.ALLOWED_HOSTS


def test_database_url_selects_the_database(monkeypatch):
    import importlib

    from salesmap.settings import base

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal:5433/salesmap")
    try:
        reloaded = importlib.reload(base)
        db = reloaded.DATABASES["default"]
        assert db["ENGINE"] == "django.db.backends.postgresql"
        assert (db["HOST"], db["PORT"], db["NAME"]) == ("db.internal", 5433, "salesmap")
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_a_malformed_boolean_is_an_error(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from salesmap.settings.environment import env_bool

    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG")
