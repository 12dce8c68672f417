"""`manage.py close_overdue_quiz_attempts`: the cron job that closes attempts left
open past their time limit, tested with a frozen clock."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from quizzes import services
from quizzes.models import Attempt
from tests.factories import QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

START = timezone.now().replace(microsecond=0) - timedelta(days=1)
GRACE = timedelta(seconds=5)  # QUIZZES_DEADLINE_GRACE_SECONDS in base settings


@pytest.fixture
def quiz():
    return QuizFactory(
        time_limit_minutes=10,
        pass_mark=50,
        questions=[
            QuestionFactory(
                kind="true_false", text="Log calls the same day.", true_false_answer=True
            ),
            QuestionFactory(
                kind="true_false", text="Deals need no next step.", true_false_answer=False
            ),
        ],
    )


@pytest.fixture
def clock(monkeypatch):
    """``clock(moment)`` freezes ``timezone.now()`` at that moment."""

    def freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze


def run():
    out = StringIO()
    call_command("close_overdue_quiz_attempts", stdout=out)
    return out.getvalue()


def started(quiz, person):
    attempt = services.start_attempt(quiz=quiz, person=person, now=START)
    services.save_answer(
        attempt_id=attempt.pk,
        person=person,
        position=1,
        data={"choice": ["true"]},
        now=START + timedelta(minutes=2),
    )
    return attempt


def test_an_attempt_past_its_deadline_is_closed_and_graded_on_what_was_answered(quiz, hire, clock):
    attempt = started(quiz, hire)
    clock(START + timedelta(minutes=30))
    output = run()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED
    assert attempt.closed_by_deadline is True
    assert attempt.submitted_at == START + timedelta(minutes=10) + GRACE
    assert (attempt.score, attempt.percent, attempt.passed) == (Decimal(1), Decimal(50), True)
    assert "Closed 1 overdue quiz attempt." in output


def test_an_attempt_within_its_time_is_left_open(quiz, hire, clock):
    attempt = started(quiz, hire)
    clock(START + timedelta(minutes=9))
    assert "Closed 0 overdue quiz attempts." in run()
    attempt.refresh_from_db()
    assert attempt.is_open


def test_an_attempt_within_the_grace_after_its_deadline_is_left_open(quiz, hire, clock):
    attempt = started(quiz, hire)
    clock(START + timedelta(minutes=10) + GRACE - timedelta(seconds=1))
    run()
    attempt.refresh_from_db()
    assert attempt.is_open


def test_an_attempt_without_a_time_limit_is_never_closed(quiz, hire, clock):
    quiz.time_limit_minutes = None
    quiz.save()
    attempt = started(quiz, hire)
    clock(START + timedelta(days=30))
    run()
    attempt.refresh_from_db()
    assert attempt.is_open


def test_running_the_command_twice_closes_each_attempt_once(quiz, hire, other_hire, clock):
    first, second = started(quiz, hire), started(quiz, other_hire)
    clock(START + timedelta(hours=1))
    assert "Closed 2 overdue quiz attempts." in run()
    recorded = list(Attempt.objects.order_by("pk").values_list("state", "submitted_at", "score"))
    clock(START + timedelta(hours=2))
    assert "Closed 0 overdue quiz attempts." in run()
    assert (
        list(Attempt.objects.order_by("pk").values_list("state", "submitted_at", "score"))
        == recorded
    )
    assert {first.pk, second.pk} == set(Attempt.objects.values_list("pk", flat=True))


def test_a_submitted_attempt_is_not_touched(quiz, hire, clock):
    attempt = started(quiz, hire)
    services.submit_attempt(attempt_id=attempt.pk, person=hire, now=START + timedelta(minutes=3))
    clock(START + timedelta(hours=1))
    assert "Closed 0 overdue quiz attempts." in run()
    attempt.refresh_from_db()
    assert (attempt.closed_by_deadline, attempt.submitted_at) == (
        False,
        START + timedelta(minutes=3),
    )
