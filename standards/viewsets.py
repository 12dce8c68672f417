"""The suggestions inbox: Sales Ops read readers' suggestions and cases, and reply.

Suggestions come from readers on the site (``services.suggest``), so nobody
creates one here; staff change only the status and the reply, and the reply
goes through ``services.reply_to_suggestion`` so that who replied, and when,
is recorded.
"""

import django_filters
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from standards import services
from standards.models import Suggestion

EXCERPT_LENGTH = 80


class SuggestionPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions on suggestions, except that nobody adds one in the admin.

    Sales Ops and Sales Ops leads hold ``view_suggestion`` and
    ``change_suggestion`` (people migration 0004); everybody else holds none.
    """

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


suggestion_permission_policy = SuggestionPermissionPolicy(Suggestion)


def pages_with_suggestions(request):
    return Page.objects.filter(suggestions__isnull=False).distinct().order_by("title")


class SuggestionFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label=_("Page"), queryset=pages_with_suggestions, empty_label=_("Any page")
    )

    class Meta:
        model = Suggestion
        fields = ["status", "kind", "page"]


def excerpt(suggestion):
    return Truncator(suggestion.text).chars(EXCERPT_LENGTH)


class SuggestionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("author", "replied_by")

    @cached_property
    def columns(self):
        excerpt_column_class = self._get_title_column_class(TitleColumn)
        return [
            DateColumn("created_at", label=_("Sent"), sort_key="created_at"),
            Column("author", label=_("From"), sort_key="author__last_name"),
            Column("page_title", label=_("Page"), sort_key="page_title"),
            Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda suggestion: suggestion.status == Suggestion.Status.NEW,
            ),
            excerpt_column_class(
                "excerpt",
                label=_("Suggestion"),
                accessor=excerpt,
                get_url=self.get_edit_url,
            ),
        ]


class SuggestionEditView(EditView):
    page_title = _("Reply to a suggestion")

    def save_instance(self):
        # The service compares with the stored row, not self.object (which the
        # form has already changed).
        suggestion = services.reply_to_suggestion(
            suggestion=self.object,
            status=self.form.cleaned_data["status"],
            reply=self.form.cleaned_data["reply"],
            by=self.request.user,
        )
        log(
            instance=suggestion,
            action="wagtail.edit",
            user=self.request.user,
            content_changed=self.form.has_changed(),
        )
        return suggestion


class SuggestionsMenuItem(MenuItem):
    """The "Suggestions" menu item, with the number of new suggestions in its label."""

    def is_shown(self, request):
        return suggestion_permission_policy.user_has_any_permission(
            request.user, ["view", "change"]
        )

    def render_component(self, request):
        # One indexed COUNT per admin page, only for the people who see the item.
        count = Suggestion.objects.filter(status=Suggestion.Status.NEW).count()
        component = super().render_component(request)
        if count:
            component.label = _("%(label)s (%(count)s new)") % {
                "label": self.label,
                "count": count,
            }
        return component


class SuggestionViewSet(ModelViewSet):
    model = Suggestion
    icon = "comment"
    menu_label = _("Suggestions")
    menu_name = "suggestions"
    menu_order = 260  # below People and the cohort import
    add_to_admin_menu = True
    url_prefix = "suggestions"
    index_view_class = SuggestionIndexView
    edit_view_class = SuggestionEditView
    copy_view_enabled = False
    filterset_class = SuggestionFilterSet
    search_fields = ["text"]
    search_backend_name = None  # not indexed: a plain icontains on the text
    list_per_page = 50
    list_export = [
        "created_at",
        "author",
        "author.email",
        "page_title",
        "get_kind_display",
        "get_status_display",
        "text",
        "link",
        "reply",
        "replied_by",
        "replied_at",
    ]
    export_headings = {
        "created_at": _("Sent"),
        "author": _("From"),
        "author.email": _("E-mail"),
        "page_title": _("Page"),
        "get_kind_display": _("Kind"),
        "get_status_display": _("Status"),
        "text": _("Text"),
        "link": _("Link"),
        "reply": _("Reply"),
        "replied_by": _("Replied by"),
        "replied_at": _("Replied at"),
    }
    export_filename = "suggestions"
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("author", read_only=True),
                        FieldPanel("created_at", read_only=True),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("page_title", read_only=True),
                        FieldPanel("kind", read_only=True),
                    ]
                ),
                FieldPanel("text", read_only=True),
                FieldPanel("link", read_only=True),
            ],
            heading=_("From the reader"),
        ),
        FieldPanel("status"),
        FieldPanel("reply"),
    ]

    @property
    def menu_item_class(self):
        return SuggestionsMenuItem

    def get_urlpatterns(self):
        # No create (or copy) view: suggestions come from readers on the site.
        return [p for p in super().get_urlpatterns() if p.name not in {"add", "copy"}]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_permissions_to_register(self):
        # The group editor offers view, change and delete; never add.
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Suggestion),
            codename__in=[
                get_permission_codename(action, Suggestion._meta)
                for action in ("view", "change", "delete")
            ],
        )
