"""The "Pages due for review" report, its Verify button and the dashboard's trust score."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from salesmap.home.models import SalesMapHomePage
from standards.models import (
    FunnelPage,
    FunnelStagePage,
    NormsIndexPage,
    NormsTopicPage,
    PageReview,
    PageVerification,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/pages-due-for-review/"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent, page):
    parent.add_child(instance=page)
    return publish(page)


def set_due(page, *, days_from_now):
    """Put the review of ``page`` ``days_from_now`` days away (negative: overdue)."""
    PageReview.objects.filter(page=page).update(
        due_at=timezone.now() + timedelta(days=days_from_now)
    )


@pytest.fixture
def lead(db):
    return UserFactory(
        username="lead", first_name="Lena", last_name="Lead", group="Sales Ops leads"
    )


@pytest.fixture
def home(db):
    return SalesMapHomePage.objects.get()


@pytest.fixture
def pages(home, sales_ops):
    """A funnel with two stages and the norms: one page in each review state.

    - "Qualification": 30 days overdue, owned by Sales Ops (Olga)
    - "Proposal": 5 days overdue, no owner
    - "Norms": due in 7 days, owned by Olga
    - "Funnel": due in 60 days, owned by Olga
    """
    funnel = add_page(home, FunnelPage(title="Funnel", slug="funnel", content_owner=sales_ops))
    qualification = add_page(
        funnel,
        FunnelStagePage(
            title="Qualification",
            slug="qualification",
            summary="Find out.",
            content_owner=sales_ops,
        ),
    )
    proposal = add_page(
        funnel, FunnelStagePage(title="Proposal", slug="proposal", summary="Offer.")
    )
    norms = add_page(home, NormsIndexPage(title="Norms", slug="norms", content_owner=sales_ops))
    # The home page's own review is not what these tests look at.
    PageReview.objects.exclude(page__in=[funnel, qualification, proposal, norms]).delete()
    set_due(qualification, days_from_now=-30)
    set_due(proposal, days_from_now=-5)
    set_due(norms, days_from_now=7)
    set_due(funnel, days_from_now=60)
    return {"funnel": funnel, "qualification": qualification, "proposal": proposal, "norms": norms}


def listed(response):
    return [review.page.title for review in response.context["object_list"]]


# --- Listing and filters -------------------------------------------------------------


def test_the_report_lists_overdue_pages_most_overdue_first(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT)
    assert response.status_code == 200
    assert listed(response) == ["Qualification", "Proposal"]


def test_each_row_has_section_owner_and_days_overdue(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT)
    qualification, proposal = response.context["object_list"]
    assert qualification.section == "Funnel"
    assert qualification.owner_name == "Olga Ops"
    assert qualification.days_overdue == 30
    assert proposal.owner_name == ""
    content = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[pages["qualification"].pk]) in content


def test_the_due_soon_filter_lists_pages_due_within_14_days(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT, {"state": "due_soon"})
    assert listed(response) == ["Norms"]


def test_the_no_owner_filter_lists_unowned_pages(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT, {"state": "no_owner"})
    assert listed(response) == ["Proposal"]


def test_the_all_filter_lists_every_live_page(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT, {"state": "all"})
    assert listed(response) == ["Qualification", "Proposal", "Norms", "Funnel"]


def test_an_unpublished_page_leaves_the_report(client_for, sales_ops, pages):
    pages["qualification"].unpublish()
    response = client_for(sales_ops).get(REPORT)
    assert listed(response) == ["Proposal"]


def test_a_bad_filter_value_does_not_break_the_report(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT, {"state": "nonsense", "ordering": "secret"})
    assert response.status_code == 200


def test_the_results_fragment_renders_for_the_live_filters(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(f"{REPORT}results/", {"state": "all"})
    assert response.status_code == 200
    assert "Norms" in response.content.decode()


# --- Export --------------------------------------------------------------------------


def test_the_csv_export_has_the_overdue_pages(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Page",
        "Section",
        "Owner",
        "Last verified",
        "Verified by",
        "Review due",
        "Days overdue",
        "Edit link",
    ]
    assert [row[0] for row in rows[1:]] == ["Qualification", "Proposal"]
    qualification = rows[1]
    assert qualification[1] == "Funnel"
    assert qualification[2] == "Olga Ops"
    assert qualification[6] == "30"
    assert qualification[7].endswith(f"/admin/pages/{pages['qualification'].pk}/edit/")


def test_the_csv_export_follows_the_filter(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT, {"export": "csv", "state": "no_owner"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == ["Proposal"]


def test_the_xlsx_export_opens_as_a_spreadsheet(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT, {"export": "xlsx", "state": "all"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Page"
    assert [row[0] for row in rows[1:]] == ["Qualification", "Proposal", "Norms", "Funnel"]


# --- Verify --------------------------------------------------------------------------


def test_the_owner_sees_a_verify_button_only_on_their_pages(client_for, sales_ops, pages):
    response = client_for(sales_ops).get(REPORT)
    rows = {review.page.title: review.can_verify for review in response.context["object_list"]}
    assert rows == {"Qualification": True, "Proposal": False}
    content = response.content.decode()
    assert reverse("standards_verify_page", args=[pages["qualification"].pk]) in content
    assert reverse("standards_verify_page", args=[pages["proposal"].pk]) not in content


def test_the_verify_button_returns_to_the_filtered_report_not_the_fragment(client_for, lead, pages):
    response = client_for(lead).get(
        f"{REPORT}results/", {"state": "all", "_w_filter_fragment": "1"}
    )
    assert f'name="next" value="{REPORT}?state=all"' in response.content.decode()


def test_a_lead_may_verify_every_page(client_for, lead, pages):
    response = client_for(lead).get(REPORT)
    assert all(review.can_verify for review in response.context["object_list"])


def test_verifying_records_a_verification_and_moves_the_due_date(client_for, lead, pages):
    page = pages["proposal"]
    response = client_for(lead).post(
        reverse("standards_verify_page", args=[page.pk]), {"next": f"{REPORT}?state=all"}
    )
    assert response.status_code == 302
    assert response.url == f"{REPORT}?state=all"
    verification = PageVerification.objects.get(page=page)
    assert verification.verified_by == lead
    review = PageReview.objects.get(page=page)
    assert review.last_verified_by == lead
    assert review.due_at > timezone.now() + timedelta(days=review.interval_days - 1)


def test_a_verified_page_leaves_the_overdue_list_with_a_message(client_for, lead, pages):
    client = client_for(lead)
    response = client.post(
        reverse("standards_verify_page", args=[pages["proposal"].pk]), {"next": REPORT}, follow=True
    )
    assert listed(response) == ["Qualification"]
    assert "verified" in response.content.decode()


def test_the_owner_may_verify_their_own_page(client_for, sales_ops, pages):
    response = client_for(sales_ops).post(
        reverse("standards_verify_page", args=[pages["qualification"].pk])
    )
    assert response.status_code == 302
    assert response.url == REPORT
    assert PageVerification.objects.filter(verified_by=sales_ops).count() == 1


def test_sales_ops_may_not_verify_a_page_they_do_not_own(client_for, sales_ops, pages):
    response = client_for(sales_ops).post(
        reverse("standards_verify_page", args=[pages["proposal"].pk])
    )
    assert response.status_code == 403
    assert not PageVerification.objects.exists()


def test_verify_refuses_get(client_for, lead, pages):
    response = client_for(lead).get(reverse("standards_verify_page", args=[pages["proposal"].pk]))
    assert response.status_code == 405
    assert not PageVerification.objects.exists()


def test_verify_ignores_an_offsite_next_url(client_for, lead, pages):
    response = client_for(lead).post(
        reverse("standards_verify_page", args=[pages["proposal"].pk]),
        {"next": "https://evil.example/"},
    )
    assert response.url == REPORT


def test_verifying_a_draft_page_is_404(client_for, lead, pages):
    draft = pages["funnel"].add_child(
        instance=FunnelStagePage(title="Draft", slug="draft", summary="Draft.", live=False)
    )
    response = client_for(lead).post(reverse("standards_verify_page", args=[draft.pk]))
    assert response.status_code == 404


def test_verify_needs_the_csrf_token(lead, pages):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    response = client.post(reverse("standards_verify_page", args=[pages["proposal"].pk]))
    assert response.status_code == 403
    assert not PageVerification.objects.exists()


# --- Access --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("hire", 403), ("manager", 403), ("sales_ops", 200), ("lead", 200)],
)
def test_report_access_per_role(client_for, users, lead, pages, role, expected):
    person = {"anonymous": None, "lead": lead, **users}[role]
    response = client_for(person).get(REPORT)
    assert response.status_code == expected
    if role == "anonymous":
        assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["anonymous", "hire", "manager"])
def test_verify_is_refused_outside_sales_ops(client_for, users, pages, role):
    response = client_for(users.get(role)).post(
        reverse("standards_verify_page", args=[pages["proposal"].pk])
    )
    assert response.status_code in {302, 403}
    assert not PageVerification.objects.exists()


def test_an_admin_user_without_the_report_permission_is_turned_away(client_for, pages):
    from django.contrib.auth.models import Permission

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client_for(editor).get(REPORT)
    # Wagtail's answer to a missing admin permission: back to the dashboard with a message.
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert "pages-due-for-review" not in client_for(editor).get("/admin/").content.decode()


def test_the_report_is_in_the_reports_menu_for_sales_ops(client_for, sales_ops, pages):
    response = client_for(sales_ops).get("/admin/")
    assert REPORT in response.content.decode()


# --- Query budget --------------------------------------------------------------------


# Session, user, permissions, the count, the page of rows, the sections, publish
# rights, and the admin's own furniture (menu, suggestion count): never per row.
REPORT_QUERY_BUDGET = 16


def make_reviewed_pages(parent, count, owner):
    """``count`` overdue pages under ``parent`` with review rows (fast: no revisions)."""
    now = timezone.now()
    for n in range(count):
        page = parent.add_child(
            instance=NormsTopicPage(title=f"Topic {n}", slug=f"topic-{n}", content_owner=owner)
        )
        PageReview.objects.create(
            page=page,
            owner=owner,
            interval_days=90,
            last_verified_at=now - timedelta(days=100 + n),
            last_verified_by=owner,
            due_at=now - timedelta(days=10 + n),
        )


@pytest.mark.parametrize("size", [5, 200])
def test_the_report_costs_a_fixed_number_of_queries(
    client_for, lead, home, size, django_assert_max_num_queries
):
    norms = add_page(home, NormsIndexPage(title="Norms", slug="norms"))
    make_reviewed_pages(norms, size, lead)
    client = client_for(lead)
    client.get(REPORT)  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(REPORT_QUERY_BUDGET):
        response = client.get(REPORT, {"state": "all"})
    # The pages, the norms index and the home (given a review row by a migration).
    assert response.context["items_count"] == size + 2
    with django_assert_max_num_queries(REPORT_QUERY_BUDGET):
        response = client.get(REPORT, {"export": "csv", "state": "all"})
        rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == size + 3  # and the heading row


# --- Trust score ---------------------------------------------------------------------


def test_the_dashboard_shows_the_trust_score(client_for, sales_ops, pages):
    response = client_for(sales_ops).get("/admin/")
    content = response.content.decode()
    # Norms and Funnel are within their review date; Qualification and Proposal are not.
    assert "Sales Map trust score: 50% of pages within their review date (2/4)" in content
    assert '<progress class="w-w-full" value="2" max="4"' in content
    assert REPORT in content


def test_the_trust_score_counts_only_live_pages(client_for, sales_ops, pages):
    pages["qualification"].unpublish()
    content = client_for(sales_ops).get("/admin/").content.decode()
    assert "67% of pages within their review date (2/3)" in content


def test_the_trust_score_panel_is_hidden_without_the_report_permission(client_for, pages):
    from django.contrib.auth.models import Permission

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    content = client_for(editor).get("/admin/").content.decode()
    assert "trust score" not in content


def test_a_fresh_install_lists_the_unowned_home_as_due(client_for, lead):
    from standards.models import PageReview

    review = PageReview.objects.get(page__depth=2)
    assert review.owner is None
    response = client_for(lead).get(REPORT, {"state": "no_owner"})
    assert response.context["items_count"] == 1
