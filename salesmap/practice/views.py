"""Practice evaluation pages: choose a scorecard, score the work, read the result.

Who may evaluate or read whom is decided by ``salesmap.people.access``.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from salesmap.people import access

from . import selectors, services
from .forms import EvaluationForm
from .models import MAX_RATING, Evaluation, EvaluationKind, Scorecard


def _person_to_evaluate(request, person_id):
    """The active person ``person_id`` (404 if none) whom the viewer may evaluate (else 403)."""
    person = get_object_or_404(get_user_model().objects.filter(is_active=True), pk=person_id)
    if not access.can_evaluate_person(request.user, person):
        raise PermissionDenied
    return person


@require_GET
def choose_scorecard(request, person_id):
    """The scorecards in use, grouped by kind of work; ``?kind=`` narrows to one kind."""
    person = _person_to_evaluate(request, person_id)
    kind = request.GET.get("kind", "")
    if kind and kind not in EvaluationKind.values:
        return HttpResponseBadRequest(
            _("Unknown kind of work. Choose one of: %(kinds)s.")
            % {"kinds": ", ".join(EvaluationKind.values)},
            content_type="text/plain; charset=utf-8",
        )
    scorecards = list(selectors.active_scorecards(kind or None))
    groups = []
    for value, label in EvaluationKind.choices:
        in_kind = [scorecard for scorecard in scorecards if scorecard.kind == value]
        if in_kind:
            groups.append({"kind": value, "label": label, "scorecards": in_kind})
    return render(
        request,
        "practice/choose_scorecard.html",
        {"person": person, "groups": groups, "kind": kind, "kinds": EvaluationKind.choices},
    )


@require_http_methods(["GET", "POST"])
def evaluate(request, person_id, scorecard_id):
    """The scoring form; a valid form records the evaluation and shows it."""
    person = _person_to_evaluate(request, person_id)
    try:
        scorecard = selectors.active_scorecard_with_criteria(scorecard_id)
    except Scorecard.DoesNotExist:
        raise Http404(_("No scorecard in use with that number.")) from None
    criteria = scorecard.ordered_criteria
    if request.method == "POST":
        form = EvaluationForm(scorecard, person, criteria, data=request.POST)
        if form.is_valid():
            try:
                evaluation = services.record_evaluation(
                    person=person,
                    evaluator=request.user,
                    scorecard=scorecard,
                    occurred_on=form.cleaned_data["occurred_on"],
                    link=form.cleaned_data["link"],
                    comment=form.cleaned_data["comment"],
                    ratings=form.ratings(),
                    submission_key=form.cleaned_data["submission_key"],
                )
            except services.EvaluationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Evaluation of %(person)s recorded: %(percent)s%%.")
                    % {"person": person, "percent": floatformat(evaluation.percent, -2)},
                )
                return redirect("practice:detail", evaluation_id=evaluation.pk)
    else:
        form = EvaluationForm(scorecard, person, criteria)
    return render(
        request,
        "practice/evaluate.html",
        {"person": person, "scorecard": scorecard, "form": form, "max_rating": MAX_RATING},
    )


@require_GET
def detail(request, evaluation_id):
    """One evaluation; 404 for anyone who may not read it (never confirming it exists)."""
    try:
        evaluation = selectors.evaluation_detail(evaluation_id)
    except Evaluation.DoesNotExist:
        raise Http404 from None
    if not access.can_view_evaluation(request.user, evaluation):
        raise Http404
    return render(
        request,
        "practice/detail.html",
        {
            "evaluation": evaluation,
            "scores": evaluation.scores.all(),
            "max_rating": MAX_RATING,
            "is_own": evaluation.person_id == request.user.pk,
        },
    )


@require_GET
def mine(request):
    """The signed-in person's evaluations, and the newest ones they recorded of others."""
    return render(
        request,
        "practice/mine.html",
        {
            "evaluations": list(selectors.evaluations_of(request.user)),
            "recorded": list(selectors.evaluations_recorded_by(request.user)),
            "recorded_limit": selectors.RECORDED_LIMIT,
        },
    )
