"""Production settings for several app servers behind a load balancer: the shared
cache, media storage and search backend are each switched on from the
environment, every combination loads and passes `check --deploy`, and a bad
value stops start-up with a message that says what to fix.

Each case runs in a fresh interpreter (settings are read once per process). The
backends are built but never contacted: their clients connect lazily.
"""

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project.test_settings import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parents[2]

# The variables production requires, as the deploy check uses them (each
# combination below brings its own database).
REQUIRED = {key: value for key, value in PRODUCTION_ENV.items() if key != "DATABASE_URL"}

CACHES = {
    "local": ({}, "django.core.cache.backends.locmem.LocMemCache"),
    "redis": (
        {"REDIS_URL": "rediss://:cache-password@cache.internal:6379/0"},
        "django.core.cache.backends.redis.RedisCache",
    ),
}
MEDIA = {
    "local": ({}, "django.core.files.storage.filesystem.FileSystemStorage"),
    "s3": (
        {
            "AWS_STORAGE_BUCKET_NAME": "salesmap-media",
            "AWS_S3_ENDPOINT_URL": "https://storage.yandexcloud.net",
            "AWS_S3_REGION_NAME": "ru-central1",
            "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEKEY",
            "AWS_SECRET_ACCESS_KEY": "example-secret",
            "AWS_LOCATION": "media",
        },
        "storages.backends.s3.S3Storage",
    ),
}
SEARCH = {
    "database": ({}, "modelsearch.backends.database."),
    "opensearch": (
        {
            "SEARCH_BACKEND": "opensearch",
            "OPENSEARCH_URL": "https://salesmap:search-password@search.internal:9200",
        },
        "modelsearch.backends.opensearch3.OpenSearch3SearchBackend",
    ),
}

# Builds each backend as a request would, describes it as JSON on the last line
# of stdout, then runs the deploy checks (a failure exits non-zero).
PROBE = """
import json
import django
django.setup()
from django.core.cache import caches
from django.core.files.storage import storages
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

def dotted(obj):
    return f"{type(obj).__module__}.{type(obj).__qualname__}"

cache, storage, search = caches["default"], storages["default"], get_search_backend()
found = {"cache": dotted(cache), "storage": dotted(storage), "search": dotted(search)}
if "redis" in found["cache"]:
    pool = cache._cache.get_client(write=True).connection_pool
    connection = pool.make_connection()
    found["redis"] = {"host": connection.host, "timeout": connection.socket_timeout}
    found["key"] = cache.make_key("k")
if "s3" in found["storage"]:
    found["s3"] = {
        "acl": storage.default_acl,
        "overwrite": storage.file_overwrite,
        "url": storage.url("documents/plan.pdf"),
    }
if "opensearch" in found["search"]:
    found["opensearch"] = {
        "host": search.hosts[0]["host"],
        "prefix": search.index_prefix,
        "analyzer": search.settings["settings"]["analysis"]["analyzer"]["default"],
    }
call_command("check", deploy=True, fail_level="WARNING")
print(json.dumps(found))
"""


def run_python(code, *, env, tmp_path):
    # Only what production would have: nothing from the test run's own
    # environment (no AWS_*, REDIS_URL or test-only switches), and no ~/.aws.
    clean = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "AWS_EC2_METADATA_DISABLED": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    return subprocess.run(  # noqa: S603 - our interpreter with fixed code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **REQUIRED, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("cache", "media", "search"), list(itertools.product(CACHES, MEDIA, SEARCH))
)
def test_production_settings_load_with_each_combination(cache, media, search, tmp_path):
    cache_env, cache_class = CACHES[cache]
    media_env, media_class = MEDIA[media]
    search_env, search_class = SEARCH[search]

    result = run_python(PROBE, env={**cache_env, **media_env, **search_env}, tmp_path=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["cache"] == cache_class
    assert found["storage"] == media_class
    assert found["search"].startswith(search_class)
    if cache == "redis":
        assert found["redis"] == {"host": "cache.internal", "timeout": 2}
        assert found["key"].startswith("salesmap:")
    if media == "s3":
        # Private media: no public ACL, signed expiring URLs, no overwriting.
        assert found["s3"]["acl"] == "private"
        assert found["s3"]["overwrite"] is False
        url = found["s3"]["url"]
        assert url.startswith("https://storage.yandexcloud.net/salesmap-media/media/documents/")
        assert "X-Amz-Signature=" in url and "X-Amz-Expires=3600" in url
    if search == "opensearch":
        assert found["opensearch"]["host"] == "search.internal"
        assert found["opensearch"]["prefix"] == "salesmap_"
        assert "russian_stem" in found["opensearch"]["analyzer"]["filter"]


SETUP = "import django; django.setup()"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"SEARCH_BACKEND": "elastic"},
            "SEARCH_BACKEND must be one of: database, opensearch; got 'elastic'.",
        ),
        ({"SEARCH_BACKEND": "opensearch"}, "SEARCH_BACKEND=opensearch needs OPENSEARCH_URL"),
        (
            {"SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": "search.internal:9200"},
            "OPENSEARCH_URL must start with https://, http://",
        ),
        (
            {"REDIS_URL": "http://:cache-password@cache.internal:6379/0"},
            "REDIS_URL must start with redis://, rediss://, unix://; got http://.",
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "salesmap-media", "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEKEY"},
            "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither",
        ),
    ],
    ids=["unknown-search", "opensearch-no-url", "url-no-scheme", "http-redis", "half-key"],
)
def test_a_bad_production_switch_stops_start_up_with_a_clear_message(env, message, tmp_path):
    result = run_python(SETUP, env=env, tmp_path=tmp_path)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
    # A URL in the environment may hold a password; the message never repeats it.
    assert "cache-password" not in result.stderr
