"""Blocks only lessons have, added to the Sales Map's shared content blocks."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from standards.blocks import content_blocks


class KeyTakeawaysBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("title"), required=False, max_length=120, default=_("Key takeaways")
    )
    points = blocks.ListBlock(
        blocks.CharBlock(label=pgettext_lazy("key takeaways", "point"), max_length=300),
        label=pgettext_lazy("key takeaways", "points"),
        min_num=1,
    )

    class Meta:
        icon = "pick"
        template = "lessons/blocks/key_takeaways.html"
        label = _("Key takeaways")
        description = _("The few things a reader must remember, as a short list.")
        preview_value = {
            "title": "Key takeaways",
            "points": [
                "Qualify before you demo.",
                "Write the next step and its date in the CRM before you hang up.",
            ],
        }


class ChecklistItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("item"), max_length=300)
    hint = blocks.CharBlock(label=_("hint"), required=False, max_length=300)

    class Meta:
        icon = "tick"
        label = _("Checklist item")


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    items = blocks.ListBlock(ChecklistItemBlock(), label=_("items"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "lessons/blocks/checklist.html"
        label = _("Checklist")
        description = _("Steps to follow on the job, e.g. before a discovery call.")
        preview_value = {
            "title": "Before the call",
            "items": [
                {"text": "Read the company's site and the lead's LinkedIn", "hint": ""},
                {"text": "Write three discovery questions", "hint": "Open questions only"},
            ],
        }


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        label=_("page"),
        help_text=_("A knowledge article, a norms topic, a stage standard or another lesson."),
    )
    note = blocks.CharBlock(label=_("why read it"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        template = "lessons/blocks/page_link.html"
        label = _("Link to a Sales Map page")
        description = _("Points the reader to a knowledge article or another page to read next.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=120,
        help_text=_("Shown instead of the document's own title."),
    )
    note = blocks.CharBlock(label=_("what it is for"), required=False, max_length=250)

    class Meta:
        icon = "download"
        template = "lessons/blocks/document.html"
        label = _("Downloadable document")
        description = _("A file to download: a template, a price sheet, a call script.")


def lesson_body_blocks():
    """A lesson's body: the shared content blocks plus the lesson-only ones."""
    return [
        *content_blocks(),
        ("key_takeaways", KeyTakeawaysBlock()),
        ("checklist", ChecklistBlock()),
        ("page_link", PageLinkBlock()),
        ("document", DocumentBlock()),
    ]
