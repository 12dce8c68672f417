"""What people did on lessons: active time, visits, completion, per-day totals.

These rows outlive the pages: the lesson key is ``SET_NULL`` and each row keeps
``lesson_ref`` (the page id, which Wagtail never reuses) and the lesson's title
as it was, so renaming, moving, unpublishing or deleting a lesson never loses
anyone's time or completion.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """One person's record on one lesson."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="lesson_progress",
    )
    lesson_ref = models.PositiveIntegerField(_("lesson id"))
    lesson = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="progress",
    )
    lesson_title = models.CharField(_("lesson title"), max_length=255)
    active_seconds = models.PositiveIntegerField(_("active seconds"), default=0)
    visits = models.PositiveIntegerField(_("visits"), default=0)
    first_opened_at = models.DateTimeField(_("first opened"))
    last_active_at = models.DateTimeField(_("last active"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "lesson_ref"], name="lesson_progress_once_per_person"
            ),
            models.CheckConstraint(
                condition=Q(last_active_at__gte=models.F("first_opened_at")),
                name="lesson_progress_active_after_open",
            ),
        ]
        indexes = [
            models.Index(fields=["lesson_ref", "completed_at"], name="lesson_progress_lesson"),
            models.Index(fields=["person", "last_active_at"], name="lesson_progress_recent"),
        ]

    def __str__(self):
        return f"{self.person} · {self.lesson_title}"

    @property
    def is_completed(self):
        return self.completed_at is not None


class LearningDay(models.Model):
    """Active seconds one person spent on one lesson on one day (for charts)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="learning_days",
    )
    lesson_ref = models.PositiveIntegerField(_("lesson id"))
    day = models.DateField(_("day"))
    seconds = models.PositiveIntegerField(_("active seconds"), default=0)

    class Meta:
        verbose_name = _("learning day")
        verbose_name_plural = _("learning days")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "lesson_ref", "day"], name="learning_day_once"
            ),
        ]
        indexes = [models.Index(fields=["person", "day"], name="learning_day_person_day")]

    def __str__(self):
        return f"{self.person} · {self.day}: {self.seconds} s"


class ActivityClock(models.Model):
    """The person's crediting clock, shared by every tab and lesson.

    ``last_beat_at`` is when the previous heartbeat was credited: a new beat
    may credit at most the time since then, so several tabs count once. The
    row is locked while a beat is credited. ``window_started_at`` and
    ``window_beats`` rate-limit heartbeats per person.
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="activity_clock",
    )
    last_beat_at = models.DateTimeField(_("last credited beat"), null=True, blank=True)
    window_started_at = models.DateTimeField(_("rate window started"), null=True, blank=True)
    window_beats = models.PositiveIntegerField(_("beats in the rate window"), default=0)

    class Meta:
        verbose_name = _("activity clock")
        verbose_name_plural = _("activity clocks")

    def __str__(self):
        return f"{self.person}: {self.last_beat_at}"
