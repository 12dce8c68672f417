"""Quiz attempts as the quiz engine leaves them, built in memory for bulk insert.

An attempt answers the quiz's questions in order a few seconds apart, is
submitted and scored with the engine's own pure functions
(``quizzes.scoring.score``, ``percent_of``, ``has_passed``), so a score always
agrees with its answers. An answered essay leaves the attempt needing
marking; the person's manager marks most of them the next morning.
"""

import datetime
from decimal import Decimal

from quizzes import scoring
from quizzes.models import Answer, Attempt, Question

from . import words

Kind = Question.Kind
ZERO = Decimal("0.00")


def take(spec, *, person_id, number, start, skill, rng, marker_id, last_day):
    """One finished attempt at ``spec`` (a ``QuizSpec``) started at ``start``.

    Returns ``(attempt, answers)`` unsaved (the answers' attempt is set once
    the attempt has a key). ``marker_id`` marks essays, on the next day if it
    is not after ``last_day``; otherwise the attempt waits for marking."""
    quiz = spec.quiz
    chance = min(0.98, max(0.3, skill + 0.12 * (number - 1)))
    moment = start
    answers = []
    for position, (question, snapshot) in enumerate(spec.questions, start=1):
        response = None
        if rng.random() < 0.97:
            response = _response(snapshot, rng.random() < chance, rng)
        answer = Answer(
            position=position, question_id=question.pk, snapshot=snapshot, response=response
        )
        if response is not None:
            spent = rng.randint(15, 90) if snapshot["kind"] != Kind.ESSAY else rng.randint(120, 400)
            moment += datetime.timedelta(seconds=spent)
            answer.seconds_spent = spent
            answer.answered_at = moment
            answer.revision = 1
        points, correct = scoring.score(snapshot, response)
        answer.auto_points = answer.points_awarded = points
        answer.is_correct = correct
        answers.append(answer)
    submitted = moment + datetime.timedelta(seconds=rng.randint(5, 30))
    attempt = Attempt(
        quiz_id=quiz.pk,
        person_id=person_id,
        number=number,
        quiz_title=quiz.title,
        pass_mark=quiz.pass_mark,
        show_answers=quiz.show_answers,
        layout=quiz.layout,
        started_at=start,
        last_activity_at=moment,
        submitted_at=submitted,
        current_position=len(answers),
        question_count=len(answers),
        max_score=sum((Decimal(s["points"]) for _q, s in spec.questions), Decimal(0)),
    )
    pending = [answer for answer in answers if answer.points_awarded is None]
    marked_on = submitted.date() + datetime.timedelta(days=1)
    if pending and marker_id is not None and marked_on <= last_day and rng.random() < 0.85:
        marked_at = datetime.datetime.combine(
            marked_on, datetime.time(10, rng.randint(0, 59)), tzinfo=start.tzinfo
        )
        for answer in pending:
            best = Decimal(answer.snapshot["points"])
            points = Decimal(min(int(best), round(float(best) * min(1.0, chance + 0.1))))
            answer.points_awarded = points.quantize(scoring.TWO_PLACES)
            answer.is_correct = answer.points_awarded == best
            answer.feedback = rng.choice(words.MARKER_FEEDBACK)
            answer.marked_by_id = marker_id
            answer.marked_at = marked_at
        pending = []
        graded_at = marked_at
    else:
        graded_at = submitted
    _total(attempt, answers, pending, graded_at)
    return attempt, answers


def _total(attempt, answers, pending, graded_at):
    """The attempt's totals as ``quizzes.services._total`` sets them."""
    attempt.score = sum(
        (a.points_awarded for a in answers if a.points_awarded is not None), Decimal(0)
    )
    if pending:
        attempt.state = Attempt.State.NEEDS_MARKING
        return
    attempt.state = Attempt.State.GRADED
    attempt.percent = scoring.percent_of(attempt.score, attempt.max_score)
    attempt.passed = scoring.has_passed(attempt.score, attempt.max_score, attempt.pass_mark)
    attempt.graded_at = graded_at


def _response(snapshot, correct, rng):
    """What a person gave, in the shape ``scoring.clean_response`` stores."""
    kind = snapshot["kind"]
    if kind == Kind.ESSAY:
        return {"text": rng.choice(words.ESSAY_ANSWERS)}
    if kind == Kind.TRUE_FALSE:
        answer = snapshot["true_false_answer"]
        return {"value": answer if correct else not answer}
    if kind == Kind.SHORT_TEXT:
        return {"text": snapshot["accepted_answers"][0] if correct else "not sure"}
    right = [choice["id"] for choice in snapshot["choices"] if choice["correct"]]
    wrong = [choice["id"] for choice in snapshot["choices"] if not choice["correct"]]
    if correct:
        chosen = right if kind == Kind.MULTIPLE else right[:1]
    elif kind == Kind.SINGLE or len(right) < 2:
        chosen = [rng.choice(wrong)] if wrong else []
    else:
        chosen = right[:-1] + wrong[:1]
    order = [choice["id"] for choice in snapshot["choices"]]
    return {"choices": sorted(chosen, key=order.index)} if chosen else None


def attempt_limit(quiz):
    """How many attempts a person makes at most: the quiz's limit, three if none."""
    return quiz.max_attempts or 3
