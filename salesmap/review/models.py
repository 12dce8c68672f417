"""What the review area stores of its own: private one-on-one notes and the
log of e-mails sent. Everything else it shows is read from the other apps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OneOnOneNote(models.Model):
    """A manager's private notes from one meeting with a person.

    Only the person's managers up the line and Sales Ops read them (see
    ``access.can_read_one_on_one_notes``); the person does not. The author's
    name is kept, so a note outlives its author's account.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="one_on_one_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("author's name"), max_length=255)
    met_on = models.DateField(_("meeting date"))
    notes = models.TextField(_("notes"), blank=True)
    actions = models.TextField(_("agreed actions"), blank=True, help_text=_("One action per line."))
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    submission_key = models.UUIDField(
        _("form key"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_(
            "The one-time key of the form that recorded the note: a double submit records once."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("one-on-one note")
        verbose_name_plural = _("one-on-one notes")
        ordering = ["-met_on", "-pk"]
        indexes = [models.Index(fields=["person", "-met_on"], name="review_note_person_met")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_meeting_on__isnull=True)
                | models.Q(next_meeting_on__gte=models.F("met_on")),
                name="review_note_next_after_met",
                violation_error_message=_("The next meeting cannot be before this one."),
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.met_on}"

    @property
    def action_list(self):
        """The agreed actions, one per non-empty line."""
        return [line.strip(" -•\t") for line in self.actions.splitlines() if line.strip(" -•\t")]


class SentEmail(models.Model):
    """One digest or reminder sent to one person for one period.

    The unique key makes sending idempotent: a second run in the same period
    finds the row and sends nothing new, even when two runs race.
    """

    class Kind(models.TextChoices):
        DIGEST = "digest", _("weekly manager digest")
        REMINDER = "reminder", _("reminder of items due")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    period = models.CharField(
        _("period"), max_length=16, help_text=_("The week (2026-W48) or day (2026-11-23).")
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "period"], name="review_sent_email_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.period})"
