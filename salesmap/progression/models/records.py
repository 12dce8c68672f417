"""What happens to a person on their map: sign-offs, waivers and level changes.

Each record keeps the title of what it was about, and its links to the
requirement or level are ``SET_NULL``: editing or deleting a level's plan
never loses what a person was signed off on, excused from or promoted to.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignOff(models.Model):
    """A manager ticked a sign-off requirement for one person."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="sign_offs",
    )
    requirement = models.ForeignKey(
        "progression.LevelRequirement",
        verbose_name=_("requirement"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="sign_offs",
    )
    title = models.CharField(_("task"), max_length=255)
    comment = models.TextField(_("comment"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed off at"))

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "requirement"], name="one_sign_off_per_requirement"
            )
        ]

    def __str__(self):
        return self.title


class Waiver(models.Model):
    """A manager excused one person from one requirement, with a reason."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="waivers",
    )
    requirement = models.ForeignKey(
        "progression.LevelRequirement",
        verbose_name=_("requirement"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="waivers",
    )
    title = models.CharField(_("requirement"), max_length=255)
    reason = models.TextField(_("reason"))
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("waived by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    waived_at = models.DateTimeField(_("waived at"))

    class Meta:
        verbose_name = _("waiver")
        verbose_name_plural = _("waivers")
        ordering = ["-waived_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "requirement"], name="one_waiver_per_requirement"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="waiver_has_reason"),
        ]

    def __str__(self):
        return self.title


class LevelChange(models.Model):
    """A person's move to a level: their start, a promotion or a move by Sales Ops."""

    class Kind(models.TextChoices):
        START = "start", _("Started")
        PROMOTION = "promotion", _("Promoted")
        MOVE = "move", _("Moved")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="level_changes",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_level = models.ForeignKey(
        "progression.LevelPage",
        verbose_name=_("from level"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_title = models.CharField(_("from"), max_length=255, blank=True)
    to_level = models.ForeignKey(
        "progression.LevelPage",
        verbose_name=_("to level"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_title = models.CharField(_("to"), max_length=255)
    effective_on = models.DateField(_("effective from"))
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("level change")
        verbose_name_plural = _("level changes")
        ordering = ["-effective_on", "-recorded_at", "-pk"]
        indexes = [models.Index(fields=["person", "-effective_on"])]

    def __str__(self):
        return f"{self.from_title or '–'} → {self.to_title} ({self.effective_on})"
