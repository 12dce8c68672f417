"""The learning section: courses (onboarding programmes) and their lessons.

Pages are Wagtail's: Sales Ops get revisions, drafts, moderation, scheduling
and locking for free. What a person did on a lesson lives in
``progress.py`` and never hangs off the page with a cascading key.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from lessons.blocks import lesson_body_blocks
from standards.conf import role_page_choices
from standards.models import ReviewedPageMixin
from standards.page_forms import SalesMapPageForm

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class LearningIndexPage(ReviewedPageMixin, Page):
    """The learning section's front page: every course, then stand-alone lessons."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("What the learning section holds and where a new hire should start."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = SalesMapPageForm
    parent_page_types = ["home.SalesMapHomePage"]
    subpage_types = ["lessons.CoursePage", "lessons.LessonPage"]
    max_count = 1
    template = "lessons/learning_index_page.html"

    class Meta:
        verbose_name = _("learning section")
        verbose_name_plural = _("learning sections")

    def get_context(self, request, *args, **kwargs):
        from lessons import selectors

        context = super().get_context(request, *args, **kwargs)
        context["learning"] = selectors.learning_overview(request.user, index=self)
        return context


class CoursePage(ReviewedPageMixin, Page):
    """An onboarding programme: ordered lessons (its child pages) for some roles."""

    description = RichTextField(
        _("description"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("What the course teaches, for whom, and what a person can do after it."),
    )
    audience_roles = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("for roles"),
        blank=True,
        related_name="+",
        limit_choices_to=role_page_choices,
        help_text=_("The roles this course is for. Leave empty for everyone."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("audience_roles", widget=forms.CheckboxSelectMultiple),
    ]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    base_form_class = SalesMapPageForm
    parent_page_types = ["lessons.LearningIndexPage"]
    subpage_types = ["lessons.LessonPage"]
    template = "lessons/course_page.html"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from lessons import selectors

        context = super().get_context(request, *args, **kwargs)
        context["course"] = selectors.course_outline(self, request.user)
        return context


class LessonPage(ReviewedPageMixin, Page):
    """One lesson: a body to read, an optional quiz, and the rule that completes it."""

    class CompletionRule(models.TextChoices):
        OPENED = "opened", _("Opened")
        READ = "read", _("Read")
        READ_AND_PASSED = "read_and_passed", _("Read and passed the quiz")

    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences: what the lesson teaches. Shown in course outlines."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("How long an attentive reader needs, in minutes of active reading."),
    )
    body = StreamField(
        lesson_body_blocks(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The lesson itself: text, scripts, checklists, videos, links and files."),
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        # Deleting a quiz leaves the lesson without one; attempts are the quiz
        # engine's and are protected there.
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A quiz the reader takes after the lesson (optional)."),
    )
    completion_rule = models.CharField(
        _("completed when"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.READ,
        help_text=_(
            "Opened: the first visit completes it. Read: after the share of the estimated "
            "time below. Read and passed: read, and the quiz passed."
        ),
    )
    min_read_percent = models.PositiveSmallIntegerField(
        _("minimum share of the estimate (%)"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "How much of the estimated time a person must spend actively reading before "
            "they can mark the lesson as done (for 'Read' rules)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("min_read_percent")]),
                FieldPanel("completion_rule"),
                FieldPanel("quiz"),
            ],
            heading=_("Time, quiz and completion"),
        ),
    ]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    base_form_class = SalesMapPageForm
    parent_page_types = ["lessons.CoursePage", "lessons.LearningIndexPage"]
    subpage_types = []
    template = "lessons/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.completion_rule == self.CompletionRule.READ_AND_PASSED and not self.quiz_id:
            raise ValidationError({"quiz": _("Choose a quiz, or a rule that does not need one.")})

    @property
    def required_read_seconds(self):
        """Active seconds needed before a 'read' lesson may be marked done."""
        if self.completion_rule == self.CompletionRule.OPENED:
            return 0
        return self.estimated_minutes * 60 * self.min_read_percent // 100

    def serve(self, request, *args, **kwargs):
        # The one write a GET makes in this product, and on purpose: opening a
        # lesson is the event the "opened" rule and the visit count record. It
        # is idempotent per visit and touches only the reader's own row.
        from lessons import services

        if request.user.is_authenticated and request.method == "GET":
            services.record_open(person=request.user, lesson=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from lessons import selectors

        context = super().get_context(request, *args, **kwargs)
        context["lesson_view"] = selectors.lesson_view(self, request.user)
        return context
