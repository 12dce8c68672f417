"""What lesson, course and learning pages read: statuses, totals, the order of
courses for a person's role, quiz standings, time per day, and query budgets
that do not grow with the number of courses, lessons or records."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from lessons import selectors, services
from lessons.models import LearningDay, LessonPage
from quizzes import services as quiz_services
from quizzes.selectors import Standing
from tests.factories import (
    CourseFactory,
    LessonFactory,
    NewHireFactory,
    QuestionFactory,
    QuizFactory,
    RolePageFactory,
    learning_index,
)
from tests.lessons.conftest import T0

pytestmark = pytest.mark.django_db


def at(seconds):
    return T0 + timedelta(seconds=seconds)


def complete(person, lesson):
    """Complete a 'read' lesson the quick way: the editor's rule is 'opened'."""
    services.record_open(person=person, lesson=lesson, now=T0)
    services.LessonProgress.objects.filter(person=person, lesson_ref=lesson.pk).update(
        completed_at=T0
    )


@pytest.fixture
def three(course):
    """Three lessons of 10, 20 and 5 estimated minutes, in this order."""
    return [
        LessonFactory(parent=course, title=f"Lesson {n}", estimated_minutes=minutes)
        for n, minutes in enumerate((10, 20, 5), 1)
    ]


# --- Course outline ----------------------------------------------------------------


def test_each_lesson_has_its_status_for_the_person(hire, course, three):
    complete(hire, three[0])
    services.record_open(person=hire, lesson=three[1], now=T0)
    outline = selectors.course_outline(course, hire)
    assert [state.status for state in outline.lessons] == [
        selectors.COMPLETED,
        selectors.IN_PROGRESS,
        selectors.NOT_STARTED,
    ]


def test_the_outline_lists_live_lessons_in_tree_order(hire, course, three):
    three[1].unpublish()
    outline = selectors.course_outline(course, hire)
    assert [state.lesson.pk for state in outline.lessons] == [three[0].pk, three[2].pk]


def test_the_outline_adds_up_estimated_minutes_and_active_time(hire, course, three):
    services.credit_heartbeat(person=hire, lesson=three[0], claimed_seconds=15, now=T0)
    services.credit_heartbeat(person=hire, lesson=three[2], claimed_seconds=15, now=at(10))
    outline = selectors.course_outline(course, hire)
    assert outline.estimated_minutes == 35
    assert outline.active_seconds == 25


def test_the_outline_counts_done_lessons_as_a_percentage(hire, course, three):
    complete(hire, three[1])
    outline = selectors.course_outline(course, hire)
    assert (outline.done, outline.total, outline.percent) == (1, 3, 33)
    assert outline.started
    assert not outline.is_complete


def test_the_next_lesson_is_the_first_one_not_completed(hire, course, three):
    complete(hire, three[0])
    complete(hire, three[2])
    assert selectors.course_outline(course, hire).next_lesson.lesson.pk == three[1].pk


def test_a_course_with_every_lesson_done_is_complete_and_has_no_next_lesson(hire, course, three):
    for lesson in three:
        complete(hire, lesson)
    outline = selectors.course_outline(course, hire)
    assert outline.is_complete
    assert outline.percent == 100
    assert outline.next_lesson is None


def test_an_empty_course_is_neither_started_nor_complete(hire, course):
    outline = selectors.course_outline(course, hire)
    assert (outline.total, outline.percent, outline.is_complete, outline.started) == (
        0,
        0,
        False,
        False,
    )


def test_another_persons_progress_does_not_show(hire, other_hire, course, three):
    complete(other_hire, three[0])
    outline = selectors.course_outline(course, hire)
    assert {state.status for state in outline.lessons} == {selectors.NOT_STARTED}


def test_the_read_share_is_capped_at_one_hundred_percent(hire, course):
    lesson = LessonFactory(parent=course, estimated_minutes=1)
    for n in range(6):
        services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(15 * n))
    (state,) = selectors.course_outline(course, hire).lessons
    assert state.active_seconds == 90
    assert state.read_percent == 100
    assert state.read_enough


def test_the_read_share_is_the_active_time_over_the_estimate(hire, course, three):
    services.credit_heartbeat(person=hire, lesson=three[0], claimed_seconds=15, now=T0)
    state = selectors.course_outline(course, hire).lessons[0]
    assert (state.read_percent, state.required_seconds, state.read_enough) == (2, 300, False)


# --- Audience roles ----------------------------------------------------------------


@pytest.fixture
def roles():
    return RolePageFactory(title="SDR"), RolePageFactory(title="AE")


