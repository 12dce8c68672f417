"""The search box: what a reader may type and where they may look."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .terms import MAX_QUERY_LENGTH, has_control_characters, query_words


class SearchForm(forms.Form):
    """``q`` (up to 200 characters) and an optional ``section``: the id of one
    of the home's live children. Anything else is a form error, not a crash."""

    q = forms.CharField(
        label=_("Search the Sales Map"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        help_text=_("Words from a title or text, e.g. objection price."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    section = forms.TypedChoiceField(
        label=_("Section"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Search one part of the Sales Map only."),
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {section.pk: section for section in sections}
        self.fields["section"].choices = [
            ("", _("All sections")),
            *((section.pk, section.title) for section in sections),
        ]

    def clean_q(self):
        text = self.cleaned_data["q"]
        if has_control_characters(text):
            raise forms.ValidationError(
                _("The search contains control characters. Type it again."),
                code="control_characters",
            )
        if text and not query_words(text):
            raise forms.ValidationError(
                _("Type at least one word or number to search for."), code="no_words"
            )
        return text

    def clean_section(self):
        section_id = self.cleaned_data["section"]
        return None if section_id is None else self.sections[section_id]

    @property
    def words(self):
        """The words to search for; empty when the form is unbound, invalid or blank."""
        if not self.is_bound or not self.is_valid():
            return []
        return query_words(self.cleaned_data["q"])
