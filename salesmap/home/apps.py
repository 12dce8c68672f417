from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "salesmap.home"
    label = "home"
    verbose_name = _("Sales Map home")
    default_auto_field = "django.db.models.BigAutoField"
