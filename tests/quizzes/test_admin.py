"""Editing quizzes and the question bank in the Wagtail admin, as Sales Ops do."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from quizzes import services
from quizzes.models import Answer, Category, Question, Quiz, QuizQuestion
from tests.factories import (
    ManagerFactory,
    NewHireFactory,
    QuestionFactory,
    QuizCategoryFactory,
    QuizFactory,
    SalesOpsFactory,
    SalesOpsLeadFactory,
)

pytestmark = pytest.mark.django_db


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def soup(response):
    return WagtailTestUtils.get_soup(response.content)


def error_text(response):
    """The form's errors as the editor reads them (non-field and field errors)."""
    form = response.context["form"]
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@pytest.fixture
def ops(client):
    client.force_login(SalesOpsFactory(username="ops"))
    return client


@pytest.fixture
def lead(client):
    client.force_login(SalesOpsLeadFactory(username="lead"))
    return client


# --- Questions -----------------------------------------------------------------------


def question_data(kind="single", choices=None, **fields):
    if choices is None:
        choices = [{"text": "Right", "is_correct": "on"}, {"text": "Wrong"}]
    data = {
        "kind": kind,
        "text": "Which stage comes first?",
        "points": "1",
        "choice_order": "as_entered",
        "true_false_answer": "unknown",
        "accepted_answers": "",
        "explanation": "",
        "category": "",
        "sub_category": "",
        "image": "",
        "choices": inline_formset(choices),
    }
    data.update(fields)
    return nested_form_data(data)


def test_sales_ops_creates_a_question_with_its_choices_in_order(ops):
    category = QuizCategoryFactory(name="Pipeline")
    data = question_data(
        category=str(category.pk),
        choices=[{"text": "Qualify", "is_correct": "on"}, {"text": "Close"}, {"text": "Demo"}],
    )
    response = ops.post(url(Question, "add"), data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.category == category
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("Qualify", True),
        ("Close", False),
        ("Demo", False),
    ]


def test_editing_a_question_reorders_and_removes_choices(ops):
    question = QuestionFactory(choices=[("A", True), ("B", False), ("C", False)])
    a, b, c = question.choices.all()
    data = question_data(
        choices=[
            {"id": str(c.pk), "text": "C", "ORDER": "0"},
            {"id": str(a.pk), "text": "A", "is_correct": "on", "ORDER": "1"},
            {"id": str(b.pk), "text": "B", "DELETE": "1", "ORDER": "2"},
        ],
    )
    data["choices-INITIAL_FORMS"] = "3"
    response = ops.post(url(Question, "edit", question.pk), data)
    assert response.status_code == 302
    assert [choice.text for choice in question.choices.all()] == ["C", "A"]


@pytest.mark.parametrize(
    ("kind", "choices", "expected"),
    [
        ("single", [{"text": "Only", "is_correct": "on"}], "at least two choices"),
        (
            "single",
            [{"text": "A", "is_correct": "on"}, {"text": "B", "is_correct": "on"}],
            "exactly one choice marked correct",
        ),
        ("single", [{"text": "A"}, {"text": "B"}], "exactly one choice marked correct"),
        ("multiple", [{"text": "A", "is_correct": "on"}], "at least two choices"),
        ("multiple", [{"text": "A"}, {"text": "B"}], "at least one correct choice"),
    ],
    ids=[
        "single-one-choice",
        "single-two-correct",
        "single-none-correct",
        "multiple-one-choice",
        "multiple-none-correct",
    ],
)
def test_a_choice_question_with_the_wrong_choices_is_refused(ops, kind, choices, expected):
    response = ops.post(url(Question, "add"), question_data(kind=kind, choices=choices))
    assert response.status_code == 200
    assert expected in error_text(response)
    assert expected in response.content.decode()  # in the error banner the editor reads
    assert not Question.objects.exists()


def test_choices_marked_for_deletion_do_not_count(ops):
    question = QuestionFactory(choices=[("A", True), ("B", False)])
    a, b = question.choices.all()
    data = question_data(
        choices=[
            {"id": str(a.pk), "text": "A", "is_correct": "on"},
            {"id": str(b.pk), "text": "B", "DELETE": "1"},
        ],
    )
    data["choices-INITIAL_FORMS"] = "2"
    response = ops.post(url(Question, "edit", question.pk), data)
    assert response.status_code == 200
    assert "at least two choices" in error_text(response)
    assert question.choices.count() == 2


def test_partial_credit_is_refused_on_a_one_answer_question(ops):
    response = ops.post(url(Question, "add"), question_data(partial_credit="on"))
    assert response.status_code == 200
    assert "partial_credit" in response.context["form"].errors
    assert not Question.objects.exists()


