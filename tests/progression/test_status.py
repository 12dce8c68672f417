"""Each requirement kind's status, computed from the other apps' records."""

import datetime

import pytest
from django.utils import timezone

from lessons import services as lesson_services
from lessons.models import LessonProgress
from quizzes import services as quiz_services
from salesmap.progression import selectors, services
from salesmap.progression.models import LevelRequirement
from standards import services as standards_services
from tests.factories import (
    CourseFactory,
    FunnelStageFactory,
    LessonFactory,
    NewHireFactory,
    RolePageFactory,
)

from .conftest import START, TODAY, evaluation, requirement

Kind = LevelRequirement.Kind
NOW = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(10)))


def plan(person):
    """The person's plan, checked to be the same whether read for them alone
    (My onboarding) or in a batch with others (the team table)."""
    person.refresh_from_db()
    alone = selectors.onboarding_map(person, today=TODAY).plan
    if alone is not None:
        others = NewHireFactory.create_batch(2, role=person.role, level=person.level)
        batched = selectors.plans_for([*others, person], today=TODAY)[person.pk]
        assert _summary(batched) == _summary(alone)
    return alone


def _summary(plan):
    return [
        (item.requirement.pk, item.state, item.due_on, item.count, item.of, item.score)
        for item in plan.items
    ]


def state_of(person, row):
    (item,) = [item for item in plan(person).items if item.requirement.pk == row.pk]
    return item


def complete(person, lesson):
    LessonProgress.objects.create(
        person=person,
        lesson=lesson,
        lesson_ref=lesson.pk,
        lesson_title=lesson.title,
        first_opened_at=NOW,
        last_active_at=NOW,
        completed_at=NOW,
    )


def open_(person, lesson):
    lesson_services.record_open(person=person, lesson=lesson, now=NOW)


def take(person, quiz, right_answers):
    """Answer the quiz's questions, the first ``right_answers`` of them right."""
    attempt = quiz_services.start_attempt(quiz=quiz, person=person, now=NOW)
    for position in range(1, quiz.quiz_questions.count() + 1):
        quiz_services.save_answer(
            attempt_id=attempt.pk,
            person=person,
            position=position,
            data={"choice": ["true" if position <= right_answers else "false"]},
            now=NOW,
        )
    return quiz_services.submit_attempt(attempt_id=attempt.pk, person=person, now=NOW)


# Lessons and courses ------------------------------------------------------------------


def test_a_lesson_goes_from_not_started_to_in_progress_to_done(person, level):
    lesson = LessonFactory(parent=CourseFactory())
    row = requirement(level, Kind.LESSON, lesson=lesson)
    assert state_of(person, row).state == selectors.NOT_STARTED
    open_(person, lesson)
    assert state_of(person, row).state == selectors.IN_PROGRESS
    LessonProgress.objects.filter(person=person).update(completed_at=NOW)
    item = state_of(person, row)
    assert item.state == selectors.DONE
    assert item.achieved_on == TODAY


def test_a_deleted_lesson_stays_done_for_who_completed_it_and_stops_blocking_the_rest(
    person, level, other_hire
):
    lesson = LessonFactory(parent=CourseFactory(), title="Old pricing")
    row = requirement(level, Kind.LESSON, lesson=lesson)
    complete(person, lesson)
    lesson.delete()
    row.refresh_from_db()
    assert row.lesson_id is None and row.target_title == "Old pricing"
    item = state_of(person, row)
    assert item.state == selectors.DONE
    assert item.requirement.title == "Old pricing"
    # Someone who never completed it: no longer available, not blocking.
    other_hire.role, other_hire.level, other_hire.start_date = person.role, level, START
    other_hire.save()
    other = state_of(other_hire, row)
    assert other.state == selectors.UNAVAILABLE
    assert not other.blocking


def test_an_unpublished_lesson_is_no_longer_available(person, level):
    lesson = LessonFactory(parent=CourseFactory())
    row = requirement(level, Kind.LESSON, lesson=lesson)
    lesson.unpublish()
    assert state_of(person, row).state == selectors.UNAVAILABLE


def test_a_course_is_done_when_every_live_lesson_is_done(person, level):
    course = CourseFactory()
    first, second = LessonFactory(parent=course), LessonFactory(parent=course)
    draft = LessonFactory(parent=course)
    draft.unpublish()
    row = requirement(level, Kind.COURSE, course=course)
    assert state_of(person, row).state == selectors.NOT_STARTED
    complete(person, first)
    item = state_of(person, row)
    assert (item.state, item.count, item.of, item.percent) == (selectors.IN_PROGRESS, 1, 2, 50)
    complete(person, second)
    assert state_of(person, row).state == selectors.DONE


def test_a_course_without_live_lessons_is_no_longer_available(person, level):
    row = requirement(level, Kind.COURSE, course=CourseFactory())
    assert state_of(person, row).state == selectors.UNAVAILABLE


# Quizzes ---------------------------------------------------------------------------------


