"""The Sales Map in a browser, on the demo content.

A rep browses the home, the funnel (laptop and phone), a stage, searches in
Russian, suggests an improvement and acknowledges the standard. Sales Ops
edit a stage and submit it for review; a lead approves and publishes it and
finds the rep's suggestion in the inbox.
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from salesmap.demo.people import DEMO_PASSWORD

from .conftest import sign_in


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    # Anna and the Sales Ops lead read Russian in the demo; the steps below
    # read English labels (Pavel shows the Russian interface).
    get_user_model().objects.filter(username__in=["anna.sdr", "ops.lead"]).update(
        preferred_language="en"
    )


def test_a_rep_reads_searches_suggests_and_acknowledges(new_page, demo, screenshot):
    page = new_page()
    sign_in(page, "anna.sdr", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting for your acknowledgement")).to_be_visible()
    screenshot(page, "sales-map-01-home")

    page.get_by_role("link", name=re.compile("Sales funnel")).first.click()
    expect(page.get_by_role("img", name=re.compile("funnel", re.I))).to_be_visible()
    screenshot(page, "sales-map-02-funnel")

    phone = new_page(width=390, height=844)
    sign_in(phone, "pavel.sdr", DEMO_PASSWORD)
    phone.goto(page.url)
    expect(phone.get_by_role("img", name=re.compile("этап", re.I))).to_be_visible()
    screenshot(phone, "sales-map-03-funnel-phone")

    page.get_by_role("link", name=re.compile("Qualification")).first.click()
    expect(page.get_by_role("heading", name="Qualification", level=1)).to_be_visible()
    screenshot(page, "sales-map-04-stage")

    page.get_by_text("Suggest an improvement or share a case").click()
    page.get_by_label("Suggest an improvement", exact=True).check()
    page.get_by_label("Your suggestion or case").fill(
        "Add what to do when a client asks for a pilot: a one-week pilot closed it."
    )
    page.get_by_role("button", name="Send to Sales Ops").click()
    expect(page.get_by_text("Sales Ops will read your suggestion")).to_be_visible()
    expect(page.get_by_text("a one-week pilot closed it")).to_be_visible()

    page.get_by_role("button", name="I have read this standard").click()
    expect(page.get_by_text(re.compile("You confirmed on"))).to_be_visible()
    screenshot(page, "sales-map-05-stage-acknowledged")

    page.goto("/")
    page.get_by_label("Search the Sales Map").fill("возражениями")
    page.get_by_label("Search the Sales Map").press("Enter")
    results = page.get_by_role("region", name=re.compile("result", re.I))
    expect(results.get_by_role("link").first).to_be_visible()
    expect(page.get_by_text(re.compile("[Вв]озражени")).first).to_be_visible()
    screenshot(page, "sales-map-06-search-russian")


def test_sales_ops_edit_a_stage_and_a_lead_approves_it(new_page, demo, screenshot):
    from standards import services
    from standards.models import FunnelStagePage

    stage = FunnelStagePage.objects.get(slug="proposal")
    from django.contrib.auth import get_user_model

    rep = get_user_model().objects.get(username="tom.sdr")
    services.suggest(
        page=stage, author=rep, kind="improvement", text="Add a template for the cover e-mail."
    )

    editor = new_page()
    sign_in(editor, "ops.editor", DEMO_PASSWORD)
    editor.goto(f"/admin/pages/{stage.pk}/edit/")
    # Wagtail's panels repeat each label in anchors; the fields' ids are stable.
    editor.locator("#id_summary").fill(
        "We send a written proposal within two working days of the discovery call."
    )
    editor.get_by_role("tab", name="Acknowledgement").click()
    editor.locator("#id_change_note").fill("The proposal is due within two working days.")
    editor.locator("#id_requires_reacknowledgement").check()
    screenshot(editor, "sales-map-07-admin-stage-edit")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name=re.compile("Submit to Sales Map review")).click()
    expect(editor.get_by_text("has been submitted for moderation")).to_be_visible()

    lead = new_page()
    sign_in(lead, "ops.lead", DEMO_PASSWORD)
    lead.goto("/admin/")
    expect(lead.get_by_text(stage.title).first).to_be_visible()
    screenshot(lead, "sales-map-08-admin-dashboard")
    lead.goto(f"/admin/pages/{stage.pk}/edit/")
    lead.get_by_role("button", name="More actions").click()
    lead.get_by_role("button", name="Approve and publish").click()
    expect(lead.get_by_role("status")).to_contain_text("Proposal")
    expect(lead.get_by_role("row", name=re.compile("Proposal .*status: live$"))).to_be_visible()

    stage.refresh_from_db()
    assert stage.summary.startswith("We send a written proposal within two working days")

    lead.goto("/admin/suggestions/")
    expect(lead.get_by_text("Add a template for the cover e-mail.")).to_be_visible()
    screenshot(lead, "sales-map-09-suggestions-inbox")
    lead.goto("/admin/reports/pages-due-for-review/")
    expect(lead.get_by_role("heading", name=re.compile("due for review", re.I))).to_be_visible()
    screenshot(lead, "sales-map-10-review-report")

    reader = new_page()
    sign_in(reader, "tom.sdr", DEMO_PASSWORD)
    reader.goto(stage.url)
    expect(reader.get_by_text("two working days").first).to_be_visible()
