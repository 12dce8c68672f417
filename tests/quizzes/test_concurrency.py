"""Concurrent starts, answers and submits on a real PostgreSQL server: row locks
and database constraints keep one attempt, one score and one applied answer.

Each test lets 20 threads (each with its own database connection) call a
service at the same moment, released together by a barrier.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes import services
from quizzes.models import Answer, Attempt
from tests.concurrency import THREADS, all_at_once
from tests.factories import QuestionFactory, QuizFactory, UserFactory

# Threads need committed data, so these tests commit; serialized rollback
# restores what the data migrations created (groups, permissions, the Sales
# Map home) for the tests that run after them.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def person():
    # No group: the flush after a transactional test removes migration-made groups.
    return UserFactory()


def statements(count, **quiz_settings):
    questions = [
        QuestionFactory(kind="true_false", text=f"Statement {n}", true_false_answer=True)
        for n in range(count)
    ]
    return QuizFactory(questions=questions, pass_mark=50, **quiz_settings)


def test_concurrent_starts_of_a_single_attempt_quiz_make_one_attempt(person):
    quiz = statements(3, max_attempts=1)
    outcomes = all_at_once(lambda _index: services.start_attempt(quiz=quiz, person=person))
    assert all(isinstance(outcome, Attempt) for outcome in outcomes), [
        repr(outcome) for outcome in outcomes if not isinstance(outcome, Attempt)
    ]
    assert {outcome.pk for outcome in outcomes} == {Attempt.objects.get().pk}
    assert Answer.objects.count() == 3


def test_concurrent_submits_record_one_result_that_every_caller_gets(person):
    quiz = statements(3)
    start = timezone.now()
    attempt = services.start_attempt(quiz=quiz, person=person, now=start)
    for position in (1, 2):
        services.save_answer(
            attempt_id=attempt.pk,
            person=person,
            position=position,
            data={"choice": ["true"]},
            now=start,
        )

    def submit(index):
        return services.submit_attempt(
            attempt_id=attempt.pk, person=person, now=start + timedelta(seconds=index + 1)
        )

    outcomes = all_at_once(submit)
    assert all(isinstance(outcome, Attempt) for outcome in outcomes), [
        repr(outcome) for outcome in outcomes if not isinstance(outcome, Attempt)
    ]
    recorded = Attempt.objects.get()
    assert recorded.state == Attempt.State.GRADED
    assert (recorded.score, recorded.percent, recorded.passed) == (
        Decimal(2),
        Decimal("66.67"),
        True,
    )
    assert {
        (outcome.submitted_at, outcome.score, outcome.percent, outcome.state)
        for outcome in outcomes
    } == {(recorded.submitted_at, recorded.score, recorded.percent, recorded.state)}


def test_concurrent_saves_of_one_revision_apply_exactly_one(person):
    quiz = QuizFactory(
        questions=[QuestionFactory(kind="short_text", text="Name?", accepted_answers="Anna")]
    )
    attempt = services.start_attempt(quiz=quiz, person=person)

    def save(index):
        return services.save_answer(
            attempt_id=attempt.pk,
            person=person,
            position=1,
            data={"text": f"Answer {index}"},
            revision=0,
        )

    outcomes = all_at_once(save)
    applied = [outcome for outcome in outcomes if isinstance(outcome, Answer)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, services.StaleAnswer)]
    assert (len(applied), len(refused)) == (1, THREADS - 1), outcomes
    stored = Answer.objects.get()
    assert stored.revision == 1
    assert stored.response == applied[0].response


def test_concurrent_starts_and_submits_never_exceed_the_attempt_limit(person):
    quiz = statements(2, max_attempts=2)
    first = services.start_attempt(quiz=quiz, person=person)
    services.submit_attempt(attempt_id=first.pk, person=person)

    def start_and_submit(_index):
        attempt = services.start_attempt(quiz=quiz, person=person)
        return services.submit_attempt(attempt_id=attempt.pk, person=person)

    outcomes = all_at_once(start_and_submit)
    assert all(
        isinstance(outcome, Attempt | services.AttemptLimitReached) for outcome in outcomes
    ), outcomes
    assert sorted(Attempt.objects.values_list("number", flat=True)) == [1, 2]
    assert {outcome.number for outcome in outcomes if isinstance(outcome, Attempt)} == {2}
    assert not Attempt.objects.filter(state__in=Attempt.OPEN_STATES).exists()


def test_concurrent_starts_after_the_first_attempt_resume_one_second_attempt(person):
    quiz = statements(2, max_attempts=2)
    first = services.start_attempt(quiz=quiz, person=person)
    services.submit_attempt(attempt_id=first.pk, person=person)
    outcomes = all_at_once(lambda _index: services.start_attempt(quiz=quiz, person=person))
    assert all(isinstance(outcome, Attempt) for outcome in outcomes), [
        repr(outcome) for outcome in outcomes if not isinstance(outcome, Attempt)
    ]
    assert {outcome.number for outcome in outcomes} == {2}
    assert Attempt.objects.count() == 2


def signed_in_client(person):
    from django.test import Client

    client = Client()
    client.force_login(person)
    return client


def test_twenty_start_requests_at_once_leave_one_attempt(person):
    """Double clicks and several tabs, through the whole view stack."""
    quiz = statements(2, max_attempts=1)
    clients = [signed_in_client(person) for _ in range(THREADS)]
    outcomes = all_at_once(lambda index: clients[index].post(f"/quizzes/{quiz.slug}/start/"))
    attempt = Attempt.objects.get()
    assert {outcome.status_code for outcome in outcomes} == {302}, outcomes
    assert {outcome.url for outcome in outcomes} == {f"/quizzes/attempts/{attempt.pk}/"}


def test_twenty_submit_requests_at_once_record_one_result(person):
    quiz = statements(2)
    attempt = services.start_attempt(quiz=quiz, person=person)
    services.save_answer(
        attempt_id=attempt.pk, person=person, position=1, data={"choice": ["true"]}
    )
    clients = [signed_in_client(person) for _ in range(THREADS)]
    outcomes = all_at_once(
        lambda index: clients[index].post(f"/quizzes/attempts/{attempt.pk}/submit/")
    )
    assert {outcome.status_code for outcome in outcomes} == {302}, outcomes
    recorded = Attempt.objects.get()
    assert (recorded.state, recorded.score, recorded.passed) == (
        Attempt.State.GRADED,
        Decimal(1),
        True,
    )
