"""Sales Ops analytics in the Wagtail admin: lessons, content gaps (questions),
content health and cohorts. Each is a ``ReportView`` exportable as CSV and
XLSX, open only to people with ``review.view_analytics`` (Sales Ops); anyone
else gets a 403. ``review.wagtail_hooks`` mounts them with ``admin_urls()``
and adds each ``menu_item()`` to the admin's Reports menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from .base import AnalyticsMenuItem
from .cohorts import CohortsView
from .content import ContentHealthView
from .lessons import LessonAnalyticsView
from .questions import ContentGapsView

# (URL segment, view, menu label, menu name, icon)
REPORTS = [
    ("lessons", LessonAnalyticsView, _("Lesson analytics"), "lesson-analytics", "doc-full"),
    ("content-gaps", ContentGapsView, _("Content gaps"), "content-gaps", "help"),
    ("content-health", ContentHealthView, _("Content health"), "content-health", "pick"),
    ("cohorts", CohortsView, _("Cohorts"), "cohorts", "group"),
]


def admin_urls():
    """The reports' admin URLs, for the ``register_admin_urls`` hook."""
    urls = []
    for segment, view, *_menu in REPORTS:
        urls += [
            path(f"reports/analytics/{segment}/", view.as_view(), name=view.index_url_name),
            path(
                f"reports/analytics/{segment}/results/",
                view.as_view(results_only=True),
                name=view.index_results_url_name,
            ),
        ]
    return urls


def menu_item(segment):
    """The entry of the admin's Reports menu of the report at ``segment`` (Sales Ops only)."""
    for position, (each, view, label, name, icon) in enumerate(REPORTS):
        if each == segment:
            return AnalyticsMenuItem(
                label, reverse(view.index_url_name), name=name, icon_name=icon, order=70 + position
            )
    raise LookupError(segment)
