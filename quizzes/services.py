"""Every write of the quiz engine: starting, answering, submitting, closing and marking.

Each function is one transaction that locks the attempt row it changes
(``select_for_update``), and the database constraints on ``Attempt`` back the
invariants, so double clicks, two tabs and concurrent requests cannot create
a second attempt, exceed the attempt limit or change a recorded result.

Refusals are ``QuizError`` subclasses carrying a message for the person and
the HTTP status a view should answer with.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import scoring, signals
from .models import Answer, Attempt, Question, Quiz
from .policy import markable_attempts
from .scoring import InvalidResponse

__all__ = [
    "AnswerLocked",
    "AttemptClosed",
    "AttemptLimitReached",
    "DeadlinePassed",
    "InvalidMark",
    "InvalidResponse",
    "MustWait",
    "NoQuestions",
    "QuizError",
    "QuizUnavailable",
    "StaleAnswer",
    "close_overdue_attempts",
    "close_if_overdue",
    "mark_answer",
    "may_take",
    "save_answer",
    "start_attempt",
    "submit_attempt",
]

MARK_ACTION = "quizzes.mark"
START_RETRIES = 3


class QuizError(Exception):
    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class QuizUnavailable(QuizError):
    status = 404


class NoQuestions(QuizError):
    status = 409


class AttemptLimitReached(QuizError):
    status = 409


class MustWait(QuizError):
    status = 409

    def __init__(self, message, until):
        super().__init__(message)
        self.until = until


class AttemptClosed(QuizError):
    status = 409


class DeadlinePassed(QuizError):
    status = 409


class StaleAnswer(QuizError):
    status = 409


class AnswerLocked(QuizError):
    status = 409


class InvalidMark(QuizError):
    status = 400


def _grace():
    return timedelta(seconds=getattr(settings, "QUIZZES_DEADLINE_GRACE_SECONDS", 5))


def may_take(quiz, person):
    """Live, unarchived quizzes are for everyone signed in; drafts only for their editors."""
    if not person.is_authenticated or quiz.archived:
        return False
    return quiz.live or person.has_perm("quizzes.change_quiz")


def _version_to_take(quiz):
    """The live quiz, or for a draft (taken by its editors) its latest revision."""
    if quiz.live:
        return quiz
    return quiz.get_latest_revision_as_object()


def _questions_for(quiz, rng):
    """The bank questions of one attempt, in the order they will be asked."""
    ids = [item.question_id for item in quiz.quiz_questions.all()]
    by_id = (
        Question.objects.filter(pk__in=ids)
        .select_related("category", "sub_category")
        .prefetch_related("choices")
        .in_bulk()
    )
    questions = [by_id[pk] for pk in ids if pk in by_id]
    if quiz.max_questions and quiz.max_questions < len(questions):
        chosen = set(rng.sample(range(len(questions)), quiz.max_questions))
        questions = [question for index, question in enumerate(questions) if index in chosen]
    if quiz.random_order:
        rng.shuffle(questions)
    return questions


def start_attempt(*, quiz, person, now=None, rng=None):
    """Start an attempt, or return the person's open one (resuming it).

    Refuses with ``QuizUnavailable`` (not takeable by this person),
    ``AttemptLimitReached``, ``MustWait`` or ``NoQuestions``. Two concurrent
    calls return the same attempt: the unique (quiz, person, number) and
    one-open-attempt constraints make the loser fail, and it then finds the
    winner's attempt.
    """
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    if not may_take(quiz, person):
        raise QuizUnavailable(_("This quiz is not available."))
    close_if_overdue(quiz=quiz, person=person, now=now)
    for _try in range(START_RETRIES):
        try:
            with transaction.atomic():
                return _start_once(quiz, person, now, rng)
        except IntegrityError:
            continue  # a concurrent start won; look again at what it created
    raise AttemptClosed(_("Another start of this quiz is in progress. Please try again."))


def _start_once(quiz, person, now, rng):
    # One query, so one snapshot of the person's attempts: asking "is one open?"
    # and "how many were taken?" separately could see a concurrent start's
    # attempt in the second answer only (PostgreSQL's read committed) and
    # refuse a resume as over the limit.
    existing = list(Attempt.objects.filter(quiz=quiz, person=person))
    open_attempt = next((attempt for attempt in existing if attempt.is_open), None)
    if open_attempt is not None:
        return open_attempt
    taken = max((attempt.number for attempt in existing), default=0)
    last_submitted = max(
        (attempt.submitted_at for attempt in existing if attempt.submitted_at), default=None
    )
    if quiz.max_attempts and taken >= quiz.max_attempts:
        raise AttemptLimitReached(
            _("You have used all %(count)s attempts at this quiz.") % {"count": quiz.max_attempts}
            if quiz.max_attempts > 1
            else _("This quiz can be taken once, and you have taken it.")
        )
    if quiz.wait_minutes and last_submitted is not None:
        until = last_submitted + timedelta(minutes=quiz.wait_minutes)
        if now < until:
            raise MustWait(_("You can start the next attempt later."), until)
    version = _version_to_take(quiz)
    questions = _questions_for(version, rng)
    if not questions:
        raise NoQuestions(_("This quiz has no questions yet."))
    snapshots = [scoring.snapshot_question(question, rng=rng) for question in questions]
    attempt = Attempt.objects.create(
        quiz=quiz,
        person=person,
        number=taken + 1,
        quiz_title=version.title,
        pass_mark=version.pass_mark,
        show_answers=version.show_answers,
        layout=version.layout,
        started_at=now,
        last_activity_at=now,
        deadline_at=(
            now + timedelta(minutes=version.time_limit_minutes)
            if version.time_limit_minutes
            else None
        ),
        question_count=len(questions),
        max_score=sum((Decimal(snapshot["points"]) for snapshot in snapshots), Decimal(0)),
    )
    Answer.objects.bulk_create(
        Answer(attempt=attempt, position=position, question=question, snapshot=snapshot)
        for position, (question, snapshot) in enumerate(zip(questions, snapshots, strict=True), 1)
    )
    return attempt


def _locked_attempt(attempt_id, person):
    """The person's attempt, locked for this transaction; DoesNotExist if not theirs."""
    return Attempt.objects.select_for_update().get(pk=attempt_id, person=person)


