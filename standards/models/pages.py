"""The standards of the Sales Map: norms and rules, the funnel and its stages."""

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from standards import blocks
from standards.conf import role_page_choices
from standards.page_forms import AcknowledgeablePageForm, FunnelStagePageForm, SalesMapPageForm

from .acknowledgement import AcknowledgeablePageMixin
from .review import ReviewedPageMixin

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]
MAX_STAGE_DAYS = 365


class NormsIndexPage(ReviewedPageMixin, Page):
    """The norms and rules of the department, one child page per topic."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("Why these norms exist and how they are kept."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = SalesMapPageForm
    parent_page_types = ["home.SalesMapHomePage"]
    subpage_types = ["standards.NormsTopicPage"]
    max_count = 1

    class Meta:
        verbose_name = _("norms and rules")
        verbose_name_plural = _("norms and rules")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = (
            NormsTopicPage.objects.child_of(self).live().prefetch_related("rules").order_by("path")
        )
        return context


class NormsTopicPage(AcknowledgeablePageMixin, ReviewedPageMixin, Page):
    """A topic of the norms (e.g. "Working with the CRM"): a list of structured rules."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("What this topic covers, in a sentence or two."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("rules", heading=_("Rules"), label=_("rule"), min_num=1),
    ]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                AcknowledgeablePageMixin.acknowledgement_panels, heading=_("Acknowledgement")
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "rules",
            [
                index.SearchField("rule"),
                index.SearchField("rationale"),
                index.SearchField("good_example"),
                index.SearchField("bad_example"),
            ],
        ),
    ]
    api_fields = [APIField("intro"), APIField("rules")]
    base_form_class = AcknowledgeablePageForm
    parent_page_types = ["standards.NormsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("norms topic")
        verbose_name_plural = _("norms topics")


class NormRule(Orderable):
    """One rule: what is always (or never) done, why, and an example of each."""

    class Kind(models.TextChoices):
        ALWAYS = "always", _("Always")
        NEVER = "never", _("Never")

    page = ParentalKey(NormsTopicPage, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.ALWAYS,
        help_text=_("Whether this is something we always do or never do."),
    )
    rule = models.CharField(
        _("rule"), max_length=255, help_text=_("The rule itself, in one sentence.")
    )
    rationale = models.TextField(
        _("why it exists"), help_text=_("The reason behind the rule: what goes wrong without it.")
    )
    good_example = models.TextField(
        _("good example"), blank=True, help_text=_("What following the rule looks like.")
    )
    bad_example = models.TextField(
        _("bad example"), blank=True, help_text=_("What breaking the rule looks like.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("rule")]),
        FieldPanel("rationale"),
        FieldRowPanel([FieldPanel("good_example"), FieldPanel("bad_example")]),
    ]
    api_fields = [
        APIField("kind"),
        APIField("rule"),
        APIField("rationale"),
        APIField("good_example"),
        APIField("bad_example"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self):
        return self.rule


@register_snippet
class ClientGroup(models.Model):
    """A client segment with its own variant of the funnel (e.g. SMB, Enterprise)."""

    name = models.CharField(
        _("name"), max_length=80, unique=True, help_text=_("E.g. SMB or Enterprise.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Which clients belong to this group.")
    )

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        verbose_name = _("client group")
        verbose_name_plural = _("client groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FunnelPage(ReviewedPageMixin, Page):
    """The funnel overview: its stages are the child pages, in the order deals move."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("How requests move through the funnel, in a few sentences."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    base_form_class = SalesMapPageForm
    parent_page_types = ["home.SalesMapHomePage"]
    subpage_types = ["standards.FunnelStagePage"]
    max_count = 1

    class Meta:
        verbose_name = _("funnel")
        verbose_name_plural = _("funnels")

    def stages(self):
        """The live stages in funnel order with their next steps (two queries)."""
        return (
            FunnelStagePage.objects.child_of(self)
            .live()
            .order_by("path")
            .prefetch_related("next_stages")
        )

    def get_context(self, request, *args, **kwargs):
        from standards.funnel_diagram import funnel_diagram

        context = super().get_context(request, *args, **kwargs)
        stages = list(self.stages())
        context["stages"] = stages
        context["diagram"] = funnel_diagram(stages)
        return context


class FunnelStagePage(AcknowledgeablePageMixin, ReviewedPageMixin, Page):
    """The standard of one funnel stage: everything a rep must do and log there."""

    summary = models.TextField(
        _("purpose"),
        help_text=_("What the stage is for and when a deal is in it, in one or two sentences."),
    )
    crm_statuses = StreamField(
        [("status", blocks.CrmStatusBlock())],
        verbose_name=_("CRM statuses"),
        blank=True,
        help_text=_("The statuses in the CRM that belong to this stage."),
    )
    tasks = StreamField(
        [("task", blocks.StageTaskBlock())],
        verbose_name=_("rep's tasks"),
        blank=True,
        help_text=_("What the rep does at this stage, each task with its key standards."),
    )
    recommended_days = models.PositiveSmallIntegerField(
        _("recommended days in stage"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_STAGE_DAYS)],
        help_text=_("How long a deal may stay in this stage. Leave empty for no limit."),
    )
    rep_reminder = models.CharField(
        _("reminder to the rep"),
        max_length=250,
        blank=True,
        help_text=_("What the rep is reminded of when the recommended time is exceeded."),
    )
    manager_alert_after_days = models.PositiveSmallIntegerField(
        _("notify the manager after (extra days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_STAGE_DAYS)],
        help_text=_(
            "Days past the recommended time after which the manager is notified. "
            "0 notifies at once; empty never."
        ),
    )
    manager_alert = models.CharField(
        _("notification to the manager"),
        max_length=250,
        blank=True,
        help_text=_("What the manager is told and expected to do."),
    )
    next_stages = ParentalManyToManyField(
        "self",
        verbose_name=_("allowed next stages"),
        symmetrical=False,
        blank=True,
        related_name="previous_stages",
        help_text=_("The closed list of stages a deal may move to from here."),
    )
    automations = StreamField(
        [("automation", blocks.AutomationBlock())],
        verbose_name=_("automatic scenarios and reminders"),
        blank=True,
        help_text=_("What the CRM does by itself at this stage."),
    )
    metrics = StreamField(
        [("metric", blocks.MetricBlock())],
        verbose_name=_("what is measured"),
        blank=True,
        help_text=_("The counts, money and times measured at this stage."),
    )
    client_card_fields = StreamField(
        [("field", blocks.ClientCardFieldBlock())],
        verbose_name=_("client card fields"),
        blank=True,
        help_text=_("The client data that must be filled in at this stage."),
    )
    logging_rules = StreamField(
        [("item", blocks.LoggedItemBlock())],
        verbose_name=_("what is logged"),
        blank=True,
        help_text=_("Calls, emails, meetings and comments the rep records."),
    )
    subtasks = StreamField(
        [("subtask", blocks.SubTaskBlock())],
        verbose_name=_("sub-tasks"),
        blank=True,
        help_text=_("Sub-tasks of the stage, e.g. pre-sale, contract, invoice."),
    )
    examples = StreamField(
        blocks.example_blocks(),
        verbose_name=_("examples"),
        blank=True,
        help_text=_("Worked examples: a good email, a model dialogue."),
    )
    common_mistakes = StreamField(
        [("mistake", blocks.MistakeBlock())],
        verbose_name=_("common mistakes"),
        blank=True,
        help_text=_("Mistakes reps often make here, and what to do instead."),
    )
    owner_roles = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("roles that own the stage"),
        blank=True,
        related_name="+",
        limit_choices_to=role_page_choices,
        help_text=_("Who is responsible for deals in this stage."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("owner_roles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("crm_statuses"),
        FieldPanel("tasks"),
        FieldPanel("subtasks"),
    ]
    flow_panels = [
        MultiFieldPanel(
            [
                FieldPanel("recommended_days"),
                FieldPanel("rep_reminder"),
                FieldRowPanel(
                    [FieldPanel("manager_alert_after_days"), FieldPanel("manager_alert")]
                ),
            ],
            heading=_("Time in stage and escalation"),
        ),
        FieldPanel("next_stages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("automations"),
    ]
    data_panels = [
        FieldPanel("metrics"),
        FieldPanel("client_card_fields"),
        FieldPanel("logging_rules"),
    ]
    example_panels = [FieldPanel("examples"), FieldPanel("common_mistakes")]
    variant_panels = [
        InlinePanel("variants", heading=_("Client group variants"), label=_("variant")),
    ]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Standard")),
            ObjectList(flow_panels, heading=_("Timing and flow")),
            ObjectList(data_panels, heading=_("Data and measures")),
            ObjectList(example_panels, heading=_("Examples")),
            ObjectList(variant_panels, heading=_("Variants")),
            ObjectList(
                AcknowledgeablePageMixin.acknowledgement_panels, heading=_("Acknowledgement")
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("crm_statuses"),
        index.SearchField("tasks"),
        index.SearchField("rep_reminder"),
        index.SearchField("manager_alert"),
        index.SearchField("automations"),
        index.SearchField("metrics"),
        index.SearchField("client_card_fields"),
        index.SearchField("logging_rules"),
        index.SearchField("subtasks"),
        index.SearchField("examples"),
        index.SearchField("common_mistakes"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("crm_statuses"),
        APIField("tasks"),
        APIField("recommended_days"),
        APIField("rep_reminder"),
        APIField("manager_alert_after_days"),
        APIField("manager_alert"),
        APIField("next_stages"),
        APIField("automations"),
        APIField("metrics"),
        APIField("client_card_fields"),
        APIField("logging_rules"),
        APIField("subtasks"),
        APIField("common_mistakes"),
        APIField("variants"),
    ]
    base_form_class = FunnelStagePageForm
    parent_page_types = ["standards.FunnelPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("funnel stage")
        verbose_name_plural = _("funnel stages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # filter(live=True), not live(): previews run on modelcluster's fake querysets.
        context["next_stages"] = self.next_stages.filter(live=True).order_by("path")
        context["owner_roles"] = self.owner_roles.filter(live=True).order_by("path")
        context["variants"] = self.variants.select_related("client_group")
        return context


class StageVariant(Orderable):
    """How a stage differs for one client group (e.g. a longer cycle for Enterprise)."""

    page = ParentalKey(FunnelStagePage, on_delete=models.CASCADE, related_name="variants")
    client_group = models.ForeignKey(
        ClientGroup,
        verbose_name=_("client group"),
        on_delete=models.CASCADE,
        related_name="stage_variants",
        help_text=_("Manage the list under Snippets → Client groups."),
    )
    recommended_days = models.PositiveSmallIntegerField(
        _("recommended days in stage"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_STAGE_DAYS)],
        help_text=_("Leave empty when it is the same as the main standard."),
    )
    differences = RichTextField(
        _("what is different"),
        features=INTRO_FEATURES,
        help_text=_("What reps do differently for this client group at this stage."),
    )

    panels = [
        FieldRowPanel([FieldPanel("client_group"), FieldPanel("recommended_days")]),
        FieldPanel("differences"),
    ]
    api_fields = [APIField("client_group"), APIField("recommended_days"), APIField("differences")]

    class Meta(Orderable.Meta):
        verbose_name = _("client group variant")
        verbose_name_plural = _("client group variants")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "client_group"], name="one_variant_per_client_group"
            )
        ]

    def __str__(self):
        return str(self.client_group)
