"""Sales Ops keep scorecards, and read evaluations, in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from salesmap.practice.models import Evaluation, Scorecard
from tests.factories import ManagerFactory, NewHireFactory, SalesOpsFactory, SalesOpsLeadFactory

from .conftest import make_scorecard, record

pytestmark = pytest.mark.django_db


def scorecard_url(name, *args):
    return reverse(Scorecard.snippet_viewset.get_url_name(name), args=args)


def evaluation_url(name, *args):
    return reverse(f"practice_evaluations:{name}", args=args)


def scorecard_data(criteria, **fields):
    data = {
        "name": "Discovery call",
        "kind": "call",
        "stage": "",
        "description": "Listen for the pain.",
        "active": "on",
        "criteria": inline_formset(criteria),
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.mark.parametrize("factory", [SalesOpsFactory, SalesOpsLeadFactory])
def test_sales_ops_open_the_scorecard_index(client_for, factory):
    make_scorecard(name="Cold call")
    response = client_for(factory()).get(scorecard_url("list"))
    assert response.status_code == 200
    assert b"Cold call" in response.content


def test_sales_ops_create_a_scorecard_with_its_criteria(client_for, sales_ops):
    data = scorecard_data(
        [
            {
                "name": "Sets an agenda",
                "weight": "2",
                "guide": "Says why and how long.",
                "standard": "",
                "ORDER": "0",
            },
            {"name": "Asks about budget", "weight": "5", "guide": "", "standard": "", "ORDER": "1"},
        ]
    )
    response = client_for(sales_ops).post(scorecard_url("add"), data)
    assert response.status_code == 302
    scorecard = Scorecard.objects.get()
    assert scorecard.name == "Discovery call"
    assert [(c.name, c.weight) for c in scorecard.criteria.order_by("sort_order")] == [
        ("Sets an agenda", 2),
        ("Asks about budget", 5),
    ]


def test_a_scorecard_needs_a_criterion_and_weights_up_to_ten(client_for, sales_ops):
    client = client_for(sales_ops)
    response = client.post(scorecard_url("add"), scorecard_data([]))
    assert response.status_code == 200
    response = client.post(
        scorecard_url("add"),
        scorecard_data(
            [{"name": "Too heavy", "weight": "11", "guide": "", "standard": "", "ORDER": "0"}]
        ),
    )
    assert response.status_code == 200
    assert not Scorecard.objects.exists()


def test_sales_ops_export_scorecards_as_csv(client_for, sales_ops):
    make_scorecard(name="Cold call", weights=(1, 2))
    response = client_for(sales_ops).get(scorecard_url("list"), {"export": "csv"})
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "Cold call" in body
    assert "Call" in body


@pytest.mark.parametrize("factory", [NewHireFactory, ManagerFactory])
def test_new_hires_and_managers_never_enter_the_practice_admin(client_for, factory):
    scorecard = make_scorecard()
    client = client_for(factory())
    for url in (
        scorecard_url("list"),
        scorecard_url("add"),
        scorecard_url("edit", scorecard.pk),
        evaluation_url("index"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "login" in response["Location"] or response["Location"] == "/", url
    assert client.post(scorecard_url("add"), scorecard_data([])).status_code in (302, 403)
    assert Scorecard.objects.count() == 1


def test_sales_ops_read_evaluations_but_never_add_or_edit_them(
    client_for, sales_ops, hire, manager
):
    evaluation = record(hire, manager, make_scorecard(name="Cold call"))
    client = client_for(sales_ops)
    index = client.get(evaluation_url("index"))
    assert index.status_code == 200
    assert b"Cold call" in index.content
    assert evaluation_url("add").encode() not in index.content
    assert client.get(evaluation_url("inspect", evaluation.pk)).status_code == 200
    for url in (
        evaluation_url("add"),
        evaluation_url("edit", evaluation.pk),
        evaluation_url("delete", evaluation.pk),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(evaluation_url("delete", evaluation.pk)).status_code in (302, 403)
    assert Evaluation.objects.filter(pk=evaluation.pk).exists()


def test_sales_ops_filter_and_export_evaluations(client_for, sales_ops, hire, manager):
    record(hire, manager, make_scorecard(name="Cold call"))
    record(hire, manager, make_scorecard(name="Follow-up email", kind="email"))
    client = client_for(sales_ops)
    filtered = client.get(evaluation_url("index"), {"kind": "email"})
    assert filtered.status_code == 200
    assert b"Follow-up email" in filtered.content and b"Cold call" not in filtered.content
    exported = client.get(evaluation_url("index"), {"export": "csv"})
    body = (
        b"".join(exported.streaming_content).decode()
        if exported.streaming
        else exported.content.decode()
    )
    assert "Cold call" in body and "Follow-up email" in body and hire.email in body
