"""Lessons in a browser: honest active time, two tabs, completion with a quiz.

Time is simulated on both sides so the test is fast and exact: Playwright's
clock drives the page's timers and ``Date``/``performance.now``, and the
server's crediting clock (``lessons.services.timezone``) is set to the same
instant before each simulated second. The heartbeats themselves are real
requests to the live server.
"""

import datetime
import re
from types import SimpleNamespace
from unittest import mock

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lessons import services
from lessons.models import LessonProgress
from lessons.templatetags.lessons_tags import active_time
from tests.factories import (
    TEST_PASSWORD,
    CourseFactory,
    LessonFactory,
    NewHireFactory,
    QuestionFactory,
    QuizFactory,
)

from .conftest import sign_in

START = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


class SharedClock:
    """The simulated wall clock: the browser's (via ``page.clock``) and the
    server's crediting clock read the same instant. Each step waits until the
    heartbeats it sent have been answered, so the server credits every beat at
    the instant the browser sent it, however slow the machine is."""

    def __init__(self, pages):
        self.pages = []
        self.in_flight = 0
        self.now = START
        for page in pages:
            self.watch(page)

    def watch(self, page):
        def started(request):
            if "/heartbeat/" in request.url:
                self.in_flight += 1

        def ended(request):
            if "/heartbeat/" in request.url:
                self.in_flight -= 1

        page.on("request", started)
        page.on("requestfinished", ended)
        page.on("requestfailed", ended)
        self.pages.append(page)

    def server(self):
        return SimpleNamespace(
            now=lambda: self.now,
            localdate=lambda value=None: timezone.localdate(value or self.now),
        )

    def settle(self):
        for _attempt in range(200):
            if self.in_flight <= 0:
                return
            self.pages[0].wait_for_timeout(25)
        raise AssertionError("heartbeats still in flight after 5 s")

    def run(self, seconds, *, interact=()):
        """Advance one second at a time; every 5 s the reader moves the mouse
        on each page of ``interact``."""
        for second in range(seconds):
            if second % 5 == 0:
                for page in interact:
                    page.mouse.move(100 + second % 50, 200 + second % 30)
            self.now += datetime.timedelta(seconds=1)
            # The clock is shared by the pages of one browser context.
            self.pages[0].clock.run_for(1000)
            self.settle()