def test_partial_credit_is_accepted_on_a_several_answers_question(ops):
    data = question_data(
        kind="multiple",
        partial_credit="on",
        choices=[{"text": "A", "is_correct": "on"}, {"text": "B", "is_correct": "on"}],
    )
    assert ops.post(url(Question, "add"), data).status_code == 302
    assert Question.objects.get().partial_credit


def test_a_true_false_question_needs_its_answer(ops):
    response = ops.post(url(Question, "add"), question_data(kind="true_false", choices=[]))
    assert response.status_code == 200
    assert "true_false_answer" in response.context["form"].errors


def test_a_true_false_question_has_no_choices(ops):
    data = question_data(kind="true_false", true_false_answer="true")
    response = ops.post(url(Question, "add"), data)
    assert response.status_code == 200
    assert "Only multiple choice questions have choices" in error_text(response)


def test_a_true_false_question_with_its_answer_is_saved(ops):
    data = question_data(kind="true_false", true_false_answer="false", choices=[])
    assert ops.post(url(Question, "add"), data).status_code == 302
    assert Question.objects.get().true_false_answer is False


def test_a_short_text_question_needs_accepted_answers(ops):
    response = ops.post(url(Question, "add"), question_data(kind="short_text", choices=[]))
    assert response.status_code == 200
    assert "accepted_answers" in response.context["form"].errors


def test_an_essay_question_has_no_choices(ops):
    response = ops.post(url(Question, "add"), question_data(kind="essay"))
    assert response.status_code == 200
    assert "Only multiple choice questions have choices" in error_text(response)
    assert (
        ops.post(url(Question, "add"), question_data(kind="essay", choices=[])).status_code == 302
    )


def test_a_sub_category_of_another_category_is_refused(ops):
    from quizzes.models import SubCategory

    pricing = SubCategory.objects.create(
        category=QuizCategoryFactory(name="Product"), name="Pricing"
    )
    other = QuizCategoryFactory(name="Process")
    data = question_data(category=str(other.pk), sub_category=str(pricing.pk))
    response = ops.post(url(Question, "add"), data)
    assert response.status_code == 200
    assert "sub_category" in response.context["form"].errors


def test_sales_ops_add_a_sub_category_to_a_category(ops):
    from quizzes.models import SubCategory

    product = QuizCategoryFactory(name="Product")
    data = {"category": str(product.pk), "name": "Pricing"}
    assert ops.post(url(SubCategory, "add"), data).status_code == 302
    assert str(SubCategory.objects.get()) == "Product › Pricing"


# --- Quizzes -------------------------------------------------------------------------


def quiz_data(questions=(), **fields):
    data = {
        "title": "Pipeline basics",
        "slug": "pipeline-basics",
        "description": "",
        "category": "",
        "quiz_questions": inline_formset([{"question": str(q.pk)} for q in questions]),
        "pass_mark": "80",
        "max_attempts": "",
        "counts": "best",
        "time_limit_minutes": "",
        "wait_minutes": "",
        "layout": "one_per_page",
        "max_questions": "",
        "show_answers": "at_end",
        "go_live_at": "",
        "expire_at": "",
        "success_text": "",
        "fail_text": "",
    }
    data.update(fields)
    return nested_form_data(data)


def test_sales_ops_save_a_quiz_with_its_questions_in_order_as_a_draft(ops):
    first, second = QuestionFactory(text="First?"), QuestionFactory(text="Second?")
    response = ops.post(url(Quiz, "add"), quiz_data(questions=[second, first]))
    assert response.status_code == 302
    quiz = Quiz.objects.get()
    assert not quiz.live
    assert [placed.question for placed in quiz.quiz_questions.all()] == [second, first]


def test_sales_ops_cannot_publish_a_quiz(ops):
    data = quiz_data(questions=[QuestionFactory()], **{"action-publish": "action-publish"})
    assert ops.post(url(Quiz, "add"), data).status_code == 302
    assert not Quiz.objects.get().live


def test_a_lead_publishes_a_quiz(lead):
    data = quiz_data(questions=[QuestionFactory()], **{"action-publish": "action-publish"})
    assert lead.post(url(Quiz, "add"), data).status_code == 302
    assert Quiz.objects.get().live


def test_publishing_a_quiz_without_questions_is_refused(lead):
    data = quiz_data(**{"action-publish": "action-publish"})
    response = lead.post(url(Quiz, "add"), data)
    assert response.status_code == 200
    assert "needs at least one question to be published" in error_text(response)
    assert not Quiz.objects.exists()


def test_a_quiz_without_questions_may_be_saved_as_a_draft(lead):
    assert lead.post(url(Quiz, "add"), quiz_data()).status_code == 302
    assert not Quiz.objects.get().live


