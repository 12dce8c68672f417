"""My onboarding and the manager's actions on a person's map: who may do
what, bad input, and a query count that does not grow with the plan."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from salesmap.progression import selectors
from salesmap.progression.models import LevelChange, LevelRequirement, SignOff, Waiver
from tests.factories import (
    CourseFactory,
    FunnelStageFactory,
    LessonFactory,
    ManagerFactory,
    NewHireFactory,
    NormsTopicFactory,
    QuizFactory,
)

from .conftest import evaluation, requirement

Kind = LevelRequirement.Kind


@pytest.fixture
def sign_off_item(level):
    return requirement(level, Kind.SIGN_OFF, description="Shadow five discovery calls")


@pytest.fixture
def people(person, manager, other_manager, sales_ops, other_hire):
    """Everyone the access rules tell apart, keyed by how the tests name them."""
    boss = ManagerFactory(username="boss")
    manager.manager = boss
    manager.save()
    mentor = NewHireFactory(username="mentor")
    person.mentor = mentor
    person.save()
    return {
        "person": person,
        "manager": manager,
        "manager_above": boss,
        "other_manager": other_manager,
        "mentor": mentor,
        "other_hire": other_hire,
        "sales_ops": sales_ops,
    }


def url(name, *args):
    return reverse(name, args=args)


# Who may see the map ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("person", 302),  # their own map lives at /onboarding/
        ("manager", 200),
        ("manager_above", 200),
        ("sales_ops", 200),
        ("other_manager", 404),
        ("mentor", 404),
        ("other_hire", 404),
    ],
)
def test_who_sees_a_persons_map(client_for, people, who, status):
    response = client_for(people[who]).get(url("person_onboarding", people["person"].pk))
    assert response.status_code == status


def test_anonymous_is_sent_to_sign_in(client_for, person):
    response = client_for(None).get(url("person_onboarding", person.pk))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_map_shows_each_item_with_its_status_and_a_link(client_for, person, level, quiz):
    started = timezone.localdate() - datetime.timedelta(days=10)
    LevelChange.objects.filter(person=person).update(effective_on=started)
    lesson = LessonFactory(parent=CourseFactory(), title="Opening a call")
    requirement(level, Kind.LESSON, lesson=lesson, due_day=5)
    requirement(level, Kind.QUIZ, quiz=quiz, due_day=30)
    requirement(level, Kind.SIGN_OFF, description="Shadow calls", due_day=12)
    response = client_for(person).get(url("my_onboarding"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Opening a call" in page and lesson.url in page
    assert reverse("quizzes:detail", args=[quiz.slug]) in page
    assert "Overdue" in page and "Not started" in page and "Due in 2 days" in page
    assert 'role="progressbar"' in page and 'aria-valuenow="0"' in page
    # Next up is the overdue lesson, with a link straight to it.
    assert response.context["plan"].next_up.requirement.lesson == lesson


def test_the_hire_sees_no_manager_actions_on_their_own_map(client_for, person, sign_off_item):
    page = client_for(person).get(url("my_onboarding")).content.decode()
    assert url("sign_off_requirement", person.pk, sign_off_item.pk) not in page
    assert "Waive" not in page


def test_the_manager_sees_the_actions(client_for, person, manager, sign_off_item):
    page = client_for(manager).get(url("person_onboarding", person.pk)).content.decode()
    assert url("sign_off_requirement", person.pk, sign_off_item.pk) in page
    assert url("waive_requirement", person.pk, sign_off_item.pk) in page
    assert url("practice:choose_scorecard", person.pk) in page


# Sign off, waive, promote: only the person's managers and Sales Ops ---------------------


ACTORS = [
    ("manager", True),
    ("manager_above", True),
    ("sales_ops", True),
    ("other_manager", False),
    ("mentor", False),
    ("person", False),
    ("other_hire", False),
]


@pytest.mark.parametrize(("who", "allowed"), ACTORS)
def test_who_may_sign_off(client_for, people, sign_off_item, who, allowed):
    person = people["person"]
    response = client_for(people[who]).post(
        url("sign_off_requirement", person.pk, sign_off_item.pk), {"comment": "Seen it"}
    )
    if allowed:
        assert response.status_code == 302
        assert SignOff.objects.get(person=person).signed_by == people[who]
    else:
        assert response.status_code == 403
        assert not SignOff.objects.exists()


@pytest.mark.parametrize(("who", "allowed"), ACTORS)
def test_who_may_waive(client_for, people, sign_off_item, who, allowed):
    person = people["person"]
    response = client_for(people[who]).post(
        url("waive_requirement", person.pk, sign_off_item.pk), {"reason": "Done before"}
    )
    assert response.status_code == (302 if allowed else 403)
    assert Waiver.objects.exists() == allowed


@pytest.mark.parametrize(("who", "allowed"), ACTORS)
def test_who_may_promote(client_for, people, level, next_level, sign_off_item, who, allowed):
    person = people["person"]
    SignOff.objects.create(
        person=person, requirement=sign_off_item, title="x", signed_at=timezone.now()
    )
    client = client_for(people[who])
    assert client.get(url("change_level", person.pk)).status_code == (200 if allowed else 403)
    response = client.post(
        url("change_level", person.pk),
        {"level": next_level.pk, "note": "Ready", "expected_level": level.pk},
    )
    assert response.status_code == (302 if allowed else 403)
    person.refresh_from_db()
    assert (person.level_id == next_level.pk) == allowed


def test_a_second_sign_off_is_refused_and_keeps_the_first(
    client_for, person, manager, sign_off_item
):
    client = client_for(manager)
    client.post(url("sign_off_requirement", person.pk, sign_off_item.pk), {"comment": "First"})
    response = client.post(
        url("sign_off_requirement", person.pk, sign_off_item.pk), {"comment": "Second"}
    )
    assert response.status_code == 409
    assert "already signed off" in response.content.decode()
    assert SignOff.objects.get().comment == "First"


def test_a_waiver_needs_a_reason(client_for, person, manager, sign_off_item):
    response = client_for(manager).post(
        url("waive_requirement", person.pk, sign_off_item.pk), {"reason": "   "}
    )
    assert response.status_code == 400
    assert "Give the reason for the waiver." in response.content.decode()
    assert not Waiver.objects.exists()


def test_signing_off_something_that_is_not_a_sign_off_task_is_refused(
    client_for, person, manager, level, quiz
):
    row = requirement(level, Kind.QUIZ, quiz=quiz)
    response = client_for(manager).post(url("sign_off_requirement", person.pk, row.pk), {})
    assert response.status_code == 400
    assert not SignOff.objects.exists()


def test_an_item_of_another_level_is_refused(client_for, person, manager, next_level):
    row = requirement(next_level, Kind.SIGN_OFF, description="Lead a team meeting")
    response = client_for(manager).post(url("sign_off_requirement", person.pk, row.pk), {})
    assert response.status_code == 400
    assert "current level" in response.content.decode()


def test_an_unknown_item_or_person_is_a_404(client_for, person, manager, sign_off_item):
    client = client_for(manager)
    assert client.post(url("sign_off_requirement", person.pk, 999999), {}).status_code == 404
    assert client.post(url("waive_requirement", 999999, sign_off_item.pk), {}).status_code == 404
    assert client.get(url("change_level", 999999)).status_code == 404


def test_actions_are_post_only(client_for, person, manager, sign_off_item):
    client = client_for(manager)
    assert client.get(url("sign_off_requirement", person.pk, sign_off_item.pk)).status_code == 405
    assert client.get(url("waive_requirement", person.pk, sign_off_item.pk)).status_code == 405


# Level changes -----------------------------------------------------------------------


def test_a_manager_cannot_promote_before_the_person_is_ready(
    client_for, person, manager, level, next_level, sign_off_item
):
    client = client_for(manager)
    page = client.get(url("change_level", person.pk))
    assert 'disabled aria-disabled="true"' in page.content.decode()
    response = client.post(
        url("change_level", person.pk), {"level": next_level.pk, "expected_level": level.pk}
    )
    assert response.status_code == 409
    assert "Not every required item" in response.content.decode()
    person.refresh_from_db()
    assert person.level == level


def test_the_manager_promotes_a_ready_person_and_the_history_keeps_it(
    client_for, person, manager, level, next_level, sign_off_item
):
    client = client_for(manager)
    client.post(url("sign_off_requirement", person.pk, sign_off_item.pk), {"comment": "Good"})
    response = client.post(
        url("change_level", person.pk),
        {"level": next_level.pk, "note": "Booked 12 discoveries", "expected_level": level.pk},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.level == next_level and person.role_id == next_level.get_parent().pk
    change = LevelChange.objects.filter(person=person).first()
    assert (change.kind, change.from_title, change.to_title, change.note) == (
        LevelChange.Kind.PROMOTION,
        "SDR I",
        "SDR II",
        "Booked 12 discoveries",
    )
    assert change.effective_on == timezone.localdate() and change.decided_by == manager
    # The hire sees the new level and the history.
    page = client_for(person).get(url("my_onboarding")).content.decode()
    assert "Booked 12 discoveries" in page
    assert response_map(client_for(person)).steps_current() == "SDR II"


def response_map(client):
    class Wrapped:
        def __init__(self, response):
            self.map = response.context["map"]

        def steps_current(self):
            return next(
                step.level.title
                for role in self.map.roles
                for step in role.steps
                if step.state == "current"
            )

    return Wrapped(client.get(url("my_onboarding")))


def test_sales_ops_move_anyone_and_backdate(client_for, person, sales_ops, level, next_level):
    day = timezone.localdate() - datetime.timedelta(days=3)
    response = client_for(sales_ops).post(
        url("change_level", person.pk),
        {"level": next_level.pk, "effective_on": day.isoformat(), "expected_level": level.pk},
    )
    assert response.status_code == 302
    change = LevelChange.objects.filter(person=person).first()
    assert (change.kind, change.effective_on) == (LevelChange.Kind.MOVE, day)
    person.refresh_from_db()
    plan = selectors.onboarding_map(person).plan
    assert plan.started_on == day


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"effective_on": "2999-01-01"}, "future"),
        ({"effective_on": "2000-01-01"}, "before their last level change"),
        ({"effective_on": "yesterday-ish"}, "valid date"),
        ({"level": "abc"}, "valid choice"),
        ({"level": "999999"}, "valid choice"),
        ({"expected_level": "0"}, "changed meanwhile"),
    ],
)
def test_bad_level_changes_are_refused_with_a_message(
    client_for, person, sales_ops, level, next_level, data, message
):
    form = {"level": next_level.pk, "expected_level": level.pk, **data}
    response = client_for(sales_ops).post(url("change_level", person.pk), form)
    assert response.status_code in (400, 409)
    assert message in response.content.decode()
    person.refresh_from_db()
    assert person.level == level


def test_a_manager_cannot_backdate(client_for, person, manager, level, next_level, sign_off_item):
    SignOff.objects.create(
        person=person, requirement=sign_off_item, title="x", signed_at=timezone.now()
    )
    client_for(manager).post(
        url("change_level", person.pk),
        {"level": next_level.pk, "expected_level": level.pk, "effective_on": "2020-01-01"},
    )
    assert LevelChange.objects.filter(person=person).first().effective_on == timezone.localdate()


def test_two_confirmations_promote_once(client_for, person, sales_ops, level, next_level, role):
    from tests.factories import LevelPageFactory

    third = LevelPageFactory(parent=role, title="SDR III")
    client = client_for(sales_ops)
    form = {"level": next_level.pk, "expected_level": level.pk}
    assert client.post(url("change_level", person.pk), form).status_code == 302
    again = client.post(url("change_level", person.pk), {**form, "level": third.pk})
    assert again.status_code == 409
    person.refresh_from_db()
    assert person.level == next_level
    assert LevelChange.objects.filter(person=person).count() == 2  # start + one move


# Records outlive the plan ----------------------------------------------------------------


def test_deleting_a_requirement_keeps_the_sign_off_and_the_waiver(person, manager, level):
    from salesmap.progression import services

    signed = requirement(level, Kind.SIGN_OFF, description="Shadow five calls")
    waived = requirement(level, Kind.SIGN_OFF, description="Role-play pricing")
    services.sign_off(person=person, requirement=signed, by=manager, comment="Great")
    services.waive(person=person, requirement=waived, by=manager, reason="Done at last job")
    signed.delete()
    waived.delete()
    assert SignOff.objects.get().title == "Shadow five calls"
    assert Waiver.objects.get().reason == "Done at last job"


# Query budget ----------------------------------------------------------------------------


def _mixed_plan(level, size):
    """``size`` requirements of every kind, in turn."""
    course = CourseFactory()
    for n in range(size):
        kind = list(Kind)[n % len(Kind)]
        fields = {
            Kind.LESSON: lambda: {"lesson": LessonFactory(parent=course)},
            Kind.COURSE: lambda: {"course": course},
            Kind.QUIZ: lambda: {"quiz": QuizFactory()},
            Kind.ACKNOWLEDGE: lambda n=n: {
                "standard": (FunnelStageFactory if n % 2 else NormsTopicFactory)()
            },
            Kind.EVALUATIONS: lambda: {
                "evaluation_kind": "call",
                "evaluations_needed": 2,
                "min_percent": 70,
            },
            Kind.SIGN_OFF: lambda n=n: {"description": f"Task {n}"},
        }[kind]()
        requirement(level, kind, due_day=n + 1, **fields)


def _queries(client, path):
    client.get(path)  # warm the content type and site caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_my_onboarding_uses_the_same_queries_for_6_or_40_requirements(
    client_for, person, level, role, manager
):
    from tests.factories import LevelPageFactory

    small = LevelPageFactory(parent=role, title="Small")
    _mixed_plan(small, 6)
    _mixed_plan(level, 40)
    evaluation(person, "call", "80")
    twin = NewHireFactory(manager=manager, role=role, level=small, start_date=person.start_date)
    evaluation(twin, "call", "80")

    with_40 = _queries(client_for(person), url("my_onboarding"))
    with_6 = _queries(client_for(twin), url("my_onboarding"))
    assert with_40 == with_6
    assert with_40 <= 40
    # The manager's view of the same map: the same, plus the access checks.
    manager_40 = _queries(client_for(manager), url("person_onboarding", person.pk))
    manager_6 = _queries(client_for(manager), url("person_onboarding", twin.pk))
    assert manager_40 == manager_6 <= 45


def test_the_plan_selector_is_a_fixed_number_of_queries(
    person, level, django_assert_max_num_queries
):
    _mixed_plan(level, 40)
    person.refresh_from_db()
    person = type(person).objects.select_related("role", "level").get(pk=person.pk)
    with django_assert_max_num_queries(18):
        result = selectors.onboarding_map(person)
    assert len(result.plan.items) == 40
