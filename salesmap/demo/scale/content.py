"""The scale courses and lessons, under the demo's learning section.

Pages are Wagtail's, created one by one as an editor would (``add_child``,
then a revision that is published), so they are live, searchable and
editable; lessons are few (tens), so this costs seconds, not minutes.
"""

import math
from dataclasses import dataclass

from django.utils.text import slugify

from lessons.models import CoursePage, LearningIndexPage, LessonPage

from ..lessons_builders import checklist, takeaways
from ..pages import ensure_child
from ..streams import callout, heading, paragraph
from . import words

Rule = LessonPage.CompletionRule


@dataclass
class LessonSpec:
    """A published lesson with what the history needs to know about it."""

    page: LessonPage
    course_position: int
    audience: list  # role slugs; empty: everyone
    quiz_index: int | None  # index into the quiz list, or None

    @property
    def required_seconds(self):
        return self.page.required_read_seconds


def course_sizes(lessons):
    """Course lengths adding up to ``lessons``: 6-10 each where the total allows."""
    courses = max(1, round(lessons / 8), math.ceil(lessons / 10))
    base, extra = divmod(lessons, courses)
    return [base + (1 if i < extra else 0) for i in range(courses)]


def course_themes(lessons):
    """The theme (a ``words.COURSE_THEMES`` row) of each course, in order."""
    count = len(course_sizes(lessons))
    return [words.COURSE_THEMES[i % len(words.COURSE_THEMES)] for i in range(count)]


def lesson_themes(lessons):
    """The theme of each lesson, in order (its course's)."""
    themes = course_themes(lessons)
    return [theme for theme, size in zip(themes, course_sizes(lessons), strict=True)
            for _ in range(size)]  # fmt: skip


def load_lessons(*, count, quizzes, roles, rng, owner):
    """``count`` lessons in courses; lesson ``i`` gets quiz ``i`` while there are
    quizzes. ``roles`` is ``{role slug: RolePage}``. Returns ``LessonSpec`` in
    course order."""
    index = LearningIndexPage.objects.get()
    specs = []
    number = 0
    for course_number, ((title, topic, audience), size) in enumerate(
        zip(course_themes(count), course_sizes(count), strict=True), start=1
    ):
        cycle = (course_number - 1) // len(words.COURSE_THEMES)
        course_title = title if not cycle else f"{title} ({cycle + 1})"
        course, _made = ensure_child(
            index,
            CoursePage,
            slug=f"scale-{slugify(course_title)}",
            title=course_title,
            description=f"<p>{size} short lessons on {topic}, each with its checklist.</p>",
            audience_roles=[roles[slug] for slug in audience if slug in roles],
            content_owner=owner,
            review_interval_days=180,
            author=owner,
        )
        angles = list(words.LESSON_ANGLES)
        rng.shuffle(angles)
        for position in range(size):
            quiz = quizzes[number].quiz if number < len(quizzes) else None
            page = _lesson(course, topic, angles[position % len(angles)], number, quiz, rng, owner)
            specs.append(LessonSpec(page, position, audience, number if quiz is not None else None))
            number += 1
    return specs


def _lesson(course, topic, angle, number, quiz, rng, owner):
    title = f"{topic.capitalize()}: {angle}"
    if quiz is not None and rng.random() < 0.5:
        rule = Rule.READ_AND_PASSED
    else:
        rule = Rule.OPENED if rng.random() < 0.1 else Rule.READ
    page, _made = ensure_child(
        course,
        LessonPage,
        slug=f"scale-lesson-{number + 1:03d}",
        title=title,
        summary=f"What to do about {topic}: {angle}, with a checklist for your next call.",
        estimated_minutes=rng.randint(5, 25),
        completion_rule=rule,
        min_read_percent=rng.choice([50, 50, 60, 70, 80]),
        quiz=quiz,
        body=_body(topic, angle, rng),
        content_owner=owner,
        review_interval_days=rng.choice([90, 120, 180]),
        author=owner,
    )
    return page


def _body(topic, angle, rng):
    texts = [text.format(topic=topic) for text in rng.sample(words.PARAGRAPHS, 4)]
    callout_title, callout_text = rng.choice(words.CALLOUTS)
    return [
        heading(f"Why {topic} matters"),
        paragraph(texts[0]),
        paragraph(texts[1]),
        callout(callout_title, callout_text),
        heading(angle.capitalize()),
        paragraph(texts[2]),
        paragraph(texts[3]),
        takeaways(*rng.sample(words.TAKEAWAYS, 3)),
        checklist("Before your next call", *rng.sample(words.CHECKLIST_ITEMS, 4)),
    ]
