"""Sales Ops see the searches that found nothing, most frequent first, and export them."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from salesmap.people import groups
from salesmap.search.models import SearchMiss
from tests.factories import UserFactory

REPORT = "/admin/reports/search-misses/"


@pytest.fixture
def recorded(db):
    now = timezone.now()
    for query, count in [("commission plan", 3), ("price list", 7), ("holidays", 1)]:
        SearchMiss.objects.create(
            query=query,
            count=count,
            first_searched_at=now - datetime.timedelta(days=count),
            last_searched_at=now,
        )


@pytest.fixture
def sales_ops_lead(db):
    return UserFactory(username="lead", group=groups.SALES_OPS_LEADS)


def test_anonymous_people_are_sent_to_sign_in(client_for, recorded):
    response = client_for(None).get(REPORT)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("person", ["hire", "manager"])
def test_new_hires_and_managers_may_not_see_it(request, client_for, recorded, person):
    user = request.getfixturevalue(person)

    assert client_for(user).get(REPORT).status_code == 403
    assert client_for(user).get(REPORT, {"export": "csv"}).status_code == 403


@pytest.mark.parametrize("person", ["sales_ops", "sales_ops_lead"])
def test_sales_ops_see_the_misses_most_frequent_first(request, client_for, recorded, person):
    response = client_for(request.getfixturevalue(person)).get(REPORT)

    assert response.status_code == 200
    assert [miss.query for miss in response.context["object_list"]] == [
        "price list",
        "commission plan",
        "holidays",
    ]
    body = response.content.decode()
    assert "Searches with no results" in body
    assert "commission plan" in body


def test_the_report_is_in_the_reports_menu_for_sales_ops(client_for, sales_ops):
    body = client_for(sales_ops).get("/admin/").content.decode()

    assert "searches-with-no-results" in body
    assert REPORT in body


def test_the_report_searches_the_misses(client_for, sales_ops, recorded):
    response = client_for(sales_ops).get(REPORT, {"q": "plan"})

    assert [miss.query for miss in response.context["object_list"]] == ["commission plan"]


def test_the_report_exports_as_csv(client_for, sales_ops, recorded):
    response = client_for(sales_ops).get(REPORT, {"export": "csv"})

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["Search"], row["Times searched"]) for row in rows] == [
        ("price list", "7"),
        ("commission plan", "3"),
        ("holidays", "1"),
    ]
    assert {"First searched", "Last searched"} <= set(rows[0])


def test_the_report_exports_as_xlsx(client_for, sales_ops, recorded):
    from openpyxl import load_workbook

    response = client_for(sales_ops).get(REPORT, {"export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[:2] for row in sheet.iter_rows(values_only=True)][:2] == [
        ("Search", "Times searched"),
        ("price list", 7),
    ]


def test_sales_ops_delete_a_miss_after_confirming(client_for, sales_ops, recorded):
    client = client_for(sales_ops)
    miss = SearchMiss.objects.get(query="holidays")
    url = f"{REPORT}{miss.pk}/delete/"

    assert f'href="{url}"' in client.get(REPORT).content.decode()
    assert client.get(url).status_code == 200
    assert SearchMiss.objects.filter(pk=miss.pk).exists()  # a GET changes nothing

    response = client.post(url)

    assert response.status_code == 302
    assert not SearchMiss.objects.filter(pk=miss.pk).exists()
    assert SearchMiss.objects.count() == 2


@pytest.mark.parametrize("person", ["hire", "manager"])
def test_others_may_not_delete_a_miss(request, client_for, recorded, person):
    miss = SearchMiss.objects.first()

    response = client_for(request.getfixturevalue(person)).post(f"{REPORT}{miss.pk}/delete/")

    assert response.status_code == 403
    assert SearchMiss.objects.filter(pk=miss.pk).exists()
