"""The team table's cached rows: the same figures as computing them, nothing
recomputed while nothing changed, and each kind of change (the person's own
records, their role or level, the content, the day) recomputes what it affects."""

import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons import services as lesson_services
from salesmap.progression.models import LevelRequirement, Waiver
from salesmap.review import row_cache, selectors
from tests.review.test_team import TODAY, attempt, progress, world  # noqa: F401


def people_of(world):  # noqa: F811
    return list(
        get_user_model()
        .objects.filter(pk__in=[p.pk for p in world["people"]])
        .select_related("role", "level")
        .order_by("username")
    )


def figures(row):
    return (
        row.person.username,
        row.plan_percent,
        row.overdue_count,
        row.ready,
        row.has_work_left,
        row.lessons_done,
        row.total_seconds,
        row.week_seconds,
        row.quizzes.average_percent,
        row.last_active_at,
        [(flag.key, flag.detail) for flag in row.flags],
    )


def cached_rows(world, today=TODAY):  # noqa: F811
    return {row.person.username: row for row in row_cache.team_rows(people_of(world), today=today)}


def computed(world, today=TODAY):  # noqa: F811
    rows = selectors.team_rows(people_of(world), today=today)
    return {row.person.username: row for row in rows}


def recomputed(world, today=TODAY):  # noqa: F811
    """Usernames whose rows ``row_cache`` had to compute (spied on ``team_rows``)."""
    seen = []
    original = selectors.team_rows

    def spy(people, **kwargs):
        people = list(people)
        seen.extend(p.username for p in people)
        return original(people, **kwargs)

    selectors.team_rows = spy
    try:
        rows = cached_rows(world, today)
    finally:
        selectors.team_rows = original
    return sorted(seen), rows


def test_cached_rows_have_the_figures_and_flags_of_computed_ones(world):  # noqa: F811
    ann, bob = world["people"]
    progress(ann, world["first"], seconds=900, days_ago=30)
    attempt(ann, world["quiz"], 40)
    first = cached_rows(world)
    second = cached_rows(world)
    expected = computed(world)
    for name in ("ann", "bob"):
        assert figures(first[name]) == figures(expected[name])
        assert figures(second[name]) == figures(expected[name])
    # The comparison means something: Ann's row has figures and a flag.
    assert expected["ann"].total_seconds == 900
    assert selectors.LOW_SCORES in expected["ann"].flag_keys


def test_nothing_is_recomputed_while_nothing_changes_and_the_queries_are_few(world):  # noqa: F811
    assert recomputed(world)[0] == ["ann", "bob"]
    people = people_of(world)
    with CaptureQueriesContext(connection) as captured:
        row_cache.team_rows(people, today=TODAY)
    assert len(captured) == 12  # the stamps (7) and the content version (5)
    assert recomputed(world)[0] == []


def test_a_persons_own_records_recompute_their_row_only(world, manager):  # noqa: F811
    ann, bob = world["people"]
    cached_rows(world)
    progress(ann, world["second"], seconds=600, days_ago=2)
    names, rows = recomputed(world)
    assert names == ["ann"]
    assert rows["ann"].lessons_done == 1

    lesson_services.credit_heartbeat(person=bob, lesson=world["first"], claimed_seconds=15)
    names, rows = recomputed(world)
    assert names == ["bob"]
    assert rows["bob"].total_seconds == 15

    attempt(ann, world["quiz"], 90, number=1)
    assert recomputed(world)[0] == ["ann"]

    requirement = LevelRequirement.objects.filter(level=world["level"]).first()
    waiver = Waiver.objects.create(
        person=bob,
        requirement=requirement,
        waived_by=manager,
        reason="Done elsewhere",
        waived_at=datetime.datetime.now(datetime.UTC),
    )
    assert recomputed(world)[0] == ["bob"]
    waiver.delete()
    # Revoked: the row computed before the waiver fits again, and is reused.
    names, rows = recomputed(world)
    assert figures(rows["bob"]) == figures(computed(world)["bob"])


def test_a_role_or_level_change_recomputes_the_row(world):  # noqa: F811
    ann, _bob = world["people"]
    cached_rows(world)
    get_user_model().objects.filter(pk=ann.pk).update(level=None)
    names, rows = recomputed(world)
    assert names == ["ann"]
    assert rows["ann"].plan is None


def test_content_changes_and_a_new_day_recompute_every_row(world):  # noqa: F811
    cached_rows(world)
    world["second"].title = "CRM hygiene"
    world["second"].save_revision().publish()
    assert recomputed(world)[0] == ["ann", "bob"]
    LevelRequirement.objects.filter(level=world["level"]).first().delete()
    assert recomputed(world)[0] == ["ann", "bob"]
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert recomputed(world, tomorrow)[0] == ["ann", "bob"]
    assert recomputed(world, tomorrow)[0] == []


def test_thresholds_in_settings_apply_to_cached_rows_at_once(world, settings):  # noqa: F811
    ann, _bob = world["people"]
    attempt(ann, world["quiz"], 55)
    settings.SALESMAP_REVIEW = {"LOW_SCORE_PERCENT": 50}
    assert selectors.LOW_SCORES not in cached_rows(world)["ann"].flag_keys
    settings.SALESMAP_REVIEW = {"LOW_SCORE_PERCENT": 60}
    names, rows = recomputed(world)
    assert names == []
    assert selectors.LOW_SCORES in rows["ann"].flag_keys
