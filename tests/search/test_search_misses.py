"""Every search that finds nothing is counted, for the Sales Ops report."""

import threading

import pytest
from django.db import connection

from salesmap.search import services
from salesmap.search.models import SearchMiss
from salesmap.search.terms import normalise_query
from tests.search.conftest import add_article


def misses():
    return {miss.query: miss.count for miss in SearchMiss.objects.all()}


def test_a_search_that_finds_nothing_is_counted(search, knowledge):
    search(q="Commission plan")

    miss = SearchMiss.objects.get()
    assert (miss.query, miss.count) == ("commission plan", 1)
    assert miss.first_searched_at == miss.last_searched_at


def test_two_searches_for_the_same_words_are_counted_twice(search, knowledge):
    search(q="Commission plan")
    search(q="  commission   PLAN? ")

    assert misses() == {"commission plan": 2}
    miss = SearchMiss.objects.get()
    assert miss.last_searched_at > miss.first_searched_at


def test_a_search_that_finds_something_is_not_counted(search, knowledge):
    add_article(knowledge, "Commission plan", summary="How reps are paid.")

    search(q="commission")

    assert misses() == {}


def test_a_search_with_no_results_in_a_section_is_counted(search, knowledge, norms):
    add_article(knowledge, "Commission plan", summary="How reps are paid.")

    search(q="commission", section=norms.pk)

    assert misses() == {"commission": 1}


def test_a_blank_or_invalid_search_is_not_counted(search, knowledge):
    search()
    search(q="   ")
    search(q="?!")
    search(q="x" * 201)
    search(q="price", section="abc")

    assert misses() == {}


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("  Возражение  ", "возражение"),
        ("Price\t\n objections", "price objections"),
        ("STRASSE Straße", "strasse strasse"),
        ('"price" AND cost*', "price and cost"),
        ("e-mail: follow_up", "e mail follow up"),
        ("?!", ""),
    ],
)
def test_queries_are_normalised(raw, normalised):
    assert normalise_query(raw) == normalised


def test_a_normalised_query_fits_the_column(db):
    text = normalise_query("слово " * 100)

    assert len(text) <= 200
    assert text.endswith("слово")
    assert services.record_miss(query="слово " * 100) == text
    assert SearchMiss.objects.get().query == text


def test_a_query_without_words_is_not_recorded(db):
    assert services.record_miss(query=" -- ") == ""
    assert not SearchMiss.objects.exists()


def test_a_failed_count_does_not_break_the_search(search, knowledge, monkeypatch):
    from django.db import DatabaseError

    def broken(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services, "record_miss", broken)

    response = search(q="nothing here")

    assert response.status_code == 200
    assert response.context["result_count"] == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_misses_of_a_new_query_lose_no_count():
    """Many requests counting the same new query at once: every one is counted."""
    workers = 12
    barrier = threading.Barrier(workers)
    errors = []

    def count_one():
        try:
            connection.ensure_connection()  # connect first, so that the writes collide
            barrier.wait(timeout=10)
            services.record_miss(query="Brand new question")
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=count_one) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert misses() == {"brand new question": workers}
