"""The manager's fifteen minutes before a one-on-one, in the browser: Maria
opens My team, sorts by flags, opens Tom's brief, reads the talking points,
writes a note with agreed actions, exports the table as CSV and prints the
brief to PDF. Screenshots and the PDF go to test-artifacts/screenshots/review-*."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from salesmap.demo.people import DEMO_PASSWORD
from salesmap.review.models import OneOnOneNote

from .conftest import SCREENSHOTS, sign_in


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    people = get_user_model().objects
    people.filter(username="maria.manager").update(preferred_language="en")
    return people


def test_a_manager_prepares_a_one_on_one(new_page, demo, screenshot):
    page = new_page()
    sign_in(page, "maria.manager", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/team/$"))
    table = page.locator("table.team-table")
    expect(table).to_be_visible()
    screenshot(page, "review-01-team")

    page.get_by_role("link", name="Whole team").click()
    page.get_by_role("link", name="Flags", exact=True).click()
    expect(page.locator("th[aria-sort='ascending']")).to_contain_text("Flags")
    first_row = table.locator("tbody tr").first
    expect(first_row.locator(".flag").first).to_be_visible()  # flagged people first
    screenshot(page, "review-02-team-sorted-by-flags")

    # Export the table as shown.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert {"Tom Walker", "Elena Sokolova", "Anna Kuznetsova"} <= {row["Name"] for row in rows}
    tom = next(row for row in rows if row["Name"] == "Tom Walker")
    assert "Behind plan" in tom["Flags"]
    download.save_as(SCREENSHOTS / "review-team-export.csv")

    page.get_by_role("link", name="Heatmap").click()
    expect(page.get_by_role("heading", name="Team heatmap")).to_be_visible()
    screenshot(page, "review-03-heatmap")
    page.get_by_role("link", name="Quizzes", exact=True).last.click()
    expect(page).to_have_url(re.compile(r"of=quizzes"))
    screenshot(page, "review-04-heatmap-quizzes")
    page.get_by_role("link", name="Back to the table").click()

    # Tom's brief.
    page.locator("table.team-table").get_by_role("link", name="Tom Walker").click()
    expect(page.get_by_role("heading", name="Tom Walker", level=1)).to_be_visible()
    points = page.locator("section.brief-points")
    expect(points.get_by_role("heading", name="Talking points")).to_be_visible()
    items = points.locator("li.talking-point")
    assert 3 <= items.count() <= 5
    expect(points).to_contain_text("overdue")
    screenshot(page, "review-05-brief")

    # A note with agreed actions; it shows on top next time.
    notes = page.locator("#notes")
    notes.get_by_label("Notes").fill("Talked through the discovery calls. Tom feels rushed.")
    notes.get_by_label("Agreed actions").fill("Finish the CRM lesson\nShadow Elena on two calls")
    notes.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Shadow Elena on two calls").first).to_be_visible()
    assert OneOnOneNote.objects.filter(person__username="tom.sdr").count() == 1
    page.reload()
    expect(page.get_by_text("Finish the CRM lesson").first).to_be_visible()
    screenshot(page, "review-06-brief-with-note")

    # Print: the print stylesheet hides the navigation and the note form.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    pdf = page.pdf(path=str(SCREENSHOTS / "review-brief.pdf"), format="A4", print_background=True)
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
    screenshot(page, "review-07-brief-print")
    page.emulate_media(media="screen")


def test_the_brief_and_team_read_well_on_a_phone_and_in_russian(new_page, demo, screenshot):
    demo.filter(username="maria.manager").update(preferred_language="ru")
    page = new_page(width=390, height=844)
    sign_in(page, "maria.manager", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Моя команда")).to_be_visible()
    screenshot(page, "review-08-phone-team-ru")
    tom = demo.get(username="tom.sdr")
    page.goto(f"/team/people/{tom.pk}/")
    expect(page.get_by_role("heading", name="Tom Walker", level=1)).to_be_visible()
    screenshot(page, "review-09-phone-brief-ru")