def test_a_course_without_roles_is_for_everyone(hire, course):
    assert selectors.course_outline(course, hire).for_person


def test_a_course_for_another_role_is_not_for_the_person(roles):
    sdr, ae = roles
    person = NewHireFactory(role=sdr)
    course = CourseFactory(audience_roles=[ae])
    assert not selectors.course_outline(course, person).for_person


def test_a_course_for_the_persons_role_is_for_them(roles):
    sdr, ae = roles
    person = NewHireFactory(role=sdr)
    course = CourseFactory(audience_roles=[ae, sdr])
    assert selectors.course_outline(course, person).for_person


def test_a_person_without_a_role_is_not_the_audience_of_a_role_course(hire, roles):
    assert not selectors.course_outline(CourseFactory(audience_roles=[roles[0]]), hire).for_person


def test_courses_for_the_persons_role_come_first_then_the_others_in_order(roles):
    sdr, ae = roles
    person = NewHireFactory(role=sdr)
    for_ae = CourseFactory(title="AE basics", audience_roles=[ae])
    for_all = CourseFactory(title="Company")
    for_sdr = CourseFactory(title="SDR basics", audience_roles=[sdr])
    overview = selectors.learning_overview(person)
    assert [outline.course.pk for outline in overview.courses] == [
        for_all.pk,
        for_sdr.pk,
        for_ae.pk,
    ]
    assert [outline.for_person for outline in overview.courses] == [True, True, False]


def test_the_role_field_comes_from_settings(settings, roles):
    settings.STANDARDS_PERSON_ROLE_FIELD = None
    person = NewHireFactory(role=roles[0])
    assert not selectors.course_outline(CourseFactory(audience_roles=[roles[0]]), person).for_person


# --- Learning overview -------------------------------------------------------------


def test_without_a_learning_section_the_overview_is_empty(hire):
    overview = selectors.learning_overview(hire)
    assert (overview.index, overview.courses, overview.standalone, overview.next_step) == (
        None,
        [],
        None,
        None,
    )


def test_the_overview_groups_lessons_by_course_and_keeps_standalone_ones_apart(hire, course, three):
    standalone = LessonFactory(title="Glossary")
    overview = selectors.learning_overview(hire)
    assert overview.index.pk == learning_index().pk
    [outline] = overview.courses
    assert [state.lesson.pk for state in outline.lessons] == [lesson.pk for lesson in three]
    assert overview.standalone.course is None
    assert [state.lesson.pk for state in overview.standalone.lessons] == [standalone.pk]


def test_an_unpublished_course_is_left_out_of_the_overview(hire, course, three):
    course.unpublish()
    overview = selectors.learning_overview(hire)
    assert overview.courses == []
    assert overview.standalone is None


def test_the_next_step_is_in_the_first_unfinished_course_for_the_person(roles):
    sdr, ae = roles
    person = NewHireFactory(role=sdr)
    other = CourseFactory(audience_roles=[ae])
    LessonFactory(parent=other)
    mine = CourseFactory(audience_roles=[sdr])
    done, waiting = LessonFactory(parent=mine), LessonFactory(parent=mine)
    complete(person, done)
    assert selectors.learning_overview(person).next_step.lesson.pk == waiting.pk


def test_the_next_step_falls_back_to_other_courses_then_standalone_lessons(roles):
    sdr, ae = roles
    person = NewHireFactory(role=sdr)
    mine = CourseFactory(audience_roles=[sdr])
    complete(person, LessonFactory(parent=mine))
    others = LessonFactory(parent=CourseFactory(audience_roles=[ae]))
    standalone = LessonFactory()
    assert selectors.learning_overview(person).next_step.lesson.pk == others.pk
    complete(person, others)
    assert selectors.learning_overview(person).next_step.lesson.pk == standalone.pk
    complete(person, standalone)
    assert selectors.learning_overview(person).next_step is None


# --- Lesson view -------------------------------------------------------------------


def test_a_lesson_in_a_course_knows_its_previous_and_next(hire, course, three):
    view = selectors.lesson_view(three[1], hire)
    assert view.state.lesson.pk == three[1].pk
    assert view.outline.course.pk == course.pk
    assert (view.previous.pk, view.next.pk) == (three[0].pk, three[2].pk)


def test_the_first_lesson_has_no_previous_and_the_last_no_next(hire, three):
    assert selectors.lesson_view(three[0], hire).previous is None
    assert selectors.lesson_view(three[2], hire).next is None


def test_a_standalone_lesson_has_no_outline(hire):
    view = selectors.lesson_view(LessonFactory(), hire)
    assert (view.outline, view.previous, view.next) == (None, None, None)
    assert view.state.status == selectors.NOT_STARTED


