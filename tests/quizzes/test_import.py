"""`manage.py import_django_quiz`: a django-quiz-app dump becomes our categories,
questions and quizzes, idempotently, and a bad file imports nothing."""

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from quizzes.models import Category, Choice, Question, Quiz, QuizQuestion, SubCategory
from tests.factories import QuizFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "django_quiz_dump.json"


def dump():
    return json.loads(FIXTURE.read_text())


def run(path=FIXTURE):
    out = StringIO()
    call_command("import_django_quiz", str(path), stdout=out)
    return out.getvalue()


def write(tmp_path, data):
    path = tmp_path / "dump.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def state():
    """Everything the import may write, to compare before and after."""
    return (
        list(Category.objects.order_by("pk").values_list("pk", "name")),
        list(SubCategory.objects.order_by("pk").values_list("pk", "category_id", "name")),
        list(Question.objects.order_by("pk").values_list("pk", "kind", "text")),
        list(Choice.objects.order_by("pk").values_list("pk", "question_id", "text")),
        list(Quiz.objects.order_by("pk").values_list("pk", "slug", "live")),
        list(QuizQuestion.objects.order_by("pk").values_list("quiz_id", "question_id")),
        Revision.objects.count(),
    )


def question(text):
    return Question.objects.get(text=text)


def choices(text):
    return [(c.text, c.is_correct) for c in question(text).choices.order_by("sort_order")]


def test_import_creates_the_categories_and_the_sub_category():
    run()
    assert sorted(Category.objects.values_list("name", flat=True)) == ["CRM", "Sales basics"]
    sub = SubCategory.objects.get()
    assert (sub.name, sub.category.name) == ("Discovery", "Sales basics")


def test_import_creates_each_question_with_its_kind_and_fields():
    run()
    rows = {
        q.text: (q.kind, q.category and q.category.name, q.sub_category and q.sub_category.name)
        for q in Question.objects.select_related("category", "sub_category")
    }
    assert rows == {
        "May a lost deal be closed without a loss reason?": ("single", None, None),
        "Which question opens a discovery call best?": ("single", "Sales basics", "Discovery"),
        "Which of these belong on every open deal?": ("multiple", "CRM", None),
        "A deal may move to Proposal before the budget is known.": ("true_false", "CRM", None),
        "Describe how you prepare for a discovery call.": ("essay", "Sales basics", None),
    }
    opener = question("Which question opens a discovery call best?")
    assert opener.explanation == "Start with what triggered the request."
    assert opener.points == 1
    assert (
        question("A deal may move to Proposal before the budget is known.").true_false_answer
        is False
    )


def test_multiple_choice_answers_become_choices_in_their_order():
    run()
    assert choices("Which question opens a discovery call best?") == [
        ("What made you look at a new CRM now?", True),
        ("Shall I tell you about our packages?", False),
        ("Do you have a budget?", False),
    ]
    assert choices("Which of these belong on every open deal?") == [
        ("A next step", True),
        ("A due date", True),
        ("A discount", False),
    ]
    assert choices("May a lost deal be closed without a loss reason?") == [
        ("Yes", False),
        ("No", True),
    ]


def test_answer_order_maps_to_our_choice_order():
    run()
    assert question("Which question opens a discovery call best?").choice_order == "alphabetical"
    assert question("Which of these belong on every open deal?").choice_order == "random"
    assert question("May a lost deal be closed without a loss reason?").choice_order == "as_entered"


def test_several_correct_answers_make_an_all_or_nothing_multiple_question():
    run()
    several = question("Which of these belong on every open deal?")
    assert several.kind == Question.Kind.MULTIPLE
    assert several.partial_credit is False


