"""The one-on-one brief: everything a manager reads about one person before
a meeting, gathered from the other apps' selectors into one ``Brief``.

Nothing is stored here and nothing is computed twice: the page and the
talking points (``talking_points.py``) read the same ``Brief``, so every
number a point quotes is one the page shows next to it.

Queries are fixed whatever the number of lessons, attempts, evaluations or
notes (see ``person_brief``).
"""

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from lessons import selectors as lesson_selectors
from quizzes import selectors as quiz_selectors
from quizzes.models import Attempt
from salesmap.progression import selectors as progression_selectors
from standards import selectors as standards_selectors

from . import notes as note_selectors
from .conf import setting

NOT_STARTED = lesson_selectors.NOT_STARTED
IN_PROGRESS = lesson_selectors.IN_PROGRESS
COMPLETED = lesson_selectors.COMPLETED
MISSED_LIMIT = 20


@dataclass
class LessonRow:
    """One lesson as the person stands on it: opened (a record), or meant for
    their role and not started."""

    lesson_id: int
    title: str
    course: str = ""
    active_seconds: int = 0
    estimated_seconds: int | None = None  # None: the lesson is gone or has no estimate
    started: bool = False
    completed_at: datetime | None = None
    last_active_at: datetime | None = None
    assigned: bool = False
    # Bar geometry on the chart's common scale (percent of the longest time).
    bar_percent: float = 0
    estimate_percent: float | None = None

    @property
    def status(self):
        if not self.started:
            return NOT_STARTED
        return COMPLETED if self.completed_at else IN_PROGRESS

    @property
    def ratio(self):
        """Active time over the estimate (None without an estimate or time)."""
        if not self.estimated_seconds or not self.active_seconds:
            return None
        return self.active_seconds / self.estimated_seconds

    @property
    def over_estimate(self):
        """Far above the estimate, by the review area's threshold."""
        return self.ratio is not None and self.ratio >= setting("TIME_HIGH_RATIO")

    @property
    def anchor(self):
        return f"lesson-{self.lesson_id}"


@dataclass
class StandardRow:
    """An acknowledgeable page meant for the person, and where they stand with it."""

    page: object
    state: standards_selectors.AcknowledgementState

    @property
    def anchor(self):
        return f"standard-{self.page.pk}"


@dataclass
class EvaluationTrend:
    """The first and the latest evaluation of one kind of work (two or more),
    labelled by their scorecard when they share one."""

    kind: str
    label: str
    first: object
    latest: object
    count: int

    @property
    def change(self):
        return self.latest.percent - self.first.percent


@dataclass
class Brief:
    person: object
    today: date
    map: progression_selectors.OnboardingMap
    lessons: list = field(default_factory=list)
    days: list = field(default_factory=list)  # [(day, seconds)], oldest first
    attempts: list = field(default_factory=list)  # quiz Attempts, newest first
    missed: list = field(default_factory=list)  # quiz_selectors.MissedAnswer
    categories: list = field(default_factory=list)  # weakest first
    standards: list = field(default_factory=list)  # [StandardRow]
    notes: list = field(default_factory=list)  # OneOnOneNotes, newest meeting first
    can_read_notes: bool = False
    may_write_notes: bool = False
    points: list = field(default_factory=list)  # talking points, filled by the view

    # The header ------------------------------------------------------------

    @property
    def days_since_start(self):
        start = self.person.start_date
        return (self.today - start).days if start else None

    @property
    def history(self):
        return self.map.history

    @property
    def plan(self):
        return self.map.plan

    @property
    def overdue(self):
        return self.plan.overdue if self.plan is not None else []

    @property
    def ready(self):
        return self.plan is not None and self.plan.ready

    # Learning ----------------------------------------------------------------

    @property
    def opened_lessons(self):
        return [row for row in self.lessons if row.started]

    @property
    def assigned_count(self):
        return sum(1 for row in self.lessons if row.assigned)

    @property
    def done_assigned_count(self):
        return sum(1 for row in self.lessons if row.assigned and row.completed_at)

    @property
    def completed_count(self):
        return sum(1 for row in self.lessons if row.completed_at)

    @property
    def chart_seconds(self):
        return sum(seconds for _day, seconds in self.days)

    @property
    def last_active_at(self):
        """The latest moment of lesson or quiz activity, or None."""
        moments = [row.last_active_at for row in self.lessons if row.last_active_at]
        for attempt in self.attempts:
            moments.extend(
                moment
                for moment in (attempt.last_activity_at, attempt.submitted_at, attempt.started_at)
                if moment
            )
        return max(moments) if moments else None

    @property
    def days_inactive(self):
        """Whole days since the last activity; since the start date for someone
        who never began (None when neither is known)."""
        last = self.last_active_at
        if last is not None:
            return max(0, (self.today - timezone.localdate(last)).days)
        if self.person.start_date:
            return max(0, (self.today - self.person.start_date).days)
        return None

    @property
    def never_active(self):
        return self.last_active_at is None

    # Quizzes -----------------------------------------------------------------

    @property
    def graded_attempts(self):
        return [attempt for attempt in self.attempts if attempt.state == Attempt.State.GRADED]

    @property
    def waiting_for_marking(self):
        return [a for a in self.attempts if a.state == Attempt.State.NEEDS_MARKING]

    # Standards and evaluations -----------------------------------------------

    @property
    def pending_standards(self):
        return [row for row in self.standards if row.state.pending]

    @property
    def reacknowledge(self):
        return [row for row in self.pending_standards if row.state.needs_reacknowledgement]

    @property
    def acknowledged_standards(self):
        return [row for row in self.standards if row.state.is_current]

    @property
    def evaluations(self):
        return self.map.evaluations

    @property
    def evaluation_trends(self):
        """For each kind of work evaluated twice or more: the first and the
        latest evaluation (by the day of the work), in the order kinds first appear."""
        by_kind = OrderedDict()
        for evaluation in sorted(self.evaluations, key=lambda e: (e.occurred_on, e.pk)):
            by_kind.setdefault(evaluation.kind, []).append(evaluation)
        return [
            EvaluationTrend(kind, _trend_label(rows), rows[0], rows[-1], len(rows))
            for kind, rows in by_kind.items()
            if len(rows) >= 2
        ]

    # Notes -------------------------------------------------------------------

    @property
    def previous_note(self):
        """The latest meeting's note (its agreed actions open the notes), or None."""
        return self.notes[0] if self.notes else None


