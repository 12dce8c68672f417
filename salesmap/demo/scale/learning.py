"""Learning history: lesson reading, per-day time, the crediting clock and quiz attempts.

Each person works through their curriculum (their level's plan lessons,
then the other lessons meant for their role) over their days in the
window: recent hires as far as their few days allow, veterans through most
of it. A lesson is read in one to three sessions on separate days; the rows
are what the heartbeats would have left (``lessons.services``): one
``LearningDay`` per lesson and day, a ``LessonProgress`` whose seconds are
their sum, visits, first and last activity, and the completion moment its
rule gives. Sessions of one person never overlap, so the credited time never
exceeds the clock. After the last session of a lesson with a quiz, the
person takes it, retaking after a failure; a passed quiz completes a "read
and passed" lesson at the moment it was graded.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from lessons.models import ActivityClock, LearningDay, LessonPage, LessonProgress
from quizzes.models import Answer, Attempt

from .attempts import attempt_limit, take
from .requirements import lessons_for_role

Rule = LessonPage.CompletionRule
FLUSH_ANSWERS = 20_000


@dataclass
class Buffer:
    """Rows waiting for the next bulk insert."""

    progress: list = field(default_factory=list)
    days: list = field(default_factory=list)
    clocks: list = field(default_factory=list)
    attempts: list = field(default_factory=list)  # [(Attempt, [Answer])]
    answers: int = 0

    def flush(self, bulk):
        bulk.create(LessonProgress, self.progress)
        bulk.create(LearningDay, self.days)
        bulk.create(ActivityClock, self.clocks)
        saved = bulk.create(Attempt, [attempt for attempt, _answers in self.attempts])
        rows = []
        for attempt, (_unsaved, answers) in zip(saved, self.attempts, strict=True):
            for answer in answers:
                answer.attempt_id = attempt.pk
            rows += answers
        bulk.create(Answer, rows)
        self.__init__()


def curriculum(member, level_plan, lessons):
    """The person's lessons in the order they take them."""
    by_pk = {spec.page.pk: spec for spec in lessons}
    planned = [row.lesson_id for row in level_plan if row.lesson_id in by_pk]
    ordered = [by_pk[pk] for pk in dict.fromkeys(planned)]
    seen = set(planned)
    role = member.role if member.kind != "ops" else "sales-ops"
    return ordered + [spec for spec in lessons_for_role(lessons, role) if spec.page.pk not in seen]


def load_learning(*, members, users, plans, lessons, quizzes, today, days, rng, bulk):
    """Write the learning history of every member; returns the positions of
    the members who have any."""
    first_window_day = today - datetime.timedelta(days=days)
    last_day = today - datetime.timedelta(days=1)
    standalone = quizzes[len(lessons) :]
    marker_of = _markers(members, users)
    buffer = Buffer()
    active = []
    for member, user in zip(members, users, strict=True):
        first_day = max(member.start_date, first_window_day)
        if first_day > last_day:
            continue
        reader = _Reader(member, user.pk, first_day, last_day, rng.uniform(0.75, 0.99))
        reader.marker_id = marker_of.get(member.position)
        plan = curriculum(member, plans.get(user.level_id, []), lessons)
        _read(reader, plan, quizzes, rng)
        if member.kind == "rep" and not member.recent:
            for spec in standalone:
                if rng.random() < 0.3:
                    day = first_day + datetime.timedelta(
                        days=rng.randint(0, (last_day - first_day).days)
                    )
                    reader.events.append((day, 1_000_000, "quiz", (spec, None)))
        if reader.events:
            _play(reader, rng, buffer)
            active.append(member.position)
        if buffer.answers >= FLUSH_ANSWERS:
            buffer.flush(bulk)
    buffer.flush(bulk)
    return active


class _Reader:
    def __init__(self, member, person_id, first_day, last_day, skill):
        self.member, self.person_id, self.skill = member, person_id, skill
        self.first_day, self.last_day = first_day, last_day
        self.marker_id = None
        self.events = []  # (day, order, kind, payload)


def _markers(members, users):
    """Who marks each person's essays: their manager, or for those without
    one (the head, Sales Ops) the first Sales Ops person."""
    ops = next(users[m.position].pk for m in members if m.kind == "ops")
    result = {}
    for member in members:
        if member.manager is not None:
            result[member.position] = users[member.manager].pk
        elif member.kind != "ops":
            result[member.position] = ops
    return result


