"""The "Pages due for review" report and the trust score panel of the admin dashboard.

Both read ``PageReview`` (one row per live Sales Map page) through the
selectors. The report's permission is Django's own ``view_pagereview``,
granted to Sales Ops and Sales Ops leads by a data migration.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BaseColumn, Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from standards import selectors
from standards.models import PageReview

review_permission_policy = ModelPermissionPolicy(PageReview)

DUE_SOON_DAYS = 14
# Root (1) > Sales Map home (2) > section (3): a page's section is its ancestor at depth 3.
SECTION_DEPTH = 3


def display_name(person):
    return "" if person is None else str(person)


class ReviewStateFilterSet(WagtailFilterSet):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NO_OWNER = "no_owner"
    ALL = "all"

    state = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[
            (OVERDUE, _("Overdue")),
            (DUE_SOON, _("Due within 14 days")),  # DUE_SOON_DAYS
            (NO_OWNER, _("No owner")),
            (ALL, _("All pages")),
        ],
        empty_label=None,
        initial=OVERDUE,
        method="filter_state",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = PageReview
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # Without a choice the report shows what it is for: the overdue pages.
        if data is not None and not data.get("state"):
            data = data.copy()
            data["state"] = self.OVERDUE
        super().__init__(data, *args, **kwargs)

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        if value == self.OVERDUE:
            return queryset.filter(due_at__lt=now)
        if value == self.DUE_SOON:
            return queryset.filter(due_at__gte=now, due_at__lt=now + timedelta(days=DUE_SOON_DAYS))
        if value == self.NO_OWNER:
            return queryset.filter(owner__isnull=True)
        return queryset


class TextColumn(Column):
    """A column that shows a dash for an empty value."""

    empty_value_display = "—"


class LocalDateColumn(TextColumn):
    """A date (or the local date of a datetime), formatted for the reader's language."""

    cell_template_name = "standards/admin/date_cell.html"


class LastVerifiedColumn(BaseColumn):
    cell_template_name = "standards/admin/last_verified_cell.html"


class VerifyColumn(BaseColumn):
    """A "Verify" POST button for the rows the viewer may verify."""

    cell_template_name = "standards/admin/verify_cell.html"

    def __init__(self, name, *, return_url, **kwargs):
        super().__init__(name, **kwargs)
        self.return_url = return_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["can_verify"] = instance.can_verify
        context["action_url"] = reverse("standards_verify_page", args=[instance.page_id])
        context["next_url"] = self.return_url
        # Cells are rendered outside the request context: no csrf_token there.
        context["csrf_token"] = get_token(request)
        return context


class PagesDueForReviewView(ReportView):
    page_title = _("Pages due for review")
    header_icon = "time"
    index_url_name = "standards_review_report"
    index_results_url_name = "standards_review_report_results"
    permission_policy = review_permission_policy
    permission_required = "view"
    filterset_class = ReviewStateFilterSet
    default_ordering = "due_at"
    model = PageReview
    verbose_name = _("page")
    verbose_name_plural = _("pages")
    export_filename = "pages-due-for-review"
    list_export = [
        "page.title",
        "section",
        "owner_name",
        "last_verified_on",
        "last_verified_by_name",
        "due_on",
        "days_overdue",
        "edit_url",
    ]
    export_headings = {
        "page.title": _("Page"),
        "section": _("Section"),
        "owner_name": _("Owner"),
        "last_verified_on": _("Last verified"),
        "last_verified_by_name": _("Verified by"),
        "due_on": _("Review due"),
        "days_overdue": _("Days overdue"),
        "edit_url": _("Edit link"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "page",
                label=_("Page"),
                accessor="page.title",
                sort_key="page__title",
                get_url=lambda review: reverse("wagtailadmin_pages:edit", args=[review.page_id]),
            ),
            TextColumn("section", label=_("Section")),
            TextColumn("owner", label=_("Owner"), accessor="owner_name"),
            LastVerifiedColumn("last_verified", label=_("Last verified")),
            LocalDateColumn("due_at", label=_("Review due"), accessor="due_on", sort_key="due_at"),
            TextColumn("days_overdue", label=_("Days overdue")),
            VerifyColumn("verify", label="", return_url=self.return_url),
        ]

    @cached_property
    def return_url(self):
        """The report as the viewer sees it now (filters, order, page), for the Verify button.

        Not ``request.get_full_path()``: filtering re-renders the rows through
        the results-only URL, which is a fragment, not a page to come back to.
        """
        params = self.request.GET.copy()
        for internal in ("_w_filter_fragment", "export"):
            params.pop(internal, None)
        query = params.urlencode()
        return f"{self.index_url}?{query}" if query else self.index_url

    def get_queryset(self):
        self.queryset = selectors.live_reviews()
        return super().get_queryset()

    def order_queryset(self, queryset):
        # A stable order for pages sharing a due date (pagination must not shuffle them).
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "page__path")

    def decorate_paginated_queryset(self, object_list):
        """Attach section, names, dates and the verify right: two queries for any page count."""
        reviews = list(object_list)
        sections = self._section_titles(review.page for review in reviews)
        can_verify = selectors.verifiable_page_ids(
            self.request.user, [(review.page_id, review.owner_id) for review in reviews]
        )
        today = timezone.localdate()
        for review in reviews:
            page = review.page
            review.section = sections.get(page.path[: Page.steplen * SECTION_DEPTH], "")
            review.owner_name = display_name(review.owner)
            review.last_verified_by_name = display_name(review.last_verified_by)
            review.last_verified_on = (
                timezone.localdate(review.last_verified_at) if review.last_verified_at else None
            )
            review.due_on = timezone.localdate(review.due_at)
            overdue = (today - review.due_on).days
            review.days_overdue = overdue if overdue > 0 else None
            review.can_verify = review.page_id in can_verify
            review.edit_url = self.request.build_absolute_uri(
                reverse("wagtailadmin_pages:edit", args=[review.page_id])
            )
        return object_list

    @staticmethod
    def _section_titles(pages):
        """``{section path: title}`` of the sections the pages belong to (one query)."""
        width = Page.steplen * SECTION_DEPTH
        paths = {page.path[:width] for page in pages if page.depth >= SECTION_DEPTH}
        if not paths:
            return {}
        return dict(Page.objects.filter(path__in=paths).values_list("path", "title"))


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return review_permission_policy.user_has_permission(request.user, "view")


class TrustScorePanel(Component):
    """The dashboard's trust score: the share of live pages within their review date."""

    name = "sales_map_trust_score"
    template_name = "standards/admin/trust_score_panel.html"
    order = 90  # above Wagtail's own panels

    def __init__(self, score):
        self.score = score

    def get_context_data(self, parent_context):
        return {
            "score": self.score,
            "report_url": reverse("standards_review_report"),
            "due_soon_days": DUE_SOON_DAYS,
        }


def trust_score_panel_for(request):
    """The trust score panel for people who may open the report, else None."""
    if not review_permission_policy.user_has_permission(request.user, "view"):
        return None
    return TrustScorePanel(selectors.trust_score())
