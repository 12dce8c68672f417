"""A level's requirements: the onboarding plan a person works through at that level.

Requirements are inline rows of the level page, so they are drafted,
reviewed and published with it (Wagtail revisions). Each points at what it
asks for (a lesson, a course, a quiz, a standard, practice evaluations or a
manager's sign-off). The target's id and title are kept on the row, so a
target deleted later still shows what it was ("no longer available"), and
what a person achieved against it is still found.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import Orderable

from salesmap.practice.models import STANDARD_PAGE_TYPES, EvaluationKind

MAX_DUE_DAY = 730
EVALUATION_TITLES = {
    EvaluationKind.CALL: _("Scored calls"),
    EvaluationKind.EMAIL: _("Scored emails"),
    EvaluationKind.PRESENTATION: _("Scored presentations"),
    EvaluationKind.MEETING: _("Scored meetings"),
}
MAX_EVALUATIONS = 50


class LevelRequirement(Orderable):
    class Kind(models.TextChoices):
        LESSON = "lesson", _("Complete a lesson")
        COURSE = "course", _("Complete a course")
        QUIZ = "quiz", _("Pass a quiz")
        ACKNOWLEDGE = "acknowledge", _("Acknowledge a standard")
        EVALUATIONS = "evaluations", _("Practice evaluations")
        SIGN_OFF = "sign_off", _("Manager sign-off")

    # The field holding each kind's target (sign-off has none).
    TARGET_FIELDS = {
        Kind.LESSON: "lesson",
        Kind.COURSE: "course",
        Kind.QUIZ: "quiz",
        Kind.ACKNOWLEDGE: "standard",
    }

    level = ParentalKey(
        "progression.LevelPage",
        verbose_name=_("level"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    lesson = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    course = models.ForeignKey(
        "lessons.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    standard = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("standard or norms page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    min_percent = models.PositiveSmallIntegerField(
        _("minimum score (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Quiz: a score above its pass mark (empty: the pass mark). "
            "Evaluations: the score each one must reach."
        ),
    )
    evaluation_kind = models.CharField(
        _("kind of work evaluated"), max_length=20, choices=EvaluationKind.choices, blank=True
    )
    evaluations_needed = models.PositiveSmallIntegerField(
        _("evaluations needed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EVALUATIONS)],
    )
    description = models.CharField(
        _("description"),
        max_length=255,
        blank=True,
        help_text=_(
            'Sign-off: the task the manager ticks, e.g. "Shadow five discovery calls". '
            "Other kinds: an optional note shown with the item."
        ),
    )
    due_day = models.PositiveSmallIntegerField(
        _("due on day"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DUE_DAY)],
        help_text=_("Counted from the person's first day at this level (a 30/60/90-day plan)."),
    )
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required items must be done (or waived) before promotion."),
    )
    added_on = models.DateField(
        _("added on"),
        null=True,
        editable=False,
        help_text=_(
            "When the item was first published: it falls due no earlier than its days after."
        ),
    )
    target_ref = models.PositiveBigIntegerField(_("target id"), null=True, editable=False)
    target_title = models.CharField(_("target title"), max_length=255, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("due_day"), FieldPanel("required")]),
        # The editor script shows only the fields of the chosen kind.
        PageChooserPanel("lesson", page_type="lessons.LessonPage"),
        PageChooserPanel("course", page_type="lessons.CoursePage"),
        FieldPanel("quiz"),
        PageChooserPanel("standard", page_type=STANDARD_PAGE_TYPES),
        FieldRowPanel(
            [
                FieldPanel("evaluation_kind"),
                FieldPanel("evaluations_needed"),
                FieldPanel("min_percent"),
            ]
        ),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self):
        return self.title

    @property
    def target_field(self):
        return self.TARGET_FIELDS.get(self.kind)

    @property
    def target(self):
        field = self.target_field
        return getattr(self, field) if field else None

    @property
    def title(self):
        """What the item is called: the target's title, or the sign-off task."""
        if self.kind == self.Kind.SIGN_OFF:
            return self.description
        if self.kind == self.Kind.EVALUATIONS:
            return str(EVALUATION_TITLES.get(self.evaluation_kind, self.get_kind_display()))
        target = self.target
        return target.title if target is not None else self.target_title

    def clean(self):
        super().clean()
        errors = {}
        field = self.target_field
        if field:
            if getattr(self, f"{field}_id") is None:
                errors[field] = _("Choose what this requirement asks for.")
            for other in self.TARGET_FIELDS.values():
                if other != field:
                    setattr(self, other, None)
        else:
            for other in self.TARGET_FIELDS.values():
                setattr(self, other, None)
        if (
            self.kind == self.Kind.QUIZ
            and self.quiz_id
            and self.min_percent is not None
            and self.min_percent <= self.quiz.pass_mark
        ):
            errors["min_percent"] = _(
                "This is not above the quiz's pass mark (%(mark)s%%). "
                "Leave it empty to ask for a pass."
            ) % {"mark": self.quiz.pass_mark}
        if self.kind == self.Kind.EVALUATIONS:
            if not self.evaluation_kind:
                errors["evaluation_kind"] = _("Choose the kind of work to evaluate.")
            if self.evaluations_needed is None:
                errors["evaluations_needed"] = _("Say how many evaluations are needed.")
            if self.min_percent is None:
                errors["min_percent"] = _("Say the score each evaluation must reach.")
        else:
            self.evaluation_kind = ""
            self.evaluations_needed = None
        if self.kind not in (self.Kind.QUIZ, self.Kind.EVALUATIONS):
            self.min_percent = None
        if self.kind == self.Kind.SIGN_OFF and not self.description.strip():
            errors["description"] = _("Describe the task the manager signs off.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.added_on is None:
            self.added_on = timezone.localdate()
        target = self.target
        if target is not None:
            self.target_ref = target.pk
            self.target_title = target.title[:255]
        elif self.target_field is None:
            self.target_ref = None
            self.target_title = ""
        super().save(*args, **kwargs)
