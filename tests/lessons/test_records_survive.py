"""A person's lesson records outlive the page: renaming, moving, unpublishing
or deleting a lesson (or its quiz) never loses their time or completion."""

from datetime import timedelta

import pytest
from django.db.models import ProtectedError

from lessons import selectors, services
from lessons.models import LearningDay, LessonPage, LessonProgress
from quizzes import services as quiz_services
from quizzes.models import Attempt
from tests.factories import CourseFactory, LessonFactory, QuestionFactory, QuizFactory
from tests.lessons.conftest import T0

pytestmark = pytest.mark.django_db


def at(seconds):
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def completed(hire, lesson):
    """The hire opened the lesson, read it for 300 s (completing it) and 30 s more."""
    services.record_open(person=hire, lesson=lesson, now=T0)
    for n in range(22):
        services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(15 * n))
    progress = LessonProgress.objects.get()
    assert (progress.active_seconds, progress.completed_at) == (330, at(15 * 19))
    return progress


def assert_kept(progress, *, title="Opening a call"):
    """The hire's row and days are as they were (same time, completion, title)."""
    row = LessonProgress.objects.get(pk=progress.pk)
    assert row.lesson_ref == progress.lesson_ref
    assert row.lesson_title == title
    assert (row.active_seconds, row.visits, row.completed_at) == (
        progress.active_seconds,
        progress.visits,
        progress.completed_at,
    )
    assert list(LearningDay.objects.values_list("lesson_ref", "day", "seconds")) == [
        (progress.lesson_ref, T0.date(), 330)
    ]
    return row


def test_renaming_a_lesson_keeps_the_record_under_the_old_title(completed, lesson):
    lesson.title = "Opening any call"
    lesson.save_revision().publish()
    assert assert_kept(completed).lesson == lesson


def test_moving_a_lesson_to_another_course_keeps_the_record(completed, lesson):
    other = CourseFactory(title="Discovery")
    lesson.move(other, pos="last-child")
    row = assert_kept(completed)
    assert row.lesson.get_parent().pk == other.pk


def test_a_moved_lesson_counts_in_its_new_course(hire, completed, lesson):
    other = CourseFactory(title="Discovery")
    lesson.move(other, pos="last-child")
    outline = selectors.course_outline(other, hire)
    assert [state.status for state in outline.lessons] == [selectors.COMPLETED]


def test_unpublishing_a_lesson_keeps_the_record(completed, lesson):
    lesson.unpublish()
    assert assert_kept(completed).lesson == lesson


def test_deleting_a_lesson_keeps_the_record_without_its_page(completed, lesson):
    lesson_id = lesson.pk
    lesson.delete()
    assert not LessonPage.objects.filter(pk=lesson_id).exists()
    row = assert_kept(completed)
    assert row.lesson is None
    assert row.lesson_ref == lesson_id


def test_deleting_a_course_keeps_its_lessons_records(completed, course):
    course.delete()
    assert assert_kept(completed).lesson is None


def test_time_on_a_deleted_lesson_still_counts_per_day(hire, completed, lesson):
    lesson.delete()
    days = selectors.time_per_day(hire, days=1, today=T0.date())
    assert days == [(T0.date(), 330)]


# --- Quizzes -----------------------------------------------------------------------


@pytest.fixture
def quiz():
    return QuizFactory(
        questions=[QuestionFactory(kind="true_false", text="Listen first.", true_false_answer=True)]
    )


@pytest.fixture
def passed(hire, course, quiz):
    """A read-and-passed lesson the hire read and passed."""
    lesson = LessonFactory(
        parent=course, quiz=quiz, completion_rule="read_and_passed", estimated_minutes=1
    )
    services.record_open(person=hire, lesson=lesson, now=T0)
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=T0)
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(15))
    attempt = quiz_services.start_attempt(quiz=quiz, person=hire, now=at(20))
    quiz_services.save_answer(
        attempt_id=attempt.pk, person=hire, position=1, data={"choice": ["true"]}, now=at(20)
    )
    quiz_services.submit_attempt(attempt_id=attempt.pk, person=hire, now=at(30))
    progress = LessonProgress.objects.get(lesson_ref=lesson.pk)
    assert progress.completed_at == at(30)
    return lesson, progress


def test_a_quiz_with_attempts_cannot_be_deleted(passed, quiz):
    # The quiz engine protects results: its admin offers archiving instead.
    with pytest.raises(ProtectedError):
        quiz.delete()
    lesson, progress = passed
    lesson.refresh_from_db()
    assert lesson.quiz_id == quiz.pk
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_archiving_the_quiz_keeps_the_lessons_completion_and_the_attempts(passed, quiz):
    quiz.archived = True
    quiz.save()
    lesson, progress = passed
    assert LessonProgress.objects.get(pk=progress.pk).completed_at == progress.completed_at
    assert Attempt.objects.get(quiz=quiz).passed is True


def test_an_archived_quiz_shows_no_standing_on_the_lesson(hire, passed, quiz):
    quiz.archived = True
    quiz.save()
    lesson, _progress = passed
    state = selectors.lesson_view(LessonPage.objects.get(pk=lesson.pk), hire).state
    assert state.standing is None
    assert state.status == selectors.COMPLETED


def test_deleting_a_quiz_nobody_took_leaves_the_lesson_without_a_quiz(hire, course):
    quiz = QuizFactory(questions=[QuestionFactory()])
    lesson = LessonFactory(parent=course, quiz=quiz)
    services.record_open(person=hire, lesson=lesson, now=T0)
    quiz.delete()
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.quiz_id is None
    assert LessonProgress.objects.get().lesson == lesson
