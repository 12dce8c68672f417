"""Admin reports on quiz results: "Quiz results" and each quiz's "Question statistics".

Both are Wagtail ``ReportView``s, exportable as CSV and XLSX, and open only
to people who may edit quizzes (``quizzes.change_quiz``: Sales Ops); anyone
else gets a 403. The figures come from ``quizzes.statistics``. The app's
``wagtail_hooks`` mounts them with ``admin_urls()`` and ``report_menu_item()``.
"""

from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Attempt, Quiz
from .statistics import question_statistics, quiz_statistics, quiz_statistics_for

quiz_permission_policy = ModelPermissionPolicy(Quiz)

RESULTS_URL_NAME = "quizzes_results_report"
QUESTIONS_URL_NAME = "quizzes_question_statistics"


def format_percent(value):
    """A percentage for people, in their language's number format; a dash for none."""
    if value is None:
        return "—"
    return f"{number_format(value, 2)}\u00a0%"


def format_duration(seconds):
    """Seconds as m:ss, or h:mm:ss from an hour on; a dash for none."""
    if seconds is None:
        return "—"
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


class ValueColumn(Column):
    """A column whose cell shows ``format(value)``."""

    def __init__(self, name, *, format=str, **kwargs):
        super().__init__(name, **kwargs)
        self.format = format

    def get_value(self, instance):
        return self.format(super().get_value(instance))


# A spreadsheet reads a cell starting with one of these as a formula (OWASP's
# "CSV injection"); answers typed by quiz takers reach the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class QuizReportMixin:
    """Only people who may edit quizzes see their results (403 for anyone else);
    text in CSV exports is never read as a formula."""

    permission_policy = quiz_permission_policy
    permission_required = "change"

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        is_text = export_format == self.FORMAT_CSV and isinstance(value, str)
        return f"'{value}" if is_text and value.startswith(FORMULA_STARTS) else value


class QuizResultsView(QuizReportMixin, ReportView):
    """Every quiz with its attempts, people, average and median score, pass rate
    and average duration (see ``quizzes.statistics``). Three queries for the
    page (quizzes, their count, their statistics) whatever the number of attempts."""

    page_title = _("Quiz results")
    header_icon = "tasks"
    index_url_name = RESULTS_URL_NAME
    index_results_url_name = f"{RESULTS_URL_NAME}_results"
    results_template_name = "quizzes/reports/quiz_results_results.html"
    model = Quiz
    verbose_name = _("quiz")
    verbose_name_plural = _("quizzes")
    default_ordering = "title"
    is_searchable = True
    search_backend_name = None  # a plain title filter: the titles are few and short
    search_fields = ["title"]
    export_filename = "quiz-results"
    list_export = [
        "title",
        "stats.attempts",
        "stats.people",
        "stats.graded",
        "stats.needs_marking",
        "stats.average_percent",
        "stats.median_percent",
        "stats.pass_rate",
        "stats.average_seconds",
    ]
    export_headings = {
        "title": _("Quiz"),
        "stats.attempts": _("Attempts"),
        "stats.people": _("People"),
        "stats.graded": _("Graded attempts"),
        "stats.needs_marking": _("Waiting for marking"),
        "stats.average_percent": _("Average score (%)"),
        "stats.median_percent": _("Median score (%)"),
        "stats.pass_rate": _("Pass rate (%)"),
        "stats.average_seconds": _("Average duration (seconds)"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Quiz"),
                sort_key="title",
                classname="quiz-report__title",
                get_url=lambda quiz: reverse(QUESTIONS_URL_NAME, args=[quiz.pk]),
            ),
            Column(
                "attempts", label=_("Attempts"), accessor="stats.attempts", sort_key="attempt_count"
            ),
            Column("people", label=_("People"), accessor="stats.people"),
            Column("graded", label=_("Graded"), accessor="stats.graded"),
            ValueColumn(
                "average_percent",
                label=_("Average score"),
                accessor="stats.average_percent",
                sort_key="average_score",
                format=format_percent,
            ),
            ValueColumn(
                "median_percent",
                label=_("Median score"),
                accessor="stats.median_percent",
                format=format_percent,
            ),
            ValueColumn(
                "pass_rate", label=_("Pass rate"), accessor="stats.pass_rate", format=format_percent
            ),
            ValueColumn(
                "average_seconds",
                label=_("Average duration"),
                accessor="stats.average_seconds",
                format=format_duration,
            ),
        ]

    def get_base_queryset(self):
        # Annotated only so the table can sort by them; the figures shown come
        # from the statistics, which agree with these by definition.
        return Quiz.objects.annotate(
            attempt_count=Count("attempts", filter=Q(attempts__state__in=Attempt.FINISHED_STATES)),
            average_score=Avg("attempts__percent", filter=Q(attempts__state=Attempt.State.GRADED)),
        )

    def order_queryset(self, queryset):
        # A stable order among equals, so pagination never shuffles quizzes.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "pk")

    def decorate_paginated_queryset(self, object_list):
        quizzes = list(object_list)
        stats = quiz_statistics_for(quizzes)
        for quiz in quizzes:
            quiz.stats = stats[quiz.pk]
        return quizzes


# The question statistics' own sorts and columns (``statistics_columns``),
# shared with other reports of ``QuestionStatistics`` rows (the project's
# content-gaps report). Missing values always sort last.
STATISTICS_SORTS = {
    "facility": lambda entry: entry.facility,
    "discrimination": lambda entry: entry.discrimination,
    "asked": lambda entry: entry.asked,
    "average_seconds": lambda entry: entry.average_seconds,
}


