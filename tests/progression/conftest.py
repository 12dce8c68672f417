"""Fixtures of the progression tests: a role with two levels, a person at the
first one who started there on a fixed day, and builders for requirements."""

import datetime
from decimal import Decimal

import pytest

from salesmap.practice.models import Evaluation
from salesmap.progression.models import LevelRequirement
from salesmap.progression.services import record_start
from tests.factories import (
    LevelPageFactory,
    NewHireFactory,
    QuestionFactory,
    QuizFactory,
    RolePageFactory,
)

START = datetime.date(2025, 3, 3)
TODAY = START + datetime.timedelta(days=20)


@pytest.fixture
def role(db):
    return RolePageFactory(title="Sales development rep", short_name="SDR")


@pytest.fixture
def level(role):
    return LevelPageFactory(parent=role, title="SDR I", short_name="SDR I")


@pytest.fixture
def next_level(role, level):
    return LevelPageFactory(parent=role, title="SDR II", short_name="SDR II")


@pytest.fixture
def person(manager, role, level):
    """A hire at ``level`` since START, reporting to ``manager``."""
    person = NewHireFactory(manager=manager, role=role, level=level, start_date=START)
    record_start(person=person, level=level, effective_on=START)
    return person


def requirement(level, kind, **fields):
    """A requirement row at the end of ``level``'s plan (validated like the editor's
    form), in the plan since before START unless ``added_on`` says otherwise."""
    fields.setdefault("added_on", START - datetime.timedelta(days=30))
    row = LevelRequirement(level=level, kind=kind, sort_order=level.requirements.count(), **fields)
    row.full_clean(exclude=["level"])
    row.save()
    return row


def evaluation(person, kind, percent, *, on=TODAY, by=None):
    return Evaluation.objects.create(
        person=person,
        evaluator=by,
        evaluator_name=str(by or "Mentor"),
        scorecard_name=f"{kind} scorecard",
        kind=kind,
        occurred_on=on,
        percent=Decimal(percent),
    )


@pytest.fixture
def quiz(db):
    """Four true/false questions; the pass mark is 50%."""
    return QuizFactory(
        questions=[
            QuestionFactory(kind="true_false", text=f"Statement {n}", true_false_answer=True)
            for n in range(4)
        ],
        pass_mark=50,
    )
