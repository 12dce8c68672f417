"""The forms of the marking screens: the queue's filters and the mark of one answer.

The filters only offer quizzes and people that appear in the attempts the
marker may mark (the marking policy decides which), so a value outside them
is a form error, never a way to learn about someone else's attempts.
"""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Attempt, Question, Quiz
from .policy import markable_attempts


def person_name(person):
    """How a person is named on the marking screens: full name, else username."""
    return person.get_full_name().strip() or person.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


class QueueFilterForm(forms.Form):
    """Filters of the marking queue (GET parameters). Two queries for the
    choices, and one per filter given when it is validated."""

    STATE_CHOICES = [
        ("", _("All submitted")),
        (Attempt.State.NEEDS_MARKING, _("Needs marking")),
        (Attempt.State.GRADED, _("Graded")),
    ]

    quiz = forms.ModelChoiceField(
        label=_("Quiz"),
        queryset=Quiz.objects.none(),
        required=False,
        empty_label=_("All quizzes"),
        help_text=_("Only quizzes with attempts you may mark."),
    )
    person = PersonChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Everyone"),
        help_text=_("Only people whose attempts you may mark."),
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=STATE_CHOICES,
        required=False,
        help_text=_("Attempts waiting for a mark, graded ones, or both."),
    )

    def __init__(self, *args, marker, **kwargs):
        super().__init__(*args, **kwargs)
        markable = markable_attempts(
            marker, Attempt.objects.filter(state__in=Attempt.FINISHED_STATES)
        )
        self.fields["quiz"].queryset = Quiz.objects.filter(
            pk__in=markable.values("quiz_id")
        ).order_by("title", "pk")
        self.fields["person"].queryset = get_user_model().objects.filter(
            pk__in=markable.values("person_id")
        )

    def filters(self):
        """The valid filters as keyword arguments of ``selectors.marking_queue``;
        an invalid one is left out (the form shows its error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "quiz": data.get("quiz"),
            "person": data.get("person"),
            "state": data.get("state") or None,
        }


class PointsField(forms.DecimalField):
    """Points with up to two decimals; a decimal comma is read as a point."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class MarkAnswerForm(forms.Form):
    """The mark of one answer: points and feedback for an essay; points and a
    reason for an override of an automatic mark (or a change of an earlier
    mark). The service checks the same rules again inside its transaction."""

    answer = forms.IntegerField(widget=forms.HiddenInput)
    points = PointsField(label=_("Points"), min_value=Decimal(0), max_digits=6, decimal_places=2)
    feedback = forms.CharField(
        label=_("Feedback for the person"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was good and what to improve; the person sees it with the result."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Written to the attempt's history with the points before and after."),
    )

    def __init__(self, *args, answer, **kwargs):
        kwargs.setdefault("auto_id", f"id_answer{answer.pk}_%s")
        kwargs.setdefault(
            "initial",
            {
                "answer": answer.pk,
                "points": answer.points_awarded,
                "feedback": answer.feedback,
            },
        )
        super().__init__(*args, **kwargs)
        self.target = answer
        self.is_essay = answer.kind == Question.Kind.ESSAY
        self.is_override = not self.is_essay or answer.marked_at is not None
        maximum = answer.points
        self.fields["points"] = PointsField(
            label=_("Points"),
            min_value=Decimal(0),
            max_value=maximum,
            max_digits=6,
            decimal_places=2,
            help_text=_("From 0 to %(max)s; decimals allowed.") % {"max": maximum.normalize()},
        )
        if not self.is_override:
            del self.fields["reason"]
        elif not self.is_essay:
            # Overriding what the engine computed always needs a word of why.
            self.fields["reason"].required = True

    def clean_answer(self):
        if self.cleaned_data["answer"] != self.target.pk:
            raise forms.ValidationError(_("This form belongs to another answer."))
        return self.cleaned_data["answer"]

    def clean(self):
        cleaned = super().clean()
        points = cleaned.get("points")
        if (
            self.is_override
            and points is not None
            and points != self.target.points_awarded
            and not (cleaned.get("reason") or "").strip()
            and "reason" not in self._errors
        ):
            self.add_error("reason", _("Say why you are changing the mark."))
        return cleaned
