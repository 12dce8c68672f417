"""Blocks of the role and level pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class KpiBlock(blocks.StructBlock):
    """A KPI a person at this level is measured by (see the KPI kinds in DOMAIN.md)."""

    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("result", _("Result")),
            ("process", _("Process")),
            ("efficiency", _("Efficiency")),
        ],
        default="result",
    )
    name = blocks.CharBlock(label=_("KPI"), max_length=120)
    target = blocks.CharBlock(label=_("target"), required=False, max_length=120)
    how_measured = blocks.CharBlock(label=_("how it is measured"), required=False, max_length=250)

    class Meta:
        icon = "order"
        template = "progression/blocks/kpi.html"
        label = _("KPI")
        description = _("A result, process or efficiency KPI with its target.")
        preview_value = {
            "kind": "process",
            "name": "Speed of first response",
            "target": "under 15 minutes",
            "how_measured": "CRM: time from request to first call",
        }
