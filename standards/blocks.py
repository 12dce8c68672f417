"""StreamField blocks of the Sales Map.

The content blocks (``content_blocks``) are shared: knowledge articles here
and lessons later build their bodies from them, so a callout or a dialogue
looks the same everywhere. The stage blocks below them describe the parts of
a funnel stage's standard. Every block names its icon, template, description
and a preview value for Wagtail's block picker.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

BODY_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "blockquote", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "standards/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading; it also appears in the page's table of contents.")
        preview_value = {"text": "Handling the price objection", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=BODY_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "standards/blocks/paragraph.html"
        label = _("Text")
        description = _("Paragraphs, lists and links.")
        preview_value = (
            "<p>Call back within <b>15 minutes</b> of an inbound request; after an hour "
            "the chance to reach the buyer halves.</p>"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for screen readers. Leave empty if decorative."),
    )

    class Meta:
        icon = "image"
        template = "standards/blocks/figure.html"
        label = _("Image")
        description = _("An image with a caption, e.g. a CRM screenshot.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("video link"),
        help_text=_("A YouTube, Vimeo or other oEmbed link."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "standards/blocks/video.html"
        label = _("Video")
        description = _("An embedded video, e.g. a recorded model call.")


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("tip", _("Tip")),
            ("important", _("Important")),
            ("warning", _("Warning")),
        ],
        default="tip",
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "standards/blocks/callout.html"
        label = _("Callout")
        description = _("A highlighted tip, rule or warning.")
        preview_value = {
            "tone": "important",
            "title": "Never send a price before discovery",
            "text": "<p>A price without context anchors the client to the cheapest option.</p>",
        }


class DialogueLineBlock(blocks.StructBlock):
    speaker = blocks.ChoiceBlock(
        label=_("speaker"),
        choices=[("rep", _("Rep")), ("client", _("Client")), ("note", _("Stage direction"))],
        default="rep",
    )
    text = blocks.TextBlock(label=_("line"), max_length=1000)

    class Meta:
        icon = "comment"
        template = "standards/blocks/dialogue_line.html"
        label = pgettext_lazy("one line of a dialogue", "Line")
        description = _("One line of a script.")
        preview_value = {"speaker": "client", "text": "It's too expensive for us."}


class DialogueBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    lines = blocks.ListBlock(DialogueLineBlock(), label=_("lines"), min_num=1)

    class Meta:
        icon = "openquote"
        template = "standards/blocks/dialogue.html"
        label = _("Script / dialogue")
        description = _("A script or model dialogue between a rep and a client.")
        preview_value = {
            "title": "Price objection",
            "lines": [
                {"speaker": "client", "text": "It's too expensive for us."},
                {
                    "speaker": "rep",
                    "text": "Compared with what? Let's look at the cost of doing nothing.",
                },
            ],
        }


class StandardLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        label=_("standard"),
        page_type=["standards.FunnelStagePage", "standards.NormsTopicPage"],
    )
    note = blocks.CharBlock(
        label=_("why it is relevant"),
        required=False,
        max_length=250,
    )

    class Meta:
        icon = "link"
        template = "standards/blocks/standard_link.html"
        label = _("Link to a standard")
        description = _("Points the reader to a funnel stage standard or a norms topic.")


def content_blocks():
    """The body blocks shared by knowledge articles and lessons (new instances each call)."""
    return [
        ("heading", HeadingBlock()),
        ("paragraph", ParagraphBlock()),
        ("image", FigureBlock()),
        ("video", VideoBlock()),
        ("callout", CalloutBlock()),
        ("dialogue", DialogueBlock()),
        ("standard_link", StandardLinkBlock()),
    ]


# --- Parts of a funnel stage's standard -------------------------------------------------


class CrmStatusBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("status in the CRM"), max_length=80)
    meaning = blocks.CharBlock(label=_("when a deal has it"), required=False, max_length=250)

    class Meta:
        icon = "tag"
        template = "standards/blocks/crm_status.html"
        label = _("CRM status")
        description = _("A CRM status that belongs to this stage.")
        preview_value = {"name": "Qualified", "meaning": "Budget, need and decision maker known."}


class StageTaskBlock(blocks.StructBlock):
    task = blocks.CharBlock(label=_("task"), max_length=200)
    key_standards = blocks.ListBlock(
        blocks.CharBlock(max_length=300),
        label=_("key standards"),
        help_text=_("How the task must be done: one measurable standard per line."),
    )
    norm = blocks.PageChooserBlock(
        label=_("related norms"),
        page_type=["standards.NormsTopicPage"],
        required=False,
    )

    class Meta:
        icon = "tasks"
        template = "standards/blocks/stage_task.html"
        label = _("Task")
        description = _("One of the rep's tasks at this stage and its key standards.")
        preview_value = {
            "task": "Call the new lead",
            "key_standards": ["Within 15 minutes in working hours", "Log the call in the CRM"],
        }


class AutomationBlock(blocks.StructBlock):
    trigger = blocks.CharBlock(label=_("when"), max_length=200)
    action = blocks.CharBlock(label=_("what happens"), max_length=300)
    recipient = blocks.ChoiceBlock(
        label=_("who it addresses"),
        choices=[
            ("rep", _("Rep")),
            ("manager", _("Manager")),
            ("client", _("Client")),
            ("system", _("CRM (no one)")),
        ],
        default="rep",
    )

    class Meta:
        icon = "cogs"
        template = "standards/blocks/automation.html"
        label = _("Automatic scenario or reminder")
        description = _("What the CRM does by itself at this stage.")
        preview_value = {
            "trigger": "No activity for 2 days",
            "action": "Task 'Follow up' created for the deal owner",
            "recipient": "rep",
        }


class MetricBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("what is measured"), max_length=120)
    unit = blocks.ChoiceBlock(
        label=_("unit"),
        choices=[
            ("count", _("Count")),
            ("money", _("Money")),
            ("time", _("Time")),
            ("percent", _("Percent")),
        ],
        default="count",
    )
    target = blocks.CharBlock(label=_("target"), required=False, max_length=120)

    class Meta:
        icon = "order"
        template = "standards/blocks/metric.html"
        label = _("Metric")
        description = _("What is counted at this stage (count, money or time).")
        preview_value = {"name": "Time to first call", "unit": "time", "target": "15 min"}


class ClientCardFieldBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("field"), max_length=120)
    required = blocks.BooleanBlock(
        label=_("required to leave the stage"), required=False, default=True
    )
    note = blocks.CharBlock(label=_("note"), required=False, max_length=250)

    class Meta:
        icon = "form"
        template = "standards/blocks/client_card_field.html"
        label = _("Client card field")
        description = _("Client data that must be filled in at this stage.")
        preview_value = {"name": "Decision maker", "required": True, "note": "Name and role"}


class LoggedItemBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("call", _("Call")),
            ("email", _("Email")),
            ("meeting", _("Meeting")),
            ("comment", _("Comment")),
            ("document", _("Document")),
        ],
        default="call",
    )
    rule = blocks.CharBlock(label=_("what is logged"), max_length=250)

    class Meta:
        icon = "list-ul"
        template = "standards/blocks/logged_item.html"
        label = _("Logged item")
        description = _("What the rep records in the CRM at this stage.")
        preview_value = {"kind": "call", "rule": "Every call with a one-line outcome"}


class SubTaskBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("sub-task"), max_length=120)
    description = blocks.CharBlock(label=_("description"), required=False, max_length=300)

    class Meta:
        icon = "list-ol"
        template = "standards/blocks/subtask.html"
        label = _("Sub-task")
        description = _("A sub-task of the stage, e.g. pre-sale, contract or invoice.")
        preview_value = {"title": "Invoice", "description": "Issued the day the contract is signed"}


class MistakeBlock(blocks.StructBlock):
    mistake = blocks.CharBlock(label=_("mistake"), max_length=250)
    instead = blocks.CharBlock(label=_("do instead"), required=False, max_length=300)

    class Meta:
        icon = "cross"
        template = "standards/blocks/mistake.html"
        label = _("Common mistake")
        description = _("A mistake reps often make here, and what to do instead.")
        preview_value = {
            "mistake": "Sending the proposal without a follow-up date",
            "instead": "Agree the date of the next call before the proposal goes out",
        }


def example_blocks():
    """Blocks for a stage's worked examples: text, dialogue and callouts."""
    return [
        ("paragraph", ParagraphBlock()),
        ("dialogue", DialogueBlock()),
        ("callout", CalloutBlock()),
    ]
