"""Practice evaluations: scoring a person's real calls, emails, presentations
and meetings against a scorecard that Sales Ops keep.

A scorecard is a template (criteria with weights and a guide of what good
looks like, each tied to the standard it checks). An evaluation copies the
name and weight of every criterion it scored, so editing or deleting a
scorecard never changes a past evaluation or its percent.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable
from wagtail.search import index

MAX_WEIGHT = 10
STAGE_PAGE_TYPE = "standards.FunnelStagePage"
STANDARD_PAGE_TYPES = ["standards.FunnelStagePage", "standards.NormsTopicPage"]


class EvaluationKind(models.TextChoices):
    CALL = "call", pgettext_lazy("evaluation kind", "Call")
    EMAIL = "email", pgettext_lazy("evaluation kind", "Email")
    PRESENTATION = "presentation", pgettext_lazy("evaluation kind", "Presentation")
    MEETING = "meeting", pgettext_lazy("evaluation kind", "Meeting")


class Rating(models.IntegerChoices):
    """How well one criterion was met. ``None`` (not applicable) leaves it out."""

    NOT_SHOWN = 0, _("0 – not done")
    POOR = 1, _("1 – poor")
    PARTLY = 2, _("2 – partly")
    GOOD = 3, _("3 – good")
    EXCELLENT = 4, _("4 – excellent")


MAX_RATING = Rating.EXCELLENT.value


class ScorecardQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Scorecard(index.Indexed, ClusterableModel):
    """The template a manager scores a piece of real work with."""

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind of work"), max_length=20, choices=EvaluationKind.choices)
    stage = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("funnel stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the funnel stage this scorecard is for, e.g. Discovery."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("When to use this scorecard and what to listen for."),
    )
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Scorecards no longer in use are not offered; their evaluations stay."),
    )

    objects = ScorecardQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        PageChooserPanel("stage", page_type=STAGE_PAGE_TYPE),
        FieldPanel("description"),
        FieldPanel("active"),
        MultiFieldPanel(
            [InlinePanel("criteria", min_num=1, label=_("criterion"))],
            heading=_("Criteria"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("active"),
    ]

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class ScorecardCriterion(Orderable):
    scorecard = ParentalKey(
        Scorecard, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("criterion"), max_length=160)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)],
        help_text=_("1–10: how much this criterion counts in the overall percent."),
    )
    guide = models.TextField(
        _("what good looks like"),
        blank=True,
        help_text=_("A short guide for the evaluator: what a 4 sounds or reads like."),
    )
    standard = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("standard it checks"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("weight"),
        FieldPanel("guide"),
        PageChooserPanel("standard", page_type=STANDARD_PAGE_TYPES),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name


def overall_percent(ratings):
    """The weighted percent of ``[(weight, rating or None)]``; None when nothing applies.

    Exact to two places, rounded half up (like the quiz engine's percent)."""
    applicable = [(weight, rating) for weight, rating in ratings if rating is not None]
    total = sum(weight for weight, _rating in applicable) * MAX_RATING
    if not total:
        return None
    earned = sum(weight * rating for weight, rating in applicable)
    return (Decimal(earned * 100) / Decimal(total)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


class Evaluation(models.Model):
    """A manager's or mentor's score of one piece of a person's real work."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evaluator_name = models.CharField(_("evaluator's name"), max_length=255)
    scorecard = models.ForeignKey(
        Scorecard,
        verbose_name=_("scorecard"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
    )
    scorecard_name = models.CharField(_("scorecard name"), max_length=120)
    kind = models.CharField(_("kind of work"), max_length=20, choices=EvaluationKind.choices)
    stage_title = models.CharField(_("funnel stage"), max_length=255, blank=True)
    occurred_on = models.DateField(_("date of the work"))
    link = models.URLField(_("link to the recording or CRM record"), max_length=500, blank=True)
    comment = models.TextField(_("feedback"), blank=True)
    percent = models.DecimalField(
        _("overall percent"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The evaluation form's one-time key: a form sent twice records one evaluation.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("practice evaluation")
        verbose_name_plural = _("practice evaluations")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["person", "kind", "occurred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__gte=0) & models.Q(percent__lte=100),
                name="evaluation_percent_in_range",
            )
        ]

    def __str__(self):
        return f"{self.scorecard_name} · {self.occurred_on}"

    def clean(self):
        super().clean()
        if self.person_id and self.person_id == self.evaluator_id:
            raise ValidationError(_("Nobody evaluates their own work."))


class EvaluationScore(models.Model):
    """One criterion's rating, with the criterion's name and weight as they were."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        ScorecardCriterion,
        verbose_name=_("criterion"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("criterion"), max_length=160)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)]
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, choices=Rating.choices
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["evaluation", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__lte=MAX_RATING),
                name="evaluation_rating_in_range",
            )
        ]

    def __str__(self):
        return self.name