def test_a_quiz_is_done_once_passed(person, level, quiz):
    row = requirement(level, Kind.QUIZ, quiz=quiz)
    assert state_of(person, row).state == selectors.NOT_STARTED
    take(person, quiz, 1)  # 25%: failed
    item = state_of(person, row)
    assert (item.state, item.score, item.needed) == (selectors.IN_PROGRESS, 25, 50)
    take(person, quiz, 2)  # 50%: the pass mark
    assert state_of(person, row).state == selectors.DONE


def test_a_minimum_score_above_the_pass_mark_needs_that_score(person, level, quiz):
    row = requirement(level, Kind.QUIZ, quiz=quiz, min_percent=75)
    take(person, quiz, 2)  # passed at 50%, below 75%
    item = state_of(person, row)
    assert item.state == selectors.IN_PROGRESS
    assert item.needed == 75
    take(person, quiz, 3)  # 75% exactly
    assert state_of(person, row).state == selectors.DONE


def test_a_minimum_score_at_or_below_the_pass_mark_is_a_form_error(level, quiz):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        requirement(level, Kind.QUIZ, quiz=quiz, min_percent=50)
    assert "pass mark" in str(error.value.message_dict["min_percent"])


def test_an_archived_quiz_stays_done_for_who_passed_and_is_unavailable_for_others(
    person, level, quiz, other_hire
):
    row = requirement(level, Kind.QUIZ, quiz=quiz)
    take(person, quiz, 4)
    quiz.archived = True
    quiz.save()
    assert state_of(person, row).state == selectors.DONE
    other_hire.role, other_hire.level = person.role, level
    other_hire.save()
    assert state_of(other_hire, row).state == selectors.UNAVAILABLE


# Acknowledgements -------------------------------------------------------------------


def _republish(stage, *, reack, roles=()):
    revision = stage.save_revision()
    standards_services.record_change(
        page=stage,
        revision=revision,
        note="New rule",
        requires_reacknowledgement=reack,
        roles=list(roles),
        author=None,
    )
    revision.publish()
    standards_services.publish_changes(page=stage, revision_id=revision.pk)


def test_acknowledging_the_current_revision_is_done(person, level):
    stage = FunnelStageFactory()
    row = requirement(level, Kind.ACKNOWLEDGE, standard=stage)
    assert state_of(person, row).state == selectors.NOT_STARTED
    standards_services.acknowledge(page=stage, person=person, when=NOW)
    assert state_of(person, row).state == selectors.DONE


def test_a_change_asking_for_reacknowledgement_undoes_an_earlier_acknowledgement(person, level):
    stage = FunnelStageFactory()
    row = requirement(level, Kind.ACKNOWLEDGE, standard=stage)
    standards_services.acknowledge(page=stage, person=person, when=NOW)
    _republish(stage, reack=True)
    item = state_of(person, row)
    assert item.state == selectors.IN_PROGRESS
    assert item.started and item.blocking
    stage.refresh_from_db()  # the new live revision
    standards_services.acknowledge(page=stage, person=person, when=NOW)
    assert state_of(person, row).state == selectors.DONE


def test_a_change_for_another_role_keeps_the_acknowledgement(person, level):
    stage = FunnelStageFactory()
    row = requirement(level, Kind.ACKNOWLEDGE, standard=stage)
    standards_services.acknowledge(page=stage, person=person, when=NOW)
    _republish(stage, reack=True, roles=[RolePageFactory(title="Account executive")])
    assert state_of(person, row).state == selectors.DONE


def test_a_deleted_standard_is_no_longer_available(person, level):
    stage = FunnelStageFactory(title="Old stage")
    row = requirement(level, Kind.ACKNOWLEDGE, standard=stage)
    stage.delete()
    item = state_of(person, row)
    assert item.state == selectors.UNAVAILABLE
    assert item.requirement.title == "Old stage"


# Evaluations and sign-offs ------------------------------------------------------------


def test_evaluations_count_the_kind_at_the_score_since_the_level_started(person, level):
    row = requirement(
        level, Kind.EVALUATIONS, evaluation_kind="call", evaluations_needed=2, min_percent=70
    )
    evaluation(person, "call", "95", on=START - datetime.timedelta(days=1))  # before the level
    evaluation(person, "email", "90")  # another kind
    evaluation(person, "call", "69.99")  # below the score
    item = state_of(person, row)
    assert (item.state, item.count, item.of) == (selectors.IN_PROGRESS, 0, 2)
    evaluation(person, "call", "70", on=TODAY - datetime.timedelta(days=3))
    assert state_of(person, row).count == 1
    evaluation(person, "call", "88")
    item = state_of(person, row)
    assert (item.state, item.count, item.achieved_on) == (selectors.DONE, 2, TODAY)


def test_a_sign_off_is_done_once_the_manager_ticks_it(person, level, manager):
    row = requirement(level, Kind.SIGN_OFF, description="Shadow five discovery calls")
    assert state_of(person, row).state == selectors.NOT_STARTED
    services.sign_off(person=person, requirement=row, by=manager, comment="Good notes", now=NOW)
    item = state_of(person, row)
    assert item.state == selectors.DONE
    assert item.sign_off.comment == "Good notes"


# Due dates, waivers, next up, readiness -------------------------------------------------


