"""The scoring form a manager or mentor fills in for one piece of real work."""

import datetime
import uuid

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Rating

NOT_APPLICABLE = "na"
RATING_CHOICES = [
    *((str(value), label) for value, label in Rating.choices),
    (NOT_APPLICABLE, _("n/a – not applicable")),
]
MAX_AGE_DAYS = 365
NOTE_MAX_LENGTH = 500


class WebLinkField(forms.URLField):
    """A URL that opens in a browser: http or https only (no javascript:, data:, ftp:)."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class EvaluationForm(forms.Form):
    """``EvaluationForm(scorecard, person, criteria, data=...)``.

    ``criteria`` are the scorecard's criteria in order (see
    ``selectors.active_scorecard_with_criteria``). Each criterion has a
    required rating (0–4 or n/a) and an optional note; ``ratings()`` returns
    what ``services.record_evaluation`` takes."""

    occurred_on = forms.DateField(
        label=_("Date of the work"),
        help_text=_("When the call, email, presentation or meeting happened."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    link = WebLinkField(
        label=_("Link to the recording or CRM record"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Optional. A web address starting with https:// or http://."),
    )
    comment = forms.CharField(
        label=_("Feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What went well and what to work on next."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, scorecard, person, criteria, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scorecard = scorecard
        self.person = person
        self.criteria = list(criteria)
        self.today = today or timezone.localdate()
        self.fields["submission_key"].initial = uuid.uuid4
        self.fields["occurred_on"].initial = self.today
        self.fields["occurred_on"].widget.attrs.update(
            {"max": self.today.isoformat(), "min": self._earliest_date().isoformat()}
        )
        for criterion in self.criteria:
            self.fields[self.rating_field_name(criterion)] = forms.ChoiceField(
                label=criterion.name,
                choices=RATING_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a rating, or n/a if it did not apply.")},
            )
            self.fields[self.note_field_name(criterion)] = forms.CharField(
                label=_("Note on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                max_length=NOTE_MAX_LENGTH,
                widget=forms.TextInput,
            )

    @staticmethod
    def rating_field_name(criterion):
        return f"rating_{criterion.pk}"

    @staticmethod
    def note_field_name(criterion):
        return f"note_{criterion.pk}"

    def _earliest_date(self):
        earliest = self.today - datetime.timedelta(days=MAX_AGE_DAYS)
        start = getattr(self.person, "start_date", None)
        return max(earliest, start) if start else earliest

    def criterion_rows(self):
        """``[(criterion, rating bound field, note bound field)]`` in order, for the template."""
        return [
            (
                criterion,
                self[self.rating_field_name(criterion)],
                self[self.note_field_name(criterion)],
            )
            for criterion in self.criteria
        ]

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on > self.today:
            raise forms.ValidationError(_("The date of the work cannot be in the future."))
        start = getattr(self.person, "start_date", None)
        if start and occurred_on < start:
            raise forms.ValidationError(
                _("%(person)s started on %(date)s: the work cannot be earlier.")
                % {"person": self.person, "date": date_format(start, "SHORT_DATE_FORMAT")}
            )
        if occurred_on < self.today - datetime.timedelta(days=MAX_AGE_DAYS):
            raise forms.ValidationError(
                _("Evaluate work from the last %(days)s days.") % {"days": MAX_AGE_DAYS}
            )
        return occurred_on

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(self.rating_field_name(criterion)) for criterion in self.criteria]
        if self.criteria and all(choice == NOT_APPLICABLE for choice in chosen):
            raise forms.ValidationError(
                _("Rate at least one criterion: every criterion is marked not applicable.")
            )
        return cleaned

    def ratings(self):
        """``[(criterion, rating or None, note)]`` from a valid form."""
        rows = []
        for criterion in self.criteria:
            choice = self.cleaned_data[self.rating_field_name(criterion)]
            rating = None if choice == NOT_APPLICABLE else int(choice)
            rows.append((criterion, rating, self.cleaned_data[self.note_field_name(criterion)]))
        return rows
