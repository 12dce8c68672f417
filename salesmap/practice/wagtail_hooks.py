"""The "Practice" area of the Wagtail admin: Sales Ops keep the scorecards and
read the evaluations (read-only: evaluations are recorded on the site, by the
person's manager or mentor, never edited in the admin)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, StatusFlagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Evaluation, Scorecard


class ScorecardViewSet(SnippetViewSet):
    model = Scorecard
    icon = "clipboard-list"
    menu_label = _("Scorecards")
    list_per_page = 50
    list_display = [
        "name",
        Column("kind", label=_("Kind of work"), accessor="get_kind_display", sort_key="kind"),
        Column("stage", label=_("Funnel stage"), accessor="stage"),
        NumberColumn("criteria_count", label=_("Criteria"), sort_key="criteria_count"),
        StatusFlagColumn("active", label=_("In use"), true_label=_("in use")),
    ]
    list_filter = ["kind", "active"]
    list_export = ["name", "get_kind_display", "stage", "active", "criteria_count", "description"]
    export_headings = {
        "get_kind_display": _("Kind of work"),
        "stage": _("Funnel stage"),
        "active": _("In use"),
        "criteria_count": _("Criteria"),
    }
    export_filename = "scorecards"
    search_fields = ["name", "description"]
    search_backend_name = None
    ordering = ["kind", "name"]

    def get_queryset(self, request):
        # One query for the rows, whatever their number.
        return Scorecard.objects.select_related("stage").annotate(criteria_count=Count("criteria"))


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only "view": nobody adds, edits or deletes evaluations in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


register_permission_policy(Evaluation, ViewOnlyPermissionPolicy(Evaluation), exact_class=True)


class EvaluationViewSet(ModelViewSet):
    model = Evaluation
    icon = "tasks"
    menu_label = _("Evaluations")
    name = "practice_evaluations"
    # Needed to build the (never permitted) add and edit views.
    form_fields = ["comment"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "person",
        "scorecard_name",
        "kind",
        "stage_title",
        "occurred_on",
        "percent",
        "evaluator_name",
        "link",
        "comment",
        "created_at",
    ]
    list_per_page = 50
    list_display = [
        Column("person", label=_("Person"), accessor="person", sort_key="person__last_name"),
        "scorecard_name",
        Column("kind", label=_("Kind of work"), accessor="get_kind_display", sort_key="kind"),
        DateColumn("occurred_on", label=_("Date of the work"), sort_key="occurred_on"),
        NumberColumn("percent", label=_("Percent"), sort_key="percent"),
        "evaluator_name",
    ]
    list_filter = ["kind", "occurred_on"]
    list_export = [
        "person",
        "person.email",
        "scorecard_name",
        "get_kind_display",
        "stage_title",
        "occurred_on",
        "percent",
        "evaluator_name",
        "link",
        "comment",
        "created_at",
    ]
    export_headings = {
        "person": _("Person"),
        "person.email": _("Email"),
        "get_kind_display": _("Kind of work"),
    }
    export_filename = "practice-evaluations"
    search_fields = [
        "scorecard_name",
        "evaluator_name",
        "person__first_name",
        "person__last_name",
        "person__username",
    ]
    search_backend_name = None
    ordering = ["-occurred_on", "-pk"]

    def get_queryset(self, request):
        return Evaluation.objects.select_related("person")


class PracticeViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Practice")
    menu_icon = "clipboard-list"
    menu_order = 310  # just below Quizzes (300)
    items = (ScorecardViewSet, EvaluationViewSet)


register_snippet(PracticeViewSetGroup)
