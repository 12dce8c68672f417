"""The crediting rule: a heartbeat credits at most its claim, one cap, and the
wall clock since the person's previous beat, however many tabs beat.

The unit tests pin each clause of ``lessons.crediting``; the property tests
drive it with random (and forged) beats from several tabs; the service tests
check the same promises through ``credit_heartbeat`` and the database.
"""

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons import crediting, services
from lessons.models import ActivityClock, LearningDay, LessonProgress
from tests.lessons.conftest import T0

CAP = 20


def at(seconds):
    return T0 + timedelta(seconds=seconds)


# --- creditable_seconds ------------------------------------------------------------


def test_a_claim_above_the_cap_is_clamped_to_the_cap():
    assert crediting.creditable_seconds(claimed=3600, now=at(60), last_beat_at=T0, cap=CAP) == 20


def test_a_negative_claim_credits_nothing():
    assert crediting.creditable_seconds(claimed=-15, now=at(60), last_beat_at=T0, cap=CAP) == 0


def test_a_first_beat_credits_its_claim_up_to_the_cap():
    assert crediting.creditable_seconds(claimed=15, now=T0, last_beat_at=None, cap=CAP) == 15
    assert crediting.creditable_seconds(claimed=500, now=T0, last_beat_at=None, cap=CAP) == 20


def test_a_beat_credits_no_more_than_the_seconds_since_the_previous_beat():
    assert crediting.creditable_seconds(claimed=15, now=at(4), last_beat_at=T0, cap=CAP) == 4


def test_less_than_a_second_since_the_previous_beat_credits_nothing():
    assert crediting.creditable_seconds(claimed=15, now=at(0.9), last_beat_at=T0, cap=CAP) == 0


def test_a_beat_stamped_before_the_previous_one_credits_nothing():
    assert crediting.creditable_seconds(claimed=15, now=at(-30), last_beat_at=T0, cap=CAP) == 0


# --- credit ------------------------------------------------------------------------


def test_the_first_beat_starts_the_clock_at_now():
    assert crediting.credit(claimed=15, now=T0, last_beat_at=None, cap=CAP) == crediting.Credit(
        15, T0
    )


def test_a_forged_claim_on_a_long_gap_earns_one_cap_and_moves_the_clock_to_now():
    result = crediting.credit(claimed=10**9, now=at(3600), last_beat_at=T0, cap=CAP)
    assert result == crediting.Credit(20, at(3600))


def test_an_idle_reader_loses_the_uncredited_time():
    result = crediting.credit(claimed=5, now=at(15), last_beat_at=T0, cap=CAP)
    assert result == crediting.Credit(5, at(15))
    # The 10 idle seconds are gone: the next beat cannot claim them.
    assert crediting.credit(claimed=20, now=at(16), last_beat_at=result.last_beat_at, cap=CAP) == (
        crediting.Credit(1, at(16))
    )


def test_a_beat_from_a_clock_behind_the_previous_one_credits_nothing_and_keeps_the_clock():
    result = crediting.credit(claimed=15, now=at(-5), last_beat_at=T0, cap=CAP)
    assert result == crediting.Credit(0, T0)


def test_a_beat_at_the_same_instant_credits_nothing_and_keeps_the_clock():
    assert crediting.credit(claimed=15, now=T0, last_beat_at=T0, cap=CAP) == crediting.Credit(0, T0)


def test_the_fraction_of_a_second_left_over_counts_in_the_next_beat():
    result = crediting.credit(claimed=15, now=at(10.6), last_beat_at=T0, cap=CAP)
    assert result == crediting.Credit(10, at(10))
    following = crediting.credit(
        claimed=15, now=at(21.2), last_beat_at=result.last_beat_at, cap=CAP
    )
    # 11 s, not 10: the 0.6 s carried over; 21 s in all for 21.2 s of clock.
    assert following == crediting.Credit(11, at(21))


def test_fractions_never_lose_a_whole_second_over_many_beats():
    last, total = T0, 0
    for beat in range(1, 9):
        result = crediting.credit(claimed=15, now=at(10.5 * beat), last_beat_at=last, cap=CAP)
        last, total = result.last_beat_at, total + result.seconds
    assert total == 84  # 8 x 10.5 s


def test_the_cap_comes_from_settings_when_not_given(settings):
    settings.LESSONS_HEARTBEAT_CAP_SECONDS = 30
    assert crediting.credit(claimed=25, now=T0, last_beat_at=None).seconds == 25
    assert crediting.credit(claimed=45, now=T0, last_beat_at=None).seconds == 30