def _overdue(attempt, now):
    return attempt.deadline_at is not None and now > attempt.deadline_at + _grace()


def save_answer(*, attempt_id, person, position, data, revision=None, now=None):
    """Store the person's response to the question at ``position`` of their attempt.

    ``data`` is {"choice": [...], "text": "..."} from the form. ``revision`` is
    the answer's revision the person's page showed: an older one means a stale
    tab or an out-of-sequence request, refused with ``StaleAnswer`` and not
    applied. Refuses answers after the deadline (closing the attempt and
    grading what was answered), to a closed attempt, to a final answer (after
    feedback was shown), and responses the question cannot accept.
    Raises ``Attempt.DoesNotExist`` / ``Answer.DoesNotExist`` for an attempt
    that is not the person's or a position not in it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked_attempt(attempt_id, person)
        if attempt.is_open and _overdue(attempt, now):
            _finish(attempt, now=now, by_deadline=True)
            # Commit the closing: the refusal must not roll it back.
            error = DeadlinePassed(_("Time is up: answers after the deadline are not accepted."))
        elif not attempt.is_open:
            error = AttemptClosed(_("This attempt is already submitted."))
        else:
            error = None
            answer = attempt.answers.select_for_update().get(position=position)
            if answer.locked:
                raise AnswerLocked(_("This answer is final: its feedback was shown."))
            if revision is not None and revision != answer.revision:
                raise StaleAnswer(
                    _("This question was answered in another tab or window. Reload to see it.")
                )
            response = scoring.clean_response(answer.snapshot, data)
            since = attempt.last_activity_at or attempt.started_at
            answer.seconds_spent += max(0, int((now - since).total_seconds()))
            answer.response = response
            answer.answered_at = now if response is not None else None
            answer.revision += 1
            answer.locked = (
                attempt.show_answers == Quiz.ShowAnswers.AFTER_EACH and response is not None
            )
            answer.save(
                update_fields=[
                    "response",
                    "answered_at",
                    "revision",
                    "locked",
                    "seconds_spent",
                ]
            )
            attempt.state = Attempt.State.ANSWERING
            attempt.last_activity_at = now
            attempt.current_position = min(position + 1, attempt.question_count)
            attempt.save(update_fields=["state", "last_activity_at", "current_position"])
    if error is not None:
        raise error
    return answer


def submit_attempt(*, attempt_id, person, now=None):
    """Finish the person's attempt and grade it. Idempotent: a second submit,
    a stale tab or a concurrent request gets the recorded result unchanged."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked_attempt(attempt_id, person)
        if attempt.is_open:
            _finish(attempt, now=now, by_deadline=_overdue(attempt, now))
    return attempt


