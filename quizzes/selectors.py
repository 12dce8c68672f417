"""Reads of the quiz engine: the service API other apps use, and what pages show.

Results come from finished attempts' stored scores and answer snapshots, never
from the quizzes or questions as they are now, so edits and deletions never
change a past result. Each function states its query count.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.fields.json import KT

from . import scoring
from .models import Answer, Attempt, Quiz
from .policy import markable_attempts

FINISHED = Attempt.FINISHED_STATES


def attempts_of(person, quiz=None):
    """Every attempt of the person (newest first), optionally at one quiz; a queryset."""
    attempts = Attempt.objects.filter(person=person).select_related("quiz")
    if quiz is not None:
        attempts = attempts.filter(quiz=quiz)
    return attempts


def _counted(attempts, counts):
    """Of one person's graded attempts at one quiz, the one that counts."""
    if not attempts:
        return None
    if counts == Quiz.Counts.FIRST:
        return min(attempts, key=lambda attempt: attempt.number)
    if counts == Quiz.Counts.LAST:
        return max(attempts, key=lambda attempt: attempt.number)
    return max(attempts, key=lambda attempt: (attempt.percent, -attempt.number))


def counted_results(people, quizzes):
    """{(person_id, quiz_id): Attempt}: the attempt that counts (best, last or
    first, per the quiz) among graded attempts, for many people and quizzes.
    One query."""
    person_ids = [getattr(person, "pk", person) for person in people]
    quiz_ids = [getattr(quiz, "pk", quiz) for quiz in quizzes]
    grouped = defaultdict(list)
    for attempt in Attempt.objects.filter(
        person_id__in=person_ids, quiz_id__in=quiz_ids, state=Attempt.State.GRADED
    ).select_related("quiz"):
        grouped[(attempt.person_id, attempt.quiz_id)].append(attempt)
    return {key: _counted(attempts, attempts[0].quiz.counts) for key, attempts in grouped.items()}


@dataclass(frozen=True)
class Standing:
    """Where a person stands at a quiz: its state, the attempt that counts,
    the open attempt and how many attempts are used and left."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    NEEDS_MARKING = "needs_marking"
    PASSED = "passed"
    FAILED = "failed"

    state: str
    counted: Attempt | None = None
    open_attempt: Attempt | None = None
    attempts_used: int = 0
    attempts_left: int | None = None  # None: unlimited

    @property
    def may_retry(self):
        return self.attempts_left is None or self.attempts_left > 0


def standings(person, quizzes):
    """{quiz_id: Standing} for one person at many quizzes. One query."""
    quizzes = {quiz.pk: quiz for quiz in quizzes}
    grouped = defaultdict(list)
    for attempt in Attempt.objects.filter(person=person, quiz_id__in=list(quizzes)):
        grouped[attempt.quiz_id].append(attempt)
    return {quiz_id: _standing(quiz, grouped.get(quiz_id, [])) for quiz_id, quiz in quizzes.items()}


def _standing(quiz, attempts):
    """The ``Standing`` of one person at ``quiz`` given all their attempts at it."""
    graded = [a for a in attempts if a.state == Attempt.State.GRADED]
    counted = _counted(graded, quiz.counts)
    open_one = next((a for a in attempts if a.is_open), None)
    used = len(attempts)
    left = None if quiz.max_attempts is None else max(0, quiz.max_attempts - used)
    if open_one is not None:
        state = Standing.IN_PROGRESS
    elif counted is not None:
        state = Standing.PASSED if counted.passed else Standing.FAILED
    elif any(a.state == Attempt.State.NEEDS_MARKING for a in attempts):
        state = Standing.NEEDS_MARKING
    else:
        state = Standing.NOT_STARTED
    return Standing(state, counted, open_one, used, left)


def result_for(person, quiz):
    """The attempt that counts for the person at the quiz, or None. One query."""
    return counted_results([person], [quiz]).get((person.pk, quiz.pk))


def best_result(person, quiz):
    """The person's highest-scoring graded attempt at the quiz, or None. One query."""
    return (
        Attempt.objects.filter(person=person, quiz=quiz, state=Attempt.State.GRADED)
        .order_by("-percent", "number")
        .first()
    )


def has_passed(person, quiz, *, min_percent=None):
    """Whether the attempt that counts passed (and reached ``min_percent``,
    when a caller asks for more than the pass mark). One query."""
    result = result_for(person, quiz)
    if result is None or not result.passed:
        return False
    # Exact, like the pass mark: a shown 67.00 % may be 66.995 %.
    return min_percent is None or scoring.has_passed(result.score, result.max_score, min_percent)


