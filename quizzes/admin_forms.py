"""The admin forms of the question bank and quizzes: rules that need the inline rows.

A question's choices and a quiz's questions are inline formsets, so the rules
about them (how many choices, how many correct, a question placed twice, a
quiz published with no questions) are checked here, on the form that holds
both the object and its rows; single-field rules stay in the models' clean().

This module is imported by the models (as their ``base_form_class``), so it
must not import them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

CHOICE_KINDS = ("single", "multiple")


def kept_rows(formset):
    """The inline rows that will be saved: filled in and not marked for deletion.

    Validates the formset first (Django caches the result), so rows' own
    errors are reported as usual and only their cleaned data is read here.
    """
    formset.is_valid()
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append(data)
    return rows


class QuestionAdminForm(WagtailAdminModelForm):
    """Checks a question's choices against its kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The sub-category labels name their category: fetch both in one query.
        if "sub_category" in self.fields:
            field = self.fields["sub_category"]
            field.queryset = field.queryset.select_related("category")

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        if kind is None or "choices" not in self.formsets:
            return cleaned_data
        choices = [row for row in kept_rows(self.formsets["choices"]) if row.get("text")]
        correct = sum(1 for row in choices if row.get("is_correct"))

        if kind in CHOICE_KINDS:
            if len(choices) < 2:
                self.add_error(None, _("A multiple choice question needs at least two choices."))
            if kind == "single" and correct != 1:
                self.add_error(
                    None,
                    _(
                        "A question with one correct answer needs exactly one choice marked "
                        "correct; %(count)s are marked."
                    )
                    % {"count": correct},
                )
            if kind == "multiple" and correct < 1:
                self.add_error(
                    None,
                    _("A question with several correct answers needs at least one correct choice."),
                )
        elif choices:
            self.add_error(
                None,
                _(
                    "Only multiple choice questions have choices: remove the choices or "
                    "change the kind."
                ),
            )
        return cleaned_data


class QuizAdminForm(WagtailAdminModelForm):
    """Refuses to publish a quiz without questions (a draft may be empty).

    A question placed twice is already refused by the inline formset, which
    checks the (quiz, question) unique constraint.
    """

    def clean(self):
        cleaned_data = super().clean()
        if "quiz_questions" not in self.formsets:
            return cleaned_data
        rows = [row for row in kept_rows(self.formsets["quiz_questions"]) if row.get("question")]

        # Saving a draft defers the required checks (Wagtail sets
        # is_deferred_validation); publishing does not. A draft may be empty.
        if not rows and not self.is_deferred_validation:
            self.add_error(
                None,
                _(
                    "A quiz needs at least one question to be published. Add questions, "
                    "or save it as a draft."
                ),
            )
        return cleaned_data
