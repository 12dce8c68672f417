"""The person's map ("My onboarding") and what their managers do on it.

Who may do what is asked of ``salesmap.people.access``:
- the map: the person, their managers up the line and Sales Ops
  (``visible_people``); anyone else gets a 404;
- sign off, waive and promote: the person's managers and Sales Ops
  (``can_manage_person``); anyone else gets a 403;
- move to any level and backdate: Sales Ops only.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from salesmap.people import access

from . import selectors, services
from .forms import LevelChangeForm, SignOffForm, WaiverForm
from .models import LevelRequirement

PEOPLE = get_user_model().objects.select_related("role", "level", "manager", "mentor")
Kind = LevelRequirement.Kind


def _link(item, request, *, own):
    """Where an item leads: its lesson, course, quiz, standard or evaluations."""
    requirement = item.requirement
    if item.state == selectors.UNAVAILABLE:
        return None
    if requirement.kind == Kind.QUIZ:
        return reverse("quizzes:detail", args=[requirement.quiz.slug])
    if requirement.kind == Kind.EVALUATIONS:
        if own:
            return reverse("practice:mine")
        return None
    target = requirement.target
    return target.get_url(request) if target is not None else None


def _map_context(request, person, *, own, errors=None):
    today = timezone.localdate()
    result = selectors.onboarding_map(person, today=today)
    manage = not own and access.can_manage_person(request.user, person)
    plan = result.plan
    if plan is not None:
        for item in plan.items:
            item.url = _link(item, request, own=own)
    return {
        "person": person,
        "map": result,
        "plan": plan,
        "own": own,
        "manage": manage,
        # A manager may evaluate; asking again would walk the reporting line twice.
        "may_evaluate": not own and (manage or access.can_evaluate_person(request.user, person)),
        "is_sales_ops": access.is_sales_ops(request.user),
        "days_since_start": (today - person.start_date).days if person.start_date else None,
        "today": today,
        "errors": errors or {},
        # The people this person mentors: they may score their work.
        "mentees": list(person.mentees.filter(is_active=True)) if own else [],
    }


@require_GET
def my_onboarding(request):
    """The person's own map: every role's levels as steps, their current
    level's plan with each item's status, their evaluations and history."""
    person = PEOPLE.get(pk=request.user.pk)
    return render(
        request, "progression/my_onboarding.html", _map_context(request, person, own=True)
    )


@require_GET
def person_onboarding(request, person_id):
    """A person's map as their manager (or Sales Ops) sees it, with the
    manager's actions: sign off, waive, record an evaluation, promote."""
    if person_id == request.user.pk:
        return redirect("my_onboarding")
    person = access.get_visible_person_or_404(request.user, person_id, queryset=PEOPLE)
    return render(
        request, "progression/my_onboarding.html", _map_context(request, person, own=False)
    )


def _manageable_person(request, person_id):
    """The person ``person_id`` if the viewer may act on their map (404 when
    there is nobody of that id, 403 when the viewer is not their manager or
    Sales Ops)."""
    person = get_object_or_404(PEOPLE.filter(is_active=True), pk=person_id)
    if not access.can_manage_person(request.user, person):
        raise PermissionDenied
    return person


def _refuse(request, person, message, *, status, requirement_id=None):
    """Show the person's map again with the refusal next to the item."""
    context = _map_context(request, person, own=False, errors={requirement_id or "page": message})
    context["error_message"] = message
    return render(request, "progression/my_onboarding.html", context, status=status)


def _back_to(person, requirement_id=None):
    url = reverse("person_onboarding", args=[person.pk])
    return redirect(f"{url}#item-{requirement_id}" if requirement_id else url)


def _requirement_or_404(requirement_id):
    return get_object_or_404(LevelRequirement.objects.select_related("quiz"), pk=requirement_id)


def _act_on_item(request, person_id, requirement_id, form_class, act):
    """A manager's action on one item of a person's map: check who acts, the
    form, then ``act(person, requirement, cleaned_data)``; back to the map
    with a message, or the map again with the refusal beside the item."""
    person = _manageable_person(request, person_id)
    requirement = _requirement_or_404(requirement_id)
    form = form_class(request.POST)
    if not form.is_valid():
        message = " ".join(error for errors in form.errors.values() for error in errors)
        return _refuse(request, person, message, status=400, requirement_id=requirement.pk)
    try:
        done = act(person, requirement, form.cleaned_data)
    except services.ProgressionError as error:
        status = 409 if isinstance(error, services.AlreadyRecorded) else 400
        return _refuse(request, person, error.message, status=status, requirement_id=requirement.pk)
    messages.success(request, done)
    return _back_to(person, requirement.pk)


@require_POST
def sign_off(request, person_id, requirement_id):
    def act(person, requirement, data):
        services.sign_off(
            person=person, requirement=requirement, by=request.user, comment=data["comment"]
        )
        return _("Signed off: %(task)s") % {"task": requirement.title}

    return _act_on_item(request, person_id, requirement_id, SignOffForm, act)


@require_POST
def waive(request, person_id, requirement_id):
    def act(person, requirement, data):
        services.waive(
            person=person, requirement=requirement, by=request.user, reason=data["reason"]
        )
        return _("Waived: %(item)s") % {"item": requirement.title}

    return _act_on_item(request, person_id, requirement_id, WaiverForm, act)


@require_http_methods(["GET", "POST"])
def change_level(request, person_id):
    """Confirm a promotion (the person's manager, once they are ready) or move
    them to any level with a date (Sales Ops)."""
    person = _manageable_person(request, person_id)
    sales_ops = access.is_sales_ops(request.user)
    today = timezone.localdate()
    result = selectors.onboarding_map(person, today=today)
    ready = result.plan.ready if result.plan is not None else person.level_id is None
    form = LevelChangeForm(
        request.POST or None,
        roles=result.roles,
        may_backdate=sales_ops,
        initial={
            "level": result.next_level.pk if result.next_level else None,
            "expected_level": person.level_id,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.change_level(
                    person=person,
                    level=form.cleaned_data["level"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                    effective_on=form.cleaned_data.get("effective_on"),
                    expected_level_id=form.cleaned_data["expected_level"],
                    require_ready=not sales_ops,
                )
            except services.ProgressionError as error:
                form.add_error(None, error.message)
                status = (
                    409 if isinstance(error, services.LevelChanged | services.NotReady) else 400
                )
            else:
                messages.success(
                    request,
                    _("%(person)s is now at %(level)s.")
                    % {"person": person, "level": form.cleaned_data["level"].title},
                )
                return _back_to(person)
        else:
            status = 400
    return render(
        request,
        "progression/change_level.html",
        {
            "person": person,
            "form": form,
            "plan": result.plan,
            "ready": ready,
            "is_sales_ops": sales_ops,
            "may_submit": sales_ops or ready,
        },
        status=status,
    )
