from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_TEXT = 2000


class SignOffForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you saw, for the record (optional)."),
    )


class WaiverForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why this person does not need this item. It is recorded."),
        error_messages={"required": _("Give the reason for the waiver.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the waiver."))
        return reason


class LevelChangeForm(forms.Form):
    """Confirm a promotion (managers) or move and backdate (Sales Ops)."""

    level = forms.ChoiceField(label=_("New level"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why now: what the person showed. Kept in their level history."),
    )
    effective_on = forms.DateField(
        label=_("Effective from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today. Sales Ops may backdate a move."),
    )
    expected_level = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, roles, may_backdate, **kwargs):
        """``roles``: the map's ``RoleSteps`` (every live role with its levels)."""
        super().__init__(*args, **kwargs)
        self._levels = {}
        choices = []
        for role in roles:
            group = []
            for step in role.steps:
                self._levels[str(step.level.pk)] = step.level
                group.append((str(step.level.pk), step.level.title))
            choices.append((role.role.title, group))
        self.fields["level"].choices = choices
        if not may_backdate:
            del self.fields["effective_on"]

    def clean_level(self):
        return self._levels[self.cleaned_data["level"]]

    def clean_effective_on(self):
        day = self.cleaned_data.get("effective_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day
