"""The evaluation pages: who may evaluate and read whom, and bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from salesmap.practice.models import Evaluation
from tests.factories import ManagerFactory, NewHireFactory

from .conftest import form_data, make_scorecard, record

pytestmark = pytest.mark.django_db


def choose_url(person_id):
    return reverse("practice:choose_scorecard", args=[person_id])


def evaluate_url(person_id, scorecard_id):
    return reverse("practice:evaluate", args=[person_id, scorecard_id])


def detail_url(evaluation):
    return reverse("practice:detail", args=[evaluation.pk])


# --- Who may evaluate ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("big_boss", 200),
        ("other_manager", 403),
        ("mentor", 200),
        ("hire", 403),
        ("sales_ops", 200),
        ("other_hire", 403),
    ],
)
def test_who_may_open_the_scorecards_and_the_form(
    request, client_for, hire, scorecard, who, status
):
    viewer = request.getfixturevalue(who)
    client = client_for(viewer)
    assert client.get(choose_url(hire.pk)).status_code == status
    assert client.get(evaluate_url(hire.pk, scorecard.pk)).status_code == status


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("manager", True),
        ("mentor", True),
        ("sales_ops", True),
        ("hire", False),
        ("other_manager", False),
    ],
)
def test_who_may_record_an_evaluation(request, client_for, hire, scorecard, who, allowed):
    viewer = request.getfixturevalue(who)
    response = client_for(viewer).post(evaluate_url(hire.pk, scorecard.pk), form_data(scorecard))
    if allowed:
        evaluation = Evaluation.objects.get()
        assert response.status_code == 302
        assert response["Location"] == detail_url(evaluation)
        assert evaluation.evaluator == viewer
    else:
        assert response.status_code == 403
        assert not Evaluation.objects.exists()


def test_a_hire_cannot_evaluate_someone_else(client_for, hire, other_hire, scorecard):
    client = client_for(hire)
    assert client.get(choose_url(other_hire.pk)).status_code == 403
    response = client.post(evaluate_url(other_hire.pk, scorecard.pk), form_data(scorecard))
    assert response.status_code == 403
    assert not Evaluation.objects.exists()


def test_an_unknown_or_inactive_person_is_not_found(client_for, sales_ops, hire, scorecard):
    client = client_for(sales_ops)
    assert client.get(choose_url(999_999)).status_code == 404
    assert client.get(evaluate_url(999_999, scorecard.pk)).status_code == 404
    hire.is_active = False
    hire.save(update_fields=["is_active"])
    assert client.get(choose_url(hire.pk)).status_code == 404


def test_an_inactive_or_unknown_scorecard_is_not_found(client_for, manager, hire):
    retired = make_scorecard(active=False)
    client = client_for(manager)
    assert client.get(evaluate_url(hire.pk, retired.pk)).status_code == 404
    assert client.get(evaluate_url(hire.pk, 999_999)).status_code == 404
    assert client.post(evaluate_url(hire.pk, retired.pk), form_data(retired)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client_for, hire, scorecard):
    client = client_for(None)
    for url in (
        choose_url(hire.pk),
        evaluate_url(hire.pk, scorecard.pk),
        reverse("practice:mine"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


# --- Choosing a scorecard ------------------------------------------------------------


def test_scorecards_in_use_are_listed_by_kind(client_for, manager, hire):
    make_scorecard(name="Cold call")
    make_scorecard(name="Follow-up email", kind="email")
    make_scorecard(name="Retired call", active=False)
    response = client_for(manager).get(choose_url(hire.pk))
    groups = response.context["groups"]
    assert [(g["kind"], [s.name for s in g["scorecards"]]) for g in groups] == [
        ("call", ["Cold call"]),
        ("email", ["Follow-up email"]),
    ]
    assert groups[0]["scorecards"][0].criteria_count == 3
    assert b"Retired call" not in response.content


def test_the_kind_filter_narrows_the_list(client_for, manager, hire):
    make_scorecard(name="Cold call")
    make_scorecard(name="Follow-up email", kind="email")
    response = client_for(manager).get(choose_url(hire.pk), {"kind": "email"})
    assert [g["kind"] for g in response.context["groups"]] == ["email"]


def test_an_unknown_kind_is_a_bad_request(client_for, manager, hire):
    response = client_for(manager).get(choose_url(hire.pk), {"kind": "podcast"})
    assert response.status_code == 400
    assert b"Unknown kind" in response.content


# --- The scoring form ----------------------------------------------------------------


def test_the_form_shows_each_criterion_with_its_guide_and_weight(client_for, manager, hire):
    scorecard = make_scorecard(weights=(2, 7))
    content = client_for(manager).get(evaluate_url(hire.pk, scorecard.pk)).content.decode()
    assert "Guide for criterion 1" in content and "Guide for criterion 2" in content
    assert "weight 2" in content and "weight 7" in content
    assert 'type="date"' in content
    assert 'name="submission_key"' in content


def test_a_valid_form_records_and_shows_a_success_message(client_for, manager, hire, scorecard):
    data = form_data(scorecard)
    criterion = scorecard.criteria.order_by("sort_order").first()
    data[f"rating_{criterion.pk}"] = "na"
    data[f"note_{criterion.pk}"] = "Did not come up."
    response = client_for(manager).post(evaluate_url(hire.pk, scorecard.pk), data, follow=True)
    evaluation = Evaluation.objects.get()
    assert evaluation.percent == 75
    assert evaluation.link == "https://crm.example.test/deals/42"
    assert evaluation.scores.get(position=1).rating is None
    assert evaluation.scores.get(position=1).note == "Did not come up."
    assert "recorded" in response.content.decode()


def test_sending_the_form_twice_records_one_evaluation(client_for, manager, hire, scorecard):
    client = client_for(manager)
    data = form_data(scorecard)
    first = client.post(evaluate_url(hire.pk, scorecard.pk), data)
    second = client.post(evaluate_url(hire.pk, scorecard.pk), data)
    assert Evaluation.objects.count() == 1
    assert first["Location"] == second["Location"]


def _errors(response):
    form = response.context["form"]
    return {name: " ".join(errors) for name, errors in form.errors.items()}


@pytest.mark.parametrize(
    ("override", "field", "message"),
    [
        ({"occurred_on": "FUTURE"}, "occurred_on", "future"),
        ({"occurred_on": "2001-01-01"}, "occurred_on", "started"),
        ({"occurred_on": "not-a-date"}, "occurred_on", "valid date"),
        ({"occurred_on": ""}, "occurred_on", "required"),
        ({"link": "javascript:alert(1)"}, "link", "valid URL"),
        ({"link": "ftp://files.example.test/call.mp3"}, "link", "valid URL"),
        ({"submission_key": "nope"}, "submission_key", "UUID"),
    ],
)
def test_bad_input_is_a_form_error(client_for, manager, hire, scorecard, override, field, message):
    if override.get("occurred_on") == "FUTURE":
        override = {"occurred_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}
    response = client_for(manager).post(
        evaluate_url(hire.pk, scorecard.pk), form_data(scorecard, **override)
    )
    assert response.status_code == 200
    assert message in _errors(response)[field]
    assert not Evaluation.objects.exists()


def test_work_older_than_a_year_is_refused(client_for, manager, scorecard):
    veteran = NewHireFactory(manager=manager, start_date=datetime.date(2000, 1, 1))
    old = (timezone.localdate() - datetime.timedelta(days=366)).isoformat()
    response = client_for(manager).post(
        evaluate_url(veteran.pk, scorecard.pk), form_data(scorecard, occurred_on=old)
    )
    assert "365 days" in _errors(response)["occurred_on"]


def test_every_criterion_not_applicable_is_a_form_error(client_for, manager, hire, scorecard):
    response = client_for(manager).post(
        evaluate_url(hire.pk, scorecard.pk), form_data(scorecard, rating="na")
    )
    assert response.status_code == 200
    assert "at least one" in _errors(response)["__all__"]
    assert "at least one" in response.content.decode()
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("rating", ["7", "-1", "", "4.0"])
def test_a_rating_outside_the_choices_is_a_form_error(client_for, manager, hire, scorecard, rating):
    response = client_for(manager).post(
        evaluate_url(hire.pk, scorecard.pk), form_data(scorecard, rating=rating)
    )
    assert response.status_code == 200
    criterion = scorecard.criteria.order_by("sort_order").first()
    assert f"rating_{criterion.pk}" in _errors(response)
    assert not Evaluation.objects.exists()


def test_a_missing_rating_or_field_is_a_form_error(client_for, manager, hire, scorecard):
    data = form_data(scorecard)
    criterion = scorecard.criteria.order_by("sort_order").last()
    del data[f"rating_{criterion.pk}"]
    del data["occurred_on"]
    del data["submission_key"]
    response = client_for(manager).post(evaluate_url(hire.pk, scorecard.pk), data)
    assert response.status_code == 200
    assert {f"rating_{criterion.pk}", "occurred_on", "submission_key"} <= set(_errors(response))
    assert not Evaluation.objects.exists()


def test_a_note_longer_than_500_characters_is_a_form_error(client_for, manager, hire, scorecard):
    criterion = scorecard.criteria.order_by("sort_order").first()
    data = form_data(scorecard, **{f"note_{criterion.pk}": "x" * 501})
    response = client_for(manager).post(evaluate_url(hire.pk, scorecard.pk), data)
    assert f"note_{criterion.pk}" in _errors(response)


def test_get_never_records_and_other_methods_are_refused(client_for, manager, hire, scorecard):
    client = client_for(manager)
    client.get(evaluate_url(hire.pk, scorecard.pk), form_data(scorecard))
    assert not Evaluation.objects.exists()
    assert client.post(choose_url(hire.pk)).status_code == 405
    assert client.put(evaluate_url(hire.pk, scorecard.pk)).status_code == 405


# --- Reading an evaluation -----------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("hire", 200),
        ("manager", 200),
        ("big_boss", 200),
        ("sales_ops", 200),
        ("other_manager", 404),
        ("other_hire", 404),
    ],
)
def test_who_may_read_an_evaluation(request, client_for, hire, manager, scorecard, who, status):
    evaluation = record(hire, manager, scorecard)
    viewer = request.getfixturevalue(who)
    assert client_for(viewer).get(detail_url(evaluation)).status_code == status


def test_the_mentor_reads_what_they_recorded_but_not_the_managers(
    client_for, hire, manager, mentor, scorecard
):
    by_mentor = record(hire, mentor, scorecard)
    by_manager = record(hire, manager, scorecard)
    client = client_for(mentor)
    assert client.get(detail_url(by_mentor)).status_code == 200
    assert client.get(detail_url(by_manager)).status_code == 404


def test_an_unknown_evaluation_is_not_found(client_for, sales_ops):
    assert client_for(sales_ops).get(reverse("practice:detail", args=[999_999])).status_code == 404


def test_the_detail_shows_scores_feedback_and_a_safe_link(client_for, hire, manager):
    scorecard = make_scorecard(weights=(1, 3))
    evaluation = record(
        hire,
        manager,
        scorecard,
        ratings=[4, None],
        link="https://crm.example.test/deals/7",
        comment="Great opening.",
    )
    content = client_for(hire).get(detail_url(evaluation)).content.decode()
    assert "100%" in content
    assert "Great opening." in content
    assert "Maria Manager" in content
    assert "Not applicable" in content
    assert 'href="https://crm.example.test/deals/7" rel="noopener noreferrer" target="_blank"' in (
        content
    )
    assert 'role="progressbar"' in content


# --- My evaluations ------------------------------------------------------------------


def test_my_evaluations_lists_only_my_own(client_for, hire, other_hire, manager, other_manager):
    scorecard = make_scorecard()
    mine = record(hire, manager, scorecard)
    record(other_hire, other_manager, scorecard)
    response = client_for(hire).get(reverse("practice:mine"))
    assert response.status_code == 200
    assert list(response.context["evaluations"]) == [mine]
    assert response.context["recorded"] == []
    assert "Evaluations you recorded" not in response.content.decode()


def test_evaluators_see_what_they_recorded_newest_first(client_for, hire, manager, scorecard):
    colleague = NewHireFactory(manager=manager)
    today = timezone.localdate()
    older = record(hire, manager, scorecard, occurred_on=today - datetime.timedelta(days=3))
    newer = record(colleague, manager, scorecard, occurred_on=today - datetime.timedelta(days=1))
    response = client_for(manager).get(reverse("practice:mine"))
    assert response.context["recorded"] == [newer, older]
    content = response.content.decode()
    assert "Evaluations you recorded" in content
    assert detail_url(newer) in content and detail_url(older) in content


def test_the_recorded_list_stops_at_fifty(client_for, sales_ops, scorecard):
    person = ManagerFactory()
    for _ in range(52):
        record(person, sales_ops, scorecard)
    response = client_for(sales_ops).get(reverse("practice:mine"))
    assert len(response.context["recorded"]) == 50
