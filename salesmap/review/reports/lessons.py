"""The "Lesson analytics" report: completion, time against the estimate,
drop-off within each course and the quiz score, per live lesson (from
``lessons.statistics``)."""

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, TitleColumn

from lessons.models import CoursePage
from lessons.statistics import lesson_statistics

from .base import (
    AnalyticsReportView,
    TextColumn,
    ValueColumn,
    format_duration,
    format_percent,
    format_ratio,
)

URL_NAME = "review_lesson_analytics"


class LessonFilterSet(WagtailFilterSet):
    course = django_filters.ChoiceFilter(label=_("Course"), empty_label=_("All courses"))

    class Meta:
        model = CoursePage
        fields = []

    def __init__(self, *args, course_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["course"].extra["choices"] = course_choices


class DropOffColumn(BaseColumn):
    """The drop-off count, with a "biggest drop" tag on the course's worst lesson."""

    cell_template_name = "review/reports/drop_off_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["drop_off"] = instance.drop_off
        context["biggest"] = instance.biggest_drop
        return context


def audience_share(entry):
    if not entry.audience:
        return "—"
    return _("%(done)s of %(people)s (%(percent)s)") % {
        "done": entry.audience_completed,
        "people": entry.audience,
        "percent": format_percent(entry.audience_completion_rate),
    }


def course_label(entry):
    if entry.course_id is None:
        return _("Stand-alone")
    return f"{entry.course_title} · {entry.position}"


class LessonAnalyticsView(AnalyticsReportView):
    """Every live lesson in course order. Seven queries for the figures
    (``lesson_statistics``) plus one for the course filter, whatever the
    number of lessons, people or records."""

    page_title = _("Lesson analytics")
    header_icon = "doc-full"
    index_url_name = URL_NAME
    index_results_url_name = f"{URL_NAME}_results"
    results_template_name = "review/reports/lessons_results.html"
    filterset_class = LessonFilterSet
    verbose_name = _("lesson")
    verbose_name_plural = _("lessons")
    default_ordering = "course"
    paginate_by = 100
    export_filename = "lesson-analytics"
    sorts = {
        "course": lambda entry: entry.order,
        "opened": lambda entry: entry.opened,
        "completion_rate": lambda entry: entry.completion_rate,
        "time_ratio": lambda entry: entry.time_ratio,
        "drop_off": lambda entry: entry.drop_off,
        "quiz": lambda entry: entry.average_quiz_percent,
    }
    list_export = [
        "course_title",
        "position",
        "title",
        "opened",
        "completed",
        "completion_rate",
        "audience",
        "audience_completed",
        "audience_completion_rate",
        "median_seconds",
        "estimated_seconds",
        "time_ratio",
        "drop_off",
        "biggest_drop_text",
        "quiz_people",
        "average_quiz_percent",
    ]
    export_headings = {
        "course_title": _("Course"),
        "position": _("Place in course"),
        "title": _("Lesson"),
        "opened": _("People who opened it"),
        "completed": _("Completed"),
        "completion_rate": _("Completion rate (%)"),
        "audience": _("People it is meant for"),
        "audience_completed": _("Of them completed"),
        "audience_completion_rate": _("Completion of those it is meant for (%)"),
        "median_seconds": _("Median active time of completers (seconds)"),
        "estimated_seconds": _("Estimate (seconds)"),
        "time_ratio": _("Median time / estimate"),
        "drop_off": _("Drop-off from the previous lesson"),
        "biggest_drop_text": _("Biggest drop in the course"),
        "quiz_people": _("People with a quiz score"),
        "average_quiz_percent": _("Average quiz score (%)"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                classname="analytics-report__title",
                label=_("Lesson"),
                get_url=lambda entry: reverse("wagtailadmin_pages:edit", args=[entry.lesson_id]),
            ),
            Column("course", label=_("Course"), accessor=course_label, sort_key="course"),
            Column("opened", label=_("Opened"), sort_key="opened"),
            Column("completed", label=_("Completed")),
            ValueColumn(
                "completion_rate",
                label=_("Completion rate"),
                sort_key="completion_rate",
                format=format_percent,
            ),
            Column("audience", label=_("Of those it is meant for"), accessor=audience_share),
            ValueColumn(
                "median_seconds", label=_("Median time of completers"), format=format_duration
            ),
            ValueColumn("estimated_seconds", label=_("Estimate"), format=format_duration),
            ValueColumn(
                "time_ratio",
                label=_("Time / estimate"),
                sort_key="time_ratio",
                format=format_ratio,
            ),
            DropOffColumn("drop_off", label=_("Drop-off"), sort_key="drop_off"),
            ValueColumn(
                "average_quiz_percent",
                label=_("Quiz score"),
                sort_key="quiz",
                format=format_percent,
            ),
            TextColumn("quiz_people", label=_("Quiz takers")),
        ]

    @cached_property
    def statistics(self):
        entries = lesson_statistics()
        for order, entry in enumerate(entries):
            entry.order = order
            entry.biggest_drop_text = _("Yes") if entry.biggest_drop else ""
        return entries

    def get_filterset_kwargs(self):
        courses = CoursePage.objects.live().order_by("path").values_list("pk", "title")
        return {
            **super().get_filterset_kwargs(),
            "course_choices": [(str(pk), title) for pk, title in courses],
        }

    def get_rows(self):
        return self.statistics

    def filter_rows(self, rows):
        course = self.filter_values.get("course")
        if course:
            return [entry for entry in rows if str(entry.course_id) == course]
        return rows
