"""Concurrent heartbeats and opens of one person on a real PostgreSQL server:
the clock row's lock counts several tabs once, ``F()`` updates lose nothing,
and the unique constraint keeps one progress row.

Each test lets 20 threads (each with its own database connection) call a
service at the same moment, released together by a barrier. Every call
passes an explicit ``now``, so what may be credited is known in advance
whatever order the threads take the lock in.
"""

from datetime import timedelta

import pytest

from lessons import crediting, services
from lessons.models import ActivityClock, LearningDay, LessonProgress
from tests.concurrency import THREADS, all_at_once
from tests.factories import LessonFactory, UserFactory
from tests.lessons.conftest import T0

# Threads need committed data, so these tests commit; serialized rollback
# restores what the data migrations created (groups, the Sales Map home).
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at(seconds):
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def person():
    # No group: the flush after a transactional test removes migration-made groups.
    return UserFactory()


@pytest.fixture
def lessons():
    return LessonFactory(title="Opening a call"), LessonFactory(title="Handling objections")


def test_parallel_heartbeats_on_two_lessons_credit_no_more_than_the_clock(
    settings, person, lessons
):
    settings.LESSONS_HEARTBEATS_PER_MINUTE = THREADS  # the rate limit has its own test

    def beat(index):
        return services.credit_heartbeat(
            person=person, lesson=lessons[index % 2], claimed_seconds=15, now=at(index * 1.5)
        )

    outcomes = all_at_once(beat)
    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    span = (THREADS - 1) * 1.5
    assert sum(outcomes) <= span + crediting.cap_seconds()
    assert all(0 <= outcome <= crediting.cap_seconds() for outcome in outcomes)


def test_parallel_heartbeats_lose_no_update(settings, person, lessons):
    settings.LESSONS_HEARTBEATS_PER_MINUTE = THREADS

    def beat(index):
        return services.credit_heartbeat(
            person=person, lesson=lessons[index % 2], claimed_seconds=15, now=at(index * 1.5)
        )

    outcomes = all_at_once(beat)
    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    total = sum(outcomes)
    assert total > 0
    assert sum(LessonProgress.objects.values_list("active_seconds", flat=True)) == total
    assert sum(LearningDay.objects.values_list("seconds", flat=True)) == total
    assert LessonProgress.objects.count() == 2
    assert ActivityClock.objects.get(person=person).window_beats == THREADS


def test_parallel_heartbeats_are_rate_limited_to_twelve_a_minute(person, lessons):
    def beat(index):
        return services.credit_heartbeat(
            person=person, lesson=lessons[index % 2], claimed_seconds=15, now=at(index)
        )

    outcomes = all_at_once(beat)
    accepted = [outcome for outcome in outcomes if isinstance(outcome, int)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, services.RateLimited)]
    assert (len(accepted), len(refused)) == (12, THREADS - 12), outcomes
    assert sum(LessonProgress.objects.values_list("active_seconds", flat=True)) == sum(accepted)


def test_parallel_opens_of_one_lesson_leave_one_row_and_one_visit(person, lessons):
    lesson = lessons[0]
    outcomes = all_at_once(
        lambda index: services.record_open(person=person, lesson=lesson, now=at(index))
    )
    assert all(isinstance(outcome, LessonProgress) for outcome in outcomes), outcomes
    row = LessonProgress.objects.get()
    assert {outcome.pk for outcome in outcomes} == {row.pk}
    assert row.visits == 1
    assert row.last_active_at == at(THREADS - 1)


def test_parallel_opens_and_heartbeats_on_a_new_lesson_leave_one_consistent_row(
    settings, person, lessons
):
    settings.LESSONS_HEARTBEATS_PER_MINUTE = THREADS
    lesson = lessons[0]

    def open_or_beat(index):
        if index % 2:
            return services.record_open(person=person, lesson=lesson, now=at(index))
        return services.credit_heartbeat(
            person=person, lesson=lesson, claimed_seconds=15, now=at(index)
        )

    outcomes = all_at_once(open_or_beat)
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert not errors, errors
    row = LessonProgress.objects.get()
    credited = sum(outcome for outcome in outcomes if isinstance(outcome, int))
    assert row.active_seconds == credited == LearningDay.objects.get().seconds
    assert row.visits == 1
    # Last activity is the latest open (odd indexes), never an older beat.
    assert row.last_active_at == at(THREADS - 1)
