"""How an answer is read, checked and scored: pure functions over a snapshot.

A snapshot is the question as it was asked (see ``snapshot_question``); a
response is what the person gave, already validated by ``clean_response``.
Points are ``Decimal`` with two places; the pass check is exact (no floats).
"""

import random
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .models import Question

TWO_PLACES = Decimal("0.01")
MAX_TEXT_LENGTH = {Question.Kind.SHORT_TEXT: 500, Question.Kind.ESSAY: 20_000}


class InvalidResponse(ValueError):
    """The response does not fit the question (unknown choice, wrong shape, too long)."""


def normalise_text(value):
    """Letter case and runs of whitespace do not matter in short text answers."""
    return " ".join(str(value).split()).casefold()


def snapshot_question(question, *, rng=None):
    """The question as asked in one attempt, with its choices in the order shown.

    Kept on the answer row for good: the correct answer, explanation and
    category names are frozen here so that editing or deleting the question
    later changes nothing in this attempt.
    """
    choices = list(question.choices.all())
    if question.choice_order == Question.ChoiceOrder.ALPHABETICAL:
        choices.sort(key=lambda choice: normalise_text(choice.text))
    elif question.choice_order == Question.ChoiceOrder.RANDOM:
        (rng or random.SystemRandom()).shuffle(choices)
    return {
        "question_id": question.pk,
        "kind": question.kind,
        "text": question.text,
        "image_id": question.image_id,
        "explanation": question.explanation,
        "points": str(question.points),
        "partial_credit": question.partial_credit,
        "category": question.category.name if question.category_id else "",
        "category_id": question.category_id,
        "sub_category": question.sub_category.name if question.sub_category_id else "",
        "choices": [
            {"id": choice.pk, "text": choice.text, "correct": choice.is_correct}
            for choice in choices
        ],
        "true_false_answer": question.true_false_answer,
        "accepted_answers": question.accepted_answer_list(),
    }


def _raw_choices(data):
    """The non-empty values given for "choice": a list, or one value on its own
    (a JSON client may send a single choice as a plain string). A QueryDict
    (``request.POST``) gives all its values."""
    raw = data.getlist("choice") if hasattr(data, "getlist") else data.get("choice")
    if raw is None:
        return []
    if isinstance(raw, str | int):
        raw = [raw]
    elif not isinstance(raw, list | tuple):
        raise InvalidResponse(_("That choice is not one of this question's."))
    return [value for value in raw if value != ""]


def clean_response(snapshot, data):
    """Turn submitted form data for one question into a stored response.

    ``data`` maps "choice" to a list of strings (choice ids, "true"/"false")
    and "text" to a string; ``request.POST`` itself will do. Returns None when
    nothing was answered; raises ``InvalidResponse`` for anything the question
    cannot accept.
    """
    kind = snapshot["kind"]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        raw = _raw_choices(data)
        if not raw:
            return None
        if any(isinstance(value, bool | float) for value in raw):
            raise InvalidResponse(_("That choice is not one of this question's."))
        try:
            chosen = [int(value) for value in raw]
        except (TypeError, ValueError):
            raise InvalidResponse(_("That choice is not one of this question's.")) from None
        allowed = {choice["id"] for choice in snapshot["choices"]}
        if not set(chosen) <= allowed:
            raise InvalidResponse(_("That choice is not one of this question's."))
        if len(set(chosen)) != len(chosen):
            raise InvalidResponse(_("Each choice can be chosen once."))
        if kind == Question.Kind.SINGLE and len(chosen) > 1:
            raise InvalidResponse(_("Choose one answer."))
        # Stored in the order shown, whatever order the browser sent them in.
        order = [choice["id"] for choice in snapshot["choices"]]
        return {"choices": sorted(chosen, key=order.index)}
    if kind == Question.Kind.TRUE_FALSE:
        raw = _raw_choices(data)
        if not raw:
            return None
        if len(raw) != 1 or raw[0] not in ("true", "false"):
            raise InvalidResponse(_("Answer true or false."))
        return {"value": raw[0] == "true"}
    text = data.get("text") or ""
    if not isinstance(text, str):
        raise InvalidResponse(_("That answer cannot be read: send it as text."))
    if len(text) > MAX_TEXT_LENGTH[kind]:
        raise InvalidResponse(
            _("The answer is too long (at most %(limit)s characters).")
            % {"limit": MAX_TEXT_LENGTH[kind]}
        )
    if not text.strip():
        return None
    return {"text": text.strip()}


def score(snapshot, response):
    """(points, is_correct) for a response; (None, None) when a person must mark it.

    - one correct answer, true/false, short text: full points or none;
    - several correct answers: all or nothing, or with partial credit
      max(0, right - wrong) / number correct of the points;
    - essay: marked by a person.
    An unanswered question scores 0 and is not correct.
    """
    kind = snapshot["kind"]
    points = Decimal(str(snapshot["points"]))
    if kind == Question.Kind.ESSAY:
        if response is None:
            return Decimal("0.00"), False
        return None, None
    if response is None:
        return Decimal("0.00"), False
    if kind == Question.Kind.TRUE_FALSE:
        correct = response.get("value") is snapshot["true_false_answer"]
    elif kind == Question.Kind.SHORT_TEXT:
        accepted = {normalise_text(value) for value in snapshot["accepted_answers"]}
        correct = normalise_text(response.get("text", "")) in accepted
    else:
        right = {choice["id"] for choice in snapshot["choices"] if choice["correct"]}
        chosen = set(response.get("choices", []))
        correct = chosen == right
        if kind == Question.Kind.MULTIPLE and snapshot.get("partial_credit") and not correct:
            hits = len(chosen & right)
            misses = len(chosen - right)
            share = Decimal(max(0, hits - misses)) / Decimal(len(right) or 1)
            return (points * share).quantize(TWO_PLACES, rounding=ROUND_HALF_UP), False
    return (points if correct else Decimal(0)).quantize(TWO_PLACES), correct


def percent_of(score_value, max_score):
    """The score as a percentage with two places, rounded half up (for display)."""
    if not max_score:
        return Decimal("0.00")
    return (Decimal(score_value) * 100 / Decimal(max_score)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def has_passed(score_value, max_score, pass_mark):
    """Exact: score / max >= pass mark / 100, compared without rounding."""
    if not max_score:
        return pass_mark == 0
    return Decimal(score_value) * 100 >= Decimal(pass_mark) * Decimal(max_score)


def correct_answer_display(snapshot):
    """The right answer as text, for result pages once the rules allow it."""
    kind = snapshot["kind"]
    if kind == Question.Kind.TRUE_FALSE:
        return _("True") if snapshot["true_false_answer"] else _("False")
    if kind == Question.Kind.SHORT_TEXT:
        return " / ".join(snapshot["accepted_answers"])
    if kind == Question.Kind.ESSAY:
        return ""
    return "; ".join(choice["text"] for choice in snapshot["choices"] if choice["correct"])


def response_display(snapshot, response):
    """The person's answer as text."""
    if response is None:
        return ""
    kind = snapshot["kind"]
    if kind == Question.Kind.TRUE_FALSE:
        return _("True") if response.get("value") else _("False")
    if kind in (Question.Kind.SHORT_TEXT, Question.Kind.ESSAY):
        return response.get("text", "")
    texts = {choice["id"]: choice["text"] for choice in snapshot["choices"]}
    return "; ".join(texts.get(pk, "?") for pk in response.get("choices", []))
