"""``load_scale``: the whole scale department in one transaction, on top of the demo."""

import io
import random
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from salesmap.demo.people import demo_people
from salesmap.demo.roles import role_pages
from salesmap.progression.models import LevelPage

from . import content, learning, people, quizbank, records, requirements
from .bulk import BulkWriter
from .tree import HEAD, MAX_PEOPLE, MIN_PEOPLE

LIMITS = {
    "people": (MIN_PEOPLE, MAX_PEOPLE),
    "lessons": (1, 500),
    "quizzes": (0, 500),
    "days": (1, 730),
}


class ScaleError(Exception):
    """A refusal with a message for the person running the command."""


@dataclass
class ScaleResult:
    counts: dict
    seconds: float
    active_people: int


def check_arguments(**values):
    """Raise ``ScaleError`` naming the first value out of its bounds."""
    for name, (low, high) in LIMITS.items():
        value = values[name]
        if not low <= value <= high:
            raise ScaleError(
                f"--{name} must be between {low} and {high} (got {value})."
                + (
                    f" The reporting tree needs at least {MIN_PEOPLE} people: a head of sales, "
                    "five managers of 5-12 reps and one Sales Ops person."
                    if name == "people" and value < low
                    else ""
                )
            )


def has_scale_data():
    return get_user_model().objects.filter(username=HEAD).exists()


def load_scale(*, people_count, lessons, quizzes, days, seed, password, today):
    """Build the demo, then the scale department and its history. Returns a
    ``ScaleResult``; raises ``ScaleError`` for bad arguments or a database
    that already holds scale data."""
    check_arguments(people=people_count, lessons=lessons, quizzes=quizzes, days=days)
    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 # nosec B311 - sample data, not security
    bulk = BulkWriter()
    with transaction.atomic():
        if has_scale_data():
            raise ScaleError(
                "This database already holds scale data (scale.head exists). "
                "load_scale runs once: use a fresh database (migrate, then load_scale)."
            )
        # The demo skeleton: roles, levels, plans, scorecards, Sales Map pages,
        # groups. Idempotent; its own report is not this command's.
        call_command("load_demo", stdout=io.StringIO())
        levels = {
            level.slug: (level.get_parent().specific, level)
            for level in LevelPage.objects.order_by("path")
        }
        roles = role_pages()
        owner = demo_people().get("ops.lead")
        members, users = people.load_people(
            people=people_count,
            days=days,
            today=today,
            rng=rng,
            password=password,
            levels=levels,
            bulk=bulk,
        )
        lesson_themes = content.lesson_themes(lessons)
        course_themes = content.course_themes(lessons)
        quiz_themes = [
            lesson_themes[i] if i < lessons else course_themes[i % len(course_themes)]
            for i in range(quizzes)
        ]
        quiz_specs = quizbank.load_quizzes(
            count=quizzes, themes=quiz_themes, rng=rng, author=owner, bulk=bulk
        )
        lesson_specs = content.load_lessons(
            count=lessons, quizzes=quiz_specs, roles=roles, rng=rng, owner=owner
        )
        bulk.count(content.LessonPage, len(lesson_specs))
        plans = requirements.extend_plans(
            levels=levels, lessons=lesson_specs, quizzes=quiz_specs, today=today, days=days, rng=rng
        )
        active = learning.load_learning(
            members=members,
            users=users,
            plans=plans,
            lessons=lesson_specs,
            quizzes=quiz_specs,
            today=today,
            days=days,
            rng=rng,
            bulk=bulk,
        )
        records.load_level_history(members=members, users=users, levels=levels, bulk=bulk)
        records.load_evaluations(
            members=members, users=users, today=today, days=days, rng=rng, bulk=bulk
        )
        records.load_sign_offs(
            members=members, users=users, plans=plans, today=today, rng=rng, bulk=bulk
        )
        records.load_acknowledgements(
            members=members, users=users, plans=plans, today=today, days=days, rng=rng, bulk=bulk
        )
    return ScaleResult(dict(bulk.counts), time.monotonic() - started, len(active))
