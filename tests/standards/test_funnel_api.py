"""The read-only funnel API (/api/v2/pages/) a CRM reads next to a deal."""

import pytest
from wagtail.models import APIToken

from salesmap.home.models import SalesMapHomePage
from standards.models import ClientGroup, FunnelPage, FunnelStagePage, NormsIndexPage, StageVariant

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent, page):
    parent.add_child(instance=page)
    return publish(page)


@pytest.fixture
def funnel():
    return add_page(SalesMapHomePage.objects.get(), FunnelPage(title="Funnel", slug="funnel"))


@pytest.fixture
def stages(funnel):
    """Qualification -> Proposal, and a draft stage that must never show."""
    qualification = add_page(
        funnel,
        FunnelStagePage(
            title="Qualification",
            slug="qualification",
            summary="We find out whether the client can buy.",
            recommended_days=3,
            rep_reminder="Call the client back.",
            manager_alert_after_days=2,
            manager_alert="Check the deal with the rep.",
        ),
    )
    proposal = add_page(
        funnel, FunnelStagePage(title="Proposal", slug="proposal", summary="We send an offer.")
    )
    draft = funnel.add_child(
        instance=FunnelStagePage(title="Secret stage", slug="secret", summary="Draft.", live=False)
    )
    qualification.next_stages = [proposal, draft]
    qualification.variants = [
        StageVariant(
            client_group=ClientGroup.objects.create(name="Enterprise"),
            recommended_days=10,
            differences="<p>Two meetings.</p>",
        )
    ]
    publish(qualification)
    return {"qualification": qualification, "proposal": proposal, "draft": draft}


@pytest.fixture
def norms():
    return add_page(SalesMapHomePage.objects.get(), NormsIndexPage(title="Norms", slug="norms"))


@pytest.fixture
def token(hire):
    _instance, plaintext = APIToken.create_token(user=hire, name="CRM")
    return plaintext


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_signed_in_person_reads_the_funnel(client_for, hire, stages):
    response = client_for(hire).get(API)
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {"Funnel", "Qualification", "Proposal"}


def test_a_token_reads_the_funnel_without_a_session(client, token, stages):
    response = client.get(API, **bearer(token))
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 3


def test_using_a_token_records_when_it_was_last_used(client, token, stages):
    client.get(API, **bearer(token))
    assert APIToken.objects.get().last_used_at is not None


def test_a_revoked_token_is_refused_with_401(client, token, stages):
    APIToken.objects.get().revoke()
    response = client.get(API, **bearer(token))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


def test_an_unknown_token_is_refused_with_401(client, stages):
    response = client.get(API, **bearer(APIToken.generate_token()))
    assert response.status_code == 401


def test_a_malformed_authorization_header_is_refused_with_401(client, stages):
    response = client.get(API, HTTP_AUTHORIZATION="Bearer")
    assert response.status_code == 401


def test_a_token_of_a_deactivated_person_is_refused(client, hire, token, stages):
    hire.is_active = False
    hire.save()
    assert client.get(API, **bearer(token)).status_code == 401


@pytest.mark.parametrize("url", [API, f"{API}?type=standards.FunnelStagePage", f"{API}1/"])
def test_anonymous_gets_401_json_not_the_sign_in_page(client, stages, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_only_get_is_allowed(client_for, hire, stages):
    client = client_for(hire)
    assert client.post(API, {}, content_type="application/json").status_code == 405
    assert client.delete(f"{API}{stages['proposal'].pk}/").status_code == 405
    assert client.options(API).status_code == 405


def test_search_and_find_stay_inside_the_funnel(client_for, hire, stages, norms):
    client = client_for(hire)
    response = client.get(API, {"search": "Qualification"})
    assert [item["title"] for item in response.json()["items"]] == ["Qualification"]
    assert client.get(f"{API}find/", {"html_path": "/norms/"}).status_code == 404


def test_other_page_types_are_not_listed(client_for, hire, stages, norms):
    response = client_for(hire).get(API)
    ids = {item["id"] for item in response.json()["items"]}
    assert norms.pk not in ids
    assert SalesMapHomePage.objects.get().pk not in ids


def test_other_page_types_are_not_found(client_for, hire, stages, norms):
    response = client_for(hire).get(f"{API}{norms.pk}/")
    assert response.status_code == 404
    assert response.json() == {"message": "No Page matches the given query."}


def test_a_draft_stage_is_not_found(client_for, hire, stages):
    assert client_for(hire).get(f"{API}{stages['draft'].pk}/").status_code == 404


def test_an_unknown_page_id_is_404_json(client_for, hire, stages):
    response = client_for(hire).get(f"{API}999999/")
    assert response.status_code == 404
    assert "message" in response.json()


def test_stages_under_an_unpublished_funnel_are_hidden(client_for, hire, funnel, stages):
    funnel.unpublish()
    response = client_for(hire).get(API)
    assert response.json()["items"] == []
    assert client_for(hire).get(f"{API}{stages['proposal'].pk}/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "offset=-1",
        "limit=1000",
        "type=foo.Bar",
        "type=notamodel",
        "type=standards.NormsIndexPage",
        "fields=secret",
        "fields=content_owner",
        "fields=(",
        "order=secret",
        "content_owner=1",
        "unknown=1",
        "rich_text_format=nope",
    ],
)
def test_bad_query_parameters_are_400_json(client_for, hire, stages, query):
    response = client_for(hire).get(f"{API}?{query}")
    assert response.status_code == 400, response.content
    assert "message" in response.json()


