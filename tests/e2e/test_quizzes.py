"""Quizzes in a browser, on the demo content.

A hire takes the timed "Discovery call basics" quiz (one choice, several
choices, true/false, short text, essay), closes the tab half-way, comes back
and resumes where they were, submits; the result waits for marking. Their
manager marks the essay; the hire sees the final result.
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

    # The steps below read English labels; Maria reads Russian in the demo.
    get_user_model().objects.filter(username__in=["tom.sdr", "maria.manager"]).update(
        preferred_language="en"
    )


def answer_form(page):
    return page.locator("form[data-quiz-answer-form]")


def save_and_next(page):
    page.get_by_role("button", name="Save and next").click()
    page.wait_for_load_state("networkidle")


def test_a_hire_takes_a_timed_quiz_resumes_it_and_the_manager_marks_the_essay(
    new_page, demo, screenshot
):
    from quizzes.models import Attempt

    page = new_page()
    sign_in(page, "tom.sdr", DEMO_PASSWORD)
    page.get_by_role("link", name="Quizzes").first.click()
    page.get_by_role("link", name="Discovery call basics").first.click()
    expect(page.get_by_role("heading", name="Rules")).to_be_visible()
    screenshot(page, "quiz-01-detail")
    page.get_by_role("button", name="Start the quiz").click()

    # Question 1: one correct answer, chosen with the keyboard.
    expect(page.get_by_role("timer")).to_contain_text(re.compile(r"1[45]:\d\d"))
    expect(page.get_by_text("0 of 5 answered")).to_be_visible()
    page.get_by_label("What made you look at a new CRM now?").focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("What made you look at a new CRM now?")).to_be_checked()
    screenshot(page, "quiz-02-question-one")
    save_and_next(page)

    # Question 2: several correct answers (partial credit); two of three right.
    page.get_by_label("The client's goals in their own words, with numbers").check()
    page.get_by_label("The agreed next step and its date").check()
    save_and_next(page)
    expect(page.get_by_text("2 of 5 answered")).to_be_visible()

    # The tab closes; a new one (a new browser context, signed in again) resumes.
    page.context.close()
    page = new_page()
    sign_in(page, "tom.sdr", DEMO_PASSWORD)
    page.goto("/quizzes/discovery-call-basics/")
    expect(page.get_by_role("heading", name="You have an attempt in progress")).to_be_visible()
    page.get_by_role("link", name="Resume").first.click()
    expect(page.get_by_text("2 of 5 answered")).to_be_visible()
    expect(page.get_by_text(re.compile("speaks for more than half"))).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Question 2\s*, answered")).click()
    expect(page.get_by_label("The client's goals in their own words, with numbers")).to_be_checked()
    page.get_by_role("link", name=re.compile(r"Question 3\s*, not answered")).click()

    # Question 3: true or false; 4: short text; 5: an essay.
    page.get_by_label("False", exact=True).check()
    save_and_next(page)
    answer_form(page).get_by_role("textbox").fill("  24 HOURS ")
    save_and_next(page)
    answer_form(page).get_by_role("textbox").fill(
        "1. What must reps enter, and why? 2. Where else do they keep the same data? "
        "3. What did the last rep who left take with them?"
    )
    screenshot(page, "quiz-03-essay")
    page.get_by_role("button", name="Save and finish").click()
    expect(page.get_by_text("You have answered every question.")).to_be_visible()
    page.get_by_role("button", name="Submit my answers").click()

    expect(page.get_by_text("Awaiting marking").first).to_be_visible()
    # Correct answers are shown only once the attempt is finished (at the end).
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    screenshot(page, "quiz-04-result-awaiting-marking")
    attempt = Attempt.objects.get(person__username="tom.sdr", quiz__slug="discovery-call-basics")
    assert attempt.state == Attempt.State.NEEDS_MARKING
    result_url = page.url

    # The manager marks the essay from the marking queue.
    manager = new_page()
    sign_in(manager, "maria.manager", DEMO_PASSWORD)
    manager.get_by_role("link", name="Marking").first.click()
    expect(manager.get_by_role("heading", name="Marking", level=1)).to_be_visible()
    screenshot(manager, "quiz-05-marking-queue")
    manager.get_by_role("link", name=re.compile(r"Mark\s*: Tom Walker")).click()
    essay = manager.get_by_role("group", name="Mark question 5")
    essay.get_by_label("Points").fill("2.5")
    essay.get_by_label("Feedback for the person").fill(
        "Good process and cost questions; add one about the tools they use today."
    )
    essay.get_by_role("button", name="Save the mark").click()
    expect(manager.get_by_role("heading", name="Marking history")).to_be_visible()
    expect(manager.get_by_text("add one about the tools").first).to_be_visible()
    screenshot(manager, "quiz-06-marked")

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED
    # 1 + 2/3 of 2 (two right, none wrong, of three) + 1 + 1 + 2.5 = 6.83 of 8.
    assert str(attempt.score) == "6.83"
    assert attempt.passed is True

    page.goto(result_url)
    expect(page.get_by_text("Passed").first).to_be_visible()
    expect(page.get_by_text("add one about the tools")).to_be_visible()
    screenshot(page, "quiz-07-result-graded")

    page.get_by_role("link", name="My quiz progress").click()
    expect(page.get_by_role("heading", name=re.compile("categor", re.I)).first).to_be_visible()
    screenshot(page, "quiz-08-progress")


def test_a_hire_gets_feedback_after_each_question_on_a_phone(new_page, demo, screenshot):
    phone = new_page(width=390, height=844)
    sign_in(phone, "tom.sdr", DEMO_PASSWORD)
    phone.goto("/quizzes/")
    screenshot(phone, "quiz-09-list-phone")
    phone.goto("/quizzes/price-objection-practice/")
    phone.get_by_role("button", name="Start the quiz").click()
    phone.get_by_label("Compared with what you have now, or with another offer?").check()
    phone.get_by_role("button", name="Check answer").click()
    # After each question: the answer is final and its feedback shows at once.
    expect(phone.get_by_text("Explanation").first).to_be_visible()
    screenshot(phone, "quiz-10-feedback-phone")
