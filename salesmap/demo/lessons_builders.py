"""Builders for the demo lessons: the lesson-only blocks of
``lessons.blocks.lesson_body_blocks()`` and the questions of lesson quizzes.

Blocks are ``(block_name, value)`` tuples like ``streams``; a page link names
its page by slug, and ``lessons.resolve_links`` swaps the slug for the page.
Questions are ``(kind, text, explanation, extra fields)``, the shape of
``quizzes.QUESTIONS`` without the category (the quiz gives it).
"""

from quizzes.models import Question


def takeaways(*points, title="Key takeaways"):
    return ("key_takeaways", {"title": title, "points": list(points)})


def checklist(title, *items):
    """``items`` are texts, or ``(text, hint)`` pairs."""
    pairs = [(item, "") if isinstance(item, str) else item for item in items]
    return (
        "checklist",
        {"title": title, "items": [{"text": text, "hint": hint} for text, hint in pairs]},
    )


def page_link(slug, note=""):
    return ("page_link", {"page": slug, "note": note})


Kind = Question.Kind


def single(text, explanation, right, *wrong):
    choices = [(right, True), *((choice, False) for choice in wrong)]
    return (Kind.SINGLE, text, explanation, {"choices": choices})


def several(text, explanation, right, wrong):
    choices = [*((choice, True) for choice in right), *((choice, False) for choice in wrong)]
    return (Kind.MULTIPLE, text, explanation, {"choices": choices})


def true_false(text, explanation, answer):
    return (Kind.TRUE_FALSE, text, explanation, {"true_false_answer": answer})


def short(text, explanation, *accepted):
    return (Kind.SHORT_TEXT, text, explanation, {"accepted_answers": "\n".join(accepted)})


# The texts of a quiz on a Russian lesson (the others get English defaults).
RUSSIAN_TEXTS = {
    "description": "Проверьте, что вы вынесли из урока.",
    "success_text": "Тест пройден: переходите к следующему уроку.",
    "fail_text": "Перечитайте урок, особенно раздел «Главное», и пройдите тест ещё раз.",
}
