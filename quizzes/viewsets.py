"""The "Quizzes" area of the Wagtail admin: quizzes, the question bank and its categories.

Quizzes are snippets with drafts, revisions and previews; questions and
categories are plain snippets. Listings are shaped in ``get_queryset`` (one
query for the rows, whatever their number). Deleting a quiz that people have
taken, or a question a quiz uses, is refused with a page that says why and
what to do instead (see ``deletion_refusals``); the database's PROTECT is the
backstop.
"""

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Count, Exists, OuterRef, ProtectedError
from django.db.models.functions import Cast
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    NumberColumn,
    StatusFlagColumn,
    StatusTagColumn,
    UpdatedAtColumn,
)
from wagtail.models import Revision
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet, SnippetViewSetGroup

from .models import Attempt, Category, Question, Quiz, QuizQuestion, SubCategory

REFUSED_TEMPLATE = "quizzes/admin/delete_refused.html"


# --- Deletion refusals ---------------------------------------------------------------


def _quiz_refusals(quizzes):
    counts = dict(
        Attempt.objects.filter(quiz__in=quizzes)
        .values_list("quiz")
        .annotate(count=Count("pk"))
        .values_list("quiz", "count")
    )
    refusals = []
    for quiz in quizzes:
        count = counts.get(quiz.pk)
        if count:
            message = ngettext(
                "“%(quiz)s” has been taken %(count)s time. Its results must be kept, so it "
                "cannot be deleted: archive it instead (Settings tab, “Archived”), and "
                "nobody will be able to take it any more.",
                "“%(quiz)s” has been taken %(count)s times. Its results must be kept, so it "
                "cannot be deleted: archive it instead (Settings tab, “Archived”), and "
                "nobody will be able to take it any more.",
                count,
            ) % {"quiz": quiz, "count": count}
            refusals.append({"object": quiz, "message": message, "quizzes": []})
    return refusals


def quizzes_using(questions):
    """The quizzes that place each question: published rows and latest drafts.

    Returns ``{question_pk: [quiz, ...]}`` in two queries. A draft counts
    because publishing it later would need the question.
    """
    pks = {question.pk for question in questions}
    using = {pk: {} for pk in pks}
    for placed in QuizQuestion.objects.filter(question__in=pks).select_related("quiz"):
        using[placed.question_id][placed.quiz_id] = placed.quiz
    drafts = Quiz.objects.filter(has_unpublished_changes=True, latest_revision__isnull=False)
    for quiz in drafts.select_related("latest_revision"):
        for row in quiz.latest_revision.content.get("quiz_questions", []):
            if row.get("question") in pks:
                using[row["question"]].setdefault(quiz.pk, quiz)
    return {pk: sorted(found.values(), key=lambda quiz: quiz.title) for pk, found in using.items()}


def _question_refusals(questions):
    using = quizzes_using(questions)
    refusals = []
    for question in questions:
        quizzes = using.get(question.pk)
        if quizzes:
            message = ngettext(
                "This question is used in the quiz %(quizzes)s. Remove it from that quiz "
                "first; past results keep their own copy of the question.",
                "This question is used in the quizzes %(quizzes)s. Remove it from those "
                "quizzes first; past results keep their own copy of the question.",
                len(quizzes),
            ) % {"quizzes": ", ".join(f"“{quiz}”" for quiz in quizzes)}
            refusals.append({"object": question, "message": message, "quizzes": quizzes})
    return refusals


def deletion_refusals(objects):
    """Why each of ``objects`` may not be deleted, as a list of dicts with
    ``object``, ``message`` and ``quizzes`` (the quizzes in the way, if any).

    Empty when all may go. A fixed number of queries, whatever the count.
    """
    objects = list(objects)
    if not objects:
        return []
    if isinstance(objects[0], Quiz):
        return _quiz_refusals(objects)
    if isinstance(objects[0], Question):
        return _question_refusals(objects)
    return []


