"""A results page costs a fixed number of queries, whatever the amount of content."""

import pytest

from standards.models import NormsTopicPage
from tests.search.conftest import add_article, add_page

# Session, user, home, sections, groups, view restrictions, count, results,
# specific pages (one query per page type shown), navigation permissions, site.
QUERY_BUDGET = 16


@pytest.mark.parametrize("size", [5, 120])
def test_one_page_of_results_has_a_fixed_query_budget(
    search, knowledge, norms, size, django_assert_max_num_queries
):
    for number in range(size):
        add_article(knowledge, f"Objection {number}", summary="The budget objection.")
        if number % 2:
            add_page(norms, NormsTopicPage(title=f"Rule {number}", intro="<p>Ask the budget.</p>"))
    search(q="budget")  # warm the content type cache, as a running server has

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = search(q="budget")

    assert response.status_code == 200
    assert response.context["result_count"] == size + size // 2
