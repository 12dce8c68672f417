"""What people do with quizzes: attempts and the answers given in them.

An attempt is server-side state (started -> answering -> submitted ->
needs marking -> graded). Its answer rows are created when it starts, each
with a snapshot of the question as it was asked, so later edits or deletions
of the quiz or its questions never change a recorded result.

Invariants held by the database, not only by the service:
- one row per (quiz, person, attempt number), numbers counting 1, 2, 3...,
  so two concurrent starts cannot both become attempt 1 and an attempt limit
  cannot be exceeded;
- at most one open (started/answering) attempt per person and quiz;
- one answer row per position in an attempt.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .content import Question, Quiz


class Attempt(models.Model):
    class State(models.TextChoices):
        STARTED = "started", pgettext_lazy("quiz attempt state", "Started")
        ANSWERING = "answering", _("Answering")
        SUBMITTED = "submitted", _("Submitted")
        NEEDS_MARKING = "needs_marking", _("Needs marking")
        GRADED = "graded", _("Graded")

    OPEN_STATES = (State.STARTED, State.ANSWERING)
    FINISHED_STATES = (State.SUBMITTED, State.NEEDS_MARKING, State.GRADED)

    quiz = models.ForeignKey(
        Quiz, verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="attempts"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
    )
    number = models.PositiveIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.STARTED
    )
    # The quiz's rules as they were when the attempt started: editing the quiz
    # later must not change how this attempt is judged or shown.
    quiz_title = models.CharField(_("quiz title"), max_length=200)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    show_answers = models.CharField(
        _("show correct answers"), max_length=20, choices=Quiz.ShowAnswers.choices
    )
    layout = models.CharField(_("layout"), max_length=20, choices=Quiz.Layout.choices)
    started_at = models.DateTimeField(_("started"))
    deadline_at = models.DateTimeField(
        _("deadline"), null=True, blank=True, help_text=_("Start plus the time limit.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    closed_by_deadline = models.BooleanField(_("closed at the deadline"), default=False)
    current_position = models.PositiveSmallIntegerField(_("current question"), default=1)
    question_count = models.PositiveSmallIntegerField(_("questions"), default=0)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(
        _("maximum score"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    percent = models.DecimalField(
        _("percent"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "person", "number"], name="attempt_number_per_person_quiz"
            ),
            models.UniqueConstraint(
                fields=["quiz", "person"],
                condition=Q(state__in=["started", "answering"]),
                name="one_open_attempt_per_person_quiz",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="attempt_number_positive"),
            models.CheckConstraint(
                condition=Q(pass_mark__lte=100), name="attempt_pass_mark_at_most_100"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "quiz", "state"], name="attempt_person_quiz_state"),
            models.Index(fields=["state", "deadline_at"], name="attempt_state_deadline"),
        ]

    def __str__(self):
        return _("%(quiz)s, attempt %(number)s") % {"quiz": self.quiz_title, "number": self.number}

    @property
    def is_open(self):
        return self.state in self.OPEN_STATES

    @property
    def is_finished(self):
        return self.state in self.FINISHED_STATES

    @property
    def is_graded(self):
        return self.state == self.State.GRADED

    @property
    def duration(self):
        if self.submitted_at is None:
            return None
        return self.submitted_at - self.started_at

    def answers_may_be_shown(self):
        """Whether correct answers and explanations of this attempt may be shown
        to the person who took it, now."""
        if self.show_answers == Quiz.ShowAnswers.NEVER:
            return False
        if self.show_answers == Quiz.ShowAnswers.AT_END:
            return self.is_finished
        return True  # after each: per answer, once it is locked (see Answer.feedback_visible)


class Answer(models.Model):
    """One question as asked in an attempt, and the person's response to it."""

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="answers"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    # The bank question, while it exists: for statistics. The snapshot is the truth.
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    snapshot = models.JSONField(_("question as asked"))
    response = models.JSONField(_("response"), null=True, blank=True)
    revision = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Counts saves, to refuse a stale tab's answer.")
    )
    seconds_spent = models.PositiveIntegerField(
        _("seconds spent"),
        default=0,
        help_text=_("Time since the attempt's previous save, added up over this answer's saves."),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    locked = models.BooleanField(
        _("final"), default=False, help_text=_("Feedback was shown: the answer can't change.")
    )
    auto_points = models.DecimalField(
        _("automatic points"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    points_awarded = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    is_correct = models.BooleanField(_("correct"), null=True, blank=True)
    feedback = models.TextField(_("marker's feedback"), blank=True)
    override_reason = models.TextField(_("reason for the change"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="answer_position_once"),
            models.CheckConstraint(condition=Q(position__gte=1), name="answer_position_positive"),
        ]
        indexes = [models.Index(fields=["question", "is_correct"], name="answer_question_correct")]

    def __str__(self):
        return f"{self.attempt} · {self.position}"

    # Snapshot accessors: templates and services read the question as asked.
    @property
    def kind(self):
        return self.snapshot["kind"]

    @property
    def text(self):
        return self.snapshot["text"]

    @property
    def points(self):
        return Decimal(str(self.snapshot["points"]))

    @property
    def choices(self):
        return self.snapshot.get("choices", [])

    @property
    def is_answered(self):
        return self.response is not None

    @property
    def needs_marking(self):
        return self.is_answered and self.points_awarded is None

    @property
    def feedback_visible(self):
        """May the taker see the right answer and explanation for this answer now?"""
        attempt = self.attempt
        if attempt.show_answers == Quiz.ShowAnswers.NEVER:
            return False
        if attempt.show_answers == Quiz.ShowAnswers.AFTER_EACH:
            return self.locked or attempt.is_finished
        return attempt.is_finished

    def selected_choice_ids(self):
        if not self.response:
            return []
        return list(self.response.get("choices", []))
