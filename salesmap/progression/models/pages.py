from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from standards.models import ReviewedPageMixin
from standards.page_forms import SalesMapPageForm

from ..blocks import KpiBlock

MAX_MONTHS_AT_LEVEL = 120


class RolesIndexPage(ReviewedPageMixin, Page):
    """The list of roles in the department (SDR, AE, sales manager, ...)."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("How roles and levels work in this department."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = SalesMapPageForm
    parent_page_types = ["home.SalesMapHomePage"]
    subpage_types = ["progression.RolePage"]
    max_count = 1

    class Meta:
        verbose_name = _("roles index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["roles"] = self.get_children().live().specific()
        return context


class RolePage(ReviewedPageMixin, Page):
    """One role; its levels are its child pages, in the order people progress."""

    short_name = models.CharField(
        _("short name"),
        max_length=20,
        help_text=_("The abbreviation people use, e.g. SDR or AE."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What people in this role do, in one or two sentences."),
    )

    on_career_path = models.BooleanField(
        _("on the career path"),
        default=True,
        help_text=_(
            "Show this role's levels as next steps on everyone's onboarding path "
            "(SDR → AE → sales manager). Untick for a separate track such as Sales Ops."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_name"),
        FieldPanel("summary"),
        FieldPanel("on_career_path"),
    ]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    base_form_class = SalesMapPageForm
    parent_page_types = ["progression.RolesIndexPage"]
    subpage_types = ["progression.LevelPage"]

    class Meta:
        verbose_name = _("role")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["levels"] = self.get_children().live().specific()
        return context


class LevelPage(ReviewedPageMixin, Page):
    """A step within a role (e.g. SDR I, SDR II)."""

    short_name = models.CharField(
        _("short name"),
        max_length=30,
        help_text=_("How the level is written in tables, e.g. SDR I."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What a person at this level is expected to do."),
    )

    expectations = RichTextField(
        _("expectations"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        help_text=_("What a person at this level knows and shows day to day."),
    )
    kpis = StreamField(
        [("kpi", KpiBlock())],
        verbose_name=_("KPIs"),
        blank=True,
        help_text=_("The result, process and efficiency KPIs of this level, with targets."),
    )
    typical_months_min = models.PositiveSmallIntegerField(
        _("typical time at this level, from (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_MONTHS_AT_LEVEL)],
        help_text=_("The shortest usual stay at this level, in months."),
    )
    typical_months_max = models.PositiveSmallIntegerField(
        _("to (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_MONTHS_AT_LEVEL)],
        help_text=_("The longest usual stay, in months. Leave empty for open-ended."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_name"),
        FieldPanel("summary"),
        FieldPanel("expectations"),
        FieldPanel("kpis"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("typical_months_min"), FieldPanel("typical_months_max")])],
            heading=_("Typical time at this level"),
        ),
    ]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    plan_panels = [
        InlinePanel(
            "requirements",
            label=_("requirement"),
            heading=_("Requirements"),
            help_text=_(
                "What a person must do at this level before promotion, in plan order. "
                "Due days count from their first day at the level."
            ),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(plan_panels, heading=_("Onboarding plan")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("expectations"),
        index.SearchField("kpis"),
    ]
    base_form_class = SalesMapPageForm
    parent_page_types = ["progression.RolePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("level")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(typical_months_min__isnull=True)
                | models.Q(typical_months_max__isnull=True)
                | models.Q(typical_months_min__lte=models.F("typical_months_max")),
                name="level_typical_months_in_order",
            )
        ]

    def clean(self):
        super().clean()
        low, high = self.typical_months_min, self.typical_months_max
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"typical_months_max": _("The upper bound cannot be below the lower bound.")}
            )
