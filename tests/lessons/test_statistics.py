"""Lesson statistics across everyone (``lessons.statistics``).

The known data set (``data``): a course "Cold calling" for SDRs with three
lessons (10, 5 and 20 estimated minutes; the first has a one-question quiz),
a course for everyone with one lesson, and a stand-alone lesson. People:
SDRs a, b, c, d (active), f (inactive); AE e; g has no lesson record.

    lesson  opened        completed (active seconds)              drop-off
    L1      a b c d e f   a 600, b 300, c 900, e 3000             -
    L2      a b e         a 300, b 200                            c, e: 2 (biggest)
    L3      a             a 1200                                  b: 1

L1: completion 4/6 = 66.67 %; median of 300, 600, 900, 3000 = 750 s (the
mean would be 1200) = 1.25 x the 600 s estimate; meant for the 5 active
SDRs (a, b, c, d, g), of whom a, b, c completed: 60 %.
Quiz (best attempt counts): a 0 then 100 -> 100, b 100, c 0, g 100 (never
opened L1, not counted): average 66.67 % over 3 people (all attempts: 50).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lessons.models import LessonProgress
from lessons.statistics import lesson_statistics
from quizzes import services as quiz_services
from tests.factories import (
    CourseFactory,
    LessonFactory,
    NewHireFactory,
    QuestionFactory,
    QuizFactory,
    RolePageFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def record(person, lesson, seconds, *, done):
    return LessonProgress.objects.create(
        person=person,
        lesson=lesson,
        lesson_ref=lesson.pk,
        lesson_title=lesson.title,
        active_seconds=seconds,
        visits=1,
        first_opened_at=NOW - timedelta(days=2),
        last_active_at=NOW - timedelta(days=1),
        completed_at=NOW - timedelta(days=1) if done else None,
    )


def take(quiz, person, answer, *, minutes_ago=60):
    """One graded attempt at a one-question quiz: "Right" (100 %) or "Wrong" (0 %)."""
    now = NOW - timedelta(minutes=minutes_ago)
    attempt = quiz_services.start_attempt(quiz=quiz, person=person, now=now)
    question = attempt.answers.get(position=1)
    ids = {choice["text"]: str(choice["id"]) for choice in question.choices}
    quiz_services.save_answer(
        attempt_id=attempt.pk,
        person=person,
        position=1,
        data={"choice": [ids[answer]]},
        now=now + timedelta(seconds=10),
    )
    return quiz_services.submit_attempt(
        attempt_id=attempt.pk, person=person, now=now + timedelta(seconds=20)
    )


@pytest.fixture
def data():
    sdr = RolePageFactory(short_name="SDR", slug="sdr")
    ae = RolePageFactory(short_name="AE", slug="ae")
    people = {name: NewHireFactory(username=name, role=sdr) for name in "abcd"}
    people["e"] = NewHireFactory(username="e", role=ae)
    people["f"] = NewHireFactory(username="f", role=sdr, is_active=False)
    people["g"] = NewHireFactory(username="g", role=sdr)
    quiz = QuizFactory(title="Calling quiz", questions=[QuestionFactory()], counts="best")
    course = CourseFactory(title="Cold calling", audience_roles=[sdr])
    l1 = LessonFactory(parent=course, title="L1", estimated_minutes=10, quiz=quiz)
    l2 = LessonFactory(parent=course, title="L2", estimated_minutes=5)
    l3 = LessonFactory(parent=course, title="L3", estimated_minutes=20)
    for_all = CourseFactory(title="For everyone")
    e1 = LessonFactory(parent=for_all, title="E1")
    standalone = LessonFactory(title="Stand-alone")

    for name, seconds, done in [
        ("a", 600, True),
        ("b", 300, True),
        ("c", 900, True),
        ("d", 60, False),
        ("e", 3000, True),
        ("f", 100, False),
    ]:
        record(people[name], l1, seconds, done=done)
    record(people["a"], l2, 300, done=True)
    record(people["b"], l2, 200, done=True)
    record(people["e"], l2, 30, done=False)
    record(people["a"], l3, 1200, done=True)
    record(people["a"], e1, 100, done=True)

    take(quiz, people["a"], "Wrong", minutes_ago=90)
    take(quiz, people["a"], "Right")
    take(quiz, people["b"], "Right")
    take(quiz, people["c"], "Wrong")
    take(quiz, people["g"], "Right")
    return {"l1": l1, "l2": l2, "l3": l3, "e1": e1, "standalone": standalone, "people": people}


def by_title():
    return {entry.title: entry for entry in lesson_statistics()}


def test_lessons_come_in_tree_order_with_their_course_and_place(data):
    entries = lesson_statistics()
    assert [(e.title, e.course_title, e.position) for e in entries] == [
        ("L1", "Cold calling", 1),
        ("L2", "Cold calling", 2),
        ("L3", "Cold calling", 3),
        ("E1", "For everyone", 1),
        ("Stand-alone", "", None),
    ]


def test_completion_rate_is_completed_over_opened(data):
    l1 = by_title()["L1"]
    assert (l1.opened, l1.completed) == (6, 4)
    assert str(l1.completion_rate) == "66.67"


def test_the_audience_is_the_active_people_of_the_course_roles(data):
    stats = by_title()
    l1 = stats["L1"]
    # a, b, c, d and g are active SDRs; f is inactive, e an AE.
    assert (l1.audience, l1.audience_completed) == (5, 3)
    assert str(l1.audience_completion_rate) == "60.00"
    # A course for everyone and a stand-alone lesson: every active person with a role.
    assert stats["E1"].audience == 6
    assert stats["E1"].audience_completed == 1
    assert stats["Stand-alone"].audience == 6


def test_median_time_is_the_median_of_completers_not_the_mean(data):
    l1 = by_title()["L1"]
    assert l1.median_seconds == 750
    assert str(l1.time_ratio) == "1.25"


def test_median_of_an_odd_number_and_of_nobody(data):
    stats = by_title()
    assert stats["L2"].median_seconds == 250
    assert str(stats["L2"].time_ratio) == "0.83"
    assert stats["Stand-alone"].median_seconds is None
    assert stats["Stand-alone"].time_ratio is None
    assert stats["Stand-alone"].completion_rate is None


def test_drop_off_counts_who_completed_the_previous_lesson_but_not_this_one(data):
    stats = by_title()
    assert stats["L1"].drop_off is None
    assert stats["L2"].drop_off == 2
    assert stats["L3"].drop_off == 1
    assert stats["E1"].drop_off is None
    assert stats["Stand-alone"].drop_off is None


def test_the_biggest_drop_of_each_course_is_flagged(data):
    stats = by_title()
    assert [title for title, entry in stats.items() if entry.biggest_drop] == ["L2"]


def test_no_drop_means_no_flag(data):
    course = CourseFactory(title="Smooth")
    first = LessonFactory(parent=course, title="S1")
    second = LessonFactory(parent=course, title="S2")
    person = data["people"]["a"]
    record(person, first, 100, done=True)
    record(person, second, 100, done=True)
    stats = by_title()
    assert stats["S2"].drop_off == 0
    assert not stats["S1"].biggest_drop and not stats["S2"].biggest_drop


def test_quiz_score_averages_the_counted_attempt_of_people_who_opened_the_lesson(data):
    l1 = by_title()["L1"]
    assert l1.quiz_people == 3
    assert str(l1.average_quiz_percent) == "66.67"
    assert by_title()["L2"].average_quiz_percent is None


def test_records_of_lessons_no_longer_live_are_left_out(data):
    data["l3"].unpublish()
    assert "L3" not in by_title()
    # L3 gone, nothing after L2 in the course: the figures of the others stand.
    assert by_title()["L2"].drop_off == 2


def test_no_learning_section_means_no_statistics(db):
    assert lesson_statistics() == []


def test_a_fixed_number_of_queries_whatever_the_size(data):
    def count():
        with CaptureQueriesContext(connection) as queries:
            lesson_statistics()
        return len(queries)

    small = count()
    course = CourseFactory(title="More")
    quiz = QuizFactory(questions=[QuestionFactory()])
    lessons = [LessonFactory(parent=course, quiz=quiz) for _ in range(5)]
    for n in range(20):
        person = NewHireFactory(username=f"many{n}", role=data["people"]["a"].role)
        for lesson in lessons:
            record(person, lesson, 100 + n, done=n % 2 == 0)
        take(quiz, person, "Right" if n % 3 else "Wrong")
    assert count() == small
    assert small <= 7