def open_attempt(person, quiz):
    """The person's attempt in progress at the quiz, or None. One query."""
    return Attempt.objects.filter(person=person, quiz=quiz, state__in=Attempt.OPEN_STATES).first()


def most_missed_questions(person, *, limit=10):
    """The questions the person got wrong most often in finished attempts:
    [{"question_id", "text", "category", "missed", "asked"}], most missed first.
    Read from the answers' snapshots, so editing or deleting a question later
    changes nothing here: ``question_id`` is the bank question as asked (it
    may have been deleted since) and the text is as last asked. One query."""
    answers = (
        Answer.objects.filter(attempt__person=person, attempt__state__in=FINISHED)
        .exclude(is_correct=None)
        .order_by("-attempt__started_at", "position")
        .values("snapshot", "is_correct")
    )
    stats = {}
    for row in answers:
        snapshot = row["snapshot"]
        key = snapshot.get("question_id") or ("unknown", snapshot["text"])
        entry = stats.setdefault(
            key,
            {
                "question_id": snapshot.get("question_id"),
                "text": snapshot["text"],
                "category": snapshot.get("category", ""),
                "missed": 0,
                "asked": 0,
            },
        )
        entry["asked"] += 1
        entry["missed"] += 0 if row["is_correct"] else 1
    missed = [entry for entry in stats.values() if entry["missed"]]
    missed.sort(key=lambda entry: (-entry["missed"], -entry["asked"], entry["text"]))
    return missed[:limit]


def category_scores(person):
    """The person's score per question category across all quizzes:
    [{"category", "correct", "possible", "percent"}], by category name.
    Counts questions in finished attempts that have a mark. One query."""
    rows = (
        Answer.objects.filter(attempt__person=person, attempt__state__in=FINISHED)
        .exclude(is_correct=None)
        .annotate(category_name=KT("snapshot__category"))
        .values("category_name")
        .annotate(
            possible=Count("pk"),
            correct=Count("pk", filter=Q(is_correct=True)),
        )
        .order_by("category_name")
    )
    return [
        {
            "category": row["category_name"] or "",
            "correct": row["correct"],
            "possible": row["possible"],
            "percent": round(100 * row["correct"] / row["possible"]) if row["possible"] else 0,
        }
        for row in rows
    ]


def attempt_with_answers(attempt_id, person):
    """The person's attempt and its answers in order (two queries); DoesNotExist
    when the attempt is not theirs."""
    attempt = Attempt.objects.select_related("quiz").get(pk=attempt_id, person=person)
    answers = list(attempt.answers.all())
    for answer in answers:
        answer.attempt = attempt
    return attempt, answers


def marking_queue(marker, *, quiz=None, person=None, state=None):
    """Finished attempts the marker may mark, needing marking first, then newest;
    filtered by quiz, person and state. A queryset."""
    attempts = markable_attempts(
        marker, Attempt.objects.filter(state__in=FINISHED).select_related("quiz", "person")
    )
    if quiz is not None:
        attempts = attempts.filter(quiz=quiz)
    if person is not None:
        attempts = attempts.filter(person=person)
    if state:
        attempts = attempts.filter(state=state)
    return attempts.annotate(
        essays_waiting=Count(
            "answers",
            filter=Q(answers__points_awarded__isnull=True, answers__response__isnull=False),
        )
    ).order_by("-essays_waiting", "-submitted_at", "-pk")


def waiting_for_marking_count(marker):
    """How many attempts wait for this marker. One query."""
    return markable_attempts(
        marker, Attempt.objects.filter(state=Attempt.State.NEEDS_MARKING)
    ).count()


@dataclass
class ResultsSummary:
    """A person's quiz results in brief, for team tables."""

    graded: int = 0
    average_percent: object = None  # mean of the counted attempt per quiz
    latest_percent: object = None
    latest_quiz: str = ""
    latest_at: object = None
    waiting_for_marking: int = 0
    last_active_at: object = None