def test_a_stage_filter_by_type_lists_stages_with_their_fields(client_for, hire, stages):
    response = client_for(hire).get(
        f"{API}?type=standards.FunnelStagePage&fields=summary,recommended_days,next_stages"
    )
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    assert set(items) == {"Qualification", "Proposal"}
    assert items["Qualification"]["recommended_days"] == 3


def test_the_stage_payload_has_the_standard_dwell_days_and_next_steps(client_for, hire, stages):
    stage = stages["qualification"]
    response = client_for(hire).get(f"{API}{stage.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Qualification"
    assert data["meta"]["type"] == "standards.FunnelStagePage"
    assert data["summary"] == "We find out whether the client can buy."
    assert data["recommended_days"] == 3
    assert data["rep_reminder"] == "Call the client back."
    assert data["manager_alert_after_days"] == 2
    assert data["manager_alert"] == "Check the deal with the rep."
    for field in ("crm_statuses", "tasks", "metrics", "client_card_fields"):
        assert data[field] == []


def test_next_stages_are_ids_and_titles_of_live_stages_only(client_for, hire, stages):
    response = client_for(hire).get(f"{API}{stages['qualification'].pk}/")
    next_stages = response.json()["next_stages"]
    assert [(s["id"], s["title"]) for s in next_stages] == [(stages["proposal"].pk, "Proposal")]
    assert next_stages[0]["meta"]["detail_url"].endswith(f"{API}{stages['proposal'].pk}/")


def test_variants_name_their_client_group(client_for, hire, stages):
    response = client_for(hire).get(f"{API}{stages['qualification'].pk}/")
    [variant] = response.json()["variants"]
    assert variant["client_group"]["name"] == "Enterprise"
    assert variant["recommended_days"] == 10
    assert "Two meetings." in variant["differences"]


def test_the_funnel_payload_has_no_parent_outside_the_api(client_for, hire, funnel, stages):
    data = client_for(hire).get(f"{API}{funnel.pk}/").json()
    assert data["meta"]["type"] == "standards.FunnelPage"
    assert data["meta"]["parent"] is None


def test_the_stage_listing_costs_a_fixed_number_of_queries(
    client_for, hire, funnel, stages, django_assert_max_num_queries
):
    client = client_for(hire)
    url = f"{API}?type=standards.FunnelStagePage&fields=*"
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    for n in range(10):
        add_page(funnel, FunnelStagePage(title=f"Extra {n}", slug=f"extra-{n}", summary="More."))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.json()["meta"]["total_count"] == 12


def test_a_superuser_manages_tokens_in_the_admin(client_for, hire, token):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True)
    response = client_for(root).get("/admin/api-tokens/")
    assert response.status_code == 200
    assert "CRM" in response.content.decode()


def test_sales_ops_do_not_manage_tokens(client_for, sales_ops):
    response = client_for(sales_ops).get("/admin/api-tokens/")
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_rich_text_links_come_resolved_by_default(client_for, hire, stages):
    stage, proposal = stages["qualification"], stages["proposal"]
    variant = StageVariant.objects.get(page=stage)
    variant.differences = f'<p>Then <a linktype="page" id="{proposal.pk}">the proposal</a>.</p>'
    variant.save()
    client = client_for(hire)
    differences = client.get(f"{API}{stage.pk}/").json()["variants"][0]["differences"]
    assert 'href="/funnel/proposal/"' in differences
    raw = client.get(f"{API}{stage.pk}/", {"rich_text_format": "db_html"}).json()
    assert 'linktype="page"' in raw["variants"][0]["differences"]
