"""The "Content health" report: the standards people still have to
(re-)acknowledge, person by person, under a summary of the Sales Map's
upkeep (pages overdue for review, the suggestions inbox, the trust score)."""

from dataclasses import dataclass
from datetime import date

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.models import Page

from standards import selectors as standards_selectors
from standards.models import Acknowledgement, Suggestion

from .base import AnalyticsReportView, TextColumn

URL_NAME = "review_content_health"

REACKNOWLEDGE = "reacknowledge"
NEVER = "never"

STATUS_LABELS = {
    REACKNOWLEDGE: _("Re-acknowledgement needed"),
    NEVER: _("Never acknowledged"),
}


@dataclass
class PendingAcknowledgement:
    """One person who still has to (re-)acknowledge one page."""

    person_id: int
    person_name: str
    role: str
    page_id: int
    page_title: str
    page_path: str
    status: str
    since: date | None  # when it became pending for them

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def pending_acknowledgements_of_everyone(*, today=None):
    """``[PendingAcknowledgement]`` of every active person at every live page
    that asks for acknowledgement, by person then page tree order. A fixed
    number of queries whatever the number of people and pages: the people
    (one), the pages (one, plus the content types on a cold cache) and
    ``standards.selectors.acknowledgement_states`` (a fixed number).

    "Since": for a re-acknowledgement, the publication of the first change
    since their acknowledgement that asks their role to re-read; for a page
    never acknowledged, the later of its first publication and the person's
    start date.
    """
    people = list(
        get_user_model()
        .objects.filter(is_active=True)
        .select_related("role")
        .order_by("first_name", "last_name", "username")
    )
    content_types = ContentType.objects.get_for_models(
        *standards_selectors.acknowledgeable_page_models()
    ).values()
    pages = list(
        Page.objects.live()
        .filter(content_type__in=content_types)
        .order_by("path")
        .values_list("pk", "title", "path", "first_published_at")
    )
    states = standards_selectors.acknowledgement_states(
        people=people, page_ids=[pk for pk, *_rest in pages]
    )
    rows = []
    for person in people:
        for page_id, title, path, first_published_at in pages:
            state = states[(person.pk, page_id)]
            if not state.pending:
                continue
            if state.needs_reacknowledgement:
                status = REACKNOWLEDGE
                asking = [
                    change.published_at
                    for change in state.changes_since
                    # The standards app's own rule of whom a change asks to re-read.
                    if change.published_at
                    and standards_selectors.change_applies_to(change, person.role_id)
                ]
                since = timezone.localdate(min(asking)) if asking else None
            else:
                status = NEVER
                moments = [
                    timezone.localdate(first_published_at) if first_published_at else None,
                    person.start_date,
                ]
                since = max((moment for moment in moments if moment), default=None)
            rows.append(
                PendingAcknowledgement(
                    person_id=person.pk,
                    person_name=str(person),
                    role=person.role.title if person.role_id else "",
                    page_id=page_id,
                    page_title=title,
                    page_path=path,
                    status=status,
                    since=since,
                )
            )
    return rows


class PendingFilterSet(WagtailFilterSet):
    ALL = "all"

    status = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[
            (REACKNOWLEDGE, STATUS_LABELS[REACKNOWLEDGE]),
            (NEVER, STATUS_LABELS[NEVER]),
            (ALL, _("Everything pending")),
        ],
        empty_label=None,
        initial=REACKNOWLEDGE,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Acknowledgement
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # Without a choice the report shows what it is for: the re-acknowledgements.
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = REACKNOWLEDGE
        super().__init__(data, *args, **kwargs)


class ContentHealthView(AnalyticsReportView):
    """Pending (re-)acknowledgements by person, under the upkeep summary.
    A fixed number of queries whatever the number of people and pages."""

    page_title = _("Content health")
    header_icon = "pick"
    index_url_name = URL_NAME
    index_results_url_name = f"{URL_NAME}_results"
    results_template_name = "review/reports/content_results.html"
    filterset_class = PendingFilterSet
    verbose_name = _("pending acknowledgement")
    verbose_name_plural = _("pending acknowledgements")
    default_ordering = "person"
    export_filename = "pending-acknowledgements"
    sorts = {
        "person": lambda row: (row.person_name.casefold(), row.person_id, row.page_path),
        "page": lambda row: (row.page_path, row.person_name.casefold(), row.person_id),
        "since": lambda row: row.since,
    }
    list_export = ["person_name", "role", "page_title", "status_label", "since"]
    export_headings = {
        "person_name": _("Person"),
        "role": _("Role"),
        "page_title": _("Standard"),
        "status_label": _("Status"),
        "since": _("Pending since"),
    }

    @cached_property
    def columns(self):
        return [
            Column("person", label=_("Person"), accessor="person_name", sort_key="person"),
            TextColumn("role", label=_("Role")),
            TitleColumn(
                "page",
                classname="analytics-report__title",
                label=_("Standard"),
                accessor="page_title",
                sort_key="page",
                get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page_id]),
            ),
            Column("status", label=_("Status"), accessor="status_label"),
            TextColumn("since", label=_("Pending since"), sort_key="since"),
        ]

    @cached_property
    def pending(self):
        return pending_acknowledgements_of_everyone()

    def get_rows(self):
        return self.pending

    def filter_rows(self, rows):
        status = self.filter_values.get("status") or REACKNOWLEDGE
        if status == PendingFilterSet.ALL:
            return rows
        return [row for row in rows if row.status == status]

    @cached_property
    def summary(self):
        """The upkeep figures above the table (three queries)."""
        counts = dict(
            Suggestion.objects.values("status")
            .annotate(count=Count("pk"))
            .values_list("status", "count")
        )
        reacknowledge = [row for row in self.pending if row.status == REACKNOWLEDGE]
        return {
            "overdue": standards_selectors.overdue_reviews().count(),
            "review_report_url": reverse("standards_review_report"),
            "trust": standards_selectors.trust_score(),
            "suggestions": [
                (label, counts.get(value, 0)) for value, label in Suggestion.Status.choices
            ],
            "suggestions_url": reverse("suggestions:index"),
            "reacknowledgements": len(reacknowledge),
            "people_reacknowledging": len({row.person_id for row in reacknowledge}),
        }
