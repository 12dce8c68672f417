from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    name = "salesmap.people"
    label = "people"
    verbose_name = _("People")
    default_auto_field = "django.db.models.BigAutoField"


class PeopleAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our people viewset (profile fields, filters, export)."""

    user_viewset = "salesmap.people.viewsets.PeopleViewSet"
