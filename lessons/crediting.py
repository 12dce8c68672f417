"""The crediting rule: how many seconds of a heartbeat count as study.

The browser says how many active seconds it saw since its last beat; the
server does not trust it. A beat credits at most:

- what it claims, and never less than nothing;
- one interval's cap (``HEARTBEAT_CAP_SECONDS``), however long the gap;
- the wall-clock seconds since the person's previous credited beat, on any
  tab or lesson (``last_beat_at``), so two tabs, a replayed request or a
  forged "3600" can never add up to more than the clock.

The first beat of a person (no previous one) credits at most the cap: the
tracker beats every ~15 s, so the time before a first beat is at most one
interval. Pure functions, so the property tests can drive them directly.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

# The browser beats every ~15 s; 20 s leaves room for a late timer.
DEFAULT_CAP_SECONDS = 20


def cap_seconds():
    return getattr(settings, "LESSONS_HEARTBEAT_CAP_SECONDS", DEFAULT_CAP_SECONDS)


@dataclass(frozen=True)
class Credit:
    """What one beat earned, and the clock to keep for the next one."""

    seconds: int
    last_beat_at: datetime


def creditable_seconds(*, claimed, now, last_beat_at, cap):
    """Seconds to credit for a beat claiming ``claimed`` seconds at ``now``."""
    claimed = max(0, min(int(claimed), cap))
    if last_beat_at is None:
        return claimed
    elapsed = (now - last_beat_at).total_seconds()
    if elapsed <= 0:
        return 0
    # Whole seconds only: a fraction left over is not carried, so rounding
    # can only ever credit less than the clock, never more.
    return min(claimed, int(elapsed))


def credit(*, claimed, now, last_beat_at, cap=None):
    """The credit for one beat and the new ``last_beat_at``.

    The clock only moves forward and never past ``now``. When the whole
    elapsed time is credited, it moves by exactly the credited seconds, so the
    fraction of a second left over counts in the next beat; when less is
    credited (the reader was idle, or the cap applied), it moves to ``now`` and
    the uncredited time is gone. Either way the total credited never exceeds
    the clock since the first beat plus one cap. A beat stamped before the
    previous one (a request that overtook another) credits nothing.
    """
    cap = cap_seconds() if cap is None else cap
    if last_beat_at is not None and now <= last_beat_at:
        return Credit(0, last_beat_at)
    seconds = creditable_seconds(claimed=claimed, now=now, last_beat_at=last_beat_at, cap=cap)
    if last_beat_at is not None and seconds == int((now - last_beat_at).total_seconds()):
        return Credit(seconds, last_beat_at + timedelta(seconds=seconds))
    return Credit(seconds, now)