def test_a_live_quiz_is_created_with_its_settings_and_published_through_a_revision():
    run()
    quiz = Quiz.objects.get(slug="crm-exam")
    assert (quiz.title, quiz.description, quiz.category.name) == ("CRM exam", "", "CRM")
    assert (quiz.random_order, quiz.max_questions, quiz.pass_mark) == (True, 3, 75)
    assert quiz.show_answers == Quiz.ShowAnswers.AT_END
    assert quiz.max_attempts == 1
    assert (quiz.success_text, quiz.fail_text) == (
        "You passed the CRM exam.",
        "Not yet: talk to your manager.",
    )
    assert quiz.live and not quiz.has_unpublished_changes
    assert quiz.live_revision is not None
    assert quiz.live_revision == quiz.latest_revision


def test_a_draft_quiz_is_created_unpublished_with_a_revision():
    run()
    quiz = Quiz.objects.get(slug="sales-basics")
    assert quiz.live is False
    assert quiz.live_revision is None
    assert quiz.latest_revision is not None
    assert quiz.show_answers == Quiz.ShowAnswers.AFTER_EACH
    assert (quiz.max_attempts, quiz.max_questions, quiz.pass_mark) == (None, None, 60)
    in_revision = quiz.get_latest_revision_as_object().quiz_questions.all()
    assert [use.question_id for use in in_revision] == list(
        quiz.quiz_questions.order_by("sort_order").values_list("question_id", flat=True)
    )
    assert len(in_revision) == 3


def test_quiz_questions_keep_django_quizs_pk_order():
    run()
    order = {
        slug: list(
            QuizQuestion.objects.filter(quiz__slug=slug)
            .order_by("sort_order")
            .values_list("question__text", flat=True)
        )
        for slug in ("sales-basics", "crm-exam")
    }
    assert order == {
        "sales-basics": [
            "Which question opens a discovery call best?",  # pk 3
            "Describe how you prepare for a discovery call.",  # pk 8
            "May a lost deal be closed without a loss reason?",  # pk 10
        ],
        "crm-exam": [
            "Which question opens a discovery call best?",  # pk 3
            "Which of these belong on every open deal?",  # pk 5
            "A deal may move to Proposal before the budget is known.",  # pk 7
        ],
    }


def test_a_question_in_two_quizzes_is_one_bank_question():
    run()
    shared = question("Which question opens a discovery call best?")
    assert sorted(shared.quiz_uses.values_list("quiz__slug", flat=True)) == [
        "crm-exam",
        "sales-basics",
    ]


def test_running_the_import_twice_creates_nothing_new():
    run()
    before = state()
    output = run()
    assert state() == before
    assert "Categories: 0 created, 2 already present." in output
    assert "Sub-categories: 0 created, 1 already present." in output
    assert "Questions: 0 created (with 0 choices), 5 already present." in output
    assert "Quizzes: 0 created (published: 0, drafts: 0), 2 already present" in output


def test_an_existing_quiz_with_the_same_slug_is_left_as_it_is():
    QuizFactory(slug="crm-exam", title="Our own CRM quiz", pass_mark=90)
    run()
    quiz = Quiz.objects.get(slug="crm-exam")
    assert (quiz.title, quiz.pass_mark) == ("Our own CRM quiz", 90)
    assert not quiz.quiz_questions.exists()
    assert Quiz.objects.count() == 2


def test_an_edited_question_is_imported_again_as_a_new_bank_question():
    run()
    edited = question("Describe how you prepare for a discovery call.")
    edited.explanation = "Edited in the bank."
    edited.save()
    output = run()
    assert Question.objects.filter(text=edited.text).count() == 2
    assert "Questions: 1 created" in output


def test_output_reports_what_was_created_and_what_was_left_out():
    output = run()
    assert "Categories: 2 created, 0 already present." in output
    assert "Sub-categories: 1 created, 0 already present." in output
    assert "Questions: 5 created (with 8 choices), 0 already present." in output
    assert "Quizzes: 2 created (published: 1, drafts: 1), 0 already present" in output
    assert "1 multiple-choice question has several correct answers" in output
    assert "Figures are not imported" in output and "old pks: 7." in output
    assert "Left out (not quiz content): quiz.sitting × 1." in output


