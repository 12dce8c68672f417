from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from salesmap.progression.models import LevelPage, RolePage

from . import cohort, groups
from .models import User

PROFILE_FIELDS = [
    "role",
    "level",
    "manager",
    "mentor",
    "start_date",
    "preferred_language",
    "email_reminders",
]


class ProfileFieldsMixin:
    """The people fields Sales Ops fill in beside Wagtail's account fields."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self._level_before = self.instance.level_id if self.instance.pk else None
        if for_user is None or not for_user.is_superuser:
            # Sales Ops manage people, not administrators: only a superuser
            # grants superuser status or groups beyond the three kinds of users.
            self.fields.pop("is_superuser", None)
            if "groups" in self.fields:
                self.fields["groups"].queryset = Group.objects.filter(name__in=groups.LABELS)
        self.fields["role"].queryset = RolePage.objects.order_by("path")
        self.fields["level"].queryset = LevelPage.objects.order_by("path")
        self.fields["start_date"].widget = forms.DateInput(attrs={"type": "date"})
        for name in ("manager", "mentor"):
            people = self.fields[name].queryset.filter(is_active=True)
            if self.instance.pk:
                people = people.exclude(pk=self.instance.pk)
            self.fields[name].queryset = people

    def save(self, commit=True):
        person = super().save(commit=commit)
        if commit and person.level_id and person.level_id != self._level_before:
            # A level set here is a move by Sales Ops: the person's history keeps it.
            from salesmap.progression.services import record_admin_move

            record_admin_move(person=person, from_level_id=self._level_before, by=self.for_user)
        return person


class PersonCreationForm(ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*UserCreationForm.Meta.fields, *PROFILE_FIELDS]


class PersonEditForm(ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*UserEditForm.Meta.fields, *PROFILE_FIELDS]


class EmailPreferencesForm(forms.ModelForm):
    """What a person changes about their own e-mails: on or off, and the language."""

    class Meta:
        model = User
        fields = ["email_reminders", "preferred_language"]
        labels = {"email_reminders": _("Send me reminders and digests by e-mail")}
        help_texts = {
            "email_reminders": _(
                "Reminders of onboarding items due soon or overdue; for managers, "
                "a weekly digest of their team."
            ),
            "preferred_language": _("E-mails and the site use this language."),
        }


class CohortImportForm(forms.Form):
    """The upload step of a cohort import; ``csv_file`` cleans to the file's text."""

    MAX_BYTES = 1024 * 1024

    csv_file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "The first line names the columns: name, email, role, level, manager (their "
            "e-mail), start_date (YYYY-MM-DD) and, if you like, language (en or ru). "
            "At most 1,000 people and 1 MB; save it as “CSV UTF-8”."
        ),
    )
    send_invitations = forms.BooleanField(
        label=_("E-mail each new person an invitation to set their password"),
        required=False,
        initial=True,
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return cohort.decode_csv(upload.read())
        except cohort.CohortFileError as exc:
            raise forms.ValidationError(str(exc)) from exc


class SignInForm(AuthenticationForm):
    """Django's sign-in form, asking for an e-mail address or username."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That e-mail or username and password do not match. "
            "Check them and try again; the password is case-sensitive."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail or username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