def set_visibility(page, state):
    """Emulate the tab being hidden or shown (headless Chromium has no real tabs)."""
    page.evaluate(
        """state => {
            const define = (name, value) =>
                Object.defineProperty(document, name, {get: () => value, configurable: true});
            define("visibilityState", state);
            define("hidden", state === "hidden");
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        state,
    )


def credited(person, lesson):
    row = LessonProgress.objects.filter(person=person, lesson_ref=lesson.pk).first()
    return row.active_seconds if row else 0


def wait_for_credit(person, lessons, minimum, page):
    """The beats are real requests: give the last ones a moment to land."""
    for _attempt in range(50):
        total = sum(credited(person, lesson) for lesson in lessons)
        if total >= minimum:
            return total
        page.wait_for_timeout(100)
    return sum(credited(person, lesson) for lesson in lessons)


@pytest.fixture
def course(db):
    question = QuestionFactory(
        text="What comes first on a discovery call?",
        choices=[("The client's trigger", True), ("Our price list", False)],
    )
    quiz = QuizFactory(
        title="Discovery check", slug="discovery-check", pass_mark=50, questions=[question]
    )
    course = CourseFactory(title="SDR onboarding", slug="sdr-onboarding")
    first = LessonFactory(
        parent=course,
        title="The discovery call",
        slug="the-discovery-call",
        estimated_minutes=1,
        min_read_percent=50,
        completion_rule="read_and_passed",
        quiz=quiz,
        body=[("paragraph", "<p>" + "Ask about the trigger first. " * 40 + "</p>")],
    )
    second = LessonFactory(
        parent=course,
        title="CRM hygiene",
        slug="crm-hygiene",
        estimated_minutes=5,
        body=[("paragraph", "<p>" + "Every call is logged the same day. " * 40 + "</p>")],
    )
    hire = NewHireFactory(username="hire.lessons", first_name="Hanna", preferred_language="en")
    return SimpleNamespace(course=course, first=first, second=second, hire=hire)


def open_lesson(page, url):
    page.goto(url)
    expect(page.locator("[data-lesson-tracker]")).to_be_attached()


def test_only_visible_active_time_counts_and_two_tabs_count_once(new_page, course, screenshot):
    page = new_page()
    page.clock.install(time=START)
    clock = SharedClock([page])
    with mock.patch.object(services, "timezone", clock.server()):
        sign_in(page, "hire.lessons", TEST_PASSWORD)
        open_lesson(page, "/learning/sdr-onboarding/the-discovery-call/")

        clock.run(40, interact=[page])  # active ~40 s
        set_visibility(page, "hidden")  # flushes what is pending with a beacon
        clock.settle()
        clock.run(40, interact=[page])  # hidden ~40 s: moving the mouse changes nothing
        set_visibility(page, "visible")
        clock.run(20, interact=[page])  # back ~20 s
        set_visibility(page, "hidden")
        clock.settle()
        total = wait_for_credit(course.hire, [course.first], 58, page)
        assert 55 <= total <= 62, total  # ~60 s, not ~100 s
        # The beacon's answer is not read; the page shows the server's figure.
        page.reload()
        shown = active_time(credited(course.hire, course.first))
        expect(page.locator("[data-lesson-time]").first).to_have_text(shown)
        screenshot(page, "lesson-01-after-reading")

        # Two tabs on two lessons, both visible and active for a minute: the
        # server credits the minute once, however the beats interleave.
        other = page.context.new_page()
        clock.watch(other)
        open_lesson(other, "/learning/sdr-onboarding/crm-hygiene/")
        before = credited(course.hire, course.first) + credited(course.hire, course.second)
        clock.run(60, interact=[page, other])
        set_visibility(page, "hidden")
        set_visibility(other, "hidden")
        clock.settle()
        after = wait_for_credit(course.hire, [course.first, course.second], before + 55, page)
        gained = after - before
        assert 50 <= gained <= 60 + 20, gained  # a minute (plus at most one beat's cap)
        other.close()


def test_a_hire_reads_a_lesson_passes_its_quiz_and_the_course_moves_on(
    new_page, course, screenshot
):
    # Enough reading already credited: the lesson waits for its quiz.
    services.record_open(person=course.hire, lesson=course.first)
    services.credit_heartbeat(person=course.hire, lesson=course.first, claimed_seconds=20)
    services.credit_heartbeat(
        person=course.hire,
        lesson=course.first,
        claimed_seconds=20,
        now=timezone.now() + datetime.timedelta(seconds=20),
    )

    page = new_page()
    sign_in(page, "hire.lessons", TEST_PASSWORD)
    page.goto("/learning/sdr-onboarding/")
    expect(page.get_by_text(re.compile(r"0 of 2 lessons"))).to_be_visible()
    screenshot(page, "lesson-02-course-before")
    page.get_by_role("link", name="The discovery call").first.click()
    quiz_box = page.locator(".lesson-quiz")
    expect(quiz_box).to_contain_text("Discovery check")
    screenshot(page, "lesson-03-lesson-with-quiz")

    quiz_box.get_by_role("link", name="Start the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_label("The client's trigger").check()
    page.get_by_role("button", name=re.compile("Save and finish|Save and next")).click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("Passed").first).to_be_visible()

    page.goto("/learning/sdr-onboarding/the-discovery-call/")
    expect(page.get_by_text("You completed this lesson on")).to_be_visible()
    expect(page.locator(".lesson-quiz")).to_contain_text("Your score: 100%")
    screenshot(page, "lesson-04-lesson-completed")

    page.goto("/learning/sdr-onboarding/")
    expect(page.get_by_text(re.compile(r"1 of 2 lessons"))).to_be_visible()
    bar = page.get_by_role("progressbar", name="1 of 2 lessons done").first
    expect(bar).to_have_attribute("aria-valuenow", "50")
    screenshot(page, "lesson-05-course-after")

    page.goto("/lessons/my/")
    expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()
    screenshot(page, "lesson-06-my-learning")

    phone = new_page(width=390, height=844)
    sign_in(phone, "hire.lessons", TEST_PASSWORD)
    phone.goto("/learning/sdr-onboarding/the-discovery-call/")
    screenshot(phone, "lesson-07-lesson-phone")
    phone.goto("/lessons/my/")
    screenshot(phone, "lesson-08-my-learning-phone")


def test_the_demo_learning_pages_read_well(new_page, screenshot):
    """Real lessons from the demo, as Anna (half-way through the SDR course) sees them."""
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from salesmap.demo.people import DEMO_PASSWORD

    call_command("load_demo", stdout=io.StringIO())
    get_user_model().objects.filter(username="anna.sdr").update(preferred_language="en")
    page = new_page()
    sign_in(page, "anna.sdr", DEMO_PASSWORD)
    page.get_by_role("link", name="My learning").first.click()
    expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()
    expect(page.get_by_role("progressbar").first).to_be_visible()
    screenshot(page, "lesson-09-demo-my-learning")
    page.goto("/learning/")
    screenshot(page, "lesson-10-demo-learning-index")
    page.goto("/learning/sdr-onboarding/")
    screenshot(page, "lesson-11-demo-course")
    page.goto("/learning/sdr-onboarding/cold-calling-and-first-touch/")
    expect(page.locator(".lesson__body")).to_be_visible()
    screenshot(page, "lesson-12-demo-lesson")
