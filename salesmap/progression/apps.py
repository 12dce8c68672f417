from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressionConfig(AppConfig):
    name = "salesmap.progression"
    label = "progression"
    verbose_name = _("Roles and progression")
    default_auto_field = "django.db.models.BigAutoField"
