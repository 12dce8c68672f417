"""What the Sales Ops analytics reports share: their permission, formula-safe
exports (the quiz reports' ``preprocess_field_value``, inherited, not copied),
number formats, and sorting of reports whose rows are computed lists rather
than querysets."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.base import BasePermissionPolicy

from quizzes.reports import QuizReportMixin, ValueColumn, format_duration, format_percent

__all__ = [
    "ANALYTICS_PERMISSION",
    "AnalyticsMenuItem",
    "AnalyticsReportView",
    "TextColumn",
    "ValueColumn",
    "format_duration",
    "format_percent",
    "format_ratio",
    "may_view_analytics",
]

# Registered for the Wagtail group editor and granted to Sales Ops (and their
# leads) by review's migration 0002. The permission row hangs off the
# one-on-one note's content type: it needs one, and the app has no model of
# its own for the analytics.
ANALYTICS_PERMISSION = "review.view_analytics"


def may_view_analytics(user):
    """Whether ``user`` may open the Sales Ops analytics reports."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(ANALYTICS_PERMISSION))


class AnalyticsPermissionPolicy(BasePermissionPolicy):
    """One permission for every analytics report, whatever the action asked."""

    def __init__(self):
        super().__init__("review.OneOnOneNote")

    def user_has_permission(self, user, action):
        return may_view_analytics(user)


analytics_permission_policy = AnalyticsPermissionPolicy()


def format_ratio(value):
    """A ratio such as time over estimate, as "1.25×"; a dash for none."""
    if value is None:
        return "—"
    return f"{number_format(value, 2)}×"


def two_places(value):
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class TextColumn(Column):
    """A column that shows a dash for an empty value."""

    empty_value_display = "—"


class AnalyticsReportView(QuizReportMixin, ReportView):
    """A Sales Ops analytics report: 403 without ``review.view_analytics``; CSV
    text cells never read as formulas (``QuizReportMixin``); rows computed as a
    list and sorted in Python by ``sorts`` (sort key -> value of a row), missing
    values last. Subclasses give ``get_rows()`` and may filter in ``filter_rows``."""

    permission_policy = analytics_permission_policy
    permission_required = "view"
    header_icon = "table"
    sorts = {}

    def get_rows(self):
        raise NotImplementedError

    def filter_rows(self, rows):
        return rows

    def get_queryset(self):
        return self.get_rows()

    def get_valid_orderings(self):
        return [*self.sorts, *(f"-{key}" for key in self.sorts)]

    def order_queryset(self, rows):
        ordering = self.ordering or self.default_ordering
        if not ordering:
            return list(rows)
        descending = ordering.startswith("-")
        value = self.sorts[ordering.lstrip("-")]
        present = [row for row in rows if value(row) is not None]
        missing = [row for row in rows if value(row) is None]
        present.sort(key=value, reverse=descending)  # stable: the natural order among equals
        return present + missing

    def get_filtered_queryset(self):
        return self.order_queryset(self.filter_rows(self.get_rows()))

    @property
    def filter_values(self):
        """The filter form's cleaned data, or {} when there is none or it is invalid."""
        if self.filters is not None and self.filters.form.is_valid():
            return self.filters.form.cleaned_data
        return {}


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_analytics(request.user)
