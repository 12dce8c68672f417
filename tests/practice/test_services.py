"""Recording an evaluation: snapshots, idempotency and refusals."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from salesmap.practice import services
from salesmap.practice.models import Evaluation, EvaluationScore
from tests.factories import FunnelStageFactory

from .conftest import criteria_of, make_scorecard, record

pytestmark = pytest.mark.django_db


def test_the_evaluation_copies_the_scorecard_and_its_criteria(hire, manager):
    stage = FunnelStageFactory(title="Discovery")
    scorecard = make_scorecard(weights=(1, 3), name="Discovery call", stage=stage)
    evaluation = record(hire, manager, scorecard, ratings=[4, 2])

    assert evaluation.scorecard_name == "Discovery call"
    assert evaluation.kind == "call"
    assert evaluation.stage_title == "Discovery"
    assert evaluation.evaluator_name == "Maria Manager"
    # (1*4 + 3*2) / (4*4) = 62.5 %
    assert evaluation.percent == Decimal("62.50")
    scores = list(evaluation.scores.order_by("position"))
    assert [(s.position, s.name, s.weight, s.rating) for s in scores] == [
        (1, "Criterion 1", 1, 4),
        (2, "Criterion 2", 3, 2),
    ]


def test_not_applicable_criteria_are_kept_but_not_counted(hire, manager):
    scorecard = make_scorecard(weights=(1, 5))
    evaluation = record(hire, manager, scorecard, ratings=[2, None])
    assert evaluation.percent == Decimal("50.00")
    assert [s.rating for s in evaluation.scores.order_by("position")] == [2, None]


def test_editing_a_criterion_afterwards_leaves_the_evaluation_unchanged(hire, manager):
    scorecard = make_scorecard(weights=(1, 1))
    evaluation = record(hire, manager, scorecard, ratings=[4, 0])
    first = criteria_of(scorecard)[0]
    first.name = "Renamed"
    first.weight = 10
    first.save()
    scorecard.name = "Renamed scorecard"
    scorecard.save()

    evaluation.refresh_from_db()
    assert evaluation.percent == Decimal("50.00")
    assert evaluation.scorecard_name.startswith("Discovery call")
    assert evaluation.scores.order_by("position").first().name == "Criterion 1"
    assert evaluation.scores.order_by("position").first().weight == 1


def test_deleting_the_scorecard_afterwards_keeps_the_evaluation(hire, manager):
    scorecard = make_scorecard(weights=(2, 2))
    evaluation = record(hire, manager, scorecard, ratings=[3, 3])
    name = scorecard.name
    scorecard.delete()

    evaluation.refresh_from_db()
    assert evaluation.scorecard is None
    assert evaluation.scorecard_name == name
    assert evaluation.percent == Decimal("75.00")
    assert [(s.name, s.criterion_id) for s in evaluation.scores.order_by("position")] == [
        ("Criterion 1", None),
        ("Criterion 2", None),
    ]


def test_the_same_submission_key_records_one_evaluation(hire, manager, scorecard):
    key = uuid.uuid4()
    first = record(hire, manager, scorecard, submission_key=key)
    second = record(hire, manager, scorecard, submission_key=key, ratings=[0, 0, 0])
    assert second.pk == first.pk
    assert second.percent == first.percent
    assert Evaluation.objects.count() == 1
    assert EvaluationScore.objects.count() == 3


def test_a_lost_race_on_the_key_returns_the_winners_evaluation(
    hire, manager, scorecard, monkeypatch
):
    key = uuid.uuid4()
    winner = record(hire, manager, scorecard, submission_key=key)
    # The loser checked before the winner committed: its own look-up found nothing.
    real_existing = services._existing
    calls = []

    def not_yet_committed(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real_existing(*args, **kwargs)

    monkeypatch.setattr(services, "_existing", not_yet_committed)
    loser = record(hire, manager, scorecard, submission_key=key)
    assert loser.pk == winner.pk
    assert Evaluation.objects.count() == 1


def test_without_a_key_an_integrity_error_is_not_hidden(hire, manager, scorecard, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("boom")

    monkeypatch.setattr(Evaluation.objects, "create", broken)
    with pytest.raises(IntegrityError):
        record(hire, manager, scorecard, submission_key=None)


def test_a_key_used_by_another_evaluator_is_refused(hire, manager, sales_ops, scorecard):
    key = uuid.uuid4()
    record(hire, manager, scorecard, submission_key=key)
    with pytest.raises(services.EvaluationError, match="already been used"):
        record(hire, sales_ops, scorecard, submission_key=key)


def test_nobody_evaluates_themself(manager, scorecard):
    with pytest.raises(services.EvaluationError, match="own work"):
        record(manager, manager, scorecard)
    assert not Evaluation.objects.exists()


def test_nothing_applicable_is_refused(hire, manager, scorecard):
    with pytest.raises(services.EvaluationError, match="at least one"):
        record(hire, manager, scorecard, ratings=[None, None, None])
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("rating", [-1, 5, 7, "3", 2.5, True])
def test_a_rating_out_of_range_is_refused(hire, manager, scorecard, rating):
    with pytest.raises(services.EvaluationError, match="0 to 4"):
        record(hire, manager, scorecard, ratings=[3, rating, 3])
    assert not Evaluation.objects.exists()


def test_a_criterion_of_another_scorecard_is_refused(hire, manager, scorecard):
    other = make_scorecard(weights=(1,))
    with pytest.raises(services.EvaluationError, match="not a criterion"):
        services.record_evaluation(
            person=hire,
            evaluator=manager,
            scorecard=scorecard,
            occurred_on=timezone.localdate(),
            link="",
            comment="",
            ratings=[(criteria_of(other)[0], 3, "")],
        )


def test_work_dated_in_the_future_is_refused(hire, manager, scorecard):
    now = timezone.now()
    with pytest.raises(services.EvaluationError, match="future"):
        record(
            hire,
            manager,
            scorecard,
            occurred_on=timezone.localdate(now) + datetime.timedelta(days=1),
            now=now,
        )
