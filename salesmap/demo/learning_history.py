"""The demo people's learning history, relative to today, for the dashboards.

Each person's story is a list of ``(lesson slug, sessions, attempts)``:
``sessions`` are ``(days ago, minutes of active reading)`` and ``attempts``
are ``(days after the last session, questions answered wrongly)`` at the
lesson's quiz. Progress and per-day rows are written directly, as the
heartbeats would have left them; quiz attempts go through the quiz service
with past times, and its ``attempt_graded`` signal completes the "read and
passed" lessons, as it does for real readers.

A person who already has any lesson progress is left alone, so a second run
adds nothing.
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from lessons.models import LearningDay, LessonPage, LessonProgress
from quizzes.models import Attempt, Question

from .lessons_quizzes import LESSON_QUIZZES
from .quizzes import _take

FUNNEL, QUALIFICATION, CALLING = (
    "the-funnel-and-our-stages",
    "icp-and-qualification",
    "cold-calling-and-first-touch",
)
OBJECTIONS, CRM, KPIS, ONE_ON_ONES = (
    "obrabotka-vozrazheniy",
    "crm-hygiene",
    "kpis-and-your-numbers",
    "one-on-ones-with-your-manager",
)
DISCOVERY, DEMO, PROPOSAL, CLOSING = (
    "discovery-meeting",
    "demo-that-sells",
    "proposal-and-negotiation",
    "zakrytie-sdelki-i-peredacha",
)

STORIES = {
    # 75 days in: the whole SDR course but one lesson, on time, good scores. The KPIs
    # lesson ("read" rule: 5 of its 10 minutes) stopped 12 seconds short and its quiz
    # was never taken: both are on her SDR II plan (see ``progress_history``).
    "elena.sdr": [
        (FUNNEL, [(73, 7.5), (72, 4.5)], [(0, 0)]),
        (QUALIFICATION, [(71, 9), (70, 7)], [(0, 1)]),
        (CALLING, [(68, 14)], [(0, 0)]),
        (OBJECTIONS, [(66, 8), (65, 8.5)], [(0, 0)]),
        (CRM, [(63, 10.5)], [(0, 0)]),
        (ONE_ON_ONES, [(60, 4)], [(0, 0)]),
        (KPIS, [(58, 4.8)], []),
    ],
    # 12 days in: half the course; the CRM lesson took three times its estimate,
    # and the objections quiz took a second attempt.
    "anna.sdr": [
        (FUNNEL, [(11, 9), (10, 5)], [(0, 1)]),
        (QUALIFICATION, [(10, 10), (9, 8)], [(0, 1)]),
        (CALLING, [(8, 12)], []),
        (OBJECTIONS, [(7, 9), (6, 7)], [(0, 2), (1, 0)]),
        (CRM, [(5, 11), (4, 12), (3, 7.5)], [(0, 1)]),
    ],
    # 40 days in: a quick start, a failed quiz, then nothing for weeks.
    "tom.sdr": [
        (FUNNEL, [(38, 10), (37, 3)], [(0, 1)]),
        (QUALIFICATION, [(35, 11)], [(0, 1)]),
        (CALLING, [(30, 6), (24, 5), (19, 3)], [(0, 2)]),
    ],
    # 20 days in: reads well under the estimates, mixed scores.
    "sam.ae": [
        (DISCOVERY, [(18, 6), (17, 4)], [(0, 1)]),
        (DEMO, [(14, 4.5)], [(0, 1)]),
        (PROPOSAL, [(10, 3), (9, 2.5)], [(0, 2)]),
        (CLOSING, [(4, 1.5)], []),
    ],
    # 5 days in: opened the first lesson yesterday.
    "pavel.sdr": [(FUNNEL, [(1, 1.5)], [])],
}

QUIZ_HOUR = 17  # quizzes are taken at the end of the day, after the reading


def load_learning_history(people, lessons):
    """Progress, learning days and quiz attempts for the demo people who have
    no lesson progress yet. ``lessons`` is ``{slug: live LessonPage}``; a story
    line whose lesson is missing is skipped. Returns the progress rows created."""
    today = timezone.localdate()
    started = set(
        LessonProgress.objects.filter(person__in=list(people.values())).values_list(
            "person__username", flat=True
        )
    )
    created = 0
    for username, story in STORIES.items():
        person = people.get(username)
        if person is None or username in started:
            continue
        lines = [(lessons[slug], *rest) for slug, *rest in story if slug in lessons]
        progress, days = [], []
        for order, (lesson, sessions, _attempts) in enumerate(lines):
            row, per_day = _progress(person, lesson, _sessions(today, sessions, order))
            progress.append(row)
            days += per_day
        LessonProgress.objects.bulk_create(progress)
        LearningDay.objects.bulk_create(days)
        created += len(progress)
        # After the progress rows exist: a passing attempt completes its lesson.
        for lesson, sessions, attempts in lines:
            _take_quiz(person, lesson, today, sessions, attempts)
    return created


def _sessions(today, sessions, order):
    """``[(start, seconds)]`` in local time: mornings and early afternoons,
    shifted per lesson so two lessons of one day do not overlap."""
    result = []
    for days_ago, minutes in sessions:
        day = today - datetime.timedelta(days=days_ago)
        hour = 9 + (order + days_ago) % 6
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 10)))
        result.append((start, round(minutes * 60)))
    return result


def _progress(person, lesson, sessions):
    """The lesson's progress row (unsaved) and its learning days; completed
    here for the "opened" and "read" rules, by the quiz for the third."""
    per_day = defaultdict(int)
    for start, seconds in sessions:
        per_day[timezone.localdate(start)] += seconds
    first, last = sessions[0], sessions[-1]
    row = LessonProgress(
        person=person,
        lesson_ref=lesson.pk,
        lesson=lesson,
        lesson_title=lesson.title[:255],
        active_seconds=sum(per_day.values()),
        visits=len(sessions),
        first_opened_at=first[0],
        last_active_at=last[0] + datetime.timedelta(seconds=last[1]),
        completed_at=_completed_at(lesson, sessions),
    )
    days = [
        LearningDay(person=person, lesson_ref=lesson.pk, day=day, seconds=seconds)
        for day, seconds in per_day.items()
    ]
    return row, days


def _completed_at(lesson, sessions):
    Rule = LessonPage.CompletionRule
    if lesson.completion_rule == Rule.OPENED:
        return sessions[0][0]
    if lesson.completion_rule != Rule.READ:
        return None
    # The moment the reading reached the required share of the estimate.
    needed = lesson.required_read_seconds
    for start, seconds in sessions:
        if seconds >= needed:
            return start + datetime.timedelta(seconds=needed)
        needed -= seconds
    return None


def _take_quiz(person, lesson, today, sessions, attempts):
    quiz = lesson.quiz
    if (
        not attempts
        or quiz is None
        or not quiz.live
        or Attempt.objects.filter(quiz=quiz, person=person).exists()
    ):
        return
    spec = LESSON_QUIZZES.get(lesson.slug)
    if spec is None:
        return
    last_day = today - datetime.timedelta(days=sessions[-1][0])
    for number, (days_after, wrong) in enumerate(attempts):
        day = last_day + datetime.timedelta(days=days_after)
        start = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(QUIZ_HOUR, 5 + 20 * number))
        )
        _take(quiz, person, (today - day).days, _answers(spec["questions"], wrong), start=start)


def _answers(questions, wrong):
    """Answers by question text: the last ``wrong`` questions answered wrongly."""
    cutoff = len(questions) - wrong
    return {
        text: _answer(kind, extra, correct=position < cutoff)
        for position, (kind, text, _explanation, extra) in enumerate(questions)
    }


def _answer(kind, extra, *, correct):
    """What the person gave, in the shape ``quizzes._take`` expects."""
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        right = [text for text, is_correct in extra["choices"] if is_correct]
        wrong = [text for text, is_correct in extra["choices"] if not is_correct]
        if not correct:
            return {"choices": wrong[:1]}
        return {"choices": right if kind == Question.Kind.MULTIPLE else right[:1]}
    if kind == Question.Kind.TRUE_FALSE:
        answer = extra["true_false_answer"]
        return {"value": answer if correct else not answer}
    return {"text": extra["accepted_answers"].splitlines()[0] if correct else "not sure"}
