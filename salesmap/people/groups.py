"""The three kinds of users. Group names are data (created by a data migration),
so they are kept in English; templates show the translated labels below."""

from django.utils.translation import gettext_lazy as _

NEW_HIRES = "New hires"
MANAGERS = "Managers"
SALES_OPS = "Sales Ops"

LABELS = {
    NEW_HIRES: _("New hire"),
    MANAGERS: _("Manager"),
    SALES_OPS: _("Sales Ops"),
}
