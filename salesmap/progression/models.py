from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class RolesIndexPage(Page):
    """The list of roles in the department (SDR, AE, sales manager, ...)."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("How roles and levels work in this department."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.SalesMapHomePage"]
    subpage_types = ["progression.RolePage"]
    max_count = 1

    class Meta:
        verbose_name = _("roles index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["roles"] = self.get_children().live().specific()
        return context


class RolePage(Page):
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

    content_panels = [*Page.content_panels, FieldPanel("short_name"), FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["progression.RolesIndexPage"]
    subpage_types = ["progression.LevelPage"]

    class Meta:
        verbose_name = _("role")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["levels"] = self.get_children().live().specific()
        return context


class LevelPage(Page):
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

    content_panels = [*Page.content_panels, FieldPanel("short_name"), FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["progression.RolePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("level")