def close_if_overdue(*, quiz, person, now=None):
    """Close the person's open attempt at this quiz if its time is up."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update()
            .filter(quiz=quiz, person=person, state__in=Attempt.OPEN_STATES)
            .first()
        )
        if attempt is not None and _overdue(attempt, now):
            _finish(attempt, now=now, by_deadline=True)
            return attempt
    return None


def close_overdue_attempts(*, now=None):
    """Close and grade every open attempt past its deadline; returns how many.

    Meant for a periodic command; each attempt in its own transaction so one
    failure does not hold the others.
    """
    now = now or timezone.now()
    ids = list(
        Attempt.objects.filter(
            state__in=Attempt.OPEN_STATES, deadline_at__lt=now - _grace()
        ).values_list("pk", flat=True)
    )
    closed = 0
    for pk in ids:
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=pk)
            if attempt.is_open and _overdue(attempt, now):
                _finish(attempt, now=now, by_deadline=True)
                closed += 1
    return closed


def _finish(attempt, *, now, by_deadline):
    attempt.submitted_at = min(now, attempt.deadline_at + _grace()) if by_deadline else now
    attempt.closed_by_deadline = by_deadline
    attempt.state = Attempt.State.SUBMITTED
    _grade(attempt, now=now)


def _grade(attempt, *, now):
    """Score every answer not marked by a person, then the attempt's totals.

    The attempt needs marking while an answered essay has no points; its
    percent and pass/fail are set only once every answer has points.
    """
    answers = list(attempt.answers.all())
    changed = []
    for answer in answers:
        if answer.marked_by_id is not None or answer.marked_at is not None:
            continue
        points, correct = scoring.score(answer.snapshot, answer.response)
        if (answer.auto_points, answer.points_awarded, answer.is_correct) != (
            points,
            points,
            correct,
        ):
            answer.auto_points = points
            answer.points_awarded = points
            answer.is_correct = correct
            changed.append(answer)
    if changed:
        Answer.objects.bulk_update(changed, ["auto_points", "points_awarded", "is_correct"])
    _total(attempt, answers, now=now)


def _total(attempt, answers, *, now):
    pending = any(answer.points_awarded is None for answer in answers)
    total = sum(
        (answer.points_awarded for answer in answers if answer.points_awarded is not None),
        Decimal(0),
    )
    attempt.score = total
    if pending:
        attempt.state = Attempt.State.NEEDS_MARKING
        attempt.percent = None
        attempt.passed = None
        attempt.graded_at = None
    else:
        attempt.state = Attempt.State.GRADED
        attempt.percent = scoring.percent_of(total, attempt.max_score)
        attempt.passed = scoring.has_passed(total, attempt.max_score, attempt.pass_mark)
        attempt.graded_at = attempt.graded_at or now
    attempt.save(
        update_fields=[
            "state",
            "submitted_at",
            "closed_by_deadline",
            "score",
            "percent",
            "passed",
            "graded_at",
        ]
    )
    if attempt.state == Attempt.State.GRADED:
        signals.attempt_graded.send(sender=Attempt, attempt=attempt)


def mark_answer(*, answer_id, marker, points, feedback="", reason="", now=None):
    """A person marks an essay or overrides an automatic mark.

    Who may mark whose attempts is the marking policy's decision
    (``quizzes.policy``); an answer outside it raises ``Answer.DoesNotExist``.
    ``points`` must lie between 0 and the question's points. Overriding an
    automatic mark, or changing an earlier mark, needs a reason. The attempt's
    score and pass/fail are recomputed, and the change is written to Wagtail's
    audit log on the attempt.
    """
    now = now or timezone.now()
    with transaction.atomic():
        answer = Answer.objects.select_related("attempt").get(
            pk=answer_id, attempt__in=markable_attempts(marker, Attempt.objects.all())
        )
        attempt = Attempt.objects.select_for_update().get(pk=answer.attempt_id)
        answer = attempt.answers.select_for_update().get(pk=answer_id)
        if attempt.is_open:
            raise InvalidMark(_("The attempt is still in progress; mark it once it is submitted."))
        try:
            points = Decimal(str(points)).quantize(scoring.TWO_PLACES)
        except (ArithmeticError, ValueError):
            raise InvalidMark(_("Enter the points as a number.")) from None
        if not Decimal(0) <= points <= answer.points:
            raise InvalidMark(
                _("Give between 0 and %(max)s points.") % {"max": answer.points.normalize()}
            )
        reason = (reason or "").strip()
        feedback = (feedback or "").strip()
        overriding = answer.kind != Question.Kind.ESSAY or answer.marked_at is not None
        if overriding and points != answer.points_awarded and not reason:
            raise InvalidMark(_("Say why you are changing the mark."))
        before = answer.points_awarded
        answer.points_awarded = points
        answer.is_correct = points == answer.points
        answer.feedback = feedback
        if reason:
            answer.override_reason = reason
        answer.marked_by = marker
        answer.marked_at = now
        answer.save(
            update_fields=[
                "points_awarded",
                "is_correct",
                "feedback",
                "override_reason",
                "marked_by",
                "marked_at",
            ]
        )
        answers = list(attempt.answers.all())
        passed_before = attempt.passed
        _total(attempt, answers, now=now)
        log(
            instance=attempt,
            action=MARK_ACTION,
            user=marker,
            data={
                "answer": answer.pk,
                "position": answer.position,
                "points_before": None if before is None else str(before),
                "points_after": str(points),
                "reason": reason,
                "score": str(attempt.score),
                "passed_before": passed_before,
                "passed_after": attempt.passed,
            },
        )
    return answer
