"""Query budgets: the detail and list pages do not grow with criteria or evaluations."""

import pytest
from django.urls import reverse

from tests.factories import NewHireFactory

from .conftest import make_scorecard, record

pytestmark = pytest.mark.django_db

# Session, user, groups and the page chrome's permission look-ups are about half of each.
DETAIL_BUDGET = 8  # + the evaluation with its person, its scores, the viewer's managers
MINE_BUDGET = 7  # + the person's evaluations, the ones they recorded
CHOOSE_BUDGET = 8  # + the person, their managers, the scorecards with criteria counts
EVALUATE_BUDGET = 9  # + the person, their managers, the scorecard, its criteria


@pytest.mark.parametrize("criteria", [3, 40])
@pytest.mark.parametrize("who", ["hire", "big_boss"])
def test_the_detail_page_stays_within_budget(
    request, client_for, hire, manager, big_boss, criteria, who, django_assert_max_num_queries
):
    scorecard = make_scorecard(weights=[1 + n % 10 for n in range(criteria)])
    evaluation = record(hire, manager, scorecard)
    client = client_for(request.getfixturevalue(who))
    with django_assert_max_num_queries(DETAIL_BUDGET):
        response = client.get(reverse("practice:detail", args=[evaluation.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 60])
def test_my_evaluations_page_stays_within_budget(
    client_for, manager, size, django_assert_max_num_queries
):
    scorecard = make_scorecard(weights=(1, 2))
    people = [NewHireFactory(manager=manager) for _ in range(3)]
    for n in range(size):
        record(people[n % 3], manager, scorecard)
        record(manager, people[n % 3], scorecard)
    client = client_for(manager)
    with django_assert_max_num_queries(MINE_BUDGET):
        response = client.get(reverse("practice:mine"))
    assert response.status_code == 200
    assert len(response.context["evaluations"]) == size


@pytest.mark.parametrize("size", [2, 30])
def test_the_scorecard_pages_stay_within_budget(
    client_for, manager, hire, size, django_assert_max_num_queries
):
    scorecards = [
        make_scorecard(weights=(1,) * (1 + n % 5), kind=["call", "email"][n % 2])
        for n in range(size)
    ]
    client = client_for(manager)
    with django_assert_max_num_queries(CHOOSE_BUDGET):
        assert client.get(reverse("practice:choose_scorecard", args=[hire.pk])).status_code == 200
    big = make_scorecard(weights=(1,) * (size + 1))
    with django_assert_max_num_queries(EVALUATE_BUDGET):
        assert client.get(reverse("practice:evaluate", args=[hire.pk, big.pk])).status_code == 200
    assert scorecards
