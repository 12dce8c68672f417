"""Scorecards and evaluations for the practice tests."""

import datetime
import uuid

import factory
import pytest
from django.utils import timezone

from salesmap.practice import services
from salesmap.practice.models import EvaluationKind, Scorecard, ScorecardCriterion
from tests.factories import ManagerFactory, UserFactory


class ScorecardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scorecard

    name = factory.Sequence(lambda n: f"Discovery call {n}")
    kind = EvaluationKind.CALL
    description = "Listen for the questions that uncover the pain."
    active = True


def make_scorecard(weights=(1, 2, 3), **fields):
    """A scorecard with one criterion per weight, in order."""
    scorecard = ScorecardFactory(**fields)
    for position, weight in enumerate(weights):
        ScorecardCriterion.objects.create(
            scorecard=scorecard,
            sort_order=position,
            name=f"Criterion {position + 1}",
            weight=weight,
            guide=f"Guide for criterion {position + 1}",
        )
    return scorecard


def criteria_of(scorecard):
    return list(scorecard.criteria.order_by("sort_order"))


def record(person, evaluator, scorecard, ratings=None, **fields):
    """Record an evaluation through the service; ``ratings`` default to all 3s."""
    criteria = criteria_of(scorecard)
    if ratings is None:
        ratings = [3] * len(criteria)
    values = {
        "occurred_on": timezone.localdate() - datetime.timedelta(days=1),
        "link": "",
        "comment": "Good work.",
        "submission_key": uuid.uuid4(),
    }
    values.update(fields)
    return services.record_evaluation(
        person=person,
        evaluator=evaluator,
        scorecard=scorecard,
        ratings=[(c, r, "") for c, r in zip(criteria, ratings, strict=True)],
        **values,
    )


def form_data(scorecard, rating="3", **overrides):
    data = {
        "occurred_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "link": "https://crm.example.test/deals/42",
        "comment": "Clear agenda; ask more about the budget.",
        "submission_key": str(uuid.uuid4()),
    }
    for criterion in criteria_of(scorecard):
        data[f"rating_{criterion.pk}"] = rating
        data[f"note_{criterion.pk}"] = ""
    data.update(overrides)
    return data


@pytest.fixture
def scorecard(db):
    return make_scorecard()


@pytest.fixture
def mentor(hire):
    mentor = UserFactory(username="mentor", first_name="Mia", last_name="Mentor")
    hire.mentor = mentor
    hire.save(update_fields=["mentor"])
    return mentor


@pytest.fixture
def big_boss(manager):
    boss = ManagerFactory(username="boss", first_name="Bob", last_name="Boss")
    manager.manager = boss
    manager.save(update_fields=["manager"])
    return boss
