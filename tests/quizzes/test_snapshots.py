"""A past attempt is judged by the questions as they were asked: editing or
deleting questions and quizzes later changes no recorded result."""

from decimal import Decimal

import pytest
from django.db.models import ProtectedError

from quizzes import selectors, services
from quizzes.models import Answer, Attempt, Choice, Question, Quiz, QuizQuestion
from tests.factories import QuestionFactory, QuizCategoryFactory, QuizFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken(hire, manager):
    """A graded attempt at five questions of every kind: 2 + 1 + 0 + 1 + 1 of 6 points."""
    pricing = QuizCategoryFactory(name="Pricing")
    questions = [
        QuestionFactory(text="Best discount?", points=2, category=pricing),
        QuestionFactory(
            kind="multiple",
            text="Which apply?",
            choices=[("A", True), ("B", True), ("C", False)],
            partial_credit=True,
            points=2,
        ),
        QuestionFactory(kind="true_false", text="Cold calls work.", true_false_answer=True),
        QuestionFactory(kind="short_text", text="Our CRM?", accepted_answers="SalesMap"),
        QuestionFactory(kind="essay", text="Pitch us.", category=pricing),
    ]
    quiz = QuizFactory(questions=questions, pass_mark=50)
    attempt = services.start_attempt(quiz=quiz, person=hire)
    answers = list(attempt.answers.all())

    def choice(answer, text):
        return str(next(c["id"] for c in answer.choices if c["text"] == text))

    given = {
        1: {"choice": [choice(answers[0], "Right")]},
        2: {"choice": [choice(answers[1], "A")]},
        3: {"choice": ["false"]},
        4: {"text": "salesmap"},
        5: {"text": "Our pitch"},
    }
    for position, data in given.items():
        services.save_answer(attempt_id=attempt.pk, person=hire, position=position, data=data)
    services.submit_attempt(attempt_id=attempt.pk, person=hire)
    services.mark_answer(answer_id=answers[4].pk, marker=manager, points=1)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.percent, attempt.passed) == (
        Decimal(5),
        Decimal(7),
        Decimal("71.43"),
        True,
    )
    return quiz, questions, attempt


def recorded(hire, quiz, attempt):
    """Everything a past attempt shows, from the database as it is now."""
    attempt = Attempt.objects.get(pk=attempt.pk)
    result = selectors.result_for(hire, quiz)
    return {
        "attempt": (attempt.score, attempt.max_score, attempt.percent, attempt.passed),
        "state": attempt.state,
        "answers": list(
            Answer.objects.filter(attempt=attempt).values_list(
                "position", "snapshot", "response", "points_awarded", "is_correct"
            )
        ),
        "result": (result.pk, result.score, result.percent, result.passed),
        "has_passed": selectors.has_passed(hire, quiz),
        "categories": selectors.category_scores(hire),
        "missed": selectors.most_missed_questions(hire),
        "title": attempt.quiz_title,
    }


def edit_everything(quiz, questions):
    single, multiple, true_false, short_text, essay = questions
    for question in questions:
        question.text = f"Edited: {question.text}"
        question.points = 10
        question.save()
    for choice in Choice.objects.filter(question__in=[single, multiple]):
        choice.text = f"Edited {choice.text}"
        choice.is_correct = not choice.is_correct  # flip which is right
        choice.save()
    true_false.true_false_answer = False
    true_false.save()
    short_text.accepted_answers = "Something else"
    short_text.save()
    single.category.name = "Renamed"
    single.category.save()
    quiz.title = "Edited quiz"
    quiz.pass_mark = 100
    quiz.save()


def test_editing_questions_and_choices_changes_no_past_result(hire, taken):
    quiz, questions, attempt = taken
    before = recorded(hire, quiz, attempt)
    edit_everything(quiz, questions)
    assert Choice.objects.get(question=questions[0], sort_order=0).is_correct is False
    assert recorded(hire, quiz, attempt) == before


def test_deleting_the_questions_changes_no_past_result(hire, taken):
    quiz, questions, attempt = taken
    before = recorded(hire, quiz, attempt)
    QuizQuestion.objects.filter(quiz=quiz).delete()
    Question.objects.filter(pk__in=[question.pk for question in questions]).delete()
    assert not Answer.objects.filter(attempt=attempt, question__isnull=False).exists()
    assert recorded(hire, quiz, attempt) == before


def test_remarking_after_edits_uses_the_snapshot_not_the_edited_question(hire, manager, taken):
    quiz, questions, attempt = taken
    edit_everything(quiz, questions)
    essay = Answer.objects.get(attempt=attempt, position=5)
    with pytest.raises(services.InvalidMark):  # the essay was worth 1 point when asked
        services.mark_answer(answer_id=essay.pk, marker=manager, points=2, reason="Re-read it")
    services.mark_answer(answer_id=essay.pk, marker=manager, points=0, reason="Off topic")
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.percent, attempt.passed) == (
        Decimal(4),
        Decimal(7),
        Decimal("57.14"),
        True,
    )
    points = dict(Answer.objects.filter(attempt=attempt).values_list("position", "points_awarded"))
    assert points == {1: 2, 2: 1, 3: 0, 4: 1, 5: 0}


def test_overriding_an_automatic_mark_after_the_question_is_deleted_uses_the_snapshot(
    hire, manager, taken
):
    quiz, questions, attempt = taken
    QuizQuestion.objects.filter(quiz=quiz).delete()
    Question.objects.filter(pk__in=[question.pk for question in questions]).delete()
    true_false = Answer.objects.get(attempt=attempt, position=3)
    services.mark_answer(
        answer_id=true_false.pk, marker=manager, points=1, reason="Fair point, well argued"
    )
    attempt.refresh_from_db()
    assert (attempt.score, attempt.percent) == (Decimal(6), Decimal("85.71"))


def test_a_quiz_with_attempts_cannot_be_deleted_only_archived(taken):
    quiz, _questions, attempt = taken
    with pytest.raises(ProtectedError):
        quiz.delete()
    Quiz.objects.filter(pk=quiz.pk).update(archived=True)
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal(5)


def test_a_person_with_attempts_cannot_be_deleted(hire, taken):
    with pytest.raises(ProtectedError):
        hire.delete()
    assert Attempt.objects.filter(person=hire).exists()


def test_a_quiz_without_attempts_can_be_deleted():
    quiz = QuizFactory(questions=[QuestionFactory()])
    quiz.delete()
    assert not Quiz.objects.exists()
