"""Writes of the lessons app: opening, crediting active time, completion.

Every function here is atomic (a transaction, or a single UPDATE). Time is
credited under a lock on the person's ``ActivityClock`` row, so concurrent
heartbeats of one person (several tabs, a retried request) are serialised and
counted once; counters are increased with ``F()`` expressions so no update is
ever lost.
"""

import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, DateTimeField, F, Q, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from quizzes import selectors as quiz_selectors

from . import crediting
from .models import ActivityClock, LearningDay, LessonPage, LessonProgress

# An open this long after the last activity on a lesson is a new visit; a
# reload or a back-and-forth within it is the same visit.
VISIT_GAP = timedelta(minutes=30)
DEFAULT_BEATS_PER_MINUTE = 12


class LessonError(Exception):
    """A refusal with a message for the person and the HTTP status to answer."""

    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class RateLimited(LessonError):
    status = 429


class NotYetComplete(LessonError):
    status = 409


def beats_per_minute():
    return getattr(settings, "LESSONS_HEARTBEATS_PER_MINUTE", DEFAULT_BEATS_PER_MINUTE)


def _progress_for(person, lesson, now):
    """The person's row for the lesson, created on first use (safe under races)."""
    defaults = {
        "lesson": lesson,
        "lesson_title": lesson.title[:255],
        "first_opened_at": now,
        "last_active_at": now,
    }
    # get_or_create inserts inside its own savepoint and, when a concurrent
    # request inserted first, reads that row instead.
    progress, created = LessonProgress.objects.get_or_create(
        person=person, lesson_ref=lesson.pk, defaults=defaults
    )
    progress.person = person  # the rule check reads it: no second fetch
    return progress, created


def record_open(*, person, lesson, now=None):
    """The person opened the lesson: a visit (one per ``VISIT_GAP``), the
    title kept up to date, and completion when the rule is "opened".
    Returns the progress row.

    Every open after the first is one UPDATE, atomic on its own (the row is
    locked while it runs, and the visit rule is decided on the row's current
    values), then one read of the row: two queries on every lesson page view.
    """
    now = now or timezone.now()
    rows = LessonProgress.objects.filter(person=person, lesson_ref=lesson.pk)
    # A row a heartbeat created (its request overtook the open) has no visit yet.
    new_visit = Q(visits=0) | Q(last_active_at__lte=now - VISIT_GAP)
    opened = rows.update(
        visits=Case(
            When(new_visit, then=F("visits") + 1),
            default=F("visits"),
            output_field=LessonProgress._meta.get_field("visits"),
        ),
        lesson=lesson,
        lesson_title=lesson.title[:255],
        last_active_at=Greatest("last_active_at", Value(now, output_field=DateTimeField())),
    )
    if not opened:
        return _record_first_open(person, lesson, now)
    progress = rows.get()
    progress.person = person
    _complete_if_met(progress, lesson, now)
    return progress


@transaction.atomic
def _record_first_open(person, lesson, now):
    """The first open creates the row; two racing first opens count one visit."""
    progress, created = _progress_for(person, lesson, now)
    progress = LessonProgress.objects.select_for_update().get(pk=progress.pk)
    progress.person = person
    if created or not progress.visits or now - progress.last_active_at >= VISIT_GAP:
        progress.visits = F("visits") + 1
    progress.lesson = lesson
    progress.lesson_title = lesson.title[:255]
    progress.last_active_at = max(progress.last_active_at, now)
    progress.save(update_fields=["visits", "lesson", "lesson_title", "last_active_at"])
    progress.refresh_from_db(fields=["visits", "last_active_at", "completed_at"])
    _complete_if_met(progress, lesson, now)
    return progress


# SQLite (the embedded default) has no row locks: ``select_for_update`` is a
# no-op there, and two beats read in parallel would both credit the same
# seconds. The embedded site is one process, so a process-wide lock
# serialises crediting on SQLite; PostgreSQL relies on the row lock alone.
_SQLITE_CREDIT_LOCK = threading.Lock()


def credit_heartbeat(*, person, lesson, claimed_seconds, now=None):
    """Credit a heartbeat of ``claimed_seconds`` active seconds on the lesson.

    Returns the seconds credited (see ``crediting``). Raises ``RateLimited``
    (changing nothing) past the per-person rate. Locks the person's clock row
    (and, on SQLite, a process lock around the whole transaction).
    """
    return record_heartbeat(person=person, lesson=lesson, claimed_seconds=claimed_seconds, now=now)[
        0
    ]


def record_heartbeat(*, person, lesson, claimed_seconds, now=None):
    """``credit_heartbeat``, answering ``(seconds credited, progress row)``."""
    if connection.vendor == "sqlite":
        with _SQLITE_CREDIT_LOCK:
            return _credit_heartbeat(person, lesson, claimed_seconds, now)
    return _credit_heartbeat(person, lesson, claimed_seconds, now)


