"""System checks: a bad SEARCH_CONFIG stops `manage.py check`, not a reader's search."""

import re

from django.conf import settings
from django.core import checks

# A PostgreSQL text search configuration name, optionally schema-qualified.
_CONFIG_NAME = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$")


@checks.register(checks.Tags.compatibility)
def check_search_config(app_configs, **kwargs):
    config = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("SEARCH_CONFIG")
    if config is None or _CONFIG_NAME.match(config):
        return []
    return [
        checks.Error(
            f"SEARCH_CONFIG {config!r} is not a PostgreSQL text search configuration name.",
            hint='Use one of the configurations `\\dF` lists, e.g. "russian" or "english".',
            id="sitesearch.E001",
        )
    ]