def _trend_label(evaluations):
    """The scorecard's name when every evaluation used the same one (e.g.
    "Discovery call"), else the kind of work ("Call")."""
    names = {evaluation.scorecard_name for evaluation in evaluations}
    return names.pop() if len(names) == 1 else evaluations[0].get_kind_display()


def _lesson_rows(person, catalogue, records):
    """A row for each lesson the person opened (in course order, then lessons
    since deleted), and for each lesson meant for their role not started."""
    assigned = {lesson.pk for lesson in catalogue.for_role(person.role_id)}
    mine = {record.lesson_ref: record for record in records}
    rows = []
    for lesson in catalogue.lessons:
        record = mine.pop(lesson.pk, None)
        if record is None and lesson.pk not in assigned:
            continue
        row = LessonRow(
            lesson_id=lesson.pk,
            title=lesson.title,
            course=catalogue.courses.get(lesson.course_id, ""),
            estimated_seconds=lesson.estimated_seconds or None,
            assigned=lesson.pk in assigned,
        )
        if record is not None:
            row.started = True
            row.active_seconds = record.active_seconds
            row.completed_at = record.completed_at
            row.last_active_at = record.last_active_at
        rows.append(row)
    for record in sorted(mine.values(), key=lambda r: r.last_active_at, reverse=True):
        # Records of lessons deleted or unpublished since: kept by lesson id.
        rows.append(
            LessonRow(
                lesson_id=record.lesson_ref,
                title=record.lesson_title,
                active_seconds=record.active_seconds,
                started=True,
                completed_at=record.completed_at,
                last_active_at=record.last_active_at,
            )
        )
    scale = max(
        (max(row.active_seconds, row.estimated_seconds or 0) for row in rows),
        default=0,
    )
    for row in rows:
        if scale:
            row.bar_percent = round(100 * row.active_seconds / scale, 1)
            if row.estimated_seconds:
                row.estimate_percent = round(100 * row.estimated_seconds / scale, 1)
    return rows


def _standard_rows(person):
    pages = standards_selectors.acknowledgeable_pages_for(person)
    states = standards_selectors.acknowledgement_states(
        people=[person], page_ids=[page.pk for page in pages]
    )
    rows = [StandardRow(page, states[(person.pk, page.pk)]) for page in pages]
    # Pending first (re-acknowledgements before never acknowledged), then the rest in tree order.
    return sorted(
        rows,
        key=lambda row: (
            not row.state.pending,
            not row.state.needs_reacknowledgement,
        ),
    )


def weakest_first(categories):
    """Category scores ordered weakest first (then more questions, then name)."""
    return sorted(categories, key=lambda c: (c["percent"], -c["possible"], c["category"]))


def person_brief(person, *, can_read_notes, may_write_notes, today=None):
    """The ``Brief`` of ``person`` (loaded with role, level, manager and mentor).

    Whether notes are read and offered is the caller's answer from the access
    module. Queries, whatever the number of records: the onboarding map
    (about 17, see ``progression.selectors.onboarding_map``), the lesson
    catalogue (3), lesson records (1), learning days (1), quiz attempts (1),
    missed answers (1), category scores (1), standards (about 6) and the
    notes (1, when they may be read).
    """
    today = today or timezone.localdate()
    catalogue = lesson_selectors.catalogue()
    records = lesson_selectors.progress_of_people([person]).get(person.pk, [])
    brief = Brief(
        person=person,
        today=today,
        map=progression_selectors.onboarding_map(person, today=today),
        lessons=_lesson_rows(person, catalogue, records),
        days=lesson_selectors.time_per_day(person, days=setting("CHART_DAYS"), today=today),
        attempts=list(quiz_selectors.attempts_of(person)),
        missed=quiz_selectors.missed_answers(person, limit=MISSED_LIMIT),
        categories=weakest_first(quiz_selectors.category_scores(person)),
        standards=_standard_rows(person),
        can_read_notes=can_read_notes,
        may_write_notes=may_write_notes,
    )
    if can_read_notes:
        brief.notes = list(note_selectors.notes_of(person))
    return brief