def refusal_response(request, refusals, *, status=None):
    """The page that says what cannot be deleted and why (409 on POST)."""
    model = type(refusals[0]["object"])
    quiz_edit = Quiz.snippet_viewset.get_url_name("edit")
    own_edit = model.snippet_viewset.get_url_name("edit")
    for refusal in refusals:
        refusal["edit_url"] = reverse(own_edit, args=[quote(refusal["object"].pk)])
        refusal["quiz_links"] = [
            (quiz, reverse(quiz_edit, args=[quote(quiz.pk)])) for quiz in refusal["quizzes"]
        ]
    title = _("Cannot delete this %(model)s") % {"model": model._meta.verbose_name}
    context = {
        "page_title": title,
        "header_title": title,
        "header_icon": model.snippet_viewset.icon,
        "refusals": refusals,
        "back_url": reverse(model.snippet_viewset.get_url_name("list")),
        "attempted": request.method == "POST",
    }
    if status is None:
        status = 409 if request.method == "POST" else 200
    return TemplateResponse(request, REFUSED_TEMPLATE, context, status=status)


class ProtectedDeleteView(DeleteView):
    """Refuses in words, never with a 500, if a PROTECT reference appeared
    between the check (the ``before_delete_snippet`` hook) and the delete."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            refusals = deletion_refusals([self.object]) or [
                {
                    "object": self.object,
                    "message": _("Other records still refer to it."),
                    "quizzes": [],
                }
            ]
            return refusal_response(self.request, refusals, status=409)


# --- Listing columns -----------------------------------------------------------------


def _quiz_status(quiz):
    # DraftStateMixin.status_string asks the database for a scheduled revision
    # on every row; the listing annotates it once instead.
    if not quiz.live:
        if quiz.expired:
            return _("expired")
        return _("scheduled") if quiz.is_scheduled else _("draft")
    if quiz.is_scheduled:
        return _("live + scheduled")
    return _("live + draft") if quiz.has_unpublished_changes else _("live")


# --- Viewsets ------------------------------------------------------------------------


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    delete_view_class = ProtectedDeleteView
    list_per_page = 50
    list_display = [
        "__str__",
        "category",
        NumberColumn("question_count", label=_("Questions"), sort_key="question_count"),
        StatusFlagColumn("archived", label=_("Archived"), true_label=_("archived")),
        UpdatedAtColumn(),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=_quiz_status,
            sort_key="live",
            primary=lambda quiz: quiz.live,
        ),
    ]
    list_filter = ["category", "live", "archived"]
    search_fields = ["title", "slug", "description"]
    search_backend_name = None
    ordering = "title"

    def get_queryset(self, request):
        scheduled = Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Quiz),
            object_id=Cast(OuterRef("pk"), CharField()),
            approved_go_live_at__isnull=False,
        )
        return (
            Quiz.objects.select_related("category", "latest_revision")
            .annotate(
                question_count=Count("quiz_questions", distinct=True),
                is_scheduled=Exists(scheduled),
            )
            .order_by("title")
        )


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    delete_view_class = ProtectedDeleteView
    list_per_page = 50
    list_display = [
        "__str__",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        "category",
        "points",
        NumberColumn("use_count", label=_("Used in quizzes"), sort_key="use_count"),
        DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    list_filter = ["kind", "category", "sub_category"]
    search_fields = ["text", "explanation", "accepted_answers"]
    search_backend_name = None
    ordering = "-updated_at"

    def get_queryset(self, request):
        return Question.objects.select_related("category").annotate(
            use_count=Count("quiz_uses", distinct=True)
        )


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = [
        "name",
        NumberColumn("subcategory_count", label=_("Sub-categories"), sort_key="subcategory_count"),
        NumberColumn("question_count", label=_("Questions"), sort_key="question_count"),
        NumberColumn("quiz_count", label=_("Quizzes"), sort_key="quiz_count"),
    ]
    search_fields = ["name"]
    search_backend_name = None
    ordering = "name"

    def get_queryset(self, request):
        return Category.objects.annotate(
            subcategory_count=Count("subcategories", distinct=True),
            question_count=Count("questions", distinct=True),
            quiz_count=Count("quizzes", distinct=True),
        )


class SubCategoryViewSet(SnippetViewSet):
    model = SubCategory
    icon = "folder-inverse"
    menu_label = _("Sub-categories")
    list_display = [
        "name",
        "category",
        NumberColumn("question_count", label=_("Questions"), sort_key="question_count"),
    ]
    list_filter = ["category"]
    search_fields = ["name", "category__name"]
    search_backend_name = None
    ordering = ["category__name", "name"]

    def get_queryset(self, request):
        return SubCategory.objects.select_related("category").annotate(
            question_count=Count("questions", distinct=True)
        )


class QuizzesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Quizzes")
    menu_icon = "tasks"
    menu_order = 300
    items = (QuizViewSet, QuestionViewSet, CategoryViewSet, SubCategoryViewSet)
