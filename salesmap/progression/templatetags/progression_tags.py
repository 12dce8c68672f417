from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import selectors

register = template.Library()

PILLS = {
    selectors.DONE: "pill--ok",
    selectors.WAIVED: "pill--neutral",
    selectors.IN_PROGRESS: "",
    selectors.NOT_STARTED: "pill--neutral",
    selectors.OVERDUE: "pill--bad",
    selectors.UNAVAILABLE: "pill--neutral",
}


def _labels():
    return {
        selectors.DONE: _("Done"),
        selectors.WAIVED: _("Waived"),
        selectors.IN_PROGRESS: _("In progress"),
        selectors.NOT_STARTED: _("Not started"),
        selectors.OVERDUE: _("Overdue"),
        selectors.UNAVAILABLE: _("No longer available"),
    }


@register.inclusion_tag("progression/includes/status_pill.html")
def status_pill(state):
    return {"label": _labels().get(state, state), "modifier": PILLS.get(state, "")}


@register.simple_tag
def due_label(item, today):
    """When an item is due or was done, in words relative to ``today``."""
    if item.state == selectors.DONE and item.achieved_on:
        return _("Done on %(date)s") % {"date": date_format(item.achieved_on, "j M")}
    if item.due_on is None or item.state in (selectors.WAIVED, selectors.UNAVAILABLE):
        return ""
    days = (item.due_on - today).days
    if days < 0:
        return ngettext("%(count)d day overdue", "%(count)d days overdue", -days) % {"count": -days}
    if days == 0:
        return _("Due today")
    if days <= 14:
        return ngettext("Due tomorrow", "Due in %(count)d days", days) % {"count": days}
    return _("Due %(date)s") % {"date": date_format(item.due_on, "j M")}