def test_the_default_cap_is_twenty_seconds(settings):
    del settings.LESSONS_HEARTBEAT_CAP_SECONDS
    assert crediting.credit(claimed=45, now=T0, last_beat_at=None).seconds == 20


# --- Properties over random tabs and beats -----------------------------------------

# A claim may be honest (a few seconds), forged (huge) or nonsense (negative).
claims = st.one_of(
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.sampled_from([0, 15, 3600, 86_400, -1, 10**15]),
)
# One tab's beats: arrival (milliseconds after T0, within two hours) and claim.
tab_beats = st.lists(
    st.tuples(st.integers(min_value=0, max_value=2 * 3600 * 1000), claims),
    min_size=1,
    max_size=40,
)
tabs = st.lists(tab_beats, min_size=1, max_size=6)


def drive(beats):
    """Credit ``beats`` [(arrival_ms, claimed)] in the given order; returns the
    credits and the clock after each beat."""
    last, credits, clocks = None, [], []
    for arrival_ms, claimed in beats:
        result = crediting.credit(
            claimed=claimed, now=T0 + timedelta(milliseconds=arrival_ms), last_beat_at=last, cap=CAP
        )
        last = result.last_beat_at
        credits.append(result.seconds)
        clocks.append(last)
    return credits, clocks


def merged(all_tabs):
    return sorted(beat for tab in all_tabs for beat in tab)


@given(tabs)
def test_tabs_in_arrival_order_never_earn_more_than_the_clock_plus_one_cap(all_tabs):
    beats = merged(all_tabs)
    credits, _clocks = drive(beats)
    span = (beats[-1][0] - beats[0][0]) / 1000
    assert sum(credits) <= span + CAP


@given(tabs)
def test_every_credit_lies_between_nothing_and_the_cap(all_tabs):
    credits, _clocks = drive(merged(all_tabs))
    assert all(0 <= seconds <= CAP for seconds in credits)


@given(tabs)
def test_the_clock_never_passes_now_in_arrival_order(all_tabs):
    beats = merged(all_tabs)
    _credits, clocks = drive(beats)
    for (arrival_ms, _claimed), clock in zip(beats, clocks, strict=True):
        assert clock <= T0 + timedelta(milliseconds=arrival_ms)


@given(tabs, st.randoms(use_true_random=False))
def test_out_of_order_arrivals_never_earn_more_than_the_clock_plus_one_cap(all_tabs, random):
    beats = merged(all_tabs)
    random.shuffle(beats)
    credits, clocks = drive(beats)
    arrivals = [arrival_ms for arrival_ms, _claimed in beats]
    assert sum(credits) <= (max(arrivals) - min(arrivals)) / 1000 + CAP
    assert all(0 <= seconds <= CAP for seconds in credits)


@given(tabs, st.randoms(use_true_random=False))
def test_the_clock_never_moves_backwards_nor_past_the_latest_arrival(all_tabs, random):
    beats = merged(all_tabs)
    random.shuffle(beats)
    _credits, clocks = drive(beats)
    latest = None
    for (arrival_ms, _claimed), before, after in zip(
        beats, [None, *clocks[:-1]], clocks, strict=True
    ):
        now = T0 + timedelta(milliseconds=arrival_ms)
        latest = now if latest is None else max(latest, now)
        assert before is None or after >= before
        assert after <= latest


