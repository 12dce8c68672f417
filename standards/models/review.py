"""Keeping the Sales Map alive: owners, review intervals and verifications.

The owner and the review interval are content (they are versioned with the
page and take effect when it is published). Verifications are not: they are
recorded outside the page so that publishing an older draft can never roll
back who verified the page and when. ``PageReview`` is the one row per page
that reports and the trust score read, kept current by the services.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

DEFAULT_REVIEW_INTERVAL_DAYS = 90
MIN_REVIEW_INTERVAL_DAYS = 7
MAX_REVIEW_INTERVAL_DAYS = 730


class ReviewedPageMixin(models.Model):
    """Fields every Sales Map page has: who owns it and how often it is re-verified."""

    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        # Required in the admin form (SalesMapPageForm); pages made by code may
        # start without one, and the review report lists them as unowned.
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The person who keeps this page true and re-verifies it when its review is due."
        ),
    )
    review_interval_days = models.PositiveSmallIntegerField(
        _("review every (days)"),
        default=DEFAULT_REVIEW_INTERVAL_DAYS,
        validators=[
            MinValueValidator(MIN_REVIEW_INTERVAL_DAYS),
            MaxValueValidator(MAX_REVIEW_INTERVAL_DAYS),
        ],
        help_text=_("How many days a verification holds before the page is due for review."),
    )

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("content_owner"), FieldPanel("review_interval_days")],
            heading=_("Ownership and review"),
        )
    ]

    class Meta:
        abstract = True


class PageReview(models.Model):
    """The review state of one live Sales Map page (one row per page)."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="review",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_page_reviews",
    )
    interval_days = models.PositiveSmallIntegerField(
        _("review interval (days)"), default=DEFAULT_REVIEW_INTERVAL_DAYS
    )
    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_at = models.DateTimeField(_("review due"), db_index=True)

    class Meta:
        verbose_name = _("page review")
        verbose_name_plural = _("page reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interval_days__gte=1), name="page_review_interval_positive"
            )
        ]

    def __str__(self):
        return str(self.page_id)

    def compute_due_at(self, *, since):
        return since + timedelta(days=self.interval_days)


class PageVerification(models.Model):
    """One click of "still true": who verified which page, when (append-only)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="verifications",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), db_index=True)
    revision_id = models.PositiveBigIntegerField(
        _("revision"), null=True, blank=True, help_text=_("The live revision that was verified.")
    )

    class Meta:
        verbose_name = _("page verification")
        verbose_name_plural = _("page verifications")
        ordering = ["-verified_at"]

    def __str__(self):
        return f"{self.page_id} @ {self.verified_at:%Y-%m-%d}"
