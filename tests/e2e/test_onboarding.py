"""The demo's path to a promotion, in the browser: Elena (SDR II) follows
"next up" into the KPIs lesson, reads it, passes its quiz and sees her map
move; Maria scores one more call and confirms the promotion; Elena sees her
new level. Screenshots go to test-artifacts/screenshots/onboarding-*.png."""

import datetime
import io
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from lessons import services as lesson_services
from salesmap.demo.people import DEMO_PASSWORD

from .conftest import sign_in
from .test_lessons import SharedClock

KPIS_LESSON = "KPIs and your numbers"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    people = get_user_model().objects
    people.filter(username__in=["elena.sdr", "maria.manager"]).update(preferred_language="en")
    return people.get(username="elena.sdr")


def read_for(page, clock, seconds):
    """Active reading on the clock the browser and the server's crediting
    share: the reader moves the mouse; the tracker beats every 15 s."""
    with mock.patch.object(lesson_services, "timezone", clock.server()):
        clock.run(seconds, interact=[page])
        clock.settle()


def answer_kpis_quiz(page):
    """Answer the KPIs quiz right, one question per screen in whatever order."""
    page.get_by_role("button", name="Start the quiz").click()
    for _question in range(3):
        if page.get_by_text("Which of these are process metrics?").is_visible():
            page.get_by_label("Time to first call").check()
            page.get_by_label("CRM hygiene").check()
        elif page.get_by_text("When results lag").is_visible():
            page.get_by_label("True", exact=True).check()
        else:
            page.locator("form.quiz-form").get_by_role("textbox").fill("80")
        page.get_by_role("button", name=re.compile("Save and next|Save and finish")).click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("Passed").first).to_be_visible()


def test_a_hire_works_through_next_up_and_the_manager_promotes_her(new_page, demo, screenshot):
    elena = demo
    page = new_page()
    start = timezone.now() + datetime.timedelta(hours=1)
    page.clock.install(time=start)
    clock = SharedClock([page])
    clock.now = start
    sign_in(page, "elena.sdr", DEMO_PASSWORD)
    page.goto("/onboarding/")
    expect(page.get_by_role("heading", name="My onboarding", level=1)).to_be_visible()
    plan_bar = page.get_by_role("progressbar").first
    before = int(plan_bar.get_attribute("aria-valuenow"))
    expect(page.locator(".next-step")).to_contain_text(KPIS_LESSON)
    expect(page.locator(".step--current")).to_contain_text("SDR II")
    screenshot(page, "onboarding-01-elena-map")

    # Next up leads straight to the lesson; a few seconds of reading finish it.
    page.locator("[data-next-up]").click()
    expect(page.get_by_role("heading", name=KPIS_LESSON, level=1)).to_be_visible()
    read_for(page, clock, 31)
    page.reload()
    expect(page.get_by_text("You completed this lesson on")).to_be_visible()
    screenshot(page, "onboarding-02-lesson-completed")

    page.locator(".lesson-quiz").get_by_role("link", name="Start the quiz").click()
    answer_kpis_quiz(page)

    page.goto("/onboarding/")
    lesson_item = page.locator(".plan-item", has_text=KPIS_LESSON).first
    expect(lesson_item).to_contain_text("Done")
    quiz_item = page.locator(".plan-item", has_text="Lesson quiz: KPIs").first
    expect(quiz_item).to_contain_text("Done")
    after = int(page.get_by_role("progressbar").first.get_attribute("aria-valuenow"))
    assert after > before
    expect(page.locator(".next-step")).to_contain_text("Scored calls")
    screenshot(page, "onboarding-03-elena-map-after")

    # Maria scores a call, sees Elena ready and confirms the promotion.
    manager = new_page()
    sign_in(manager, "maria.manager", DEMO_PASSWORD)
    manager.goto(f"/onboarding/people/{elena.pk}/")
    expect(manager.get_by_role("heading", level=1)).to_contain_text("Elena")
    screenshot(manager, "onboarding-04-manager-view")
    manager.locator(".plan-item", has_text="Practice evaluations").get_by_role(
        "link", name="Record an evaluation"
    ).click()
    manager.get_by_role("link", name=re.compile("Qualification call")).first.click()
    for choice in manager.get_by_label("4 – excellent").all():
        choice.check()
    manager.get_by_role("textbox", name="Feedback").fill(
        "Clear agenda, budget asked early. Ready for AE work."
    )
    screenshot(manager, "onboarding-05-evaluation-form")
    manager.get_by_role("button", name="Record the evaluation").click()
    expect(manager.get_by_text("100%").first).to_be_visible()
    screenshot(manager, "onboarding-06-evaluation")

    manager.goto(f"/onboarding/people/{elena.pk}/")
    expect(manager.get_by_text("Ready for promotion").first).to_be_visible()
    manager.get_by_role("link", name="Confirm promotion").click()
    expect(manager.get_by_label("New level")).to_have_value(re.compile(r"\d+"))
    manager.get_by_label("Note").fill("Two strong qualification calls and the numbers to match.")
    screenshot(manager, "onboarding-07-promotion-form")
    manager.get_by_role("button", name="Confirm promotion").click()
    expect(manager.get_by_text("is now at")).to_be_visible()

    elena.refresh_from_db()
    new_level = elena.level.title
    assert new_level != "SDR II"
    page.goto("/onboarding/")
    expect(page.locator(".step--current")).to_contain_text(new_level)
    expect(page.locator(".timeline")).to_contain_text("Two strong qualification calls")
    screenshot(page, "onboarding-08-elena-new-level")

    phone = new_page(width=390, height=844)
    sign_in(phone, "elena.sdr", DEMO_PASSWORD)
    phone.goto("/onboarding/")
    screenshot(phone, "onboarding-09-phone")