def test_a_draft_lesson_previewed_in_a_course_stands_alone(hire, course, three):
    three[1].unpublish()
    view = selectors.lesson_view(three[1], hire)
    assert view.outline is None
    assert view.state.lesson.pk == three[1].pk


def test_the_lesson_view_shows_the_persons_progress(hire, three):
    services.record_open(person=hire, lesson=three[1], now=T0)
    assert selectors.lesson_view(three[1], hire).state.status == selectors.IN_PROGRESS


# --- Quiz standings ----------------------------------------------------------------


def quiz_of(*questions, **quiz_settings):
    return QuizFactory(questions=list(questions), pass_mark=100, **quiz_settings)


def statement():
    return QuestionFactory(kind="true_false", text="Listen first.", true_false_answer=True)


def standing_of(person, lesson):
    return selectors.lesson_view(lesson, person).state.standing


def take(person, quiz, data, *, submit=True):
    attempt = quiz_services.start_attempt(quiz=quiz, person=person, now=T0)
    quiz_services.save_answer(attempt_id=attempt.pk, person=person, position=1, data=data, now=T0)
    if submit:
        attempt = quiz_services.submit_attempt(attempt_id=attempt.pk, person=person, now=at(60))
    return attempt


def test_a_lesson_without_a_quiz_has_no_standing(hire, three):
    assert standing_of(hire, three[0]) is None


def test_an_untaken_quiz_is_not_started(hire, course):
    lesson = LessonFactory(parent=course, quiz=quiz_of(statement()))
    assert standing_of(hire, lesson).state == Standing.NOT_STARTED


def test_an_open_attempt_is_in_progress(hire, course):
    quiz = quiz_of(statement())
    lesson = LessonFactory(parent=course, quiz=quiz)
    take(hire, quiz, {"choice": ["true"]}, submit=False)
    assert standing_of(hire, lesson).state == Standing.IN_PROGRESS


def test_a_passed_quiz_shows_passed_with_its_percent(hire, course):
    quiz = quiz_of(statement())
    lesson = LessonFactory(parent=course, quiz=quiz)
    take(hire, quiz, {"choice": ["true"]})
    state = selectors.lesson_view(lesson, hire).state
    assert state.standing.state == Standing.PASSED
    assert state.quiz_percent == 100


def test_a_failed_quiz_shows_failed(hire, course):
    quiz = quiz_of(statement())
    lesson = LessonFactory(parent=course, quiz=quiz)
    take(hire, quiz, {"choice": ["false"]})
    state = selectors.lesson_view(lesson, hire).state
    assert state.standing.state == Standing.FAILED
    assert state.quiz_percent == 0


def test_an_essay_waiting_for_its_mark_shows_needs_marking(hire, course):
    quiz = quiz_of(QuestionFactory(kind="essay", text="Describe your pitch."))
    lesson = LessonFactory(parent=course, quiz=quiz)
    take(hire, quiz, {"text": "I listen first."})
    state = selectors.lesson_view(lesson, hire).state
    assert state.standing.state == Standing.NEEDS_MARKING
    assert state.quiz_percent is None


@pytest.mark.parametrize("hidden", [{"archived": True}, {"live": False}], ids=["archived", "draft"])
def test_a_quiz_nobody_can_take_shows_no_standing(hire, course, hidden):
    lesson = LessonFactory(parent=course, quiz=quiz_of(statement(), **hidden))
    assert standing_of(hire, lesson) is None


# --- Time per day ------------------------------------------------------------------


def test_time_per_day_fills_days_without_learning_with_zero(hire, lesson):
    LearningDay.objects.create(person=hire, lesson_ref=lesson.pk, day=T0.date(), seconds=90)
    days = selectors.time_per_day(hire, days=3, today=T0.date() + timedelta(days=1))
    assert days == [
        (T0.date() - timedelta(days=1), 0),
        (T0.date(), 90),
        (T0.date() + timedelta(days=1), 0),
    ]


def test_time_per_day_adds_up_every_lesson_of_the_day(hire, lesson, other_lesson):
    for ref, seconds in ((lesson.pk, 60), (other_lesson.pk, 45)):
        LearningDay.objects.create(person=hire, lesson_ref=ref, day=T0.date(), seconds=seconds)
    assert selectors.time_per_day(hire, days=1, today=T0.date()) == [(T0.date(), 105)]


