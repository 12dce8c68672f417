"""The demo learning section: the SDR and AE onboarding courses, their lessons
and each lesson's quiz, then the demo people's learning history.

Pages are found by slug under their parent and quizzes by slug
("lesson-<lesson slug>"): what exists is left as it is. A lesson's quiz is
built first, so the lesson goes live with its quiz in its first revision.
"""

from dataclasses import dataclass

from lessons.models import CoursePage, LearningIndexPage, LessonPage, LessonProgress
from quizzes.models import Category, Quiz
from salesmap.home.models import SalesMapHomePage

from .learning_history import load_learning_history
from .lessons_ae import AE_COURSE
from .lessons_quizzes import LESSON_QUIZZES
from .lessons_sdr import SDR_COURSE
from .pages import Section, ensure_child
from .quizzes import _question, _quiz

COURSES = [SDR_COURSE, AE_COURSE]
QUIZ_SLUG_PREFIX = "lesson-"

INTRO = (
    "<p>Onboarding courses for each role: short lessons on how we sell, each with a quiz. "
    "Your time on each lesson is counted only while you are actually reading, so take "
    "your time. Start with the course for your role.</p>"
)


@dataclass
class Learning:
    """What ``load_lessons`` leaves behind: the section (for upkeep), the totals
    and what this run added to the learning history."""

    section: Section
    courses: int
    lessons: int
    quizzes: int
    records: int
    records_created: int


def load_lessons(people, roles, sales_map):
    """The learning section, its two courses, their lessons and quizzes, then the
    learning history of the demo people.

    ``roles`` is ``{role slug: RolePage}`` for the course audiences and
    ``sales_map`` is ``{slug: page}`` of the Sales Map pages lessons link to.
    """
    home = SalesMapHomePage.objects.get()
    lead = people["ops.lead"]
    index, made = ensure_child(
        home,
        LearningIndexPage,
        slug="learning",
        title="Learning",
        intro=INTRO,
        content_owner=lead,
        review_interval_days=180,
        author=lead,
    )
    section = Section(index=index, created=[index] if made else [])
    categories = {}
    for course_data in COURSES:
        course, made = ensure_child(
            index,
            CoursePage,
            slug=course_data["slug"],
            title=course_data["title"],
            description=course_data["description"],
            audience_roles=[roles[slug] for slug in course_data["audience"] if slug in roles],
            content_owner=lead,
            review_interval_days=180,
            author=lead,
        )
        _add(section, course, made)
        for data in course_data["lessons"]:
            quiz = _lesson_quiz(data, categories, lead)
            owner = people[data["owner"]]
            page, made = ensure_child(
                course,
                LessonPage,
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                estimated_minutes=data["minutes"],
                completion_rule=data["rule"],
                min_read_percent=data["read_percent"],
                quiz=quiz,
                body=resolve_links(data["body"], sales_map),
                content_owner=owner,
                review_interval_days=data["review"],
                author=owner,
            )
            _add(section, page, made)
    lessons = LessonPage.objects.descendant_of(index)
    live = {page.slug: page for page in lessons.live().select_related("quiz")}
    created = load_learning_history(people, live)
    return Learning(
        section=section,
        courses=CoursePage.objects.child_of(index).count(),
        lessons=lessons.count(),
        quizzes=Quiz.objects.filter(slug__startswith=QUIZ_SLUG_PREFIX).count(),
        records=LessonProgress.objects.filter(person__in=list(people.values())).count(),
        records_created=created,
    )


def _add(section, page, made):
    section.pages[page.slug] = page
    if made:
        section.created.append(page)


def resolve_links(stream, pages):
    """``stream`` with each page link's slug replaced by the page in ``pages``;
    a link to a page that is gone (Sales Ops deleted it) is left out."""
    resolved = []
    for name, value in stream:
        if name == "page_link":
            page = pages.get(value["page"])
            if page is None:
                continue
            value = {**value, "page": page}
        resolved.append((name, value))
    return resolved


def _lesson_quiz(lesson, categories, author):
    """The lesson's quiz, created and published with its questions if missing."""
    spec = LESSON_QUIZZES[lesson["slug"]]
    name = spec["category"]
    if name not in categories:
        categories[name] = Category.objects.get_or_create(name=name)[0]
    keys = []
    questions = {}
    for position, (kind, text, explanation, extra) in enumerate(spec["questions"]):
        key = f"{lesson['slug']}:{position}"
        questions[key] = _question(categories, name, kind, text, explanation, extra)
        keys.append(key)
    quiz, _made = _quiz(
        {
            "slug": QUIZ_SLUG_PREFIX + lesson["slug"],
            "title": spec["title"],
            "description": spec.get(
                "description", f"Check what you took from '{lesson['title']}'."
            ),
            "category": name,
            "pass_mark": spec["pass_mark"],
            "max_attempts": 3,
            "show_answers": Quiz.ShowAnswers.AT_END,
            "success_text": spec.get("success_text", "Passed: on to the next lesson."),
            "fail_text": spec.get(
                "fail_text", "Read the lesson again, especially the takeaways, and retake the quiz."
            ),
            "questions": keys,
        },
        categories,
        questions,
        author,
    )
    return quiz
