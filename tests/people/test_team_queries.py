"""The team page's query count does not grow with the size of the team."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NewHireFactory


def team_page_queries(client, add, manager):
    """Add ``add`` reports, open the page, return (people listed, queries run)."""
    start = manager.reports.count()
    for n in range(start, start + add):
        NewHireFactory(username=f"r{n}", manager=manager, mentor=manager)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/team/?scope=subtree")
    assert response.status_code == 200
    return len(response.context["people"]), len(queries)


@pytest.mark.parametrize("size", [5, 200])
def test_team_page_fits_a_fixed_query_budget(
    client_for, manager, size, django_assert_max_num_queries
):
    client = client_for(manager)
    for n in range(size):
        NewHireFactory(username=f"r{n}", manager=manager, mentor=manager)
    with django_assert_max_num_queries(10):
        response = client.get("/team/?scope=subtree")
    assert len(response.context["people"]) == size


def test_team_page_queries_are_the_same_for_5_and_200_people(client_for, manager):
    client = client_for(manager)
    people_small, small = team_page_queries(client, 5, manager)
    people_large, large = team_page_queries(client, 195, manager)
    assert (people_small, people_large) == (5, 200)
    assert small == large
