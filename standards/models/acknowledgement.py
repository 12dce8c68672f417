"""Acknowledgements ("I have read this standard") and the changes that reset them.

An acknowledgement records which revision of the page the person read. A
``PageChange`` is a change note an editor writes when saving a page; when the
revision it belongs to (or a later one) is published, the change takes
effect. A change that requires re-acknowledgement makes earlier
acknowledgements stop counting, but only for the roles it names (none named:
everyone). Acknowledgements outlive the page: its title is kept with them.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from standards.conf import role_page_choices


class AcknowledgeablePageMixin(models.Model):
    """A page reps confirm they have read (funnel stages and norms topics)."""

    acknowledgement_roles = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("who must acknowledge"),
        blank=True,
        related_name="+",
        limit_choices_to=role_page_choices,
        help_text=_(
            "The roles that must confirm they have read this page. "
            "Leave all unticked to ask everyone."
        ),
    )

    acknowledgement_panels = [
        MultiFieldPanel(
            [
                FieldPanel("acknowledgement_roles", widget=forms.CheckboxSelectMultiple),
                FieldPanel("change_note"),
                FieldPanel("requires_reacknowledgement"),
                FieldPanel("reacknowledgement_roles", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Acknowledgement and change note"),
        )
    ]

    is_acknowledgeable = True

    class Meta:
        abstract = True


class PageChange(models.Model):
    """A change note written with a revision, effective once that revision is live."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    revision_id = models.PositiveBigIntegerField(_("revision"))
    note = models.CharField(_("change note"), max_length=500, blank=True)
    requires_reacknowledgement = models.BooleanField(
        _("requires re-acknowledgement"), default=False
    )
    roles = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("roles that must re-acknowledge"),
        blank=True,
        related_name="+",
        limit_choices_to=role_page_choices,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    published_revision_id = models.PositiveBigIntegerField(
        _("published in revision"), null=True, blank=True, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("page change")
        verbose_name_plural = _("page changes")
        ordering = ["-published_at", "-revision_id"]
        indexes = [models.Index(fields=["page", "published_revision_id"])]

    def __str__(self):
        return self.note or str(self.revision_id)


class Acknowledgement(models.Model):
    """A person's confirmation that they read a given revision of a page."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="acknowledgements",
    )
    page_title = models.CharField(_("page title"), max_length=255)
    revision_id = models.PositiveBigIntegerField(_("revision read"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), db_index=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "page", "revision_id"], name="one_acknowledgement_per_revision"
            )
        ]

    def __str__(self):
        return f"{self.person_id} read {self.page_title} (r{self.revision_id})"
