from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class PersonManager(UserManager):
    def get_by_natural_key(self, username):
        # Sign-in and imports match e-mail addresses case-insensitively.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person in the sales department, with their place in it.

    The reporting line (``manager``) is what the access module walks to decide
    who may see whose data.
    """

    email = models.EmailField(_("email address"), blank=True)
    role = models.ForeignKey(
        "progression.RolePage",
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The role this person works in, e.g. SDR or AE."),
    )
    level = models.ForeignKey(
        "progression.LevelPage",
        verbose_name=_("level"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Their current level within the role, e.g. SDR I."),
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text=_("The person they report to. Managers see their reports' progress."),
    )
    mentor = models.ForeignKey(
        "self",
        verbose_name=_("mentor (buddy)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentees",
        help_text=_("An experienced colleague who helps them through onboarding."),
    )
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_("First working day; onboarding plans count days from here."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the site and of e-mails for this person."),
    )
    email_reminders = models.BooleanField(
        _("e-mail reminders and digests"),
        default=True,
        help_text=_(
            "Send reminders of items due and, to managers, the weekly team digest. "
            "People can turn this off themselves."
        ),
    )

    objects = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="people_user_email_unique_ci",
                violation_error_message=_("Somebody already uses this e-mail address."),
            ),
            models.CheckConstraint(
                condition=~models.Q(manager=models.F("id")),
                name="people_user_not_own_manager",
                violation_error_message=_("A person cannot be their own manager."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def display_name(self):
        return str(self)

    def clean(self):
        super().clean()
        self.email = self.email.strip()
        errors = {}
        if self.manager_id and self.pk and self._manager_chain_reaches_self():
            errors["manager"] = _(
                "This would make a loop in the reporting line: %(manager)s already "
                "reports (directly or not) to this person."
            ) % {"manager": self.manager}
        if self.mentor_id and self.pk and self.mentor_id == self.pk:
            errors["mentor"] = _("A person cannot be their own mentor.")
        if self.level_id and self.role_id:
            if not self.level.is_child_of(self.role):
                errors["level"] = _("This level belongs to another role.")
        elif self.level_id and not self.role_id:
            errors["role"] = _("Choose the role that this level belongs to.")
        if errors:
            raise ValidationError(errors)

    def _manager_chain_reaches_self(self):
        from .access import managers_above

        return self.pk == self.manager_id or self.pk in managers_above(self.manager_id)
