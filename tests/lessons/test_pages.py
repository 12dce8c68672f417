"""The pages people see: lesson, course, learning section and My learning,
their page-tree rules, and what each costs in queries as content grows."""

from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from lessons import services
from lessons.models import CoursePage, LearningIndexPage, LessonPage, LessonProgress
from salesmap.home.models import SalesMapHomePage
from tests.factories import (
    CourseFactory,
    LessonFactory,
    QuestionFactory,
    QuizFactory,
    learning_index,
)
from tests.lessons.conftest import T0

pytestmark = pytest.mark.django_db


class PageTreeTests(WagtailPageTestCase):
    def test_the_learning_section_lives_under_the_home_once(self):
        self.assertAllowedParentPageTypes(LearningIndexPage, {SalesMapHomePage})
        self.assertAllowedSubpageTypes(LearningIndexPage, {CoursePage, LessonPage})
        self.assertEqual(LearningIndexPage.max_count, 1)

    def test_a_lesson_lives_in_a_course_or_alone_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage, LearningIndexPage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})


def test_read_and_passed_without_a_quiz_is_a_form_error(course):
    lesson = LessonPage(title="No quiz", summary="-", completion_rule="read_and_passed")
    with pytest.raises(ValidationError) as error:
        lesson.clean()
    assert "quiz" in error.value.message_dict


def test_a_lesson_page_carries_the_tracker_and_records_the_visit(client_for, hire, lesson):
    response = client_for(hire).get(lesson.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-heartbeat-url="/lessons/{lesson.pk}/heartbeat/"' in html
    assert 'data-format-minutes="%(minutes)s min"' in html
    assert "js/lesson-tracker.js" in html
    progress = LessonProgress.objects.get(person=hire, lesson_ref=lesson.pk)
    assert progress.visits == 1
    assert progress.active_seconds == 0


def test_a_lesson_page_shows_its_place_in_the_course(client_for, hire, course, lesson):
    following = LessonFactory(parent=course, title="Booking the meeting")
    response = client_for(hire).get(lesson.url)
    html = response.content.decode()
    assert "0 of 2 lessons done" in html
    assert following.title in html
    assert 'rel="next"' in html


def test_a_lesson_page_shows_the_quiz_state(client_for, hire, course):
    quiz = QuizFactory(title="Opening check", questions=[QuestionFactory()])
    lesson = LessonFactory(parent=course, quiz=quiz, completion_rule="read_and_passed")
    html = client_for(hire).get(lesson.url).content.decode()
    assert "Opening check" in html
    assert f"/quizzes/{quiz.slug}/" in html


def test_my_learning_without_a_learning_section_says_so(client_for, hire):
    response = client_for(hire).get("/lessons/my/")
    assert response.status_code == 200
    assert response.context["learning"].index is None


def test_my_learning_lists_the_courses_with_progress(client_for, hire, course, lesson):
    client = client_for(hire)
    client.get(lesson.url)
    response = client.get("/lessons/my/")
    assert response.status_code == 200
    html = response.content.decode()
    assert course.title in html
    assert lesson.title in html
    assert 'role="progressbar"' in html


def _content(courses, lessons_per_course, *, quizzes=False):
    """``courses`` courses of ``lessons_per_course`` lessons (each with a quiz
    if asked) under the learning section; returns the first lesson."""
    first = None
    for _n in range(courses):
        course = CourseFactory()
        for _m in range(lessons_per_course):
            quiz = QuizFactory(questions=[QuestionFactory()]) if quizzes else None
            lesson = LessonFactory(
                parent=course,
                quiz=quiz,
                completion_rule="read_and_passed" if quiz else "read",
            )
            first = first or lesson
    return first


def _queries(client, url):
    client.get(url)  # warm process-wide caches (content types, site root)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["lesson", "/lessons/my/", "/learning/", "course"])
def test_page_queries_do_not_grow_with_content(client_for, hire, url):
    client = client_for(hire)
    lesson = _content(1, 2, quizzes=True)
    target = {"lesson": lesson.url, "course": lesson.get_parent().url}.get(url, url)
    small = _queries(client, target)
    _content(6, 8, quizzes=True)
    large = _queries(client, target)
    assert small == large
    assert large <= 40


def test_a_heartbeat_costs_a_handful_of_queries_at_any_size(client_for, hire):
    client = client_for(hire)
    lesson = _content(1, 2, quizzes=True)
    client.get(lesson.url)
    moments = iter(T0 + timedelta(seconds=15 * n) for n in range(10))

    def beat():
        # Every beat 15 s after the last, so each one credits time.
        now = next(moments)
        fake = SimpleNamespace(now=lambda: now, localdate=lambda value=None: now.date())
        with (
            mock.patch.object(services, "timezone", fake),
            CaptureQueriesContext(connection) as captured,
        ):
            response = client.post(
                f"/lessons/{lesson.pk}/heartbeat/",
                data={"seconds": 5},
                content_type="application/json",
            )
        assert response.status_code == 200
        return len(captured)

    beat()  # the person's first beat creates their clock
    small = beat()
    _content(6, 8, quizzes=True)
    assert beat() == small
    # About a dozen statements; the savepoints of the test transaction count too.
    assert small <= 16


def test_the_learning_section_lists_courses_and_stand_alone_lessons(client_for, hire, course):
    LessonFactory(title="Our pricing, alone")
    response = client_for(hire).get(learning_index().url)
    html = response.content.decode()
    assert course.title in html
    assert "Our pricing, alone" in html
