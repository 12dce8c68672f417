"""Malformed searches are results, "no results" or a form error (400), never a 500."""

import pytest

from salesmap.search.models import SearchMiss
from tests.search.conftest import add_article

FORM_ERRORS = {
    "too long": ("x" * 201, "at most 200 characters"),
    "NUL byte": ("price\x00", "Null characters are not allowed"),
    "control character": ("price\x07cost", "control characters"),
    "escape sequence": ("\x1b[31mprice", "control characters"),
    "punctuation only": ("?!… -- ;", "at least one word or number"),
    "a lone quote": ('"', "at least one word or number"),
    "a lone star": ("*", "at least one word or number"),
    "a lone colon": (":", "at least one word or number"),
    "a lone minus": ("-", "at least one word or number"),
    "a backslash": ("\\", "at least one word or number"),
    "LIKE wildcards": ("% _", "at least one word or number"),
}

SEARCHABLE = [
    '"unbalanced quote',
    'price"',
    "'single",
    "price*",
    "pri*",
    "title:price",
    "body : price",
    "price AND",
    "AND",
    "OR NOT",
    "price OR 1=1",
    "NEAR(price cost)",
    "NEAR(",
    "price -cost",
    "-price",
    "price NOT",
    "{title body}: price",
    "^price",
    "price + cost",
    "'; DROP TABLE wagtailcore_page; --",
    "100%",
    "price & | ! :* <->",
    "x" * 200,
    "слово " * 33,
    "price\tcost\nrub",
    "the",  # only stop words: PostgreSQL's tsquery is empty
    "и не",
]


@pytest.fixture(autouse=True)
def content(knowledge):
    add_article(knowledge, "Price objections", summary="When the price seems to cost too much.")


@pytest.mark.parametrize(("text", "message"), FORM_ERRORS.values(), ids=FORM_ERRORS.keys())
def test_bad_search_text_is_a_form_error(search, text, message):
    response = search(q=text)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'name="q"' in response.content.decode()  # the form is shown again
    assert not SearchMiss.objects.exists()


@pytest.mark.parametrize("text", SEARCHABLE)
def test_odd_search_text_is_searched_as_plain_words(search, text):
    response = search(q=text)

    assert response.status_code == 200
    assert response.context["searched"] is True


def test_search_operators_are_plain_words(search):
    assert [hit.page.title for hit in search(q='"price" cost*').context["hits"]] == [
        "Price objections"
    ]
    assert search(q="price -cost").context["result_count"] == 1  # "-" is not NOT


@pytest.mark.parametrize("section", ["abc", "1.5", "-1", "99999", " ", "1 OR 1=1"])
def test_a_section_that_is_not_a_section_is_a_form_error(search, section):
    response = search(q="price", section=section)

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_an_empty_section_means_every_section(search):
    response = search(q="price", section="")

    assert response.status_code == 200
    assert response.context["result_count"] == 1


def test_a_page_that_is_not_a_section_is_a_form_error(search, knowledge):
    article = knowledge.get_children().get()

    response = search(q="price", section=article.pk)

    assert response.status_code == 400


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0", "1.5", "9" * 500, ""])
def test_any_page_number_shows_a_page_of_results(search, page):
    response = search(q="price", page=page)

    assert response.status_code == 200
    assert response.context["result_count"] == 1
    assert len(response.context["hits"]) == 1


def test_a_page_number_without_a_search_shows_the_form(search):
    response = search(page="abc")

    assert response.status_code == 200
    assert response.context["searched"] is False