def results_summaries(people):
    """{person_id: ResultsSummary} for many people. The average is over the
    attempt each quiz counts (best, last or first); the latest is the most
    recently graded attempt. One query whatever the number of attempts."""
    person_ids = [getattr(person, "pk", person) for person in people]
    rows = Attempt.objects.filter(person_id__in=person_ids).values(
        "person_id",
        "quiz_id",
        "quiz__counts",
        "number",
        "state",
        "percent",
        "quiz_title",
        "started_at",
        "submitted_at",
        "graded_at",
        "last_activity_at",
    )
    graded = defaultdict(list)
    summaries = defaultdict(ResultsSummary)
    for row in rows:
        summary = summaries[row["person_id"]]
        moments = [row["started_at"], row["submitted_at"], row["last_activity_at"]]
        latest_move = max(moment for moment in moments if moment is not None)
        if summary.last_active_at is None or latest_move > summary.last_active_at:
            summary.last_active_at = latest_move
        if row["state"] == Attempt.State.NEEDS_MARKING:
            summary.waiting_for_marking += 1
        if row["state"] != Attempt.State.GRADED:
            continue
        summary.graded += 1
        graded[(row["person_id"], row["quiz_id"])].append(row)
        when = row["graded_at"] or row["submitted_at"]
        if summary.latest_at is None or when > summary.latest_at:
            summary.latest_at = when
            summary.latest_percent = row["percent"]
            summary.latest_quiz = row["quiz_title"]
    counted = defaultdict(list)
    for (person_id, _quiz_id), attempts in graded.items():
        counts = attempts[0]["quiz__counts"]
        if counts == Quiz.Counts.FIRST:
            row = min(attempts, key=lambda a: a["number"])
        elif counts == Quiz.Counts.LAST:
            row = max(attempts, key=lambda a: a["number"])
        else:
            row = max(attempts, key=lambda a: (a["percent"], -a["number"]))
        counted[person_id].append(row["percent"])
    for person_id, percents in counted.items():
        summaries[person_id].average_percent = sum(percents) / len(percents)
    return dict(summaries)


def standings_of_people(people, quizzes):
    """{(person_id, quiz_id): Standing} for many people at many quizzes (only
    pairs with an attempt). One query."""
    quizzes = {quiz.pk: quiz for quiz in quizzes}
    person_ids = [getattr(person, "pk", person) for person in people]
    grouped = defaultdict(list)
    for attempt in Attempt.objects.filter(person_id__in=person_ids, quiz_id__in=list(quizzes)):
        grouped[(attempt.person_id, attempt.quiz_id)].append(attempt)
    return {key: _standing(quizzes[key[1]], attempts) for key, attempts in grouped.items()}


def results_by_quiz(people):
    """{(person_id, quiz_id): Standing} at every quiz the people attempted. One query."""
    person_ids = [getattr(person, "pk", person) for person in people]
    grouped = defaultdict(list)
    quizzes = {}
    for attempt in Attempt.objects.filter(person_id__in=person_ids).select_related("quiz"):
        grouped[(attempt.person_id, attempt.quiz_id)].append(attempt)
        quizzes[attempt.quiz_id] = attempt.quiz
    return {key: _standing(quizzes[key[1]], attempts) for key, attempts in grouped.items()}


def quiz_titles(quiz_ids):
    """[(quiz_id, title)] of the quizzes, by title. One query."""
    return list(
        Quiz.objects.filter(pk__in=quiz_ids).order_by("title", "pk").values_list("pk", "title")
    )


@dataclass(frozen=True)
class MissedAnswer:
    """One question a person got wrong, as it was asked and as they answered."""

    attempt_id: int
    quiz_title: str
    answered_at: object  # the attempt's submission (or start) moment
    question_id: int | None  # the bank question as asked; it may have been deleted since
    kind: str
    text: str
    category: str
    given: str  # the answer as given ("" when left unanswered)
    correct: str  # the right answer(s) as text ("" for an essay)


def missed_answers(person, *, limit=20):
    """The answers the person got wrong in finished attempts, newest first:
    ``[MissedAnswer]``, at most ``limit``. Read from the answers' snapshots
    (the question, its choices and accepted answers as asked), so later edits
    of the quiz change nothing here. Essays count once a marker judged them
    not correct. One query."""
    rows = (
        Answer.objects.filter(attempt__person=person, attempt__state__in=FINISHED, is_correct=False)
        .order_by("-attempt__submitted_at", "-attempt__started_at", "-attempt_id", "position")
        .values(
            "attempt_id",
            "attempt__quiz_title",
            "attempt__submitted_at",
            "attempt__started_at",
            "snapshot",
            "response",
        )[:limit]
    )
    return [
        MissedAnswer(
            attempt_id=row["attempt_id"],
            quiz_title=row["attempt__quiz_title"],
            answered_at=row["attempt__submitted_at"] or row["attempt__started_at"],
            question_id=row["snapshot"].get("question_id"),
            kind=row["snapshot"].get("kind", ""),
            text=row["snapshot"].get("text", ""),
            category=row["snapshot"].get("category", ""),
            given=scoring.response_display(row["snapshot"], row["response"]),
            correct=scoring.correct_answer_display(row["snapshot"]),
        )
        for row in rows
    ]