@transaction.atomic
def _credit_heartbeat(person, lesson, claimed_seconds, now):
    now = now or timezone.now()
    # Locked for the rest of the transaction: found with FOR UPDATE, or
    # locked by its own insert on a person's first beat. Everything below
    # writes only this person's rows, so the lock serialises all of it.
    clock, _created = ActivityClock.objects.select_for_update().get_or_create(person=person)
    _count_beat(clock, now)
    result = crediting.credit(claimed=claimed_seconds, now=now, last_beat_at=clock.last_beat_at)
    clock.last_beat_at = result.last_beat_at
    clock.save(update_fields=["last_beat_at", "window_started_at", "window_beats"])

    rows = LessonProgress.objects.filter(person=person, lesson_ref=lesson.pk)
    if result.seconds:
        # Greatest: a beat whose request was overtaken by a later open must
        # not move last activity back (nor before the first open: a check).
        credit = {
            "active_seconds": F("active_seconds") + result.seconds,
            "last_active_at": Greatest("last_active_at", Value(now, output_field=DateTimeField())),
        }
        # Updated in place (one query) once the row exists, as it nearly always does.
        if not rows.update(**credit):
            _progress_for(person, lesson, now)
            rows.update(**credit)
        day = timezone.localdate(now)
        days = LearningDay.objects.filter(person=person, lesson_ref=lesson.pk, day=day)
        if not days.update(seconds=F("seconds") + result.seconds):
            LearningDay.objects.get_or_create(person=person, lesson_ref=lesson.pk, day=day)
            days.update(seconds=F("seconds") + result.seconds)
    progress = rows.first()
    if progress is None:  # a first beat that credited nothing still starts the record
        progress, _created = _progress_for(person, lesson, now)
    progress.person = person
    if result.seconds:
        _complete_if_met(progress, lesson, now)
    return result.seconds, progress


def _count_beat(clock, now):
    """One more beat in the person's one-minute window; ``RateLimited`` past the limit."""
    window = timedelta(minutes=1)
    # Only a beat after the window starts a new one: a request stamped before
    # it (overtaken by a concurrent one) counts in it, or a burst of parallel
    # requests taking the lock out of order could reset the window each time.
    # A beat a whole window earlier means the server clock was set back.
    start = clock.window_started_at
    if start is None or not (start - window < now < start + window):
        clock.window_started_at = now
        clock.window_beats = 0
    if clock.window_beats >= beats_per_minute():
        raise RateLimited(_("Too many heartbeats: wait a minute."))
    clock.window_beats += 1


def rule_met(lesson, progress, *, passed=None):
    """Whether ``progress`` satisfies the lesson's completion rule. ``passed``
    (whether the person passed the lesson's quiz) is looked up when not given."""
    if progress is None:
        return False
    Rule = LessonPage.CompletionRule
    if lesson.completion_rule == Rule.OPENED:
        return True
    if progress.active_seconds < lesson.required_read_seconds:
        return False
    if lesson.completion_rule == Rule.READ_AND_PASSED:
        if lesson.quiz_id is None:
            return False
        if passed is None:
            passed = quiz_selectors.has_passed(progress.person, lesson.quiz)
        return passed
    return True


def _complete_if_met(progress, lesson, now, *, passed=None):
    if progress.completed_at is None and rule_met(lesson, progress, passed=passed):
        LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            completed_at=now
        )
        progress.completed_at = now
    return progress.completed_at is not None


@transaction.atomic
def complete_lesson(*, person, lesson, now=None):
    """The person asks to mark the lesson as done. Completes it when the rule
    is met (idempotent); otherwise ``NotYetComplete`` says what is missing."""
    now = now or timezone.now()
    progress = (
        LessonProgress.objects.select_for_update()
        .filter(person=person, lesson_ref=lesson.pk)
        .first()
    )
    if progress is None:
        raise NotYetComplete(_("Open the lesson first."))
    if _complete_if_met(progress, lesson, now):
        return progress
    missing = lesson.required_read_seconds - progress.active_seconds
    if missing > 0:
        minutes = (missing + 59) // 60
        raise NotYetComplete(
            _("Keep reading: about %(minutes)s more minute(s) of active reading are needed.")
            % {"minutes": minutes}
        )
    raise NotYetComplete(_("Pass the lesson's quiz to complete it."))


def complete_after_quiz(*, attempt):
    """The quiz engine graded ``attempt``: complete the person's lessons that
    wait for that quiz to be passed (runs inside the grading transaction)."""
    if not attempt.passed:
        return
    lessons = LessonPage.objects.filter(
        quiz_id=attempt.quiz_id, completion_rule=LessonPage.CompletionRule.READ_AND_PASSED
    )
    waiting = list(
        LessonProgress.objects.filter(
            person_id=attempt.person_id, completed_at__isnull=True, lesson__in=lessons
        ).select_related("lesson")
    )
    if not waiting:
        return
    # The attempt that counts may not be this one (first / last / best): ask
    # once for the person and quiz, whatever the number of lessons using it.
    passed = quiz_selectors.has_passed(attempt.person, attempt.quiz)
    now = attempt.graded_at or timezone.now()
    for progress in waiting:
        _complete_if_met(progress, progress.lesson, now, passed=passed)
