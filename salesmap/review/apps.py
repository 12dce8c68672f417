from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "salesmap.review"
    label = "review"
    verbose_name = _("Manager review")
    default_auto_field = "django.db.models.BigAutoField"
