"""How lessons fare across everyone: who opened and completed each, how long
completing took against the estimate, where each course loses people, and
how people score on the lesson's quiz.

Everything is read from ``LessonProgress`` (kept by lesson id, so renamed or
moved lessons keep their figures) and the quiz engine's counted results,
never stored. ``lesson_statistics`` takes a fixed number of queries whatever
the number of courses, lessons, people or records.

- Completion rate: completed / opened, in percent.
- Audience: the active people with a role the lesson is meant for (the
  course's roles; a course for everyone and a stand-alone lesson are meant
  for every active person with a role). The audience completion rate is the
  share of them who completed it.
- Median time: the median active seconds of the people who completed it,
  and its ratio to the estimate.
- Drop-off: for each lesson after the first of a course, the people who
  completed the previous lesson but not this one. The lesson with the
  biggest (non-zero) drop-off of each course is flagged.
- Quiz score: the mean of the attempt that counts (best, last or first, as
  the quiz says) of the people who opened the lesson and have a graded
  attempt at its quiz.
"""

import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count

from quizzes import selectors as quiz_selectors
from standards.conf import person_role_field

from . import selectors
from .models import LessonProgress

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)


def _percent(part, whole):
    """``part / whole`` in percent with two places, or None when ``whole`` is 0."""
    if not whole:
        return None
    return (HUNDRED * part / whole).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class LessonStatistics:
    """One live lesson's figures (see the module docstring for each)."""

    lesson_id: int
    title: str
    course_id: int | None  # None: a stand-alone lesson
    course_title: str
    position: int | None  # 1-based place in its course; None when stand-alone
    estimated_seconds: int
    quiz_id: int | None
    opened: int = 0
    completed: int = 0
    audience: int = 0
    audience_completed: int = 0
    median_seconds: int | None = None
    drop_off: int | None = None  # None: first lesson of a course, or stand-alone
    biggest_drop: bool = False
    quiz_people: int = 0  # people whose counted attempt makes the average
    average_quiz_percent: Decimal | None = None

    @property
    def completion_rate(self):
        return _percent(self.completed, self.opened)

    @property
    def audience_completion_rate(self):
        return _percent(self.audience_completed, self.audience)

    @property
    def time_ratio(self):
        """Median time of completers over the estimate (1.00: as estimated), or None."""
        if self.median_seconds is None or not self.estimated_seconds:
            return None
        return (Decimal(self.median_seconds) / self.estimated_seconds).quantize(
            TWO_PLACES, rounding=ROUND_HALF_UP
        )


def _audience_sizes():
    """``({role_id: active people}, role field name)``; empty without a role field. One query."""
    field = person_role_field()
    if not field:
        return {}, None
    rows = (
        get_user_model()
        .objects.filter(is_active=True, **{f"{field}__isnull": False})
        .values(field)
        .annotate(people=Count("pk"))
        .values_list(field, "people")
    )
    return dict(rows), field


def lesson_statistics():
    """``[LessonStatistics]`` of every live lesson of the learning section, in
    tree order (each course's lessons together, in course order). Seven
    queries whatever the size: the lesson catalogue (four), the audience
    sizes (one), one pass over the lessons' progress records (one) and the
    counted quiz results of the people who opened a lesson with a quiz (one;
    none when no lesson has a quiz or nobody opened one)."""
    catalogue = selectors.catalogue()
    lessons = catalogue.lessons
    if not lessons:
        return []
    sizes, role_field = _audience_sizes()
    everyone = sum(sizes.values())

    opened = {lesson.pk: set() for lesson in lessons}
    completed = {lesson.pk: set() for lesson in lessons}
    seconds = {lesson.pk: [] for lesson in lessons}
    roles = {}  # person id -> role id, for active people with a role
    fields = ["person_id", "lesson_ref", "active_seconds", "completed_at", "person__is_active"]
    if role_field:
        fields.append(f"person__{role_field}")
    rows = LessonProgress.objects.filter(lesson_ref__in=list(opened)).values_list(*fields)
    for person_id, lesson_id, active_seconds, completed_at, active, *role in rows.iterator(
        chunk_size=5000
    ):
        opened[lesson_id].add(person_id)
        if role and active and role[0] is not None:
            roles[person_id] = role[0]
        if completed_at is not None:
            completed[lesson_id].add(person_id)
            seconds[lesson_id].append(active_seconds)

    percents = _counted_percents(lessons, opened)

    results = []
    positions = {}
    for lesson in lessons:
        course_roles = catalogue.course_roles.get(lesson.course_id) or set()
        if course_roles:
            audience = sum(sizes.get(role_id, 0) for role_id in course_roles)
        else:
            audience = everyone
        done = completed[lesson.pk]
        if lesson.course_id is not None:
            positions[lesson.course_id] = positions.get(lesson.course_id, 0) + 1
        entry = LessonStatistics(
            lesson_id=lesson.pk,
            title=lesson.title,
            course_id=lesson.course_id,
            course_title=catalogue.courses.get(lesson.course_id, ""),
            position=positions.get(lesson.course_id) if lesson.course_id else None,
            estimated_seconds=lesson.estimated_seconds,
            quiz_id=lesson.quiz_id,
            opened=len(opened[lesson.pk]),
            completed=len(done),
            audience=audience,
            audience_completed=sum(
                1
                for person_id in done
                if person_id in roles and (not course_roles or roles[person_id] in course_roles)
            ),
            median_seconds=round(statistics.median(seconds[lesson.pk]))
            if seconds[lesson.pk]
            else None,
        )
        scores = percents.get(lesson.pk, [])
        if scores:
            entry.quiz_people = len(scores)
            entry.average_quiz_percent = (sum(scores) / len(scores)).quantize(
                TWO_PLACES, rounding=ROUND_HALF_UP
            )
        results.append(entry)
    _mark_drop_offs(results, completed)
    return results


def _counted_percents(lessons, opened):
    """``{lesson_id: [percent]}``: the counted quiz result of each person who
    opened the lesson, at the lesson's quiz. One query (none without quizzes)."""
    with_quiz = [lesson for lesson in lessons if lesson.quiz_id and opened[lesson.pk]]
    if not with_quiz:
        return {}
    people = set().union(*(opened[lesson.pk] for lesson in with_quiz))
    counted = quiz_selectors.counted_results(people, {lesson.quiz_id for lesson in with_quiz})
    percents = {}
    for lesson in with_quiz:
        for person_id in opened[lesson.pk]:
            attempt = counted.get((person_id, lesson.quiz_id))
            if attempt is not None and attempt.percent is not None:
                percents.setdefault(lesson.pk, []).append(Decimal(attempt.percent))
    return percents


def _mark_drop_offs(results, completed):
    """Set each course lesson's drop-off from the previous lesson, and flag
    the biggest drop of each course (the first one on a tie; none at 0)."""
    previous = {}  # course id -> the course's previous entry
    biggest = {}  # course id -> entry with the biggest drop so far
    for entry in results:
        if entry.course_id is None:
            continue
        before = previous.get(entry.course_id)
        previous[entry.course_id] = entry
        if before is None:
            continue
        entry.drop_off = len(completed[before.lesson_id] - completed[entry.lesson_id])
        top = biggest.get(entry.course_id)
        if entry.drop_off > 0 and (top is None or entry.drop_off > top.drop_off):
            biggest[entry.course_id] = entry
    for entry in biggest.values():
        entry.biggest_drop = True
