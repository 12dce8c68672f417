"""Template tags of the learning pages: reading time as people read it, and
the chart of active learning per day.

The three time patterns are shared with the lesson tracker script (through
``time_format_attrs``), so a time the script updates reads exactly like the
one the server rendered, in every language.
"""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

register = template.Library()

LESS_THAN_A_MINUTE = _("less than a minute")
MINUTES = _("%(minutes)s min")
HOURS_AND_MINUTES = _("%(hours)s h %(minutes)s min")
# A Django date format (https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date):
# short enough that four of them fit under the chart on a phone.
AXIS_DAY_FORMAT = pgettext_lazy("day labels under the learning-time chart: a date format", "M j")


@register.filter
def active_time(seconds):
    """Seconds as a reader thinks of them: "less than a minute", "12 min",
    "1 h 5 min" (whole minutes, rounded down: time is never overstated)."""
    try:
        seconds = int(seconds or 0)
    except (TypeError, ValueError):
        seconds = 0
    if seconds < 60:
        return str(LESS_THAN_A_MINUTE)
    minutes = seconds // 60
    if minutes < 60:
        return MINUTES % {"minutes": minutes}
    return HOURS_AND_MINUTES % {"hours": minutes // 60, "minutes": minutes % 60}


@register.filter
def estimate(minutes):
    """An estimate in minutes, written like active time ("1 h 30 min")."""
    try:
        minutes = int(minutes or 0)
    except (TypeError, ValueError):
        minutes = 0
    return active_time(minutes * 60)


@register.simple_tag
def time_format_attrs():
    """The tracker's ``data-format-*`` attributes: the three translated patterns
    ``active_time`` uses, for the script to fill in the same way."""
    return format_html(
        'data-format-less-than-minute="{}" data-format-minutes="{}" data-format-hours="{}"',
        LESS_THAN_A_MINUTE,
        MINUTES,
        HOURS_AND_MINUTES,
    )


# The chart's vertical layout in CSS pixels. The SVG has no viewBox: bars are
# placed in percentages of its width and in pixels down its fixed height, so
# it stretches to any width while its labels keep their size (a scaled
# viewBox would shrink them to illegible on a phone).
CHART_TOP = 24  # room for the label of the highest day
CHART_PLOT = 120
CHART_LABELS = 24
LABEL_EVERY = 7  # a date under every seventh bar, counted back from today


@register.inclusion_tag("lessons/includes/days_chart.html")
def learning_days_chart(days, id_prefix="learning-days"):
    """A bar chart of active seconds per day (``[(date, seconds)]``, oldest
    first), scaled to the busiest day, with a table of the same numbers for
    screen readers."""
    days = list(days)
    count = len(days)
    highest = max((seconds for _day, seconds in days), default=0)
    today = timezone.localdate()
    slot = 100 / count if count else 0
    base = CHART_TOP + CHART_PLOT
    bars, labels, rows = [], [], []
    for position, (day, seconds) in enumerate(days):
        when = date_format(day, "DATE_FORMAT")
        time = active_time(seconds)
        rows.append(
            {"day": when, "weekday": date_format(day, "l"), "time": time, "seconds": seconds}
        )
        height = CHART_PLOT * seconds / highest if highest else 0
        if seconds:
            height = max(height, 2)  # a few seconds still show as a sliver
        bars.append(
            {
                "x": f"{slot * (position + 0.18):.3f}%",
                "width": f"{slot * 0.64:.3f}%",
                "y": f"{base - height:.1f}",
                "height": f"{height:.1f}",
                "title": f"{when}: {time}" if seconds else f"{when}: –",
                "empty": not seconds,
                "today": day == today,
            }
        )
        if (count - 1 - position) % LABEL_EVERY == 0:
            last = position == count - 1
            labels.append(
                {
                    # The last label ends at the right edge instead of being cut off.
                    "x": "100%" if last else f"{slot * (position + 0.5):.3f}%",
                    "anchor": "end" if last else "middle",
                    "text": date_format(day, str(AXIS_DAY_FORMAT)),
                }
            )
    busiest = next(((day, s) for day, s in days if s == highest), None) if highest else None
    return {
        "id_prefix": id_prefix,
        "count": count,
        "bars": bars,
        "labels": labels,
        "rows": rows,
        "total": active_time(sum(seconds for _day, seconds in days)),
        "highest": active_time(highest) if highest else "",
        "busiest_day": date_format(busiest[0], "DATE_FORMAT") if busiest else "",
        "top": CHART_TOP,
        "base": base,
        "height": base + CHART_LABELS,
        "label_y": base + 17,
    }
