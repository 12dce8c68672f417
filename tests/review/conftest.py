"""Shared fixtures of the review tests: a team (a manager with reports, the
manager's own manager, a mentor, another team, Sales Ops) and builders that
give a person lesson progress, quiz attempts, evaluations and level plans."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from lessons.models import LearningDay, LessonProgress
from quizzes import services as quiz_services
from salesmap.practice.models import Evaluation
from salesmap.progression.models import LevelRequirement
from salesmap.progression.services import record_start
from tests.factories import (
    LevelPageFactory,
    ManagerFactory,
    NewHireFactory,
    QuestionFactory,
    QuizCategoryFactory,
    QuizFactory,
    RolePageFactory,
    UserFactory,
)


@dataclass
class Team:
    manager: object  # Maria, the team's manager
    boss: object  # Maria's own manager
    hire: object  # reports to Maria, mentored by ``mentor``
    second_hire: object  # reports to Maria
    mentor: object  # a colleague without a team of their own
    other_manager: object  # another team's manager
    other_hire: object  # in the other team
    sales_ops: object

    @property
    def reports(self):
        return [self.hire, self.second_hire]


@pytest.fixture
def role(db):
    return RolePageFactory(title="Sales development rep", short_name="SDR")


@pytest.fixture
def level(role):
    return LevelPageFactory(parent=role, title="SDR I", short_name="SDR I")


@pytest.fixture
def team(manager, hire, other_manager, other_hire, sales_ops, role, level):
    """Maria (``manager``) with two reports at ``level``; her boss above her;
    a mentor of the first report; another team; Sales Ops."""
    boss = ManagerFactory(username="boss", first_name="Bob", last_name="Boss")
    manager.manager = boss
    manager.save(update_fields=["manager"])
    mentor = UserFactory(username="mentor", first_name="Mia", last_name="Mentor")
    hire.role, hire.level, hire.mentor = role, level, mentor
    hire.save(update_fields=["role", "level", "mentor"])
    record_start(person=hire, level=level, effective_on=hire.start_date)
    second = NewHireFactory(
        username="second-hire", first_name="Sam", last_name="Second", manager=manager, role=role
    )
    return Team(manager, boss, hire, second, mentor, other_manager, other_hire, sales_ops)


# Builders ---------------------------------------------------------------------


def days_ago(days, hour=10):
    moment = timezone.now() - datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def add_lesson_progress(person, lesson, *, seconds, completed=True, days_back=1):
    """A lesson record of ``seconds`` active time, last active ``days_back``
    days ago (completed then, unless ``completed=False``), and the same
    seconds as learning on that day."""
    moment = days_ago(days_back)
    record = LessonProgress.objects.create(
        person=person,
        lesson_ref=lesson.pk,
        lesson=lesson,
        lesson_title=lesson.title,
        active_seconds=seconds,
        visits=1,
        first_opened_at=moment,
        last_active_at=moment,
        completed_at=moment if completed else None,
    )
    LearningDay.objects.create(
        person=person, lesson_ref=lesson.pk, day=timezone.localdate(moment), seconds=seconds
    )
    return record


def make_quiz(title="Objections", *, category="Objection handling", questions=4, essay=False):
    """A quiz of ``questions`` single-choice questions of ``category`` (1
    point each; the right choice is "Right"), plus an essay when asked."""
    topic = QuizCategoryFactory(name=category) if category else None
    items = [
        QuestionFactory(text=f"{title}: question {n + 1}?", category=topic)
        for n in range(questions)
    ]
    if essay:
        items.append(QuestionFactory(kind="essay", text=f"{title}: describe it.", points=2))
    return QuizFactory(title=title, questions=items, pass_mark=60)


def take_quiz(quiz, person, *, right, essay_text="I ask open questions."):
    """A submitted attempt with the first ``right`` choice questions answered
    right and the others wrong (essays written). Returns the attempt."""
    attempt = quiz_services.start_attempt(quiz=quiz, person=person)
    answered = 0
    for answer in attempt.answers.order_by("position"):
        if answer.kind == "essay":
            data = {"text": essay_text}
        else:
            correct = answered < right
            answered += 1
            choice = next(item["id"] for item in answer.choices if item["correct"] is correct)
            data = {"choice": [str(choice)]}
        quiz_services.save_answer(
            attempt_id=attempt.pk, person=person, position=answer.position, data=data
        )
    return quiz_services.submit_attempt(attempt_id=attempt.pk, person=person)


def add_evaluation(person, percent, *, kind="call", days_back=1, by=None, comment="", name=None):
    return Evaluation.objects.create(
        person=person,
        evaluator=by,
        evaluator_name=str(by or "Mia Mentor"),
        scorecard_name=name or f"{kind.title()} scorecard",
        kind=kind,
        occurred_on=timezone.localdate() - datetime.timedelta(days=days_back),
        percent=Decimal(percent),
        comment=comment,
    )


def add_requirement(level, kind, **fields):
    """A requirement at the end of ``level``'s plan, in it since long ago."""
    fields.setdefault("added_on", timezone.localdate() - datetime.timedelta(days=400))
    row = LevelRequirement(level=level, kind=kind, sort_order=level.requirements.count(), **fields)
    row.full_clean(exclude=["level"])
    row.save()
    return row
