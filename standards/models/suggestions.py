"""Experience capture: reps suggest improvements and share cases on any Sales Map page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SUGGESTION_TEXT_MAX_LENGTH = 4000
REPLY_MAX_LENGTH = 2000


class Suggestion(models.Model):
    class Kind(models.TextChoices):
        IMPROVEMENT = "improvement", _("Suggest an improvement")
        CASE = "case", _("Share a case")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    page_title = models.CharField(_("page"), max_length=255)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.IMPROVEMENT
    )
    text = models.TextField(_("text"), max_length=SUGGESTION_TEXT_MAX_LENGTH)
    link = models.URLField(_("link"), blank=True, max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    reply = models.TextField(
        _("reply"),
        blank=True,
        max_length=REPLY_MAX_LENGTH,
        help_text=_("The author sees this reply on the page and in their suggestions."),
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at"]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else f"{self.text[:59]}…"
        return f"{self.page_title}: {text}"
