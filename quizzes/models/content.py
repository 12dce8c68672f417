"""What Sales Ops edit: categories, the question bank, and quizzes made of bank questions.

Quizzes are Wagtail snippets with drafts, revisions and previews; a quiz's
questions are chosen from the bank (a question can serve several quizzes)
and ordered inline; a question's choices are edited inline on the question.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from ..admin_forms import QuestionAdminForm, QuizAdminForm

MAX_POINTS = 100


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    panels = [
        FieldPanel(
            "name", help_text=_('A topic of the question bank, e.g. "Product" or "Pricing".')
        ),
    ]

    class Meta:
        verbose_name = _("quiz category")
        verbose_name_plural = _("quiz categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SubCategory(models.Model):
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="subcategories"
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [
        FieldPanel(
            "category",
            widget=forms.Select,
            help_text=_("The category this sub-category narrows down."),
        ),
        FieldPanel("name", help_text=_("Unique within its category.")),
    ]

    class Meta:
        verbose_name = _("sub-category")
        verbose_name_plural = _("sub-categories")
        ordering = ["category__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"], name="subcategory_name_per_category"
            )
        ]

    def __str__(self):
        return f"{self.category} › {self.name}"


class Question(index.Indexed, ClusterableModel):
    """A question in the bank. Its kind decides how it is answered and scored."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Multiple choice, one correct answer")
        MULTIPLE = "multiple", _("Multiple choice, several correct answers")
        TRUE_FALSE = "true_false", _("True or false")
        SHORT_TEXT = "short_text", _("Short text answer")
        ESSAY = "essay", _("Essay (marked by a person)")

    class ChoiceOrder(models.TextChoices):
        AS_ENTERED = "as_entered", _("As entered")
        ALPHABETICAL = "alphabetical", _("Alphabetical")
        RANDOM = "random", _("Random for each attempt")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question"), help_text=_("The question as the person reads it."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a screenshot or diagram the question refers to."),
    )
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Shown after answering, when the quiz allows: why the answer is right."),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    sub_category = models.ForeignKey(
        SubCategory,
        verbose_name=_("sub-category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    points = models.PositiveSmallIntegerField(
        _("points"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_POINTS)],
        help_text=_("What a fully correct answer is worth."),
    )
    choice_order = models.CharField(
        _("order of choices"),
        max_length=20,
        choices=ChoiceOrder.choices,
        default=ChoiceOrder.AS_ENTERED,
    )
    partial_credit = models.BooleanField(
        _("partial credit"),
        default=False,
        help_text=_(
            "Several correct answers only: give a share of the points for a partly right "
            "answer (each right choice adds, each wrong one takes away). Otherwise all or nothing."
        ),
    )
    true_false_answer = models.BooleanField(
        _("the statement is true"),
        null=True,
        blank=True,
        help_text=_("True or false questions only."),
    )
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_(
            "Short text questions only: one accepted answer per line. Letter case and extra "
            "spaces are ignored."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [
        index.SearchField("text"),
        index.SearchField("explanation"),
        index.FilterField("kind"),
        index.FilterField("category"),
    ]

    base_form_class = QuestionAdminForm

    panels = [
        FieldPanel(
            "kind",
            help_text=_(
                "How the question is answered. The sections below say which kinds they apply to."
            ),
        ),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldRowPanel(
            [
                FieldPanel(
                    "category",
                    widget=forms.Select,
                    help_text=_("Groups questions in the bank and in the statistics."),
                ),
                FieldPanel(
                    "sub_category",
                    widget=forms.Select,
                    help_text=_("Optional: must belong to the category chosen."),
                ),
            ],
            heading=_("Category"),
        ),
        FieldPanel("points"),
        MultiFieldPanel(
            [
                InlinePanel(
                    "choices",
                    heading=_("Choices"),
                    label=_("Choice"),
                    panels=[
                        FieldPanel("text", help_text=_("An answer the person can pick.")),
                        FieldPanel("is_correct", help_text=_("Tick every choice that is right.")),
                    ],
                ),
                FieldPanel(
                    "choice_order",
                    help_text=_("The order the choices are shown in to the person."),
                ),
                FieldPanel("partial_credit"),
            ],
            heading=_("Multiple choice"),
            help_text=_(
                "Multiple choice questions only: at least two choices; exactly one correct "
                'for "one correct answer", at least one for "several correct answers".'
            ),
        ),
        FieldPanel("true_false_answer", heading=_("True or false")),
        FieldPanel("accepted_answers", heading=_("Short text answer")),
        FieldPanel("explanation"),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-updated_at"]

    def __str__(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    @property
    def has_choices(self):
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    def accepted_answer_list(self):
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.TRUE_FALSE and self.true_false_answer is None:
            errors["true_false_answer"] = _("Say whether the statement is true or false.")
        if self.kind == self.Kind.SHORT_TEXT and not self.accepted_answer_list():
            errors["accepted_answers"] = _("Give at least one accepted answer.")
        if self.sub_category_id and self.sub_category.category_id != self.category_id:
            errors["sub_category"] = _("Choose a sub-category of the question's category.")
        if self.partial_credit and self.kind != self.Kind.MULTIPLE:
            errors["partial_credit"] = _(
                "Partial credit applies only to questions with several correct answers."
            )
        if errors:
            raise ValidationError(errors)


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("choice"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class QuizQuerySet(models.QuerySet):
    def takeable(self):
        """Quizzes anyone may take: published and not archived."""
        return self.filter(live=True, archived=False)


class Quiz(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """A quiz: its settings, and its questions chosen from the bank in order."""

    class ShowAnswers(models.TextChoices):
        AFTER_EACH = "after_each", _("After each question")
        AT_END = "at_end", _("At the end")
        NEVER = "never", _("Never")

    class Counts(models.TextChoices):
        BEST = "best", _("The best attempt")
        LAST = "last", _("The last attempt")
        FIRST = "first", _("The first attempt")

    class Layout(models.TextChoices):
        ONE_PER_PAGE = "one_per_page", _("One question at a time")
        ALL_ON_ONE_PAGE = "all_on_one_page", _("All questions on one page")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quizzes",
    )
    random_order = models.BooleanField(
        _("random question order"), default=False, help_text=_("Shuffle the questions per attempt.")
    )
    max_questions = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Ask a random subset of this many questions. Empty: all of them."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("The score, in percent, needed to pass (0-100)."),
    )
    show_answers = models.CharField(
        _("show correct answers"),
        max_length=20,
        choices=ShowAnswers.choices,
        default=ShowAnswers.AT_END,
        help_text=_("After each question, an answer is final once it is given."),
    )
    layout = models.CharField(
        _("layout"), max_length=20, choices=Layout.choices, default=Layout.ONE_PER_PAGE
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("1 for a single attempt. Empty: unlimited."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Enforced on the server. Empty: no limit."),
    )
    wait_minutes = models.PositiveIntegerField(
        _("wait between attempts (minutes)"),
        null=True,
        blank=True,
        help_text=_("How long after finishing an attempt the next one may start."),
    )
    counts = models.CharField(
        _("attempt that counts"), max_length=10, choices=Counts.choices, default=Counts.BEST
    )
    success_text = models.TextField(_("text when passed"), blank=True)
    fail_text = models.TextField(_("text when failed"), blank=True)
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived quizzes cannot be taken; their results are kept."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = QuizQuerySet.as_manager()

    search_fields = [index.SearchField("title"), index.SearchField("description")]

    base_form_class = QuizAdminForm

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title", help_text=_("The name people see in the list of quizzes.")),
                    FieldPanel(
                        "slug",
                        help_text=_(
                            "The quiz's web address: letters, numbers, hyphens. "
                            '"progress", "marking" and "attempts" are taken.'
                        ),
                    ),
                    FieldPanel(
                        "description",
                        help_text=_("Shown before the quiz starts: what it covers, how long."),
                    ),
                    FieldPanel(
                        "category",
                        widget=forms.Select,
                        help_text=_("Groups quizzes in the list and in the statistics."),
                    ),
                    MultipleChooserPanel(
                        "quiz_questions",
                        chooser_field_name="question",
                        heading=_("Questions"),
                        label=_("Question"),
                        help_text=_(
                            "Questions from the bank, in the order they are asked. A quiz "
                            "needs at least one question to be published."
                        ),
                        panels=[
                            FieldPanel(
                                "question",
                                help_text=_(
                                    "A question from the question bank; the same question "
                                    "can serve several quizzes."
                                ),
                            )
                        ],
                    ),
                ],
                heading=_("Content"),
            ),
            ObjectList(
                [
                    FieldRowPanel(
                        [FieldPanel("pass_mark"), FieldPanel("max_attempts")],
                        heading=_("Passing"),
                    ),
                    FieldPanel(
                        "counts",
                        help_text=_("Which attempt's score is the person's result."),
                    ),
                    FieldRowPanel(
                        [FieldPanel("time_limit_minutes"), FieldPanel("wait_minutes")],
                        heading=_("Time"),
                    ),
                    FieldPanel(
                        "layout",
                        help_text=_("Whether the person sees one question at a time or all."),
                    ),
                    FieldRowPanel(
                        [FieldPanel("random_order"), FieldPanel("max_questions")],
                        heading=_("Questions asked"),
                    ),
                    FieldPanel("show_answers"),
                    FieldPanel("archived"),
                    PublishingPanel(),
                ],
                heading=_("Settings"),
            ),
            ObjectList(
                [
                    FieldPanel(
                        "success_text",
                        help_text=_("Shown on the result page to a person who passed."),
                    ),
                    FieldPanel(
                        "fail_text",
                        help_text=_(
                            "Shown on the result page to a person who did not pass: "
                            "what to revise, who to ask."
                        ),
                    ),
                ],
                heading=_("Results texts"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]
        permissions = [("mark_attempt", _("Can mark quiz attempts"))]

    def __str__(self):
        return self.title

    @property
    def single_attempt(self):
        return self.max_attempts == 1

    def clean(self):
        super().clean()
        from ..urls import RESERVED_SLUGS  # the URLs import views, which import models

        if self.slug and self.slug.lower() in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _('"%(slug)s" is a reserved word in quiz addresses; choose another.')
                    % {"slug": self.slug}
                }
            )

    def get_preview_template(self, request, mode_name):
        return "quizzes/preview.html"

    def get_preview_context(self, request, mode_name):
        # The quiz being previewed may be unsaved: its questions live in memory.
        # Fetch their bank questions, images and choices in three queries.
        placed = list(self.quiz_questions.all())
        prefetch_related_objects(placed, "question__image", "question__choices")
        context = super().get_preview_context(request, mode_name)
        context["placed_questions"] = placed
        return context


class QuizQuestion(Orderable):
    """A bank question placed in a quiz, in order."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="quiz_uses"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="question_once_per_quiz")
        ]

    def __str__(self):
        return str(self.question)
