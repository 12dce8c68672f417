import django_filters
from django.contrib.auth import get_user_model
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.users.views import users as wagtail_users

from salesmap.progression.models import LevelPage, RolePage

from .forms import PersonCreationForm, PersonEditForm

User = get_user_model()


class PeopleFilterSet(wagtail_users.UserFilterSet):
    role = django_filters.ModelChoiceFilter(
        queryset=RolePage.objects.order_by("path"), label=_("Role")
    )
    level = django_filters.ModelChoiceFilter(
        queryset=LevelPage.objects.order_by("path"), label=_("Level")
    )
    manager = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(reports__isnull=False).distinct(), label=_("Manager")
    )
    start_date = django_filters.DateFromToRangeFilter(label=_("Start date"))

    class Meta:
        model = User
        fields = []


def _follow(obj, dotted):
    for name in dotted.split("."):
        if obj is None:
            return ""
        obj = getattr(obj, name)
    return "" if obj is None else obj


class PeopleIndexView(wagtail_users.IndexView):
    page_title = _("People")

    @cached_property
    def columns(self):
        columns = list(super().columns)
        # Replace "access level" and "last login" with what Sales Ops look for.
        columns = [c for c in columns if c.name not in {"is_superuser", "last_login"}]
        columns += [
            Column("role", label=_("Role"), accessor="role", sort_key="role__title"),
            Column("level", label=_("Level"), accessor="level", sort_key="level__title"),
            Column(
                "manager", label=_("Manager"), accessor="manager", sort_key="manager__last_name"
            ),
            DateColumn("start_date", label=_("Start date"), sort_key="start_date"),
        ]
        return columns

    def to_row_dict(self, item):
        # Dotted export fields may cross an empty link (no role, no manager).
        return {field: _follow(item, field) for field in self.list_export}

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("role", "level", "manager", "mentor")


class _ForUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class PeopleCreateView(_ForUserFormMixin, wagtail_users.CreateView):
    pass


class PeopleEditView(_ForUserFormMixin, wagtail_users.EditView):
    pass


class PeopleViewSet(wagtail_users.UserViewSet):
    """Wagtail's user admin, extended into the department's people directory."""

    menu_label = _("People")
    add_to_settings_menu = False
    menu_order = 250
    icon = "group"
    index_view_class = PeopleIndexView
    add_view_class = PeopleCreateView
    edit_view_class = PeopleEditView
    filterset_class = PeopleFilterSet
    template_prefix = "people/admin/"
    list_export = [
        "first_name",
        "last_name",
        "email",
        "username",
        "role.title",
        "level.title",
        "manager.email",
        "mentor.email",
        "start_date",
        "preferred_language",
        "is_active",
        "last_login",
    ]
    export_headings = {
        "role.title": _("Role"),
        "level.title": _("Level"),
        "manager.email": _("Manager"),
        "mentor.email": _("Mentor"),
    }
    export_filename = "people"

    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm
