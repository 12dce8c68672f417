"""The readers' forms: suggestions and cases sent from a Sales Map page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from standards.models import Suggestion
from standards.models.suggestions import SUGGESTION_TEXT_MAX_LENGTH


class SuggestionForm(forms.ModelForm):
    text = forms.CharField(
        label=_("Your suggestion or case"),
        max_length=SUGGESTION_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What would make this page better, or what happened with a client."),
    )

    class Meta:
        model = Suggestion
        fields = ["kind", "text", "link"]
        widgets = {"kind": forms.RadioSelect}

    link = forms.URLField(
        label=_("Link (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A call recording, a CRM deal or a document."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write a few words first."))
        return text
