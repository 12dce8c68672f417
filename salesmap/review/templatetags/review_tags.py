"""Small formatting helpers of the review pages."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

register = template.Library()


@register.filter
def whole_percent(value):
    """A percentage rounded to a whole number: "83%"; a dash for none."""
    if value is None or value == "":
        return "—"
    return f"{round(value)}%"


@register.filter
def ratio(value):
    """A ratio of time to estimate: "2.4×" in the reader's number format."""
    if value is None:
        return "—"
    return f"{number_format(value, 1)}×"


@register.simple_tag
def days_ago(days):
    """Whole days since something: "today", "yesterday", "5 days ago"."""
    if days is None:
        return "—"
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    return ngettext("%(count)s day ago", "%(count)s days ago", days) % {"count": days}


@register.filter
def index(sequence, position):
    """``sequence[position]`` (for walking two lists side by side)."""
    return sequence[position]


HEAT_LABELS = {
    "not_assigned": pgettext_lazy("heatmap cell", "not for their role"),
    "not_started": pgettext_lazy("heatmap cell", "not started"),
    "started": pgettext_lazy("heatmap cell", "started"),
    "done": pgettext_lazy("heatmap cell", "done"),
    "passed": pgettext_lazy("heatmap cell", "passed"),
    "failed": pgettext_lazy("heatmap cell", "failed"),
    "waiting": pgettext_lazy("heatmap cell", "waiting for marking"),
}


@register.simple_tag
def heat_label(cell):
    """A heatmap cell in words: "done, quiz 83%"."""
    label = str(HEAT_LABELS[cell.state])
    if cell.percent is not None:
        return _("%(state)s, score %(percent)s%%") % {
            "state": label,
            "percent": round(cell.percent),
        }
    return label