def test_existing_categories_are_reused_by_name():
    existing = Category.objects.create(name="CRM")
    output = run()
    assert Category.objects.filter(name="CRM").get() == existing
    assert question("Which of these belong on every open deal?").category == existing
    assert "Categories: 1 created, 1 already present." in output


def by_model_pk(data, model, pk):
    return next(item for item in data if item["model"] == model and item["pk"] == pk)


def set_field(model, pk, name, value):
    def change(data):
        by_model_pk(data, model, pk)["fields"][name] = value

    return change


def drop_field(model, pk, name):
    def change(data):
        del by_model_pk(data, model, pk)["fields"][name]

    return change


def drop_object(model, pk):
    def change(data):
        data.remove(by_model_pk(data, model, pk))

    return change


def add_object(item):
    def change(data):
        data.append(item)

    return change


def drop_answers_of(question_pk, keep):
    def change(data):
        answers = [
            item
            for item in data
            if item["model"] == "multichoice.answer" and item["fields"]["question"] == question_pk
        ]
        for item in answers[keep:]:
            data.remove(item)

    return change


def drop_pk(data):
    del by_model_pk(data, "quiz.category", 1)["pk"]


def no_model(data):
    del data[0]["model"]


MALFORMED = {
    "missing title": (drop_field("quiz.quiz", 1, "title"), 'the field "title" is missing'),
    "missing url": (drop_field("quiz.quiz", 2, "url"), 'the field "url" is missing'),
    "missing question content": (
        drop_field("quiz.question", 3, "content"),
        'quiz.question pk=3: the field "content" is missing',
    ),
    "empty category name": (set_field("quiz.category", 2, "category", ""), '"category" is empty'),
    "question in a missing quiz": (
        set_field("quiz.question", 5, "quiz", [2, 99]),
        '"quiz" refers to quiz.quiz pk=99, which is not in the file',
    ),
    "quiz in a missing category": (
        set_field("quiz.quiz", 1, "category", 9),
        '"category" refers to quiz.category pk=9',
    ),
    "answer of a missing question": (
        set_field("multichoice.answer", 21, "question", 77),
        '"question" refers to multichoice.mcquestion pk=77',
    ),
    "pass mark above 100": (
        set_field("quiz.quiz", 2, "pass_mark", 120),
        '"pass_mark" must be a whole number from 0 to 100',
    ),
    "negative pass mark": (
        set_field("quiz.quiz", 2, "pass_mark", -5),
        '"pass_mark" must be a whole number from 0 to 100',
    ),
    "duplicate slugs": (
        set_field("quiz.quiz", 2, "url", "sales-basics"),
        'the url "sales-basics" is also used by quiz.quiz pk=1',
    ),
    "invalid slug": (
        set_field("quiz.quiz", 2, "url", "crm exam!"),
        'the url "crm exam!" is not a valid slug',
    ),
    "boolean as text": (
        set_field("quiz.quiz", 1, "draft", "yes"),
        '"draft" must be true or false',
    ),
    "question without a type": (
        drop_object("essay.essay_question", 8),
        "quiz.question pk=8: it has no type",
    ),
    "question with two types": (
        add_object({"model": "essay.essay_question", "pk": 7, "fields": {}}),
        "the question already has another type",
    ),
    "typed question without its base": (
        add_object({"model": "true_false.tf_question", "pk": 99, "fields": {"correct": True}}),
        "true_false.tf_question pk=99: there is no quiz.question with the same pk",
    ),
    "choice question with one answer": (
        drop_answers_of(10, keep=1),
        "quiz.question pk=10: a multiple-choice question needs at least two answers",
    ),
    "choice question without a correct answer": (
        set_field("multichoice.answer", 28, "correct", False),
        "quiz.question pk=10: none of its answers is marked correct",
    ),
    "unknown answer order": (
        set_field("multichoice.mcquestion", 3, "answer_order", "backwards"),
        '"answer_order" must be',
    ),
    "answer too long": (
        set_field("multichoice.answer", 24, "content", "x" * 501),
        '"content" is longer than 500 characters',
    ),
    "sub-category without a category": (
        set_field("quiz.subcategory", 1, "category", None),
        "a sub-category must belong to a category",
    ),
    "sub-category of another category": (
        set_field("quiz.question", 5, "sub_category", 1),
        "quiz.question pk=5: its sub-category belongs to another category",
    ),
    "duplicate pk": (
        add_object({"model": "quiz.category", "pk": 1, "fields": {"category": "Again"}}),
        "quiz.category pk=1 appears twice",
    ),
    "natural keys instead of pks": (drop_pk, "export without --natural-primary"),
    "object without a model": (no_model, "Object 1 has no model name"),
    "unknown model of a quiz app": (
        add_object({"model": "multichoice.answers", "pk": 1, "fields": {}}),
        "multichoice.answers is not a django-quiz-app model this import knows",
    ),
    "translated dump": (
        add_object({"model": "quiz.quiztranslation", "pk": 1, "fields": {}}),
        "translated fields (django-parler)",
    ),
}


