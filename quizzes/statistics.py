"""Statistics per quiz and per question, computed as Moodle's quiz statistics report does.

Everything is read from stored attempts and the answers' snapshots (the
question as it was asked), never from the quizzes or questions as they are
now: editing or deleting a question changes no statistic.

Which attempts count: Moodle lets a teacher compute statistics from the
first, last, highest-graded or all attempts; we use **all graded attempts**
(every attempt whose answers all have points), not only the attempt that
counts for each person. Attempts waiting for an essay to be marked are
counted as finished attempts but give no score until they are marked.

- Facility index: the mean share of the question's points obtained, in
  percent (0: nobody got it, 100: everybody did). Unanswered questions
  count as 0.
- Discrimination index: Pearson's correlation, over graded attempts,
  between the question's share of points and the share of points obtained
  on the rest of the attempt (the attempt without this question), times 100
  as Moodle shows it (-100..100). ``None`` with fewer than two attempts or
  when either side does not vary. The rest is taken as a share of its
  maximum so that attempts with different questions (random subsets) and
  different quizzes compare; for a quiz that asks everyone the same
  questions this is exactly Moodle's correlation with the rest's marks.

Each selector states its query count: it does not grow with the number of
attempts, answers or questions.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .models import Answer, Attempt, Question
from .scoring import normalise_text, response_display

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)


def _two_places(value):
    if value is None:
        return None
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class QuizStatistics:
    """One quiz's results. Percentages are ``Decimal`` with two places; ``None``
    where there is nothing to compute from (no graded attempt yet)."""

    attempts: int = 0  # finished attempts: submitted, waiting for marking or graded
    people: int = 0  # different people with a finished attempt
    graded: int = 0  # attempts with a final score: the ones scores are computed from
    needs_marking: int = 0
    average_percent: Decimal | None = None
    median_percent: Decimal | None = None
    pass_rate: Decimal | None = None  # percent of graded attempts that passed
    average_seconds: int | None = None  # from start to submission, finished attempts


@dataclass
class QuestionStatistics:
    """One question's results, as asked (its text as last asked)."""

    key: int  # the bank question's id (kept in the snapshot after a deletion)
    question_id: int | None  # None once the bank question was deleted
    text: str
    kind: str
    category: str
    position: int | None = None  # its place in the quiz now; None if no longer in it
    asked: int = 0  # graded attempts in which it was asked
    answered: int = 0
    facility: Decimal | None = None
    discrimination: Decimal | None = None
    wrong_answer: str = ""  # the most chosen wrong answer, as the person saw it
    wrong_answer_count: int = 0
    average_seconds: int | None = None  # over the attempts that answered it
    quizzes: list = field(default_factory=list)  # titles it was asked in (as then titled)

    @property
    def deleted(self):
        return self.question_id is None

    @property
    def kind_label(self):
        try:
            return Question.Kind(self.kind).label
        except ValueError:
            return self.kind


# --- Per quiz -------------------------------------------------------------------------------


def quiz_statistics_for(quizzes):
    """``{quiz_id: QuizStatistics}`` for several quizzes (quizzes or ids); quizzes
    without a finished attempt get empty statistics. One query."""
    quiz_ids = [getattr(quiz, "pk", quiz) for quiz in quizzes]
    rows = defaultdict(list)
    for row in Attempt.objects.filter(
        quiz_id__in=quiz_ids, state__in=Attempt.FINISHED_STATES
    ).values_list(
        "quiz_id", "person_id", "state", "percent", "passed", "started_at", "submitted_at"
    ):
        rows[row[0]].append(row)
    return {quiz_id: _quiz_statistics(rows.get(quiz_id, [])) for quiz_id in quiz_ids}


def quiz_statistics(quiz):
    """The quiz's ``QuizStatistics`` from all its finished attempts (scores from
    all graded attempts, see the module's docstring). One query."""
    return quiz_statistics_for([quiz])[quiz.pk]


def _quiz_statistics(rows):
    if not rows:
        return QuizStatistics()
    graded = [row for row in rows if row[2] == Attempt.State.GRADED and row[3] is not None]
    percents = [row[3] for row in graded]
    durations = [
        (submitted - started).total_seconds() for *_, started, submitted in rows if submitted
    ]
    return QuizStatistics(
        attempts=len(rows),
        people=len({row[1] for row in rows}),
        graded=len(graded),
        needs_marking=sum(1 for row in rows if row[2] == Attempt.State.NEEDS_MARKING),
        average_percent=_two_places(sum(percents) / len(percents)) if percents else None,
        median_percent=_two_places(statistics.median(percents)) if percents else None,
        pass_rate=(
            _two_places(HUNDRED * sum(1 for row in graded if row[4]) / len(graded))
            if graded
            else None
        ),
        average_seconds=round(sum(durations) / len(durations)) if durations else None,
    )


# --- Per question ---------------------------------------------------------------------------

ANSWER_FIELDS = (
    "attempt_id",
    "attempt__quiz_title",
    "question_id",
    "snapshot",
    "response",
    "points_awarded",
    "is_correct",
    "seconds_spent",
)


def _graded_answers():
    """Answers of graded attempts, oldest attempt first (so the last row seen
    of a question carries its latest text), as dicts."""
    return (
        Answer.objects.filter(attempt__state=Attempt.State.GRADED)
        .order_by("attempt__started_at", "attempt_id", "position")
        .values(*ANSWER_FIELDS)
    )