def test_removing_every_question_from_a_live_quiz_cannot_be_published(lead):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question])
    placed = quiz.quiz_questions.get()
    data = quiz_data(
        slug=quiz.slug,
        questions=[question],
        **{"action-publish": "action-publish"},
    )
    data.update({"quiz_questions-0-id": str(placed.pk), "quiz_questions-0-DELETE": "1"})
    data["quiz_questions-INITIAL_FORMS"] = "1"
    response = lead.post(url(Quiz, "edit", quiz.pk), data)
    assert response.status_code == 200
    assert "needs at least one question" in error_text(response)
    assert quiz.quiz_questions.count() == 1


def test_a_reserved_slug_is_refused(ops):
    response = ops.post(url(Quiz, "add"), quiz_data(slug="marking"))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert not Quiz.objects.exists()


def test_the_same_question_twice_in_a_quiz_is_refused(ops):
    question = QuestionFactory(text="Twice?")
    response = ops.post(url(Quiz, "add"), quiz_data(questions=[question, question]))
    assert response.status_code == 200
    formset = response.context["form"].formsets["quiz_questions"]
    assert "duplicate" in " ".join(formset.non_form_errors())
    assert not Quiz.objects.exists()


def test_a_pass_mark_over_100_is_refused(ops):
    response = ops.post(url(Quiz, "add"), quiz_data(pass_mark="101"))
    assert response.status_code == 200
    assert "pass_mark" in response.context["form"].errors


def test_the_quiz_form_has_content_settings_and_results_tabs(ops):
    response = ops.get(url(Quiz, "add"))
    assert response.status_code == 200
    tabs = [tab.get_text(strip=True) for tab in soup(response).select("[role=tab]")]
    # Each tab also holds an (empty) error counter.
    assert [tab.removesuffix("()") for tab in tabs] == ["Content", "Settings", "Results texts"]


# --- Preview -------------------------------------------------------------------------


def test_the_preview_shows_the_quiz_with_the_correct_answers_marked(ops):
    single = QuestionFactory(
        text="Pick the first stage", choices=[("Qualify", True), ("Close", False)]
    )
    true_false = QuestionFactory(
        kind="true_false", text="Demos come last.", true_false_answer=False
    )
    short = QuestionFactory(kind="short_text", text="Name the CRM", accepted_answers="Acme CRM")
    preview_url = url(Quiz, "preview_on_add")
    data = quiz_data(questions=[single, true_false, short], title="Draft quiz")
    assert ops.post(preview_url, data).json() == {"is_valid": True, "is_available": True}

    response = ops.get(preview_url)
    assert response.status_code == 200
    assert "quizzes/preview.html" in [t.name for t in response.templates]
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Draft quiz"
    correct = [
        label.get_text(" ", strip=True) for label in page.select(".quiz-preview__choice--correct")
    ]
    assert correct == ["Qualify ✓ correct answer", "False ✓ correct answer"]
    assert "Acme CRM" in page.get_text()
    assert not Quiz.objects.exists()


def test_the_preview_of_a_saved_quiz_renders(ops):
    essay = QuestionFactory(kind="essay", text="Describe a call")
    quiz = QuizFactory(questions=[essay])
    preview_url = url(Quiz, "preview_on_edit", quiz.pk)
    data = quiz_data(title=quiz.title, slug=quiz.slug, questions=[essay])
    assert ops.post(preview_url, data).json()["is_valid"]
    response = ops.get(preview_url)
    assert response.status_code == 200
    assert "Describe a call" in response.content.decode()


# --- Deleting ------------------------------------------------------------------------


@pytest.fixture
def taken_quiz(hire):
    quiz = QuizFactory(title="Taken quiz", questions=[QuestionFactory()])
    services.start_attempt(quiz=quiz, person=hire)
    return quiz


def test_deleting_a_quiz_that_was_taken_is_refused_with_advice_to_archive(ops, taken_quiz):
    response = ops.get(url(Quiz, "delete", taken_quiz.pk))
    assert response.status_code == 200
    text = soup(response).get_text(" ", strip=True)
    assert "taken 1 time" in text
    assert "archive it instead" in text

    response = ops.post(url(Quiz, "delete", taken_quiz.pk))
    assert response.status_code == 409
    assert Quiz.objects.filter(pk=taken_quiz.pk).exists()


def test_bulk_deleting_a_quiz_that_was_taken_is_refused(ops, taken_quiz):
    bulk_url = (
        reverse("wagtail_bulk_action", args=("quizzes", "quiz", "delete")) + f"?id={taken_quiz.pk}"
    )
    response = ops.post(bulk_url)
    assert response.status_code == 409
    assert "archive it instead" in response.content.decode()
    assert Quiz.objects.filter(pk=taken_quiz.pk).exists()


def test_a_quiz_nobody_took_is_deleted(ops):
    quiz = QuizFactory(questions=[QuestionFactory()])
    response = ops.post(url(Quiz, "delete", quiz.pk))
    assert response.status_code == 302
    assert not Quiz.objects.exists()
    assert not QuizQuestion.objects.exists()