class QuestionStatisticsView(QuizReportMixin, ReportView):
    """One quiz's questions with times asked, facility and discrimination index,
    most chosen wrong answer and average time, and the quiz's summary above
    them. Four queries for the data (quiz, answers, the quiz's question order,
    the summary) whatever the number of attempts."""

    page_title = _("Question statistics")
    header_icon = "tasks"
    index_url_name = QUESTIONS_URL_NAME
    index_results_url_name = f"{QUESTIONS_URL_NAME}_results"
    results_template_name = "quizzes/reports/question_statistics_results.html"
    verbose_name = _("question")
    verbose_name_plural = _("questions")
    default_ordering = "position"
    paginate_by = 100
    list_export = [
        "position",
        "text",
        "kind_label",
        "category",
        "question_id",
        "asked",
        "answered",
        "facility",
        "discrimination",
        "wrong_answer",
        "wrong_answer_count",
        "average_seconds",
    ]
    export_headings = {
        "position": _("Position"),
        "text": _("Question"),
        "kind_label": _("Kind"),
        "category": _("Category"),
        "question_id": _("Question ID (empty once deleted)"),
        "asked": _("Times asked"),
        "answered": _("Times answered"),
        "facility": _("Facility index (%)"),
        "discrimination": _("Discrimination index (%)"),
        "wrong_answer": _("Most chosen wrong answer"),
        "wrong_answer_count": _("Times chosen"),
        "average_seconds": _("Average time (seconds)"),
    }
    # How each sortable column orders rows; missing values always sort last.
    sorts = {"position": lambda entry: entry.position, **STATISTICS_SORTS}

    @cached_property
    def quiz(self):
        # Looked up after the permission check, so a 404 tells nothing to others.
        return get_object_or_404(Quiz, pk=self.kwargs["quiz_id"])

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(RESULTS_URL_NAME), "label": QuizResultsView.page_title},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_index_url(self):
        return reverse(QUESTIONS_URL_NAME, args=[self.quiz.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.quiz.pk])

    def get_filename(self):
        return f"question-statistics-quiz-{self.quiz.pk}"

    @cached_property
    def summary(self):
        """The quiz's own figures, for the page only (not the export)."""
        return quiz_statistics(self.quiz)

    @property
    def summary_rows(self):
        """(label, value) pairs of the summary, formatted for people."""
        stats = self.summary
        return [
            (_("Attempts"), number_format(stats.attempts)),
            (_("People"), number_format(stats.people)),
            (_("Graded"), number_format(stats.graded)),
            (_("Waiting for marking"), number_format(stats.needs_marking)),
            (_("Average score"), format_percent(stats.average_percent)),
            (_("Median score"), format_percent(stats.median_percent)),
            (_("Pass rate"), format_percent(stats.pass_rate)),
            (_("Average duration"), format_duration(stats.average_seconds)),
        ]

    @cached_property
    def columns(self):
        return [
            Column("position", label="#", sort_key="position"),
            Column(
                "text", label=_("Question"), accessor=question_label, classname="quiz-report__text"
            ),
            Column("kind", label=_("Kind"), accessor="kind_label"),
            *statistics_columns(),
        ]

    def get_queryset(self):
        return question_statistics(self.quiz)

    def order_queryset(self, queryset):
        ordering = self.ordering or self.default_ordering
        descending = ordering.startswith("-")
        value = self.sorts[ordering.lstrip("-")]
        present = [entry for entry in queryset if value(entry) is not None]
        missing = [entry for entry in queryset if value(entry) is None]
        present.sort(key=value, reverse=descending)  # stable: quiz order among equals
        return present + missing

    def get_filtered_queryset(self):
        return self.order_queryset(self.get_queryset())


def question_label(entry):
    if entry.deleted:
        return _("%(text)s (deleted from the bank)") % {"text": entry.text}
    return entry.text


def wrong_answer(entry):
    if not entry.wrong_answer_count:
        return "—"
    return _("%(answer)s (%(count)s×)") % {
        "answer": entry.wrong_answer,
        "count": entry.wrong_answer_count,
    }


def statistics_columns():
    """Asked, facility, discrimination, most chosen wrong answer, average time."""
    return [
        Column("asked", label=_("Asked"), sort_key="asked"),
        ValueColumn(
            "facility", label=_("Facility index"), sort_key="facility", format=format_percent
        ),
        ValueColumn(
            "discrimination",
            label=_("Discrimination index"),
            sort_key="discrimination",
            format=format_percent,
        ),
        Column("wrong_answer", label=_("Most chosen wrong answer"), accessor=wrong_answer),
        ValueColumn(
            "average_seconds",
            label=_("Average time"),
            sort_key="average_seconds",
            format=format_duration,
        ),
    ]


class QuizResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return quiz_permission_policy.user_has_permission(request.user, "change")


def report_menu_item():
    """The "Quiz results" entry of the admin's Reports menu (for people who may edit quizzes)."""
    return QuizResultsMenuItem(
        _("Quiz results"),
        reverse(RESULTS_URL_NAME),
        name="quiz-results",
        icon_name="tasks",
        order=60,
    )


def admin_urls():
    """The reports' admin URLs, for the ``register_admin_urls`` hook."""
    return [
        path("reports/quiz-results/", QuizResultsView.as_view(), name=RESULTS_URL_NAME),
        path(
            "reports/quiz-results/results/",
            QuizResultsView.as_view(results_only=True),
            name=f"{RESULTS_URL_NAME}_results",
        ),
        path(
            "reports/quiz-results/<int:quiz_id>/questions/",
            QuestionStatisticsView.as_view(),
            name=QUESTIONS_URL_NAME,
        ),
        path(
            "reports/quiz-results/<int:quiz_id>/questions/results/",
            QuestionStatisticsView.as_view(results_only=True),
            name=f"{QUESTIONS_URL_NAME}_results",
        ),
    ]
