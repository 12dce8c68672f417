"""The review area's forms: a one-on-one note."""

import datetime
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NOTES_MAX_LENGTH = 10_000
ACTIONS_MAX_LENGTH = 4_000
# A meeting is recorded on the day it happened, within reason: a typo such as
# 0202 for 2025 is a form error, not a note dated two thousand years ago.
OLDEST_MEETING_DAYS = 5 * 366
NEXT_MEETING_MAX_DAYS = 366


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class OneOnOneNoteForm(forms.Form):
    """``OneOnOneNoteForm(data=..., today=...)``: a meeting's date, notes,
    agreed actions (one per line) and the next meeting's date, with a
    one-time key that makes sending the same form twice record one note."""

    met_on = forms.DateField(
        label=_("Meeting date"),
        widget=DateInput(),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD.")},
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    actions = forms.CharField(
        label=_("Agreed actions"),
        required=False,
        max_length=ACTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One action per line. They open the notes of the next meeting."),
    )
    next_meeting_on = forms.DateField(
        label=_("Next meeting"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD.")},
        help_text=_("Optional."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, today=None, note=None, **kwargs):
        self.today = today or timezone.localdate()
        if note is not None:
            kwargs.setdefault(
                "initial",
                {
                    "met_on": note.met_on,
                    "notes": note.notes,
                    "actions": note.actions,
                    "next_meeting_on": note.next_meeting_on,
                },
            )
        super().__init__(*args, **kwargs)
        self.note = note
        if note is None:
            self.fields["met_on"].initial = self.today
            self.fields["submission_key"].initial = uuid.uuid4
        else:
            del self.fields["submission_key"]
        self.fields["met_on"].widget.attrs.update(
            {"max": self.today.isoformat(), "min": self.oldest.isoformat()}
        )

    @property
    def oldest(self):
        return self.today - datetime.timedelta(days=OLDEST_MEETING_DAYS)

    def clean_met_on(self):
        met_on = self.cleaned_data["met_on"]
        if met_on > self.today:
            raise forms.ValidationError(_("The meeting date cannot be in the future."))
        if met_on < self.oldest:
            raise forms.ValidationError(_("That date is too long ago: check the year."))
        return met_on

    def clean(self):
        data = super().clean()
        met_on, next_on = data.get("met_on"), data.get("next_meeting_on")
        if met_on and next_on:
            if next_on < met_on:
                self.add_error("next_meeting_on", _("The next meeting cannot be before this one."))
            elif next_on > met_on + datetime.timedelta(days=NEXT_MEETING_MAX_DAYS):
                self.add_error(
                    "next_meeting_on",
                    _("The next meeting is more than a year away: check the year."),
                )
        written = (data.get("notes") or "").strip() or (data.get("actions") or "").strip()
        if not written and "notes" not in self.errors and "actions" not in self.errors:
            raise forms.ValidationError(_("Write the notes or the agreed actions."))
        return data
