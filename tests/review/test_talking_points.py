"""Each talking point says what the data behind it says: change the data and
the point changes or goes; the brief shows the same figures beside it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from lessons.models import LessonProgress
from salesmap.review.brief import person_brief
from salesmap.review.talking_points import all_points, talking_points
from standards import services as standards_services
from tests.factories import FunnelStageFactory, LessonFactory
from tests.review.conftest import (
    add_evaluation,
    add_lesson_progress,
    add_requirement,
    days_ago,
    make_quiz,
    take_quiz,
)

pytestmark = pytest.mark.django_db


def brief_of(person):
    return person_brief(person, can_read_notes=False, may_write_notes=False)


def points(person):
    """Every point that applies to ``person``, by rule."""
    return {point.key: point for point in all_points(brief_of(person))}


def short(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def complete(person, lesson, seconds=600):
    return add_lesson_progress(person, lesson, seconds=seconds)


# Plan --------------------------------------------------------------------------


def test_overdue_items_are_counted_and_the_oldest_named(team, level):
    first = LessonFactory(title="Cold calling")
    second = LessonFactory(title="Discovery")
    add_requirement(level, "lesson", lesson=first, due_day=3)
    add_requirement(level, "lesson", lesson=second, due_day=5)
    start = team.hire.start_date
    point = points(team.hire)["overdue"]
    assert point.kind == "admin" and point.url == "#overdue"
    assert point.text == (
        f"2 plan items overdue; the oldest, “Cold calling”, was due on "
        f"{short(start + datetime.timedelta(days=3))}"
    )

    complete(team.hire, first)
    assert points(team.hire)["overdue"].text == (
        f"1 plan item overdue: “Discovery” was due on {short(start + datetime.timedelta(days=5))}"
    )

    complete(team.hire, second)
    assert "overdue" not in points(team.hire)


def test_ready_for_promotion_links_to_the_map(team, level):
    lesson = LessonFactory(title="Cold calling")
    add_requirement(level, "lesson", lesson=lesson, due_day=30)
    assert "ready" not in points(team.hire)

    complete(team.hire, lesson)
    point = points(team.hire)["ready"]
    assert point.text == "Ready for promotion: every required item of SDR I is done"
    assert point.url == reverse("person_onboarding", args=[team.hire.pk])


def test_the_next_item_on_the_plan_is_named_with_its_due_date(team, level):
    lesson = LessonFactory(title="Objection handling")
    requirement = add_requirement(level, "lesson", lesson=lesson, due_day=30)
    point = points(team.hire)["next_up"]
    due = team.hire.start_date + datetime.timedelta(days=30)
    assert point.text == f"Next on the plan: “Objection handling”, due on {short(due)}"
    assert point.url.endswith(f"#item-{requirement.pk}")


# Activity ------------------------------------------------------------------------


def test_stalled_counts_the_days_since_the_last_activity(team):
    lesson = LessonFactory()
    record = add_lesson_progress(team.hire, lesson, seconds=600, days_back=9)
    point = points(team.hire)["stalled"]
    assert point.text == "No learning or quiz activity for 9 days"
    assert point.kind == "coach" and point.url == "#activity"

    LessonProgress.objects.filter(pk=record.pk).update(last_active_at=days_ago(2))
    assert "stalled" not in points(team.hire)


def test_stalled_from_the_start_when_nothing_was_ever_done(team):
    assert points(team.hire)["stalled"].text == (
        "No learning or quiz activity since the start, 10 days ago"
    )


def test_the_stalled_threshold_is_a_setting(team, settings):
    settings.SALESMAP_REVIEW = {"STALLED_DAYS": 11}
    assert "stalled" not in points(team.hire)


def test_a_quiz_counts_as_activity(team):
    take_quiz(make_quiz("Objections"), team.hire, right=4)
    assert "stalled" not in points(team.hire)


# Lessons ---------------------------------------------------------------------------


def test_time_far_above_the_estimate_names_the_lesson_and_the_ratio(team, settings):
    lesson = LessonFactory(title="CRM basics", estimated_minutes=10)
    record = add_lesson_progress(team.hire, lesson, seconds=30 * 60)
    point = points(team.hire)["slow_lesson"]
    assert point.text == "Spent 3.0× the estimate on “CRM basics” (30 min of about 10 min)"
    assert point.url == f"#lesson-{lesson.pk}"

    LessonProgress.objects.filter(pk=record.pk).update(active_seconds=15 * 60)
    assert "slow_lesson" not in points(team.hire)

    settings.SALESMAP_REVIEW = {"TIME_HIGH_RATIO": 1.4}
    assert points(team.hire)["slow_lesson"].text.startswith("Spent 1.5× the estimate")


def test_the_slowest_lesson_is_the_one_named(team):
    add_lesson_progress(team.hire, LessonFactory(title="A", estimated_minutes=10), seconds=1500)
    add_lesson_progress(team.hire, LessonFactory(title="B", estimated_minutes=5), seconds=1500)
    assert "“B”" in points(team.hire)["slow_lesson"].text


def test_a_lesson_finished_far_below_the_estimate_is_a_coaching_point(team):
    lesson = LessonFactory(title="Discovery", estimated_minutes=10)
    add_lesson_progress(team.hire, lesson, seconds=120)
    point = points(team.hire)["rushed_lesson"]
    assert point.text == "Finished “Discovery” in 0.2× the estimate (2 min of about 10 min)"

    add_lesson_progress(team.second_hire, lesson, seconds=120, completed=False)
    assert "rushed_lesson" not in points(team.second_hire)  # not finished: not rushed


def test_lessons_completed_out_of_those_meant_for_the_role(team):
    done = LessonFactory()
    LessonFactory()
    assert "lessons_done" not in points(team.hire)
    complete(team.hire, done)
    point = points(team.hire)["lessons_done"]
    assert point.text == "Completed 1 of 2 lessons meant for the role"
    assert point.kind == "praise" and point.url == "#lessons"


# Quizzes -------------------------------------------------------------------------


def test_the_weakest_topic_gives_the_questions_missed(team, settings):
    quiz = make_quiz("Objections", category="Objection handling")
    take_quiz(quiz, team.hire, right=1)
    point = points(team.hire)["weak_category"]
    assert point.text == "Missed 3 of 4 questions on Objection handling"
    assert point.url == "#categories"

    take_quiz(quiz, team.hire, right=4)  # 5 of 8 right: 62%, still below 70%
    assert points(team.hire)["weak_category"].text == (
        "Missed 3 of 8 questions on Objection handling"
    )

    settings.SALESMAP_REVIEW = {"LOW_SCORE_PERCENT": 60}
    assert "weak_category" not in points(team.hire)


def test_a_topic_judged_on_one_answer_is_not_a_point(team):
    take_quiz(make_quiz("Tiny", category="Tiny topic", questions=1), team.hire, right=0)
    assert "weak_category" not in points(team.hire)


def test_a_failed_latest_quiz_is_named_until_passed(team):
    quiz = make_quiz("Objections")
    failed = take_quiz(quiz, team.hire, right=1)
    point = points(team.hire)["failed_quiz"]
    assert point.text == "Failed “Objections” with 25% (pass mark 60%)"
    assert point.url == f"#attempt-{failed.pk}"

    take_quiz(quiz, team.hire, right=3)
    assert "failed_quiz" not in points(team.hire)


def test_a_high_score_is_praised(team):
    best = take_quiz(make_quiz("Discovery", category="Discovery"), team.hire, right=4)
    take_quiz(make_quiz("Objections"), team.hire, right=3)
    point = points(team.hire)["top_score"]
    assert point.text == "Scored 100% on “Discovery”"
    assert point.kind == "praise" and point.url == f"#attempt-{best.pk}"


def test_no_praise_for_a_score_below_ninety(team):
    take_quiz(make_quiz("Objections"), team.hire, right=3)
    assert "top_score" not in points(team.hire)


def test_essays_waiting_link_to_the_marking_queue(team):
    take_quiz(make_quiz("Essays", questions=1, essay=True), team.hire, right=1)
    point = points(team.hire)["marking"]
    assert point.text == "1 quiz attempt with essays waits for marking"
    assert point.url == (
        f"{reverse('quizzes:marking_queue')}?person={team.hire.pk}&state=needs_marking"
    )


# Evaluations -----------------------------------------------------------------------


def test_evaluations_improved_from_the_first_to_the_latest(team):
    add_evaluation(team.hire, 62, days_back=30, name="Discovery call")
    add_evaluation(team.hire, 70, days_back=20, name="Discovery call")
    add_evaluation(team.hire, 81, days_back=2, name="Discovery call")
    point = points(team.hire)["evaluations_improved"]
    assert point.text == "Discovery call: evaluations improved from 62% to 81%"
    assert point.kind == "praise" and point.url == "#evaluations"


def test_evaluations_that_fell_are_a_coaching_point(team):
    add_evaluation(team.hire, 81, days_back=30)
    add_evaluation(team.hire, 62, days_back=2)
    assert "evaluations_improved" not in points(team.hire)
    assert points(team.hire)["evaluations_fell"].text == (
        "Call scorecard: evaluations fell from 81% to 62%"
    )


def test_a_small_change_in_evaluations_is_not_a_point(team):
    add_evaluation(team.hire, 70, days_back=30)
    add_evaluation(team.hire, 73, days_back=2)
    keys = points(team.hire)
    assert "evaluations_improved" not in keys and "evaluations_fell" not in keys


def test_evaluations_of_another_kind_are_compared_apart(team):
    add_evaluation(team.hire, 40, kind="email", days_back=30)
    add_evaluation(team.hire, 60, kind="call", days_back=20)
    add_evaluation(team.hire, 65, kind="email", days_back=2)
    assert points(team.hire)["evaluations_improved"].text == (
        "Email scorecard: evaluations improved from 40% to 65%"
    )


# Standards -----------------------------------------------------------------------


def test_standards_not_acknowledged_are_counted(team):
    first = FunnelStageFactory()
    FunnelStageFactory()
    assert points(team.hire)["unacknowledged"].text == "2 standards not acknowledged yet"
    standards_services.acknowledge(page=first, person=team.hire)
    assert points(team.hire)["unacknowledged"].text == "1 standard not acknowledged yet"


def test_a_changed_standard_asks_for_re_acknowledgement(team):
    stage = FunnelStageFactory()
    standards_services.acknowledge(page=stage, person=team.hire)
    revision = stage.save_revision()
    standards_services.record_change(
        page=stage,
        revision=revision,
        note="New exit criteria.",
        requires_reacknowledgement=True,
        roles=[],
        author=None,
    )
    revision.publish()
    point = points(team.hire)["reacknowledge"]
    assert point.text == "1 changed standard waits for re-acknowledgement"
    assert point.url == "#standards"
    assert "unacknowledged" not in points(team.hire)


# Choosing the points ---------------------------------------------------------------


def _busy(team, level):
    """A person for whom nearly every rule applies."""
    add_requirement(level, "lesson", lesson=LessonFactory(title="Overdue"), due_day=1)
    add_lesson_progress(
        team.hire, LessonFactory(title="Slow", estimated_minutes=5), seconds=1800, days_back=8
    )
    take_quiz(make_quiz("Objections"), team.hire, right=1)
    take_quiz(make_quiz("Essays", questions=1, essay=True, category="Essays"), team.hire, right=1)
    add_evaluation(team.hire, 40, days_back=30)
    add_evaluation(team.hire, 80, days_back=2)
    FunnelStageFactory()


def test_at_most_five_points_most_pressing_first_and_one_praise(team, level):
    _busy(team, level)
    brief = brief_of(team.hire)
    chosen = talking_points(brief)
    assert len(all_points(brief)) > 5
    assert len(chosen) == 5
    assert chosen[0].key == "overdue"
    assert [p.priority for p in chosen[:4]] == sorted(p.priority for p in chosen[:4])
    assert any(point.kind == "praise" for point in chosen)


def test_the_points_do_not_change_between_two_readings(team, level):
    _busy(team, level)
    assert talking_points(brief_of(team.hire)) == talking_points(brief_of(team.hire))


def test_the_page_shows_the_points_and_the_evidence_they_link_to(client_for, team, level):
    _busy(team, level)
    response = client_for(team.manager).get(reverse("review_brief", args=[team.hire.pk]))
    html = response.content.decode()
    shown = response.context["brief"].points
    assert 3 <= len(shown) <= 5
    for point in shown:
        assert f'data-point="{point.key}"' in html
        if point.url.startswith("#"):
            assert f'id="{point.url[1:]}"' in html, point


def test_a_person_with_no_records_gets_a_few_points_at_most(team):
    chosen = talking_points(brief_of(team.second_hire))
    assert all(point.key in {"stalled", "next_up"} for point in chosen)


def test_points_use_the_clock_of_the_brief(team):
    lesson = LessonFactory()
    add_lesson_progress(team.hire, lesson, seconds=600, days_back=1)
    later = person_brief(
        team.hire,
        can_read_notes=False,
        may_write_notes=False,
        today=timezone.localdate() + datetime.timedelta(days=10),
    )
    assert {p.key: p for p in all_points(later)}["stalled"].text == (
        "No learning or quiz activity for 11 days"
    )