def test_time_per_day_leaves_out_other_people_and_days_outside_the_window(hire, other_hire, lesson):
    LearningDay.objects.create(person=other_hire, lesson_ref=lesson.pk, day=T0.date(), seconds=60)
    LearningDay.objects.create(
        person=hire, lesson_ref=lesson.pk, day=T0.date() - timedelta(days=28), seconds=60
    )
    days = selectors.time_per_day(hire, days=28, today=T0.date())
    assert len(days) == 28
    assert days[0][0] == T0.date() - timedelta(days=27)
    assert sum(seconds for _day, seconds in days) == 0


def test_heartbeats_are_counted_on_their_day(hire, lesson):
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=T0)
    assert selectors.time_per_day(hire, days=1, today=T0.date()) == [(T0.date(), 15)]


# --- Query budgets -----------------------------------------------------------------


def build(person, *, courses, lessons, start):
    """``courses`` courses of ``lessons`` lessons each, every course for a role;
    the person opened every other lesson, and each third lesson has a quiz
    (attempted on every other one). Returns the courses and their lessons."""
    role = RolePageFactory()
    built = []
    for c in range(courses):
        course = CourseFactory(audience_roles=[role])
        children = []
        for n in range(lessons):
            quiz = quiz_of(statement()) if n % 3 == 0 else None
            lesson = LessonFactory(parent=course, quiz=quiz)
            if n % 2 == 0:
                services.record_open(person=person, lesson=lesson, now=at(start + c * 100 + n))
            if quiz is not None and n % 2 == 0:
                take(person, quiz, {"choice": ["true"]})
            children.append(lesson)
        built.append((course, children))
    LessonFactory()  # a stand-alone lesson
    return built


def count_queries(function, *args):
    """Queries of ``function(*pages, *others)`` on pages and people fresh from
    the database (as a request has them: nothing cached on the objects yet),
    after a warm-up call on other instances."""

    def fresh():
        return [
            arg.specific_class.objects.get(pk=arg.pk)
            if isinstance(arg, Page)
            else type(arg).objects.get(pk=arg.pk)
            if isinstance(arg, get_user_model())
            else arg
            for arg in args
        ]

    function(*fresh())  # warm process-wide caches (content types, site root)
    arguments = fresh()
    with CaptureQueriesContext(connection) as captured:
        function(*arguments)
    return len(captured)


@pytest.fixture
def small_and_large(hire):
    """Two courses of three lessons, then four more courses of eight, for one person."""

    def sizes():
        yield build(hire, courses=2, lessons=3, start=0)
        yield build(hire, courses=4, lessons=8, start=10_000)

    return sizes()


def test_the_learning_overview_costs_eight_queries_at_any_size(hire, small_and_large):
    counts = [count_queries(selectors.learning_overview, hire) for _built in small_and_large]
    assert counts == [8, 8]


def test_the_learning_overview_costs_seven_queries_given_the_index(hire, small_and_large):
    counts = [
        count_queries(selectors.learning_overview, hire, learning_index())
        for _built in small_and_large
    ]
    assert counts == [7, 7]


def test_a_course_outline_costs_six_queries_at_any_size(hire, small_and_large):
    counts = [
        count_queries(selectors.course_outline, built[-1][0], hire) for built in small_and_large
    ]
    assert counts == [6, 6]


def test_a_lesson_view_in_a_course_costs_six_queries_at_any_size(hire, small_and_large):
    counts = [
        count_queries(selectors.lesson_view, built[-1][1][1], hire) for built in small_and_large
    ]
    assert counts == [6, 6]


def test_a_standalone_lesson_view_costs_three_queries(hire, django_assert_num_queries):
    quiz = quiz_of(statement())
    lesson = LessonFactory(quiz=quiz)
    take(hire, quiz, {"choice": ["true"]})
    selectors.lesson_view(lesson, hire)
    fresh = LessonPage.objects.select_related("quiz").get(pk=lesson.pk)
    with django_assert_num_queries(3):
        selectors.lesson_view(fresh, hire)


def test_time_per_day_costs_one_query(hire, lesson, django_assert_num_queries):
    for n in range(5):
        LearningDay.objects.create(
            person=hire, lesson_ref=lesson.pk, day=T0.date() - timedelta(days=n), seconds=60
        )
    with django_assert_num_queries(1):
        selectors.time_per_day(hire, days=28, today=T0.date())


def test_a_lesson_behind_a_group_restriction_is_not_listed_for_others(hire, course):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    hidden = LessonFactory(parent=course, title="Leaders only")
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Leaders"))

    titles = [state.lesson.title for state in selectors.course_outline(course, hire).lessons]
    overview = selectors.learning_overview(hire)
    listed = [state.lesson.title for outline in overview.courses for state in outline.lessons]

    assert "Leaders only" not in titles
    assert "Leaders only" not in listed
