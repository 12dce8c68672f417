"""The Sales Ops analytics reports in the admin: lessons, content gaps, content
health and cohorts. Each test states the data behind the figures it checks."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lessons.models import LessonProgress
from quizzes import services as quiz_services
from salesmap.progression.models import LevelChange
from salesmap.review import reports
from salesmap.review.reports.base import ANALYTICS_PERMISSION, may_view_analytics
from standards import services as standards_services
from standards.models import PageReview, Suggestion
from tests.factories import (
    CourseFactory,
    LessonFactory,
    LevelPageFactory,
    NewHireFactory,
    NormsTopicFactory,
    QuestionFactory,
    QuizCategoryFactory,
    QuizFactory,
    RolePageFactory,
    SalesOpsLeadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LESSONS = "/admin/reports/analytics/lessons/"
GAPS = "/admin/reports/analytics/content-gaps/"
HEALTH = "/admin/reports/analytics/content-health/"
COHORTS = "/admin/reports/analytics/cohorts/"
ALL_REPORTS = [LESSONS, GAPS, HEALTH, COHORTS]

NOW = timezone.now().replace(microsecond=0)


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def xlsx_rows(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def record(person, lesson, seconds, *, done):
    LessonProgress.objects.create(
        person=person,
        lesson=lesson,
        lesson_ref=lesson.pk,
        lesson_title=lesson.title,
        active_seconds=seconds,
        visits=1,
        first_opened_at=NOW - timedelta(days=2),
        last_active_at=NOW - timedelta(days=1),
        completed_at=NOW - timedelta(days=1) if done else None,
    )


def take(quiz, person, answers):
    """A graded attempt: ``answers`` maps a position to a choice text or a short text."""
    attempt = quiz_services.start_attempt(quiz=quiz, person=person, now=NOW)
    for position, given in answers.items():
        answer = attempt.answers.get(position=position)
        if answer.choices:
            ids = {choice["text"]: str(choice["id"]) for choice in answer.choices}
            data = {"choice": [ids[given]]}
        else:
            data = {"text": given}
        quiz_services.save_answer(
            attempt_id=attempt.pk, person=person, position=position, data=data, now=NOW
        )
    return quiz_services.submit_attempt(attempt_id=attempt.pk, person=person, now=NOW)


# --- Who may see them -------------------------------------------------------------------


def test_sales_ops_and_their_leads_hold_the_analytics_permission(sales_ops):
    assert sales_ops.has_perm(ANALYTICS_PERMISSION)
    assert SalesOpsLeadFactory().has_perm(ANALYTICS_PERMISSION)


def test_the_permission_is_offered_in_the_group_editor():
    from wagtail import hooks

    offered = [
        permission
        for hook in hooks.get_hooks("register_permissions")
        for permission in hook()
        if permission.codename == "view_analytics"
    ]
    assert [p.content_type.app_label for p in offered] == ["review"]


@pytest.mark.parametrize("url", ALL_REPORTS)
@pytest.mark.parametrize("kind", ["hire", "manager"])
def test_hires_and_managers_are_refused(users, kind, url, client_for):
    client = client_for(users[kind])
    assert client.get(url).status_code == 403
    assert client.get(url + "?export=csv").status_code == 403


@pytest.mark.parametrize("url", ALL_REPORTS)
def test_an_admin_user_without_the_permission_is_refused(url, client_for):
    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(editor)
    for target in (url, url + "?export=csv"):
        # Wagtail turns the view's PermissionDenied into its "no permission" redirect.
        response = client.get(target)
        assert (response.status_code, response["Location"]) == (302, "/admin/")


@pytest.mark.parametrize("url", ALL_REPORTS)
def test_anonymous_visitors_are_sent_to_sign_in(url, client_for):
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_views_check_the_permission_themselves(hire):
    from django.core.exceptions import PermissionDenied

    request = RequestFactory().get("/")
    request.user = hire
    for _segment, view, *_rest in reports.REPORTS:
        with pytest.raises(PermissionDenied):
            view.as_view()(request)


def test_the_menu_items_are_shown_to_sales_ops_only(sales_ops, manager):
    request = RequestFactory().get("/")
    for segment, *_rest in reports.REPORTS:
        item = reports.menu_item(segment)
        request.user = sales_ops
        assert item.is_shown(request)
        request.user = manager
        assert not item.is_shown(request)
    assert not may_view_analytics(manager)


def test_the_reports_are_in_the_reports_menu(sales_ops, client_for):
    html = client_for(sales_ops).get("/admin/").content.decode()
    for url in ALL_REPORTS:
        assert url in html


# --- Lessons ----------------------------------------------------------------------------


@pytest.fixture
def lesson_data():
    """Course "Calls" for SDRs: C1 (10 min, quiz), C2 (5 min). SDRs a, b, c, d.

    C1: opened by a, b, c, d; completed by a 300 s, b 600 s, c 1350 s -> 3/4 = 75 %,
        median 600 s = 10:00, ratio 1.00. Quiz (one question): a right, b wrong -> 50 %.
    C2: opened and completed by a (240 s = 4:00) -> 1/1; drop-off b, c = 2 (biggest).
    """
    sdr = RolePageFactory(short_name="SDR", slug="sdr")
    people = {name: NewHireFactory(username=name, role=sdr) for name in "abcd"}
    quiz = QuizFactory(title="Calls quiz", questions=[QuestionFactory()])
    course = CourseFactory(title="Calls", audience_roles=[sdr])
    c1 = LessonFactory(parent=course, title="C1", estimated_minutes=10, quiz=quiz)
    c2 = LessonFactory(parent=course, title="C2", estimated_minutes=5)
    record(people["a"], c1, 300, done=True)
    record(people["b"], c1, 600, done=True)
    record(people["c"], c1, 1350, done=True)
    record(people["d"], c1, 20, done=False)
    record(people["a"], c2, 240, done=True)
    take(quiz, people["a"], {1: "Right"})
    take(quiz, people["b"], {1: "Wrong"})
    return {"course": course, "c1": c1, "c2": c2, "sdr": sdr}


def test_lesson_analytics_show_readable_figures(lesson_data, sales_ops, client_for):
    response = client_for(sales_ops).get(LESSONS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "75.00\u00a0%" in html  # C1's completion rate
    assert "10:00" in html and "4:00" in html  # medians as m:ss
    assert "1.00×" in html
    assert "3 of 4 (75.00\u00a0%)" in html  # C1: the 4 SDRs it is meant for
    assert "Biggest drop" in html
    assert "50.00\u00a0%" in html  # the quiz
    assert [entry.title for entry in response.context["object_list"]] == ["C1", "C2"]


def test_lesson_analytics_export_as_csv(lesson_data, sales_ops, client_for):
    rows = csv_rows(client_for(sales_ops).get(LESSONS + "?export=csv"))
    assert rows[0][:6] == [
        "Course",
        "Place in course",
        "Lesson",
        "People who opened it",
        "Completed",
        "Completion rate (%)",
    ]
    assert rows[1:] == [
        ["Calls", "1", "C1", "4", "3", "75.00", "4", "3", "75.00", "600", "600", "1.00"]
        + ["", "", "2", "50.00"],
        ["Calls", "2", "C2", "1", "1", "100.00", "4", "1", "25.00", "240", "300", "0.80"]
        + ["2", "Yes", "0", ""],
    ]


def test_lesson_analytics_export_as_xlsx(lesson_data, sales_ops, client_for):
    rows = xlsx_rows(client_for(sales_ops).get(LESSONS + "?export=xlsx"))
    assert rows[0][2] == "Lesson"
    assert [(row[2], row[5], row[9], row[12]) for row in rows[1:]] == [
        ("C1", 75, 600, None),
        ("C2", 100, 240, 2),
    ]


def test_lesson_analytics_filter_by_course(lesson_data, sales_ops, client_for):
    other = CourseFactory(title="Other")
    LessonFactory(parent=other, title="O1")
    client = client_for(sales_ops)
    everything = client.get(LESSONS)
    assert [e.title for e in everything.context["object_list"]] == ["C1", "C2", "O1"]
    response = client.get(LESSONS, {"course": other.pk})
    assert [e.title for e in response.context["object_list"]] == ["O1"]


def test_lesson_analytics_sort_by_completion_rate(lesson_data, sales_ops, client_for):
    response = client_for(sales_ops).get(LESSONS, {"ordering": "-completion_rate"})
    assert [e.title for e in response.context["object_list"]] == ["C2", "C1"]


# --- Content gaps -----------------------------------------------------------------------


@pytest.fixture
def gap_data():
    """Two quizzes. "Pricing" asks P (category Pricing): a, b wrong ("Wrong"), c right
    -> facility 33.33 %. "Basics" asks B (no category): a, b, c right -> 100 %, and a
    short text S (category Pricing) answered "=1+1" by a (wrong) and "Hello" by b, c."""
    pricing = QuizCategoryFactory(name="Pricing")
    p = QuestionFactory(text="Which discount needs approval?", category=pricing)
    b = QuestionFactory(text="What comes first?")
    s = QuestionFactory(
        kind="short_text", text="Say hello.", accepted_answers="Hello", category=pricing
    )
    pricing_quiz = QuizFactory(title="Pricing quiz", questions=[p])
    basics = QuizFactory(title="Basics quiz", questions=[b, s])
    people = [NewHireFactory(username=name) for name in "abc"]
    for person, answer in zip(people, ["Wrong", "Wrong", "Right"], strict=True):
        take(pricing_quiz, person, {1: answer})
    for person, text in zip(people, ["=1+1", "Hello", "Hello"], strict=True):
        take(basics, person, {1: "Right", 2: text})
    return {"p": p, "b": b, "s": s}


def test_content_gaps_list_the_hardest_questions_first(gap_data, sales_ops, client_for):
    response = client_for(sales_ops).get(GAPS)
    assert response.status_code == 200
    entries = response.context["object_list"]
    assert [entry.text for entry in entries] == [
        "Which discount needs approval?",
        "Say hello.",
        "What comes first?",
    ]
    html = response.content.decode()
    assert "33.33\u00a0%" in html
    assert "Wrong (2×)" in html
    assert "Pricing quiz" in html
    assert reverse("wagtailsnippets_quizzes_question:edit", args=[gap_data["p"].pk]) in html


def test_content_gaps_filter_by_quiz_and_category(gap_data, sales_ops, client_for):
    client = client_for(sales_ops)
    by_quiz = client.get(GAPS, {"quiz": "Basics quiz"}).context["object_list"]
    assert [entry.text for entry in by_quiz] == ["Say hello.", "What comes first?"]
    by_category = client.get(GAPS, {"category": "Pricing"}).context["object_list"]
    assert [entry.text for entry in by_category] == ["Which discount needs approval?", "Say hello."]
    uncategorised = client.get(GAPS, {"category": "-"}).context["object_list"]
    assert [entry.text for entry in uncategorised] == ["What comes first?"]


def test_content_gaps_export_never_hands_a_spreadsheet_a_formula(gap_data, sales_ops, client_for):
    rows = csv_rows(client_for(sales_ops).get(GAPS + "?export=csv"))
    assert rows[0][:4] == ["Question", "Category", "Kind", "Quizzes"]
    first, second, third = rows[1:]
    assert first[0] == "Which discount needs approval?"
    assert first[3] == "Pricing quiz"
    assert first[7] == "33.33"
    assert (first[9], first[10]) == ("Wrong", "2")
    assert second[9] == "'=1+1"
    assert third[1] == ""


def test_content_gaps_export_as_xlsx(gap_data, sales_ops, client_for):
    rows = xlsx_rows(client_for(sales_ops).get(GAPS + "?export=xlsx"))
    assert rows[0][7] == "Facility index (%)"
    assert [round(row[7], 2) for row in rows[1:]] == [33.33, 66.67, 100]


# --- Content health ---------------------------------------------------------------------


@pytest.fixture
def health_data(sales_ops):
    """Topic "Pricing rules" (for everyone): Ann and Bob acknowledged it, then a change
    asked SDRs to re-read it. Ann (SDR) must re-acknowledge; Bob (AE) need not. Carl
    (SDR) never acknowledged it. One page is overdue for review; suggestions: 2 new,
    1 accepted."""
    sdr = RolePageFactory(short_name="SDR", slug="sdr")
    ae = RolePageFactory(short_name="AE", slug="ae")
    ann = NewHireFactory(username="ann", first_name="Ann", last_name="Smith", role=sdr)
    bob = NewHireFactory(username="bob", first_name="Bob", last_name="Jones", role=ae)
    carl = NewHireFactory(username="carl", first_name="Carl", last_name="Long", role=sdr)
    topic = NormsTopicFactory(title="Pricing rules")
    for person in (ann, bob):
        standards_services.acknowledge(page=topic, person=person)
    revision = topic.save_revision()
    standards_services.record_change(
        page=topic,
        revision=revision,
        note="New discount table",
        requires_reacknowledgement=True,
        roles=[sdr],
        author=sales_ops,
    )
    revision.publish()
    PageReview.objects.filter(page=topic).update(due_at=NOW - timedelta(days=3))
    for status in ("new", "new", "accepted"):
        Suggestion.objects.create(
            page=topic, page_title=topic.title, author=ann, text="More examples", status=status
        )
    return {"topic": topic, "ann": ann, "bob": bob, "carl": carl}


def test_content_health_lists_who_must_reacknowledge_and_since_when(
    health_data, sales_ops, client_for
):
    response = client_for(sales_ops).get(HEALTH)
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [(row.person_name, row.role, row.page_title) for row in rows] == [
        ("Ann Smith", "Role SDR", "Pricing rules")
    ]
    assert rows[0].since == timezone.localdate()


def test_content_health_shows_the_upkeep_summary(health_data, sales_ops, client_for):
    response = client_for(sales_ops).get(HEALTH)
    summary = response.context["view"].summary
    assert summary["overdue"] == PageReview.objects.filter(due_at__lt=timezone.now()).count()
    assert summary["overdue"] >= 1
    assert dict(summary["suggestions"]) == {"New": 2, "Accepted": 1, "Declined": 0}
    assert (summary["reacknowledgements"], summary["people_reacknowledging"]) == (1, 1)
    html = response.content.decode()
    assert reverse("standards_review_report") in html
    assert "Pages overdue for review" in html


def test_content_health_can_show_pages_never_acknowledged(health_data, sales_ops, client_for):
    response = client_for(sales_ops).get(HEALTH, {"status": "never"})
    names = {row.person_name for row in response.context["object_list"]}
    assert "Carl Long" in names
    assert "Ann Smith" not in names and "Bob Jones" not in names


def test_content_health_exports(health_data, sales_ops, client_for):
    client = client_for(sales_ops)
    rows = csv_rows(client.get(HEALTH + "?export=csv"))
    today = timezone.localdate().isoformat()
    assert rows == [
        ["Person", "Role", "Standard", "Status", "Pending since"],
        ["Ann Smith", "Role SDR", "Pricing rules", "Re-acknowledgement needed", today],
    ]
    sheet = xlsx_rows(client.get(HEALTH + "?export=xlsx"))
    assert sheet[1][:3] == ("Ann Smith", "Role SDR", "Pricing rules")


# --- Cohorts ----------------------------------------------------------------------------


@pytest.fixture
def cohort_data(sales_ops):
    """Levels on the career path: SDR I, SDR II (role SDR); the Ops role is off it.

    January 2025: Ann (SDR II, promoted 2025-04-01: 90 days after 2025-01-01), Bob
    (SDR I, promoted 2025-03-02 and again 2025-06-01: first after 30 days), Cy (SDR I),
    Dee (Ops level) -> 4 people, SDR I 2, SDR II 1, other 1; promoted 2/4 = 50 %,
    average 60 days. March 2025: Eve (no level) -> 1 person, nobody promoted.
    Fay (inactive) and Gus (no start date) count nowhere.
    """
    sales_ops.start_date = None
    sales_ops.save()
    sdr = RolePageFactory(short_name="SDR", slug="sdr")
    ops = RolePageFactory(short_name="OPS", slug="ops", on_career_path=False)
    sdr1 = LevelPageFactory(parent=sdr, title="SDR I")
    sdr2 = LevelPageFactory(parent=sdr, title="SDR II")
    ops1 = LevelPageFactory(parent=ops, title="Ops I")
    jan = date(2025, 1, 1)

    def person(name, start, level, role=sdr, **kwargs):
        return NewHireFactory(username=name, start_date=start, role=role, level=level, **kwargs)

    ann = person("ann", jan, sdr2)
    bob = person("bob", date(2025, 1, 31), sdr1)
    person("cy", date(2025, 1, 15), sdr1)
    person("dee", date(2025, 1, 20), ops1, role=ops)
    person("eve", date(2025, 3, 5), None)
    fay = person("fay", jan, sdr2, is_active=False)
    person("gus", None, sdr1)

    def promote(who, on):
        LevelChange.objects.create(
            person=who,
            kind=LevelChange.Kind.PROMOTION,
            to_level=sdr2,
            to_title="SDR II",
            effective_on=on,
            recorded_at=NOW,
        )

    promote(ann, date(2025, 4, 1))
    promote(bob, date(2025, 6, 1))
    promote(bob, date(2025, 3, 2))
    promote(fay, date(2025, 2, 1))
    LevelChange.objects.create(
        person=ann,
        kind=LevelChange.Kind.START,
        to_level=sdr1,
        to_title="SDR I",
        effective_on=jan,
        recorded_at=NOW,
    )
    return {"sdr1": sdr1, "sdr2": sdr2}


def test_cohorts_count_people_by_start_month_and_level(cohort_data, sales_ops, client_for):
    response = client_for(sales_ops).get(COHORTS)
    assert response.status_code == 200
    march, january = response.context["object_list"]
    sdr1, sdr2 = str(cohort_data["sdr1"].pk), str(cohort_data["sdr2"].pk)
    assert (january.month, january.people, january.elsewhere) == (date(2025, 1, 1), 4, 1)
    assert (january.levels[sdr1], january.levels[sdr2]) == (2, 1)
    assert january.promoted == 2
    assert str(january.promoted_share) == "50.00"
    assert str(january.average_days_to_promotion) == "60.00"
    assert (march.people, march.elsewhere, march.promoted) == (1, 1, 0)
    assert march.average_days_to_promotion is None
    html = response.content.decode()
    assert "SDR I" in html and "SDR II" in html and "Ops I" not in html
    assert "50.00\u00a0%" in html


def test_cohorts_export_with_a_column_per_level(cohort_data, sales_ops, client_for):
    rows = csv_rows(client_for(sales_ops).get(COHORTS + "?export=csv"))
    assert rows == [
        [
            "Start month",
            "People",
            "SDR I",
            "SDR II",
            "Other or no level",
            "Promoted at least once",
            "Promoted at least once (%)",
            "Average days from start to first promotion",
        ],
        ["2025-03", "1", "0", "0", "1", "0", "0.00", ""],
        ["2025-01", "4", "2", "1", "1", "2", "50.00", "60.00"],
    ]
    sheet = xlsx_rows(client_for(sales_ops).get(COHORTS + "?export=xlsx"))
    assert sheet[2][:4] == ("2025-01", 4, 2, 1)


def test_cohorts_sort_oldest_first(cohort_data, sales_ops, client_for):
    response = client_for(sales_ops).get(COHORTS, {"ordering": "month"})
    assert [c.month for c in response.context["object_list"]] == [
        date(2025, 1, 1),
        date(2025, 3, 1),
    ]


# --- Query budgets ----------------------------------------------------------------------


def grow(size, *, sdr, level, course_lessons, quiz, topic):
    """``size`` more SDRs with a start date, lesson records, a quiz attempt, an
    acknowledgement of ``topic`` and a promotion each."""
    for n in range(size):
        person = NewHireFactory(
            role=sdr, level=level, start_date=date(2024, 1 + n % 12, 1 + n % 28)
        )
        for lesson in course_lessons:
            record(person, lesson, 60 * (n + 1), done=n % 3 != 0)
        take(quiz, person, {1: "Right" if n % 2 else "Wrong"})
        standards_services.acknowledge(page=topic, person=person)
        LevelChange.objects.create(
            person=person,
            kind=LevelChange.Kind.PROMOTION,
            to_level=level,
            to_title=level.title,
            effective_on=date(2025, 1, 1),
            recorded_at=NOW,
        )


@pytest.mark.parametrize("url", ALL_REPORTS)
def test_each_report_takes_a_fixed_number_of_queries(
    url, sales_ops, client_for, django_assert_max_num_queries
):
    sdr = RolePageFactory(short_name="SDR", slug="sdr")
    level = LevelPageFactory(parent=sdr, title="SDR I")
    quiz = QuizFactory(questions=[QuestionFactory()])
    course = CourseFactory(audience_roles=[sdr])
    lessons = [LessonFactory(parent=course, quiz=quiz if n == 0 else None) for n in range(3)]
    topic = NormsTopicFactory()
    client = client_for(sales_ops)
    client.get(url)  # warm caches (content types, site root)
    counts = []
    for size in (3, 25):
        grow(
            size - (3 if counts else 0),
            sdr=sdr,
            level=level,
            course_lessons=lessons,
            quiz=quiz,
            topic=topic,
        )
        if not counts:  # a change asks everyone to re-read: rows in the health report
            revision = topic.save_revision()
            standards_services.record_change(
                page=topic,
                revision=revision,
                note="Re-read",
                requires_reacknowledgement=True,
                roles=[],
                author=sales_ops,
            )
            revision.publish()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(counts[1]):
        assert client.get(url + "?export=csv").status_code == 200