@pytest.mark.parametrize("case", MALFORMED.keys())
def test_a_malformed_dump_is_rejected_with_a_clear_message_and_imports_nothing(tmp_path, case):
    Category.objects.create(name="Already here")
    change, expected = MALFORMED[case]
    data = copy.deepcopy(dump())
    change(data)
    before = state()
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, data))
    assert "Nothing was imported" in str(error.value)
    assert expected in str(error.value)
    assert state() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "The file is not valid JSON"),
        (json.dumps({"model": "quiz.quiz"}), "it must hold a JSON list"),
    ],
)
def test_a_file_that_is_not_a_dump_is_rejected(tmp_path, content, expected):
    with pytest.raises(CommandError, match=expected):
        run(write(tmp_path, content))
    assert state() == ([], [], [], [], [], [], 0)


def test_every_problem_of_the_file_is_listed_at_once(tmp_path):
    data = dump()
    set_field("quiz.quiz", 2, "pass_mark", 120)(data)
    drop_field("quiz.quiz", 1, "title")(data)
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, data))
    assert '"pass_mark" must be' in str(error.value)
    assert 'the field "title" is missing' in str(error.value)


def test_other_apps_models_are_left_out_and_reported(tmp_path):
    data = dump() + [
        {"model": "auth.user", "pk": 1, "fields": {"username": "old"}},
        {"model": "quiz.progress", "pk": 1, "fields": {"user": 1, "score": ""}},
    ]
    output = run(write(tmp_path, data))
    assert "Left out (not quiz content): auth.user × 1, quiz.progress × 1, quiz.sitting × 1." in (
        output
    )


def test_a_long_list_of_problems_is_cut_short(tmp_path):
    data = dump() + [
        {"model": "quiz.category", "pk": 100 + n, "fields": {"category": ""}} for n in range(25)
    ]
    with pytest.raises(CommandError, match=r"\.\.\. and 5 more\."):
        run(write(tmp_path, data))


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "nowhere.json")


def test_a_failure_while_writing_rolls_back_everything(monkeypatch):
    """The second quiz fails when saved: the first quiz, the questions and the
    categories written before it are rolled back too."""
    real = Quiz.save_revision

    def fail_on_second(self, *args, **kwargs):
        if self.slug == "crm-exam":
            raise ValidationError({"title": "Refused for the test."})
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Quiz, "save_revision", fail_on_second)
    with pytest.raises(CommandError, match="Refused for the test"):
        run()
    assert state() == ([], [], [], [], [], [], 0)


def test_fields_added_in_later_versions_take_django_quizs_defaults(tmp_path):
    data = dump()
    for name in ("max_questions", "single_attempt", "draft", "pass_mark"):
        drop_field("quiz.quiz", 2, name)(data)
    run(write(tmp_path, data))
    quiz = Quiz.objects.get(slug="crm-exam")
    assert (quiz.max_questions, quiz.max_attempts, quiz.live, quiz.pass_mark) == (
        None,
        None,
        True,
        0,
    )
