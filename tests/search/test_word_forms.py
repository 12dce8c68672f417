"""Word forms: "возражение" finds "возражениями", "objection" finds "objections".

PostgreSQL stems words with the SEARCH_CONFIG text search configuration
("russian" by default: Russian snowball for Cyrillic words, english_stem for
ASCII ones). SQLite's FTS5 does not stem; there a search that finds nothing is
retried with stems as prefixes, and its results are marked approximate.
"""

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Page

from salesmap.search.models import SearchMiss
from salesmap.search.terms import stem_prefix
from tests.search.conftest import add_article


@pytest.fixture
def objections(knowledge):
    return add_article(
        knowledge, "Работа с клиентом", summary="Как работать с возражениями клиента о цене."
    )


@pytest.fixture
def english(knowledge):
    return add_article(knowledge, "Handling pushback", summary="Common objections and answers.")


def titles(response):
    return [hit.page.title for hit in response.context["hits"]]


# On every database.


def test_a_russian_word_finds_its_other_forms(search, objections):
    response = search(q="возражение")

    assert titles(response) == ["Работа с клиентом"]
    assert "<mark>возражениями</mark>" in response.content.decode()
    assert not SearchMiss.objects.exists()


def test_an_english_word_finds_its_other_forms(search, english):
    assert titles(search(q="objection")) == ["Handling pushback"]


def test_a_different_word_does_not_match(search, objections, english):
    assert titles(search(q="возврат")) == []
    assert titles(search(q="projections")) == []


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("возражение", "возражен"),
        ("возражениями", "возражен"),
        ("клиента", "клиент"),
        ("objections", "objection"),
        ("pricing", "pric"),
        ("crm", "crm"),
        ("план", "план"),
    ],
)
def test_the_light_stemmer_drops_regular_endings_only(word, stem):
    assert stem_prefix(word) == stem


# On PostgreSQL: real stemming, from the text search configuration.


@pytest.mark.postgres
def test_postgres_searches_with_the_russian_configuration(db):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "russian"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('russian', 'возражениями objections')"
            " @@ to_tsquery('russian', 'возражение & objection')"
        )
        assert cursor.fetchone() == (True,)


@pytest.mark.postgres
def test_postgres_stems_russian_words(search, objections):
    response = search(q="возражение")

    assert titles(response) == ["Работа с клиентом"]
    assert response.context["approximate"] is False


@pytest.mark.postgres
def test_postgres_stems_english_words(search, english):
    response = search(q="objection")

    assert titles(response) == ["Handling pushback"]
    assert response.context["approximate"] is False


@pytest.mark.postgres
def test_postgres_stems_every_word_of_a_search(search, objections):
    response = search(q="возражения клиентов")

    assert titles(response) == ["Работа с клиентом"]


# On SQLite: whole words first, then stems as prefixes.


@pytest.fixture
def sqlite_only(db):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite fallback")


def test_sqlite_marks_stem_prefix_results_as_approximate(sqlite_only, search, objections):
    response = search(q="возражение")

    assert titles(response) == ["Работа с клиентом"]
    assert response.context["approximate"] is True
    assert "words that start the same way" in response.content.decode()


def test_sqlite_exact_words_are_not_approximate(sqlite_only, search, objections):
    response = search(q="возражениями")

    assert titles(response) == ["Работа с клиентом"]
    assert response.context["approximate"] is False


def test_sqlite_fallback_needs_every_word(sqlite_only, search, objections):
    assert titles(search(q="возражение бюджет")) == []


def test_sqlite_autocomplete_reads_titles_only(sqlite_only, objections):
    """Why the fallback is not modelsearch's autocomplete(): on SQLite it only
    searches AutocompleteFields, which on our pages is the title alone."""
    assert [page.pk for page in Page.objects.autocomplete("Работ")] == [objections.pk]
    assert list(Page.objects.autocomplete("возраж")) == []
