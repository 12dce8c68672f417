from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    """Norms and rules, per-funnel-stage standards, acknowledgements, review
    dates and improvement suggestions (the Sales Map issue)."""

    name = "standards"
    verbose_name = _("Standards")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from standards.signals import on_page_published

        page_published.connect(on_page_published, dispatch_uid="standards_page_published")
