"""The "Content gaps" report: every question of every quiz, lowest facility
first, with its most chosen wrong answer (``quizzes.statistics``)."""

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn

from quizzes.models import Question
from quizzes.reports import STATISTICS_SORTS, question_label, statistics_columns
from quizzes.statistics import all_question_statistics

from .base import AnalyticsReportView, TextColumn

URL_NAME = "review_content_gaps"


class QuestionFilterSet(WagtailFilterSet):
    quiz = django_filters.ChoiceFilter(label=_("Quiz"), empty_label=_("All quizzes"))
    category = django_filters.ChoiceFilter(label=_("Category"), empty_label=_("All categories"))

    class Meta:
        model = Question
        fields = []

    def __init__(self, *args, quiz_choices=(), category_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["quiz"].extra["choices"] = quiz_choices
        self.filters["category"].extra["choices"] = category_choices


NO_CATEGORY = "-"


def question_edit_url(entry):
    if entry.question_id is None:
        return None  # deleted from the bank: nothing to open
    return reverse(Question.snippet_viewset.get_url_name("edit"), args=[entry.question_id])


class ContentGapsView(AnalyticsReportView):
    """Questions across all quizzes from all graded attempts, lowest facility
    first. One query for the figures (filters included) whatever the number
    of attempts, answers or questions."""

    page_title = _("Content gaps")
    header_icon = "help"
    index_url_name = URL_NAME
    index_results_url_name = f"{URL_NAME}_results"
    results_template_name = "review/reports/questions_results.html"
    filterset_class = QuestionFilterSet
    verbose_name = _("question")
    verbose_name_plural = _("questions")
    default_ordering = "facility"
    paginate_by = 100
    export_filename = "content-gaps"
    sorts = STATISTICS_SORTS
    list_export = [
        "text",
        "category",
        "kind_label",
        "quizzes",
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
        "text": _("Question"),
        "category": _("Category"),
        "kind_label": _("Kind"),
        "quizzes": _("Quizzes"),
        "question_id": _("Question ID (empty once deleted)"),
        "asked": _("Times asked"),
        "answered": _("Times answered"),
        "facility": _("Facility index (%)"),
        "discrimination": _("Discrimination index (%)"),
        "wrong_answer": _("Most chosen wrong answer"),
        "wrong_answer_count": _("Times chosen"),
        "average_seconds": _("Average time (seconds)"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "text",
                label=_("Question"),
                accessor=question_label,
                get_url=question_edit_url,
                classname="analytics-report__text",
            ),
            TextColumn("category", label=_("Category")),
            Column("quizzes", label=_("Quizzes"), accessor=lambda entry: ", ".join(entry.quizzes)),
            *statistics_columns(),
        ]

    @cached_property
    def statistics(self):
        return all_question_statistics()

    def get_filterset_kwargs(self):
        quizzes = sorted({title for entry in self.statistics for title in entry.quizzes})
        categories = sorted({entry.category for entry in self.statistics if entry.category})
        category_choices = [(name, name) for name in categories]
        if any(not entry.category for entry in self.statistics):
            category_choices.append((NO_CATEGORY, _("No category")))
        return {
            **super().get_filterset_kwargs(),
            "quiz_choices": [(title, title) for title in quizzes],
            "category_choices": category_choices,
        }

    def get_rows(self):
        return self.statistics

    def filter_rows(self, rows):
        values = self.filter_values
        if quiz := values.get("quiz"):
            rows = [entry for entry in rows if quiz in entry.quizzes]
        if category := values.get("category"):
            wanted = "" if category == NO_CATEGORY else category
            rows = [entry for entry in rows if entry.category == wanted]
        return rows