def _read(reader, plan, quizzes, rng):
    """Schedule the person's reading sessions and lesson quizzes."""
    member = reader.member
    window = (reader.last_day - reader.first_day).days + 1
    if member.username == "scale.hire":
        done = min(len(plan), 6)
    elif member.recent:
        done = min(len(plan), int(window / rng.uniform(1.0, 2.5)))
    else:
        done = min(len(plan), round(len(plan) * rng.uniform(0.2, 0.6)))
    if not done:
        return
    leave_open = member.username == "scale.hire" or rng.random() < 0.5
    with_quiz = [
        k for k in range(done - (1 if leave_open else 0)) if plan[k].quiz_index is not None
    ]
    skip_quiz = with_quiz[-1] if member.username == "scale.hire" and with_quiz else None
    for order, spec in enumerate(plan[:done]):
        start = reader.first_day + datetime.timedelta(days=order * window // done)
        finished = not (leave_open and order == done - 1)
        sessions = _sessions(spec, start, reader.last_day, finished, rng)
        for day, seconds in sessions:
            reader.events.append((day, order * 2, "read", (spec, seconds)))
        takes_quiz = (
            finished and spec.quiz_index is not None and order != skip_quiz and member.kind != "ops"
        )
        if takes_quiz:
            quiz = quizzes[spec.quiz_index]
            reader.events.append((sessions[-1][0], order * 2 + 1, "quiz", (quiz, spec)))


def _sessions(spec, start, last_day, finished, rng):
    """``[(day, seconds)]`` on separate days, adding up to a reading of the
    lesson: past its required share when ``finished``, short of it otherwise."""
    page = spec.page
    estimate = page.estimated_minutes * 60
    share = page.min_read_percent / 100 if page.completion_rule != Rule.OPENED else 0
    if finished:
        total = int(estimate * rng.uniform(max(0.6, share + 0.05), 1.7))
    else:
        total = int(estimate * rng.uniform(0.05, max(0.06, share - 0.1)))
    total = max(total, 30)
    count = rng.randint(1, 3)
    days = sorted({min(start + datetime.timedelta(days=k), last_day) for k in range(count)})
    weights = [rng.uniform(0.5, 1.5) for _ in days]
    seconds = [int(total * weight / sum(weights)) for weight in weights]
    seconds[-1] += total - sum(seconds)
    return list(zip(days, seconds, strict=True))


def _play(reader, rng, buffer):
    """Turn the schedule into timestamped rows, in the order things happened."""
    records = {}  # lesson pk -> record being built
    clock = None
    day_of_clock = None
    last_beat = None
    for day, _order, kind, payload in sorted(reader.events, key=lambda e: (e[0], e[1])):
        if day != day_of_clock:
            day_of_clock = day
            clock = _at(day, rng.randint(8, 11), rng.randint(0, 59))
        elif timezone.localdate(clock) != day or clock.hour >= 22:
            # A very long day: keep its last activities on the day itself.
            clock = _at(day, 22, 0)
        if kind == "read":
            spec, seconds = payload
            record = records.setdefault(spec.page.pk, _Record(spec))
            record.sessions.append((clock, seconds))
            clock += datetime.timedelta(seconds=seconds)
            last_beat = clock
        else:
            spec, lesson = payload
            clock, passed_at = _quiz(reader, spec, clock, rng, buffer)
            if lesson is not None and passed_at is not None:
                records[lesson.page.pk].passed_at = passed_at
        clock += datetime.timedelta(minutes=rng.randint(2, 40))
    for record in records.values():
        buffer.progress.append(record.progress(reader.person_id))
        for start, seconds in record.sessions:
            buffer.days.append(
                LearningDay(
                    person_id=reader.person_id,
                    lesson_ref=record.spec.page.pk,
                    day=start.date(),
                    seconds=seconds,
                )
            )
    if last_beat is not None:
        buffer.clocks.append(
            ActivityClock(
                person_id=reader.person_id,
                last_beat_at=last_beat,
                window_started_at=last_beat - datetime.timedelta(seconds=45),
                window_beats=3,
            )
        )


def _quiz(reader, spec, clock, rng, buffer):
    """The person's attempts at a quiz, retaking after a failure; returns the
    clock after them and when the first passing attempt was graded."""
    for number in range(1, attempt_limit(spec.quiz) + 1):
        attempt, answers = take(
            spec,
            person_id=reader.person_id,
            number=number,
            start=clock,
            skill=reader.skill,
            rng=rng,
            marker_id=reader.marker_id,
            last_day=reader.last_day,
        )
        buffer.attempts.append((attempt, answers))
        buffer.answers += len(answers)
        clock = attempt.submitted_at
        if attempt.passed:
            return clock, attempt.graded_at
        if attempt.passed is None or attempt.graded_at.date() != clock.date():
            break  # waiting for marking, or marked another day: no retake today
        clock += datetime.timedelta(minutes=rng.randint(20, 90))
    return clock, None


class _Record:
    def __init__(self, spec):
        self.spec = spec
        self.sessions = []  # [(start, seconds)]
        self.passed_at = None

    def progress(self, person_id):
        page = self.spec.page
        first, last = self.sessions[0], self.sessions[-1]
        return LessonProgress(
            person_id=person_id,
            lesson_ref=page.pk,
            lesson_id=page.pk,
            lesson_title=page.title[:255],
            active_seconds=sum(seconds for _start, seconds in self.sessions),
            visits=len(self.sessions),
            first_opened_at=first[0],
            last_active_at=last[0] + datetime.timedelta(seconds=last[1]),
            completed_at=self._completed_at(),
        )

    def _completed_at(self):
        page = self.spec.page
        if page.completion_rule == Rule.OPENED:
            return self.sessions[0][0]
        needed = page.required_read_seconds
        read_at = None
        for start, seconds in self.sessions:
            if seconds >= needed:
                read_at = start + datetime.timedelta(seconds=needed)
                break
            needed -= seconds
        if page.completion_rule == Rule.READ or read_at is None:
            return read_at
        return self.passed_at


def _at(day, hour, minute):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
