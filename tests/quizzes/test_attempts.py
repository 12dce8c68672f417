"""The attempt state machine: starting, answering, submitting, deadlines, limits."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes import selectors, services
from quizzes.models import Answer, Attempt, Quiz
from tests.factories import QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return QuizFactory(
        questions=[
            QuestionFactory(text="Single?"),
            QuestionFactory(kind="true_false", text="The sky is blue.", true_false_answer=True),
            QuestionFactory(kind="short_text", text="Say hi", accepted_answers="Hello\nHi there"),
        ],
        pass_mark=60,
    )


def right_choice(answer):
    return [str(next(choice["id"] for choice in answer.choices if choice["correct"]))]


def test_start_creates_one_answer_row_per_question_with_a_snapshot(quiz, hire):
    attempt = services.start_attempt(quiz=quiz, person=hire)
    assert attempt.number == 1
    assert attempt.state == Attempt.State.STARTED
    assert attempt.max_score == Decimal(3)
    texts = [answer.text for answer in attempt.answers.all()]
    assert texts == ["Single?", "The sky is blue.", "Say hi"]


def test_starting_again_resumes_the_open_attempt(quiz, hire):
    first = services.start_attempt(quiz=quiz, person=hire)
    assert services.start_attempt(quiz=quiz, person=hire) == first
    assert Attempt.objects.count() == 1


def test_all_right_answers_grade_to_full_marks_and_a_pass(quiz, hire):
    attempt = services.start_attempt(quiz=quiz, person=hire)
    one, two, three = attempt.answers.all()
    services.save_answer(
        attempt_id=attempt.pk, person=hire, position=1, data={"choice": right_choice(one)}
    )
    services.save_answer(attempt_id=attempt.pk, person=hire, position=2, data={"choice": ["true"]})
    services.save_answer(attempt_id=attempt.pk, person=hire, position=3, data={"text": "  HELLO  "})
    attempt = services.submit_attempt(attempt_id=attempt.pk, person=hire)
    assert attempt.state == Attempt.State.GRADED
    assert (attempt.score, attempt.percent, attempt.passed) == (Decimal(3), Decimal(100), True)
    assert selectors.has_passed(hire, quiz)


def test_submitting_twice_keeps_the_first_result(quiz, hire):
    attempt = services.start_attempt(quiz=quiz, person=hire)
    services.submit_attempt(attempt_id=attempt.pk, person=hire)
    later = timezone.now() + timedelta(hours=1)
    again = services.submit_attempt(attempt_id=attempt.pk, person=hire, now=later)
    assert again.submitted_at == attempt.submitted_at or again.submitted_at < later
    assert Attempt.objects.get().score == Decimal(0)


def test_answer_after_the_deadline_is_refused_and_closes_the_attempt(quiz, hire):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    attempt = services.start_attempt(quiz=quiz, person=hire, now=start)
    services.save_answer(
        attempt_id=attempt.pk, person=hire, position=2, data={"choice": ["true"]}, now=start
    )
    with pytest.raises(services.DeadlinePassed):
        services.save_answer(
            attempt_id=attempt.pk,
            person=hire,
            position=1,
            data={"choice": ["1"]},
            now=start + timedelta(minutes=11),
        )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED
    assert attempt.closed_by_deadline
    assert attempt.score == Decimal(1)


def test_single_attempt_quiz_refuses_a_second_start(quiz, hire):
    quiz.max_attempts = 1
    quiz.save()
    attempt = services.start_attempt(quiz=quiz, person=hire)
    services.submit_attempt(attempt_id=attempt.pk, person=hire)
    with pytest.raises(services.AttemptLimitReached):
        services.start_attempt(quiz=quiz, person=hire)
    assert Attempt.objects.count() == 1


def test_stale_revision_is_refused_and_not_applied(quiz, hire):
    attempt = services.start_attempt(quiz=quiz, person=hire)
    services.save_answer(
        attempt_id=attempt.pk, person=hire, position=2, data={"choice": ["true"]}, revision=0
    )
    with pytest.raises(services.StaleAnswer):
        services.save_answer(
            attempt_id=attempt.pk, person=hire, position=2, data={"choice": ["false"]}, revision=0
        )
    assert Answer.objects.get(attempt=attempt, position=2).response == {"value": True}


def test_choice_of_another_question_is_refused(quiz, hire):
    other = QuestionFactory()
    attempt = services.start_attempt(quiz=quiz, person=hire)
    with pytest.raises(services.InvalidResponse):
        services.save_answer(
            attempt_id=attempt.pk,
            person=hire,
            position=1,
            data={"choice": [str(other.choices.first().pk)]},
        )


def test_someone_elses_attempt_is_not_found(quiz, hire, other_hire):
    attempt = services.start_attempt(quiz=quiz, person=hire)
    with pytest.raises(Attempt.DoesNotExist):
        services.save_answer(
            attempt_id=attempt.pk, person=other_hire, position=2, data={"choice": ["true"]}
        )
    with pytest.raises(Attempt.DoesNotExist):
        services.submit_attempt(attempt_id=attempt.pk, person=other_hire)


def test_essay_waits_for_marking_then_the_manager_marks_it(hire, manager):
    quiz = QuizFactory(questions=[QuestionFactory(kind="essay", points=4)], pass_mark=50)
    attempt = services.start_attempt(quiz=quiz, person=hire)
    services.save_answer(attempt_id=attempt.pk, person=hire, position=1, data={"text": "My pitch"})
    attempt = services.submit_attempt(attempt_id=attempt.pk, person=hire)
    assert attempt.state == Attempt.State.NEEDS_MARKING
    assert attempt.passed is None
    answer = attempt.answers.get()
    services.mark_answer(answer_id=answer.pk, marker=manager, points=2, feedback="Good start")
    attempt.refresh_from_db()
    assert (attempt.state, attempt.percent, attempt.passed) == (
        Attempt.State.GRADED,
        Decimal(50),
        True,
    )


def test_random_subset_respects_max_questions(hire):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(6), max_questions=3)
    attempt = services.start_attempt(quiz=quiz, person=hire, rng=random.Random(4))
    assert attempt.answers.count() == 3
    assert attempt.question_count == 3


def test_draft_quiz_is_not_available_to_a_hire(hire):
    quiz = QuizFactory(questions=[QuestionFactory()], live=False)
    with pytest.raises(services.QuizUnavailable):
        services.start_attempt(quiz=quiz, person=hire)
    assert Quiz.objects.takeable().count() == 0
