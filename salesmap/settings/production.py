"""Production: every environment-specific value comes from the environment and a
missing required one stops start-up. `manage.py check --deploy` passes clean."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import env_bool, env_choice, env_int, env_list, env_str, env_url

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", required=True)

# Behind a TLS-terminating proxy or load balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The "preload" directive only matters once the domain is submitted to the
# browsers' preload list, which is the operator's decision.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Several app servers behind a load balancer: each shared service is switched on
# by its environment variable, and a single server needs none of them (README,
# "Several app servers behind a load balancer"). Sessions stay in the database,
# which every server already shares, so the balancer needs no sticky sessions.

# Persistent connections: a worker reuses its connection for this many seconds
# instead of opening one per request (health-checked before reuse, see base.py).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)

# Shared cache. Without REDIS_URL each server keeps its own local-memory cache
# (base.py), which is right for one server only.
_redis_url = env_url("REDIS_URL", schemes=("redis", "rediss", "unix"))
if _redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            # Lets several sites (or staging and production) share one Redis.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "salesmap"),
            "TIMEOUT": env_int("CACHE_TIMEOUT", 300),
            # An unreachable cache fails a request within seconds instead of
            # holding a worker until the load balancer gives up on it.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        },
    }

# Uploaded images and documents in an S3-compatible bucket (AWS, MinIO, Yandex
# Object Storage, ...). Without a bucket they stay under MEDIA_ROOT (base.py).
# Static files stay with whitenoise either way.
_bucket = env_str("AWS_STORAGE_BUCKET_NAME")
if _bucket:
    _access_key = env_str("AWS_ACCESS_KEY_ID")
    _secret_key = env_str("AWS_SECRET_ACCESS_KEY")
    if bool(_access_key) != bool(_secret_key):
        raise ImproperlyConfigured(
            "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither "
            "(to use the instance role or the AWS_* variables boto3 reads itself)."
        )
    _s3_options = {
        "bucket_name": _bucket,
        "endpoint_url": env_url("AWS_S3_ENDPOINT_URL", schemes=("https", "http")),
        "region_name": env_str("AWS_S3_REGION_NAME"),
        "access_key": _access_key,
        "secret_key": _secret_key,
        "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN"),
        "location": env_str("AWS_LOCATION", ""),
        "addressing_style": env_choice(
            "AWS_S3_ADDRESSING_STYLE", "auto", choices=("auto", "virtual", "path")
        ),
        # Private media: objects are never public-read, and every URL the
        # storage hands out (image renditions) is signed and expires. "none"
        # sends no ACL, for buckets with ACLs switched off (AWS's default since
        # 2023), which are private unless a bucket policy opens them.
        "default_acl": {"private": "private", "none": None}[
            env_choice("AWS_DEFAULT_ACL", "private", choices=("private", "none"))
        ],
        "querystring_auth": True,
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 60 * 60),
        # A second upload named like the first gets a new name, never replaces it.
        "file_overwrite": False,
    }
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                key: value
                for key, value in _s3_options.items()
                if value is not None or key == "default_acl"
            },
        },
    }
    # Documents keep WAGTAILDOCS_SERVE_METHOD = "serve_view" (base.py): Wagtail
    # streams them from the bucket through its view, after sign-in and
    # collection privacy checks, instead of redirecting to the bucket.

# Site search: PostgreSQL full-text search in the shared database (base.py), or
# an OpenSearch 3 cluster. Run `manage.py update_index` after switching.
_search_backend = env_choice("SEARCH_BACKEND", "database", choices=("database", "opensearch"))
if _search_backend == "opensearch":
    _opensearch_url = env_url("OPENSEARCH_URL", schemes=("https", "http"))
    if not _opensearch_url:
        raise ImproperlyConfigured(
            "SEARCH_BACKEND=opensearch needs OPENSEARCH_URL "
            "(e.g. https://user:password@search.internal:9200)."
        )
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [_opensearch_url],
            # Indexes are named {prefix}{app}_{model}, so several sites can share a cluster.
            "INDEX_PREFIX": env_str("OPENSEARCH_INDEX_PREFIX", "salesmap_"),
            "TIMEOUT": env_int("OPENSEARCH_TIMEOUT", 5),
            # Like SEARCH_CONFIG=russian on PostgreSQL: Cyrillic words through
            # the Russian stemmer and Latin ones through the English one (each
            # leaves the other alphabet alone), so word forms match.
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            "default": {
                                "type": "custom",
                                "tokenizer": "standard",
                                "filter": ["lowercase", "russian_stem", "english_stem"],
                            },
                        },
                        "filter": {
                            "russian_stem": {"type": "stemmer", "language": "russian"},
                            "english_stem": {"type": "stemmer", "language": "english"},
                        },
                    },
                },
            },
        },
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail logs every page action and task run at INFO; keep them for debugging only.
    "loggers": {
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        "django.security.csrf": {"level": "WARNING"},
    },
}