@given(
    first_claim=st.integers(min_value=0, max_value=CAP),
    intervals_ms=st.lists(st.integers(min_value=1000, max_value=15_000), max_size=60),
)
def test_one_honest_tab_is_credited_every_whole_second_of_the_clock(first_claim, intervals_ms):
    """A single tab claiming (a little more than) each interval loses nothing but
    the last fraction of a second."""
    beats, arrival = [(0, first_claim)], 0
    for interval in intervals_ms:
        arrival += interval
        beats.append((arrival, interval // 1000 + 1))
    credits, _clocks = drive(beats)
    assert sum(credits) == first_claim + arrival // 1000


# --- Through the service: the database clock, tabs and the rate limit ---------------


@pytest.mark.django_db
def test_five_tabs_for_an_hour_earn_at_most_an_hour(settings, hire, lesson, other_lesson):
    # Five tabs at one beat per 15 s are 20 beats a minute: above the default
    # rate limit, which this test is not about.
    settings.LESSONS_HEARTBEATS_PER_MINUTE = 30
    beats = sorted(
        (tab * 3 + 15 * n, tab) for tab in range(5) for n in range(3600 // 15)
    )  # tabs 3 s apart, each beating every 15 s
    lessons = [lesson, other_lesson, lesson, other_lesson, lesson]
    total = 0
    for second, tab in beats:
        total += services.credit_heartbeat(
            person=hire, lesson=lessons[tab], claimed_seconds=15, now=at(second)
        )
    span = beats[-1][0] - beats[0][0]
    assert total <= span + crediting.cap_seconds()
    assert total >= 3500
    assert total == sum(LessonProgress.objects.values_list("active_seconds", flat=True))
    assert total == sum(LearningDay.objects.values_list("seconds", flat=True))


@pytest.mark.django_db
def test_a_forged_claim_earns_at_most_the_cap_through_the_service(hire, lesson):
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=T0)
    credited = services.credit_heartbeat(
        person=hire, lesson=lesson, claimed_seconds=86_400, now=at(3600)
    )
    assert credited == 20
    assert LessonProgress.objects.get().active_seconds == 35


@pytest.mark.django_db
def test_the_clock_is_shared_by_every_lesson_of_a_person(hire, lesson, other_lesson):
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=T0)
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(15))
    # Another tab on another lesson, 2 s after the last beat: 2 s, not 15.
    assert (
        services.credit_heartbeat(person=hire, lesson=other_lesson, claimed_seconds=15, now=at(17))
        == 2
    )


@pytest.mark.django_db
def test_each_person_has_a_clock_of_their_own(hire, other_hire, lesson):
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=T0)
    assert (
        services.credit_heartbeat(person=other_hire, lesson=lesson, claimed_seconds=15, now=T0)
        == 15
    )


def _beat_twelve_times(person, lesson):
    for n in range(12):
        services.credit_heartbeat(person=person, lesson=lesson, claimed_seconds=15, now=at(4 * n))


def _snapshot(person):
    clock = ActivityClock.objects.get(person=person)
    return (
        (clock.last_beat_at, clock.window_started_at, clock.window_beats),
        list(LessonProgress.objects.values_list("active_seconds", "last_active_at")),
        list(LearningDay.objects.values_list("day", "seconds")),
    )


@pytest.mark.django_db
def test_the_thirteenth_beat_in_a_minute_is_refused_and_changes_nothing(hire, lesson):
    _beat_twelve_times(hire, lesson)
    before = _snapshot(hire)
    with pytest.raises(services.RateLimited) as refused:
        services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(50))
    assert refused.value.status == 429
    assert _snapshot(hire) == before


@pytest.mark.django_db
def test_a_refused_beat_does_not_create_progress_on_another_lesson(hire, lesson, other_lesson):
    _beat_twelve_times(hire, lesson)
    with pytest.raises(services.RateLimited):
        services.credit_heartbeat(person=hire, lesson=other_lesson, claimed_seconds=15, now=at(50))
    assert not LessonProgress.objects.filter(lesson_ref=other_lesson.pk).exists()
    assert not LearningDay.objects.filter(lesson_ref=other_lesson.pk).exists()


@pytest.mark.django_db
def test_beats_are_accepted_again_once_the_minute_is_over(hire, lesson):
    _beat_twelve_times(hire, lesson)
    assert (
        services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(60)) == 15
    )


@pytest.mark.django_db
def test_the_rate_limit_comes_from_settings(settings, hire, lesson):
    settings.LESSONS_HEARTBEATS_PER_MINUTE = 2
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=T0)
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(15))
    with pytest.raises(services.RateLimited):
        services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(30))


@pytest.mark.django_db
def test_a_beat_that_credits_nothing_leaves_the_day_and_progress_untouched(hire, lesson):
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=T0)
    progress = LessonProgress.objects.get()
    assert services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=0, now=at(10)) == 0
    assert LessonProgress.objects.get().last_active_at == progress.last_active_at
    assert LearningDay.objects.get().seconds == 15


@pytest.mark.django_db
def test_a_beat_stamped_before_the_window_started_counts_in_the_window(hire, lesson):
    for n in range(12):
        services.credit_heartbeat(
            person=hire, lesson=lesson, claimed_seconds=15, now=at(10 + 4 * n)
        )
    # A request overtaken by the others must not open a fresh window.
    with pytest.raises(services.RateLimited):
        services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(5))


@pytest.mark.django_db
def test_a_server_clock_set_back_a_minute_starts_a_new_window(hire, lesson):
    for n in range(12):
        services.credit_heartbeat(
            person=hire, lesson=lesson, claimed_seconds=15, now=at(120 + 4 * n)
        )
    assert (
        services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(60)) == 0
    )
    assert ActivityClock.objects.get(person=hire).window_beats == 1
