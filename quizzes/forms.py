"""Reading a taker's answer form into what ``services.save_answer`` takes.

The questions of an attempt differ in kind and number, so the form is read
by hand rather than declared: one question per POST carries ``position`` and
``revision`` with unprefixed ``choice`` / ``text`` fields; an all-on-one-page
POST lists every question it carries in ``positions`` and prefixes that
question's fields with ``q<position>-``. Malformed numbers are refused with
``AnswerFormError`` (a 400 for the view), never guessed at.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# No attempt has more questions than a PositiveSmallIntegerField holds.
MAX_POSITIONS = 32_767


class AnswerFormError(ValueError):
    """The POST does not have the shape of an answer form."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SubmittedAnswer:
    position: int
    revision: int
    data: dict = field(default_factory=dict)


def field_prefix(position):
    """The prefix of one question's fields when a form carries several."""
    return f"q{position}-"


def _whole_number(value, *, minimum, message):
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit():
        raise AnswerFormError(message)
    number = int(value)
    if number < minimum or number > 2**31 - 1:
        raise AnswerFormError(message)
    return number


def _read_one(post, position_value, prefix):
    position = _whole_number(
        position_value, minimum=1, message=_("The question number is not valid.")
    )
    if position > MAX_POSITIONS:
        raise AnswerFormError(_("The question number is not valid."))
    revision = _whole_number(
        post.get(f"{prefix}revision"),
        minimum=0,
        message=_("The form is missing its revision: reload the page and answer again."),
    )
    data = {"choice": post.getlist(f"{prefix}choice"), "text": post.get(f"{prefix}text", "")}
    return SubmittedAnswer(position=position, revision=revision, data=data)


def read_answer_post(post):
    """The answers one POST carries, in the order sent; ``AnswerFormError`` if malformed."""
    if "position" in post:
        return [_read_one(post, post.get("position"), "")]
    positions = post.getlist("positions")
    if not positions:
        raise AnswerFormError(_("No question was sent."))
    answers = []
    seen = set()
    for value in positions:
        position = _whole_number(value, minimum=1, message=_("The question number is not valid."))
        if position in seen:
            continue
        seen.add(position)
        answers.append(_read_one(post, value, field_prefix(position)))
    return answers
