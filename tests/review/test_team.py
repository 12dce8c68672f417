"""My team: the figures of each row, the flags and their thresholds, sorting,
filtering, the export and the heatmap, checked against the records behind them."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from lessons.models import LearningDay, LessonProgress
from quizzes.models import Attempt
from salesmap.progression.models import LevelRequirement
from salesmap.progression.services import record_start
from salesmap.review import selectors
from tests.factories import (
    CourseFactory,
    LessonFactory,
    LevelPageFactory,
    ManagerFactory,
    NewHireFactory,
    QuizFactory,
    RolePageFactory,
)

TODAY = timezone.localdate()


def moment(days_ago, hour=10):
    day = TODAY - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def progress(person, lesson, *, seconds, done=True, days_ago=1):
    LessonProgress.objects.create(
        person=person,
        lesson=lesson,
        lesson_ref=lesson.pk,
        lesson_title=lesson.title,
        active_seconds=seconds,
        first_opened_at=moment(days_ago, 9),
        last_active_at=moment(days_ago),
        completed_at=moment(days_ago) if done else None,
    )


def learnt(person, lesson, seconds, days_ago):
    LearningDay.objects.create(
        person=person,
        lesson_ref=lesson.pk,
        day=TODAY - datetime.timedelta(days=days_ago),
        seconds=seconds,
    )


def attempt(person, quiz, percent, *, days_ago=1, number=1, state=Attempt.State.GRADED):
    graded = state == Attempt.State.GRADED
    return Attempt.objects.create(
        quiz=quiz,
        person=person,
        number=number,
        state=state,
        quiz_title=quiz.title,
        pass_mark=quiz.pass_mark,
        show_answers=quiz.show_answers,
        layout=quiz.layout,
        started_at=moment(days_ago, 9),
        submitted_at=moment(days_ago, 9),
        graded_at=moment(days_ago, 9) if graded else None,
        score=Decimal(percent) if graded else None,
        max_score=Decimal(100),
        percent=Decimal(percent) if graded else None,
        passed=Decimal(percent) >= quiz.pass_mark if graded else None,
    )


@pytest.fixture
def world(db, manager):
    """An SDR role with a plan, a course for SDRs (two lessons, 10 min each)
    and one for AEs, a quiz on the first lesson, and two SDRs reporting to
    ``manager``, who started 20 days ago."""
    sdr = RolePageFactory(title="SDR")
    ae = RolePageFactory(title="AE")
    level = LevelPageFactory(parent=sdr, title="SDR I")
    quiz = QuizFactory(title="Discovery quiz", pass_mark=60)
    course = CourseFactory(title="SDR basics", audience_roles=[sdr])
    first = LessonFactory(parent=course, title="Discovery", quiz=quiz, estimated_minutes=10)
    second = LessonFactory(parent=course, title="CRM", estimated_minutes=10)
    ae_course = CourseFactory(title="AE course", audience_roles=[ae])
    LessonFactory(parent=ae_course, title="Negotiation")
    LevelRequirement.objects.create(
        level=level, kind="lesson", lesson=first, due_day=5, added_on=TODAY - datetime.timedelta(90)
    )
    LevelRequirement.objects.create(
        level=level,
        kind="lesson",
        lesson=second,
        due_day=60,
        added_on=TODAY - datetime.timedelta(90),
    )
    people = []
    for name in ("ann", "bob"):
        person = NewHireFactory(
            username=name,
            first_name=name.title(),
            last_name="Rep",
            manager=manager,
            role=sdr,
            level=level,
            start_date=TODAY - datetime.timedelta(days=20),
        )
        record_start(person=person, level=level, effective_on=person.start_date)
        people.append(person)
    return {
        "sdr": sdr,
        "level": level,
        "quiz": quiz,
        "first": first,
        "second": second,
        "people": people,
    }


def rows_by_name(people):
    from django.contrib.auth import get_user_model

    queryset = (
        get_user_model()
        .objects.filter(pk__in=[p.pk for p in people])
        .select_related("role", "level")
        .order_by("username")
    )
    return {row.person.username: row for row in selectors.team_rows(queryset, today=TODAY)}


def test_a_row_adds_up_lessons_time_and_scores_from_the_records(world):
    ann, bob = world["people"]
    progress(ann, world["first"], seconds=900)  # 15 min on a 10-minute lesson
    progress(ann, world["second"], seconds=300, done=False, days_ago=2)
    learnt(ann, world["first"], 600, days_ago=0)
    learnt(ann, world["first"], 300, days_ago=8)  # last week: not "this week"
    attempt(ann, world["quiz"], 40, number=1, days_ago=3)
    attempt(ann, world["quiz"], 90, number=2, days_ago=2)  # best counts: 90
    other = QuizFactory(title="Other quiz")
    attempt(ann, other, 50, days_ago=1)  # the latest
    attempt(ann, other, 0, number=2, state=Attempt.State.NEEDS_MARKING, days_ago=0)

    rows = rows_by_name([ann, bob])
    row = rows["ann"]
    assert (row.lessons_done, row.lessons_assigned) == (1, 2)  # the AE lesson is not theirs
    assert row.lessons_percent == 50
    assert row.week_seconds == 600
    assert row.total_seconds == 1200
    assert row.estimated_seconds == 1200
    assert row.quizzes.average_percent == Decimal(70)  # (90 + 50) / 2: one counted per quiz
    assert row.quizzes.latest_percent == Decimal(50)
    assert row.quizzes.latest_quiz == "Other quiz"
    assert row.quizzes.waiting_for_marking == 1
    assert row.days_since_start == 20
    assert row.plan_percent == 50 and row.overdue_count == 0
    assert row.days_inactive == 0

    empty = rows["bob"]
    assert (empty.lessons_done, empty.total_seconds, empty.quizzes.average_percent) == (0, 0, None)
    assert empty.plan.overdue[0].requirement.lesson == world["first"]  # due on day 5
    assert empty.last_active_at is None and empty.days_inactive == 20


def test_stalled_after_the_set_number_of_days_only_with_work_left(world, settings):
    ann, bob = world["people"]
    settings.SALESMAP_REVIEW = {"STALLED_DAYS": 7}
    progress(ann, world["first"], seconds=600, days_ago=7)
    progress(bob, world["first"], seconds=600, days_ago=6)
    rows = rows_by_name([ann, bob])
    assert selectors.STALLED in rows["ann"].flag_keys
    assert "7 days without activity" in rows["ann"].flags[0].detail
    assert selectors.STALLED not in rows["bob"].flag_keys

    settings.SALESMAP_REVIEW = {"STALLED_DAYS": 8}
    assert selectors.STALLED not in rows_by_name([ann])["ann"].flag_keys

    # Nothing left to do: not stalled, however long ago.
    settings.SALESMAP_REVIEW = {"STALLED_DAYS": 7}
    progress(ann, world["second"], seconds=600, days_ago=9)
    assert selectors.STALLED not in rows_by_name([ann])["ann"].flag_keys


def test_behind_plan_when_an_item_is_overdue(world):
    ann, bob = world["people"]
    progress(ann, world["first"], seconds=600)
    rows = rows_by_name([ann, bob])
    assert selectors.BEHIND not in rows["ann"].flag_keys
    assert selectors.BEHIND in rows["bob"].flag_keys
    assert rows["bob"].overdue_count == 1


def test_low_scores_by_average_or_latest_against_the_threshold(world, settings):
    ann, bob = world["people"]
    settings.SALESMAP_REVIEW = {"LOW_SCORE_PERCENT": 70}
    attempt(ann, world["quiz"], 69)
    attempt(bob, world["quiz"], 70)
    rows = rows_by_name([ann, bob])
    assert selectors.LOW_SCORES in rows["ann"].flag_keys
    assert selectors.LOW_SCORES not in rows["bob"].flag_keys

    settings.SALESMAP_REVIEW = {"LOW_SCORE_PERCENT": 71}
    assert selectors.LOW_SCORES in rows_by_name([bob])["bob"].flag_keys


def test_time_far_above_or_below_the_estimate_once_enough_lessons_are_done(world, settings):
    ann, bob = world["people"]
    settings.SALESMAP_REVIEW = {"TIME_HIGH_RATIO": 2.0, "TIME_LOW_RATIO": 0.5}
    progress(ann, world["first"], seconds=1500)  # 2.5x
    progress(bob, world["first"], seconds=200)  # 0.33x
    rows = rows_by_name([ann, bob])
    assert rows["ann"].time_ratio is None  # one lesson is not enough to say
    assert not {selectors.TIME_HIGH, selectors.TIME_LOW} & set(rows["ann"].flag_keys)

    progress(ann, world["second"], seconds=1500)
    progress(bob, world["second"], seconds=200)
    rows = rows_by_name([ann, bob])
    assert rows["ann"].time_ratio == 2.5
    assert selectors.TIME_HIGH in rows["ann"].flag_keys
    assert "2.5× the estimate" in [f.detail for f in rows["ann"].flags]
    assert selectors.TIME_LOW in rows["bob"].flag_keys


def test_sorting_puts_missing_values_last_and_flags_first(world):
    ann, bob = world["people"]
    attempt(ann, world["quiz"], 90)
    progress(ann, world["first"], seconds=600)
    rows = list(rows_by_name([ann, bob]).values())
    assert [r.person.username for r in selectors.sort_rows(rows, "average")] == ["ann", "bob"]
    assert [r.person.username for r in selectors.sort_rows(rows, "-average")] == ["ann", "bob"]
    assert [r.person.username for r in selectors.sort_rows(rows, "flags")] == ["bob", "ann"]
    assert [r.person.username for r in selectors.sort_rows(rows, "-progress")] == ["ann", "bob"]
    assert [r.person.username for r in selectors.filter_rows(rows, flag="behind")] == ["bob"]
    assert [r.person.username for r in selectors.filter_rows(rows, query="AN")] == ["ann"]


# The pages ------------------------------------------------------------------


def names(response):
    return [row.person.username for row in response.context["rows"]]


def test_a_manager_sees_direct_reports_or_the_whole_subtree(world, manager, client_for):
    ann, _bob = world["people"]
    lead = ManagerFactory(username="lead")
    manager.manager = lead
    manager.save()
    NewHireFactory(username="ann-report", manager=ann)
    client = client_for(lead)
    assert names(client.get("/team/")) == ["manager"]
    assert set(names(client.get("/team/?scope=subtree"))) == {"manager", "ann", "bob", "ann-report"}
    assert names(client_for(manager).get("/team/")) == ["ann", "bob"]


def test_the_table_sorts_filters_and_says_what_it_did_not_understand(world, client_for, manager):
    client = client_for(manager)
    progress(world["people"][0], world["first"], seconds=600)
    response = client.get("/team/?sort=flags")
    assert names(response) == ["bob", "ann"]
    assert 'aria-sort="ascending"' in response.content.decode()
    assert names(client.get("/team/?flag=behind")) == ["bob"]
    assert names(client.get("/team/?q=ann")) == ["ann"]
    assert names(client.get(f"/team/?role={world['sdr'].pk}")) == ["ann", "bob"]
    bad = client.get("/team/?sort=salary")
    assert bad.status_code == 400 and b"Unknown column" in bad.content


def test_the_export_has_the_rows_shown_with_the_same_figures(world, client_for, manager):
    ann, bob = world["people"]
    bob.first_name = "=HYPERLINK(1)"
    bob.save()
    progress(ann, world["first"], seconds=900)
    attempt(ann, world["quiz"], 90)
    response = client_for(manager).get("/team/export/csv/?sort=name")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="team-')
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_user = {line["Username"]: line for line in lines}
    assert set(by_user) == {"ann", "bob"}
    assert by_user["ann"]["Lessons done"] == "1"
    assert by_user["ann"]["Average quiz score (%)"] == "90"
    assert by_user["ann"]["Active minutes in total"] == "15"
    assert by_user["bob"]["Name"].startswith("'=")  # never read as a formula
    assert "Behind plan" in by_user["bob"]["Flags"]

    filtered = client_for(manager).get("/team/export/csv/?flag=behind")
    assert b"ann" not in b"".join(filtered.streaming_content)

    response = client_for(manager).get("/team/export/xlsx/")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header[:2] == ["Name", "Username"]
    assert sheet.max_row == 3


def test_the_heatmap_colours_lessons_by_completion_and_quiz_score(world, client_for, manager):
    ann, bob = world["people"]
    progress(ann, world["first"], seconds=600)
    attempt(ann, world["quiz"], 80)
    progress(bob, world["second"], seconds=60, done=False)
    heat = client_for(manager).get("/team/heatmap/").context["heatmap"]
    assert [c.title for c in heat.columns] == ["Discovery", "CRM"]
    cells = {person.username: row for person, row in heat.rows}
    assert (cells["ann"][0].state, cells["ann"][0].percent, cells["ann"][0].band) == (
        selectors.DONE,
        Decimal(80),
        3,
    )
    assert cells["ann"][1].state == selectors.NOT_STARTED
    assert cells["bob"][1].state == selectors.STARTED
    assert heat.columns[0].done_percent == 50 and heat.columns[1].done_percent == 0
    assert heat.weakest.title == "CRM"

    quizzes = client_for(manager).get("/team/heatmap/?of=quizzes").context["heatmap"]
    assert [c.title for c in quizzes.columns] == ["Discovery quiz"]
    cells = {person.username: row for person, row in quizzes.rows}
    assert cells["ann"][0].state == selectors.PASSED
    assert cells["bob"][0].state == selectors.NOT_STARTED


def test_a_hire_may_not_open_the_team_pages(world, client_for):
    client = client_for(world["people"][0])
    for url in ("/team/", "/team/heatmap/", "/team/export/csv/", "/team/export/xlsx/"):
        assert client.get(url).status_code == 403


# Query budgets ----------------------------------------------------------------


def add_team(world, manager, size, offset=0):
    """``size`` more SDRs for ``manager`` with lesson records, learning days,
    quiz attempts (one waiting for marking) and their level history, in bulk."""
    from django.contrib.auth import get_user_model

    from salesmap.progression.models import LevelChange

    User = get_user_model()
    people = User.objects.bulk_create(
        User(
            username=f"bulk{offset + n}",
            first_name=f"Bulk{offset + n}",
            manager=manager,
            role=world["sdr"],
            level=world["level"],
            start_date=TODAY - datetime.timedelta(days=30),
        )
        for n in range(size)
    )
    people = list(User.objects.filter(username__in=[p.username for p in people]))
    LevelChange.objects.bulk_create(
        LevelChange(
            person=p,
            kind="start",
            to_level=world["level"],
            to_title="SDR I",
            effective_on=p.start_date,
            recorded_at=timezone.now(),
        )
        for p in people
    )
    LessonProgress.objects.bulk_create(
        LessonProgress(
            person=p,
            lesson=world["first"],
            lesson_ref=world["first"].pk,
            lesson_title="Discovery",
            active_seconds=600 + n,
            first_opened_at=moment(3, 9),
            last_active_at=moment(3),
            completed_at=moment(3) if n % 2 else None,
        )
        for n, p in enumerate(people)
    )
    LearningDay.objects.bulk_create(
        LearningDay(person=p, lesson_ref=world["first"].pk, day=TODAY, seconds=60) for p in people
    )
    for n, p in enumerate(people[:3]):
        attempt(p, world["quiz"], 50 + n)
    attempt(people[0], world["quiz"], 0, number=2, state=Attempt.State.NEEDS_MARKING)
    return people


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/team/",
        "/team/?sort=-flags",
        "/team/heatmap/",
        "/team/heatmap/?of=quizzes",
        "/team/export/csv/",
        "/team/export/xlsx/",
    ],
)
def test_team_pages_use_the_same_queries_for_5_and_500_people(
    world, manager, client_for, url, django_assert_max_num_queries
):
    client = client_for(manager)
    add_team(world, manager, 3)  # with ann and bob: 5
    small = count_queries(client, url)
    add_team(world, manager, 495, offset=3)  # 500
    with django_assert_max_num_queries(small):
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    if "heatmap" in url:
        assert len(response.context["heatmap"].rows) == 500
    elif "export" not in url:
        assert response.context["page_obj"].paginator.count == 500
    assert small <= 35


def test_sales_ops_department_table_is_flat_in_people_too(
    world, manager, sales_ops, client_for, django_assert_max_num_queries
):
    client = client_for(sales_ops)
    small = count_queries(client, "/team/")
    add_team(world, manager, 200)
    with django_assert_max_num_queries(small):
        client.get("/team/")
