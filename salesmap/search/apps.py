from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    """One search box across the Sales Map, and the report of searches that found nothing."""

    name = "salesmap.search"
    # "search" would clash with Wagtail's own search app in permissions and URLs.
    label = "sitesearch"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