def test_deleting_a_question_used_in_a_quiz_is_refused_naming_the_quiz(ops):
    question = QuestionFactory()
    QuizFactory(title="Discovery calls", questions=[question])
    response = ops.post(url(Question, "delete", question.pk))
    assert response.status_code == 409
    text = soup(response).get_text(" ", strip=True)
    assert "“Discovery calls”" in text
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_question_only_in_a_quiz_draft_is_not_deleted(lead):
    question = QuestionFactory()
    quiz = QuizFactory(title="Objections", questions=[])
    data = quiz_data(title="Objections", slug=quiz.slug, questions=[question])
    assert lead.post(url(Quiz, "edit", quiz.pk), data).status_code == 302  # a draft
    assert not quiz.quiz_questions.exists()

    response = lead.post(url(Question, "delete", question.pk))
    assert response.status_code == 409
    assert "“Objections”" in response.content.decode()


def test_a_question_that_was_only_answered_is_deleted_and_results_keep_it(ops, hire):
    question = QuestionFactory(text="Gone soon?")
    quiz = QuizFactory(questions=[question])
    attempt = services.start_attempt(quiz=quiz, person=hire)
    # The editor takes it out of the quiz (saving the quiz updates Wagtail's
    # reference index, as publishing the quiz in the admin does).
    quiz.quiz_questions.all().delete()
    quiz.save()

    response = ops.post(url(Question, "delete", question.pk))
    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()
    answer = Answer.objects.get(attempt=attempt)
    assert answer.question_id is None
    assert answer.text == "Gone soon?"


# --- Access --------------------------------------------------------------------------


@pytest.mark.parametrize("factory", [NewHireFactory, ManagerFactory], ids=["hire", "manager"])
@pytest.mark.parametrize("model", [Quiz, Question, Category])
def test_hires_and_managers_are_refused_the_quiz_admin(client, factory, model):
    client.force_login(factory(username="someone"))
    assert client.get(url(model, "list")).status_code == 403
    assert client.get(url(model, "add")).status_code == 403


def test_sales_ops_see_the_quizzes_menu(ops):
    response = ops.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Question bank" in response.content.decode()


def test_the_groups_hold_the_quiz_permissions():
    ops_perms = set(
        Group.objects.get(name="Sales Ops")
        .permissions.filter(content_type__app_label="quizzes")
        .values_list("codename", flat=True)
    )
    lead_perms = set(
        Group.objects.get(name="Sales Ops leads")
        .permissions.filter(content_type__app_label="quizzes")
        .values_list("codename", flat=True)
    )
    expected = {
        f"{action}_{model}"
        for model in ("quiz", "question", "category", "subcategory")
        for action in ("add", "change", "delete")
    } | {"mark_attempt"}
    assert ops_perms == expected
    assert lead_perms == expected | {"publish_quiz"}


# --- Listings ------------------------------------------------------------------------


def test_the_question_bank_filters_by_kind_and_category_and_searches(ops):
    product = QuizCategoryFactory(name="Product")
    wanted = QuestionFactory(text="What does the Pro plan include?", category=product)
    QuestionFactory(kind="essay", text="Describe the Pro plan", category=product)
    QuestionFactory(text="Which plan is cheapest?")
    response = ops.get(
        url(Question, "list"), {"kind": "single", "category": product.pk, "q": "Pro"}
    )
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [wanted]


def test_the_quiz_list_filters_archived_quizzes(ops):
    QuizFactory(title="Current")
    archived = QuizFactory(title="Old", archived=True)
    response = ops.get(url(Quiz, "list"), {"archived": "true"})
    assert list(response.context["object_list"]) == [archived]


def _make_questions(count):
    categories = [QuizCategoryFactory(name=f"Topic {n}") for n in range(3)]
    for n in range(count):
        question = QuestionFactory(category=categories[n % 3])
        if n % 2:
            QuizFactory(questions=[question])


@pytest.mark.parametrize("size", [5, 40])
def test_the_question_bank_listing_uses_a_fixed_number_of_queries(
    ops, size, django_assert_max_num_queries
):
    _make_questions(size)
    with django_assert_max_num_queries(20):
        response = ops.get(url(Question, "list"))
    assert len(response.context["object_list"]) == size


@pytest.mark.parametrize("size", [5, 40])
def test_the_quiz_listing_uses_a_fixed_number_of_queries(ops, size, django_assert_max_num_queries):
    category = QuizCategoryFactory(name="Pipeline")
    for _ in range(size):
        QuizFactory(category=category, questions=[QuestionFactory()], live=bool(_ % 2))
    with django_assert_max_num_queries(20):
        response = ops.get(url(Quiz, "list"))
    assert len(response.context["object_list"]) == size
