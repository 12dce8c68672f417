"""Typed readers for settings that come from the environment (12-factor).

Production settings call these with ``required=True`` so that a missing value
stops the process at start-up with a clear message instead of running with a
silent default.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}.")


def env_int(name, default=None, *, required=False):
    value = env_str(name, required=required)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}.") from exc


def env_list(name, default=(), *, required=False):
    """A comma-separated list; blank items are dropped."""
    value = env_str(name, required=required)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name, default, *, choices):
    """One of ``choices`` (compared in lower case)."""
    value = env_str(name, default).strip().lower()
    if value not in choices:
        listed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name} must be one of: {listed}; got {value!r}.")
    return value


def env_url(name, default=None, *, schemes, required=False):
    """A URL whose scheme is one of ``schemes`` and which names a host (a
    ``unix`` socket URL names a path instead). Errors never repeat the value:
    such URLs often hold a password."""
    value = env_str(name, default, required=required)
    if value is None:
        return None
    parsed = urlsplit(value)
    if parsed.scheme not in schemes:
        listed = ", ".join(f"{scheme}://" for scheme in schemes)
        got = f"{parsed.scheme}://" if parsed.scheme else "no scheme"
        raise ImproperlyConfigured(f"{name} must start with {listed}; got {got}.")
    if not (parsed.hostname or (parsed.scheme == "unix" and parsed.path)):
        raise ImproperlyConfigured(f"{name} must name a host.")
    return value