def test_an_undone_item_past_its_due_day_is_overdue(person, level):
    lesson = LessonFactory(parent=CourseFactory())
    late = requirement(level, Kind.LESSON, lesson=lesson, due_day=10)
    on_time = requirement(level, Kind.SIGN_OFF, description="Shadow calls", due_day=30)
    current = plan(person)
    items = {item.requirement.pk: item for item in current.items}
    assert items[late.pk].state == selectors.OVERDUE
    assert items[late.pk].due_on == START + datetime.timedelta(days=10)
    assert items[on_time.pk].state == selectors.NOT_STARTED
    assert current.behind_plan
    assert (current.days_in, current.plan_days) == (20, 30)


def test_an_item_added_after_the_person_reached_the_level_counts_from_when_it_was_added(
    person, level
):
    added = START + datetime.timedelta(days=15)
    row = requirement(level, Kind.SIGN_OFF, description="New: demo the CRM", due_day=10)
    row.added_on = None
    row.save()  # a new row takes the day it is first saved (published)
    assert row.added_on == timezone.localdate()
    LevelRequirement.objects.filter(pk=row.pk).update(added_on=added)
    item = state_of(person, row)
    assert item.due_on == added + datetime.timedelta(days=10)
    assert item.state == selectors.NOT_STARTED  # not overdue on day 20


def test_due_days_count_from_the_latest_move_to_the_level(person, level, next_level, manager):
    services.change_level(
        person=person,
        level=next_level,
        by=manager,
        require_ready=False,
        expected_level_id=level.pk,
        effective_on=TODAY - datetime.timedelta(days=5),
        now=NOW,
    )
    requirement(next_level, Kind.SIGN_OFF, description="Run a team meeting", due_day=7)
    current = plan(person)
    assert current.started_on == TODAY - datetime.timedelta(days=5)
    assert current.items[0].state == selectors.NOT_STARTED


def test_a_waived_item_no_longer_blocks_and_the_reason_is_kept(person, level, manager):
    row = requirement(level, Kind.SIGN_OFF, description="Shadow calls", due_day=5)
    services.waive(person=person, requirement=row, by=manager, reason="Did this at her last job")
    item = state_of(person, row)
    assert item.state == selectors.WAIVED
    assert item.waiver.reason == "Did this at her last job"
    assert plan(person).ready


def test_next_up_is_the_earliest_due_required_item(person, level, quiz):
    later = requirement(level, Kind.QUIZ, quiz=quiz, due_day=30)
    requirement(level, Kind.SIGN_OFF, description="Shadow calls", due_day=1)
    optional = LessonFactory(parent=CourseFactory())
    requirement(level, Kind.LESSON, lesson=optional, due_day=2, required=False)
    sooner = requirement(
        level, Kind.LESSON, lesson=LessonFactory(parent=CourseFactory()), due_day=20
    )
    assert plan(person).next_up.requirement == sooner
    complete(person, sooner.lesson)
    assert plan(person).next_up.requirement == later


def test_ready_when_every_required_available_item_is_done_or_waived(person, level, manager):
    done = requirement(level, Kind.SIGN_OFF, description="Shadow calls")
    waived = requirement(level, Kind.SIGN_OFF, description="Role-play pricing")
    gone = LessonFactory(parent=CourseFactory())
    requirement(level, Kind.LESSON, lesson=gone)
    requirement(level, Kind.LESSON, lesson=LessonFactory(parent=CourseFactory()), required=False)
    gone.delete()
    assert not plan(person).ready
    services.sign_off(person=person, requirement=done, by=manager)
    assert not plan(person).ready
    services.waive(person=person, requirement=waived, by=manager, reason="Covered in training")
    current = plan(person)
    assert current.ready
    assert (current.done_count, len(current.counted), current.percent) == (2, 2, 100)


def test_a_level_without_requirements_is_not_ready(person):
    current = plan(person)
    assert current.items == [] and not current.ready


# The path -------------------------------------------------------------------------------


def test_the_path_runs_through_the_career_roles_and_leaves_separate_tracks_out(
    person, level, next_level
):
    from tests.factories import LevelPageFactory

    ae = RolePageFactory(title="Account executive")
    LevelPageFactory(parent=ae, title="AE I")
    ops = RolePageFactory(title="Sales operations", on_career_path=False)
    ops_level = LevelPageFactory(parent=ops, title="Ops specialist")

    def path_of(who):
        who.refresh_from_db()
        return [
            (role.role.title, [(step.level.title, step.state) for step in role.steps])
            for role in selectors.onboarding_map(who, today=TODAY).roles
        ]

    assert path_of(person) == [
        ("Sales development rep", [("SDR I", "current"), ("SDR II", "upcoming")]),
        ("Account executive", [("AE I", "upcoming")]),
    ]
    person.role, person.level = ops, ops_level
    person.save()
    assert path_of(person) == [
        ("Sales development rep", [("SDR I", "done"), ("SDR II", "earlier")]),
        ("Account executive", [("AE I", "earlier")]),
        ("Sales operations", [("Ops specialist", "current")]),
    ]
