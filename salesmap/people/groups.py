"""The kinds of users. Group names are data (created by a data migration),
so they are kept in English; templates show the translated labels below."""

from django.utils.translation import gettext_lazy as _

NEW_HIRES = "New hires"
MANAGERS = "Managers"
SALES_OPS = "Sales Ops"
# Sales Ops who also approve Sales Map changes in the review workflow.
SALES_OPS_LEADS = "Sales Ops leads"

LABELS = {
    NEW_HIRES: _("New hire"),
    MANAGERS: _("Manager"),
    SALES_OPS: _("Sales Ops"),
    SALES_OPS_LEADS: _("Sales Ops lead"),
}

SALES_OPS_GROUPS = (SALES_OPS, SALES_OPS_LEADS)
