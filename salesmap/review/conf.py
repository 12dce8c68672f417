"""The review area's thresholds, overridable in settings::

    SALESMAP_REVIEW = {"STALLED_DAYS": 5, "LOW_SCORE_PERCENT": 75}

Read at call time, so tests may override settings.
"""

from django.conf import settings

DEFAULTS = {
    # Flag "stalled": no learning or quiz activity for this many days.
    "STALLED_DAYS": 7,
    # Flag "low scores": average or latest quiz score below this percent.
    "LOW_SCORE_PERCENT": 70,
    # Flag "time far above / below estimate": active time on completed
    # lessons over their estimate, above HIGH or below LOW (a ratio), once
    # at least TIME_MIN_LESSONS lessons are completed.
    "TIME_HIGH_RATIO": 2.0,
    "TIME_LOW_RATIO": 0.5,
    "TIME_MIN_LESSONS": 2,
    # Reminders: items due within this many days are "due soon".
    "DUE_SOON_DAYS": 3,
    # The brief's time-per-day chart covers this many days.
    "CHART_DAYS": 28,
}


def setting(name):
    return getattr(settings, "SALESMAP_REVIEW", {}).get(name, DEFAULTS[name])
