"""The search page: live pages under the Sales Map home, by section, with snippets."""

from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from salesmap.people import groups
from salesmap.search.views import RESULTS_PER_PAGE
from standards.models import NormsIndexPage, NormsTopicPage
from tests.search.conftest import add_article, add_page


def titles(response):
    return [hit.page.title for hit in response.context["hits"]]


def test_anonymous_people_are_sent_to_sign_in(db, client_for):
    response = client_for(None).get("/search/", {"q": "price"})

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_searching_is_a_get(client_for, hire):
    assert client_for(hire).post("/search/", {"q": "price"}).status_code == 405


def test_blank_search_shows_the_form_without_results(search, knowledge):
    response = search()

    assert response.status_code == 200
    assert response.context["searched"] is False
    body = response.content.decode()
    assert '<label for="id_q">' in body
    assert 'name="q"' in body
    assert '<select name="section"' in body


def test_finds_a_page_by_a_word_of_its_summary(search, knowledge):
    add_article(knowledge, "Price objections", summary="What to say when it costs too much.")
    add_article(knowledge, "Competitors", summary="Who else sells to our clients.")

    response = search(q="costs")

    assert response.status_code == 200
    assert titles(response) == ["Price objections"]
    assert response.context["result_count"] == 1
    assert "1 page found" in response.content.decode()


def test_finds_a_page_by_the_words_of_its_title(search, knowledge):
    add_article(knowledge, "Discovery call script", summary="Questions to ask.")

    assert titles(search(q="Discovery SCRIPT")) == ["Discovery call script"]


def test_every_word_must_match(search, knowledge):
    add_article(knowledge, "Price objections", summary="When it costs too much.")

    assert titles(search(q="costs competitors")) == []


def test_draft_pages_are_not_found(search, knowledge):
    draft = add_article(knowledge, "Unreleased pricing", summary="Secret plans.")
    draft.unpublish()

    assert titles(search(q="secret")) == []


def test_pages_outside_the_sales_map_are_not_found(search, home, knowledge):
    root = Page.get_first_root_node()
    add_page(root, Page(title="Other site secret"))
    add_article(knowledge, "Our secret sauce", summary="Listening.")

    assert titles(search(q="secret")) == ["Our secret sauce"]


def test_a_section_limits_the_results_to_its_pages(search, knowledge, norms):
    add_article(knowledge, "Follow-up e-mails", summary="Send a follow-up within a day.")
    topic = add_page(
        norms, NormsTopicPage(title="Follow-up rules", intro="<p>Always follow-up.</p>")
    )

    everywhere = search(q="follow")
    in_norms = search(q="follow", section=norms.pk)

    assert sorted(titles(everywhere)) == ["Follow-up e-mails", "Follow-up rules"]
    assert titles(in_norms) == [topic.title]
    assert in_norms.context["section"].pk == norms.pk


def test_a_section_page_itself_is_in_its_section(search, knowledge, norms):
    NormsIndexPage.objects.filter(pk=norms.pk).update(intro="<p>How we keep our rules.</p>")
    norms.refresh_from_db()
    norms.save_revision().publish()

    assert titles(search(q="keep", section=norms.pk)) == ["Norms and rules"]


def test_each_result_shows_its_section_and_links_to_the_page(search, knowledge):
    article = add_article(knowledge, "Price objections", summary="When it costs too much.")

    response = search(q="costs")

    hit = response.context["hits"][0]
    assert hit.section.pk == knowledge.pk
    body = response.content.decode()
    assert f'href="{article.url}"' in body
    assert "Knowledge base" in body


def test_the_snippet_marks_the_searched_words(search, knowledge):
    add_article(knowledge, "Pricing", summary="Never discount before the client names a budget.")

    response = search(q="budget discount")

    snippet = str(response.context["hits"][0].snippet)
    assert snippet == "Never <mark>discount</mark> before the client names a <mark>budget</mark>."
    assert "<mark>budget</mark>" in response.content.decode()


def test_the_snippet_escapes_page_text(search, knowledge):
    add_article(
        knowledge,
        "Scripts <i>and</i> templates",
        summary='<script>alert("x")</script> Use the <b>budget</b> question & listen.',
    )

    body = search(q="budget").content.decode()

    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "&lt;b&gt;<mark>budget</mark>&lt;/b&gt;" in body
    assert "question &amp; listen" in body
    assert "Scripts &lt;i&gt;and&lt;/i&gt; templates" in body


def test_the_snippet_of_rich_text_is_plain_text(search, norms):
    add_page(
        norms,
        NormsTopicPage(
            title="CRM hygiene",
            intro='<p>Log <b>every</b> call</p><p>the <a href="/x">same</a> day.</p>',
        ),
    )

    snippet = str(search(q="call").context["hits"][0].snippet)

    assert snippet == "Log every <mark>call</mark> the same day."


def test_a_long_text_is_cut_around_the_first_match(search, knowledge):
    summary = "word " * 60 + "budget " + "tail " * 60
    add_article(knowledge, "Long", summary=summary.strip())

    snippet = str(search(q="budget").context["hits"][0].snippet)

    assert snippet.startswith("… word")
    assert snippet.endswith("tail …")
    assert "<mark>budget</mark>" in snippet
    assert len(snippet) < 300


def test_a_page_restricted_to_managers_is_hidden_from_a_new_hire(
    client_for, hire, manager, knowledge
):
    article = add_article(knowledge, "Team compensation", summary="Bonus plans.")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=groups.MANAGERS)])

    as_hire = client_for(hire).get("/search/", {"q": "bonus"})
    as_manager = client_for(manager).get("/search/", {"q": "bonus"})

    assert titles(as_hire) == []
    assert titles(as_manager) == ["Team compensation"]


def test_results_are_paginated_and_keep_the_search(search, knowledge):
    for number in range(RESULTS_PER_PAGE + 5):
        add_article(knowledge, f"Objection {number}", summary="An answer to the budget question.")

    first = search(q="budget")
    second = search(q="budget", page=2)

    assert first.context["result_count"] == RESULTS_PER_PAGE + 5
    assert len(first.context["hits"]) == RESULTS_PER_PAGE
    assert len(second.context["hits"]) == 5
    assert "?q=budget&amp;page=2" in first.content.decode()
    assert not {hit.page.pk for hit in first.context["hits"]} & {
        hit.page.pk for hit in second.context["hits"]
    }