def test_the_demo_maps_read_well(new_page, demo, screenshot):
    """Tom (overdue), Anna in Russian, and the scorecard admin, for the eye."""
    get_user_model().objects.filter(username="tom.sdr").update(preferred_language="en")
    page = new_page()
    sign_in(page, "tom.sdr", DEMO_PASSWORD)
    page.goto("/onboarding/")
    expect(page.locator(".plan-item--overdue").first).to_be_visible()
    screenshot(page, "onboarding-10-tom-overdue")
    page.goto("/practice/evaluations/")
    screenshot(page, "onboarding-11-tom-evaluations")

    anna = new_page()  # signs in in English; her profile says Russian
    sign_in(anna, "anna.sdr", DEMO_PASSWORD)
    anna.goto("/onboarding/")
    expect(anna.locator(".plan-item--waived").first).to_be_visible()
    screenshot(anna, "onboarding-12-anna-ru")

    ops = new_page()
    sign_in(ops, "ops.editor", DEMO_PASSWORD)
    ops.goto("/admin/snippets/practice/scorecard/")
    screenshot(ops, "onboarding-13-scorecards-admin")
    from salesmap.progression.models import LevelPage

    level = LevelPage.objects.get(slug="sdr-1")
    ops.goto(f"/admin/pages/{level.pk}/edit/")
    ops.get_by_role("tab", name="Onboarding plan").click()
    expect(ops.get_by_text("Requirements").first).to_be_visible()
    # Each row shows only what its kind asks for, and follows a change of kind.
    row = ops.locator("[data-inline-panel-child]").first
    kind = row.locator('select[name$="-kind"]')
    expect(kind).to_have_value("sign_off")
    expect(row.get_by_text("Choose a page (Lesson)")).to_be_hidden()
    expect(row.get_by_label("Description")).to_be_visible()
    kind.select_option("quiz")
    expect(row.get_by_text("Choose quiz")).to_be_visible()
    expect(row.get_by_label("Minimum score (%)")).to_be_visible()
    expect(row.get_by_label("Evaluations needed")).to_be_hidden()
    kind.select_option("sign_off")
    screenshot(ops, "onboarding-14-level-plan-editor")