def question_statistics(quiz):
    """``[QuestionStatistics]`` for every question asked in the quiz's graded
    attempts, in the quiz's order now (questions since removed or deleted
    after them, by text). Two queries."""
    answers = _graded_answers().filter(attempt__quiz=quiz)
    order = {
        question_id: position
        for position, question_id in enumerate(
            quiz.quiz_questions.order_by("sort_order", "pk").values_list("question_id", flat=True),
            1,
        )
    }
    results = _question_statistics(answers.iterator(chunk_size=2000))
    for entry in results:
        entry.position = order.get(entry.question_id)
    results.sort(
        key=lambda entry: (entry.position is None, entry.position or 0, entry.text, entry.key)
    )
    return results


def all_question_statistics(*, min_asked=1, limit=None):
    """``[QuestionStatistics]`` across all quizzes, lowest facility first (most
    asked first among equals): where the content leaves people behind.
    Questions asked fewer than ``min_asked`` times are left out. One query."""
    results = [
        entry
        for entry in _question_statistics(_graded_answers().iterator(chunk_size=2000))
        if entry.asked >= min_asked and entry.facility is not None
    ]
    results.sort(key=lambda entry: (entry.facility, -entry.asked, entry.text, entry.key))
    return results[:limit] if limit is not None else results


def _question_key(row):
    """A question's identity: the bank question, or after its deletion the id
    kept in its snapshot (the foreign key is then null)."""
    return row["question_id"] or row["snapshot"].get("question_id")


def _question_statistics(rows):
    """Aggregate answer rows (one pass, then per question) into statistics."""
    entries = {}
    # Per question: [(attempt_id, share of points)], and the answered rows' seconds.
    shares = defaultdict(list)
    seconds = defaultdict(list)
    wrong = defaultdict(lambda: defaultdict(int))  # key -> wrong answer key -> count
    wrong_labels = {}  # (key, wrong answer key) -> label, as last shown
    quizzes = defaultdict(dict)  # key -> {title: None}, titles in first-seen order
    totals = defaultdict(lambda: [Decimal(0), Decimal(0)])  # attempt -> [score, maximum]

    for row in rows:
        snapshot = row["snapshot"]
        key = _question_key(row)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = QuestionStatistics(
                key=key,
                question_id=row["question_id"],
                text=snapshot["text"],
                kind=snapshot["kind"],
                category=snapshot.get("category", ""),
            )
        else:  # a later attempt: the question as it was last asked
            entry.question_id = row["question_id"]
            entry.text = snapshot["text"]
            entry.kind = snapshot["kind"]
            entry.category = snapshot.get("category", "")
        quizzes[key][row["attempt__quiz_title"]] = None

        maximum = Decimal(str(snapshot["points"]))
        points = row["points_awarded"] or Decimal(0)
        share = points / maximum if maximum else Decimal(0)
        shares[key].append((row["attempt_id"], share, points, maximum))
        total = totals[row["attempt_id"]]
        total[0] += points
        total[1] += maximum

        if row["response"] is not None:
            seconds[key].append(row["seconds_spent"])
            if row["is_correct"] is False:
                for wrong_key, label in _wrong_answers(snapshot, row["response"]):
                    wrong[key][wrong_key] += 1
                    wrong_labels[(key, wrong_key)] = label

    results = []
    for key, entry in entries.items():
        asked = shares[key]
        entry.asked = len(asked)
        entry.answered = len(seconds[key])
        entry.facility = _two_places(HUNDRED * sum(share for _, share, *_ in asked) / len(asked))
        entry.discrimination = _discrimination(asked, totals)
        if seconds[key]:
            entry.average_seconds = round(sum(seconds[key]) / len(seconds[key]))
        if wrong[key]:
            wrong_key, count = min(
                wrong[key].items(),
                key=lambda item: (-item[1], wrong_labels[(key, item[0])]),
            )
            entry.wrong_answer = wrong_labels[(key, wrong_key)]
            entry.wrong_answer_count = count
        entry.quizzes = list(quizzes[key])
        results.append(entry)
    return results


def _discrimination(asked, totals):
    """Moodle's discrimination index (see the module docstring), or None."""
    question_shares, rest_shares = [], []
    for attempt_id, share, points, maximum in asked:
        score, attempt_maximum = totals[attempt_id]
        rest_maximum = attempt_maximum - maximum
        if rest_maximum <= 0:
            continue  # nothing else was asked: there is no rest to compare with
        question_shares.append(float(share))
        rest_shares.append(float((score - points) / rest_maximum))
    if len(question_shares) < 2:
        return None
    try:
        correlation = statistics.correlation(question_shares, rest_shares)
    except statistics.StatisticsError:  # one side is constant: no correlation
        return None
    return _two_places(correlation * 100)


def _wrong_answers(snapshot, response):
    """The wrong parts of a response marked wrong, as (key, label) pairs:
    each wrong choice chosen; the wrong true/false value; the short text as
    given (texts differing only in case or spaces count as one)."""
    kind = snapshot["kind"]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        choices = {choice["id"]: choice for choice in snapshot.get("choices", [])}
        return [
            (("choice", pk), choices[pk]["text"])
            for pk in response.get("choices", [])
            if pk in choices and not choices[pk]["correct"]
        ]
    if kind == Question.Kind.TRUE_FALSE:
        return [(("value", response.get("value")), response_display(snapshot, response))]
    if kind == Question.Kind.SHORT_TEXT:
        text = response.get("text", "")
        return [(("text", normalise_text(text)), text)]
    return []  # essays have no wrong answer to tally
