"""The marking screens on the site: the queue of submitted attempts and the
screen where a marker grades essays and overrides automatic marks.

Who may mark whose attempts is the marking policy's answer alone
(``quizzes.policy``, reached through ``selectors.marking_queue`` and
``services.mark_answer``): an attempt outside it is a 404, so its existence
is never confirmed.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import ModelLogEntry

from .. import policy, scoring, selectors, services
from ..marking_forms import MarkAnswerForm, QueueFilterForm, person_name
from ..models import Answer, Question

PER_PAGE = 25


@login_required
@require_GET
def marking_queue(request):
    """Submitted attempts the marker may mark, waiting ones first. A fixed
    number of queries whatever the number of attempts."""
    if not policy.may_mark_anything(request.user):
        return render(request, "quizzes/marking/nothing_to_mark.html", status=403)
    form = QueueFilterForm(request.GET or None, marker=request.user)
    filters = form.filters() if form.is_bound else {}
    attempts = selectors.marking_queue(request.user, **filters)
    page_obj = Paginator(attempts, PER_PAGE).get_page(request.GET.get("page"))
    for attempt in page_obj:
        attempt.person_name = person_name(attempt.person)
    return render(
        request,
        "quizzes/marking/queue.html",
        {"form": form, "page_obj": page_obj, "filtered": any(filters.values())},
        status=400 if form.is_bound and form.errors else 200,
    )


def _answer_rows(answers, forms):
    """What the marking screen shows of each answer, with its form."""
    kinds = dict(Question.Kind.choices)
    return [
        {
            "answer": answer,
            "kind": kinds.get(answer.kind, answer.kind),
            "is_essay": answer.kind == Question.Kind.ESSAY,
            "response": scoring.response_display(answer.snapshot, answer.response),
            "correct": scoring.correct_answer_display(answer.snapshot),
            "explanation": answer.snapshot.get("explanation", ""),
            "marker_name": person_name(answer.marked_by) if answer.marked_by else "",
            "form": forms[answer.pk],
        }
        for answer in answers
    ]


def _points(value):
    """Points as logged (a string), as a number for localised display."""
    try:
        return None if value is None else Decimal(str(value))
    except ArithmeticError:
        return None


def _history(attempt):
    """The attempt's marking history from Wagtail's audit log, newest first."""
    entries = (
        ModelLogEntry.objects.for_instance(attempt)
        .filter(action=services.MARK_ACTION)
        .select_related("user")
    )
    return [
        {
            "who": entry.user_display_name,
            "when": entry.timestamp,
            "position": entry.data.get("position"),
            "before": _points(entry.data.get("points_before")),
            "after": _points(entry.data.get("points_after")),
            "reason": entry.data.get("reason", ""),
        }
        for entry in entries
    ]


def _posted_answer(request, answers):
    """The answer a POST is about, if it is one of this attempt's; else None."""
    raw = request.POST.get("answer", "")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        return None
    return next((answer for answer in answers if answer.pk == int(raw)), None)


@login_required
@require_http_methods(["GET", "POST"])
def mark_attempt(request, attempt_id):
    """One submitted attempt to mark: a form per answer, posting back here
    (redirect after success; 400 with the form's errors, nothing changed,
    otherwise). A fixed number of queries whatever the number of answers."""
    attempt = get_object_or_404(selectors.marking_queue(request.user), pk=attempt_id)
    answers = list(attempt.answers.select_related("marked_by"))
    for answer in answers:
        answer.attempt = attempt
    forms = {answer.pk: MarkAnswerForm(answer=answer) for answer in answers}
    page_error = ""
    if request.method == "POST":
        target = _posted_answer(request, answers)
        if target is None:
            page_error = _("That answer is not part of this attempt. Nothing was changed.")
        else:
            form = MarkAnswerForm(request.POST, answer=target)
            forms[target.pk] = form
            if form.is_valid():
                try:
                    services.mark_answer(
                        answer_id=target.pk,
                        marker=request.user,
                        points=form.cleaned_data["points"],
                        feedback=form.cleaned_data["feedback"],
                        reason=form.cleaned_data.get("reason", ""),
                    )
                except Answer.DoesNotExist:
                    raise Http404 from None
                except services.QuizError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(
                        request,
                        _("Question %(position)s is marked; the attempt's score is updated.")
                        % {"position": target.position},
                    )
                    url = reverse("quizzes:mark_attempt", args=[attempt.pk])
                    return redirect(f"{url}#answer-{target.position}")
    return render(
        request,
        "quizzes/marking/attempt.html",
        {
            "attempt": attempt,
            "person_name": person_name(attempt.person),
            "rows": _answer_rows(answers, forms),
            "history": _history(attempt),
            "page_error": page_error,
        },
        status=400 if request.method == "POST" else 200,
    )
