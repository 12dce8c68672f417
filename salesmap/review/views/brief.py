"""One person's one-on-one brief and the manager's private notes.

Who may do what is asked of ``salesmap.people.access``:
- the brief: the team pages' users (``may_open_team_view``; a new hire gets
  403) who see the person (``get_visible_person_or_404``; anyone else is a
  404) and act as their manager (``can_manage_person``: managers up the line
  and Sales Ops);
- reading notes: ``can_read_one_on_one_notes``; writing them:
  ``may_write_one_on_one_note`` (Sales Ops read but do not write); a note is
  changed only by its author.
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

from .. import notes as note_services
from ..brief import person_brief as build_brief
from ..forms import OneOnOneNoteForm
from ..models import OneOnOneNote
from ..talking_points import talking_points

PEOPLE = get_user_model().objects.select_related("role", "level", "manager", "mentor")


def _person(request, person_id):
    """The person whose brief ``request.user`` may open: 403 for who may not
    use the team pages, 404 for anyone they do not see, 403 for someone they
    see but do not manage."""
    if not access.may_open_team_view(request.user):
        raise PermissionDenied
    person = access.get_visible_person_or_404(request.user, person_id, queryset=PEOPLE)
    if not access.can_manage_person(request.user, person):
        raise PermissionDenied
    return person


def _render(request, person, *, form=None, editing=None, status=200):
    today = timezone.localdate()
    may_write = access.may_write_one_on_one_note(request.user, person)
    brief = build_brief(
        person,
        can_read_notes=access.can_read_one_on_one_notes(request.user, person),
        may_write_notes=may_write,
        today=today,
    )
    brief.points = talking_points(brief)
    if form is None and may_write and editing is None:
        form = OneOnOneNoteForm(today=today)
    context = {
        "person": person,
        "brief": brief,
        "form": form,
        "editing": editing,
        "today": today,
        "may_evaluate": access.can_evaluate_person(request.user, person),
        "marking_url": reverse("quizzes:marking_queue")
        + f"?person={person.pk}&state=needs_marking",
    }
    return render(request, "review/brief.html", context, status=status)


@require_GET
def person_brief(request, person_id):
    """The brief: talking points, notes, learning, quizzes, standards,
    evaluations and the plan's overdue items, for one person."""
    if not access.may_open_team_view(request.user):
        raise PermissionDenied
    if person_id == request.user.pk:
        # The brief is about someone else; one's own record is the onboarding map.
        return redirect("my_onboarding")
    person = _person(request, person_id)
    return _render(request, person)


def _back_to_notes(person, note=None):
    url = reverse("review_brief", args=[person.pk])
    return redirect(f"{url}#note-{note.pk}" if note is not None else f"{url}#notes")


@require_POST
def add_note(request, person_id):
    """Record a note of a meeting with the person (their managers only)."""
    person = _person(request, person_id)
    if not access.may_write_one_on_one_note(request.user, person):
        raise PermissionDenied
    form = OneOnOneNoteForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _render(request, person, form=form, status=400)
    try:
        note = note_services.record_note(
            person=person,
            author=request.user,
            met_on=form.cleaned_data["met_on"],
            notes=form.cleaned_data["notes"],
            actions=form.cleaned_data["actions"],
            next_meeting_on=form.cleaned_data["next_meeting_on"],
            submission_key=form.cleaned_data.get("submission_key"),
        )
    except note_services.NoteError as error:
        form.add_error(None, error.message)
        return _render(request, person, form=form, status=400)
    messages.success(request, _("The note is saved."))
    return _back_to_notes(person, note)


@require_http_methods(["GET", "POST"])
def edit_note(request, person_id, note_id):
    """Change a note: its author only (while still the person's manager)."""
    person = _person(request, person_id)
    if not access.can_read_one_on_one_notes(request.user, person):
        raise PermissionDenied
    note = get_object_or_404(OneOnOneNote, pk=note_id, person=person)
    if note.author_id != request.user.pk or not access.may_write_one_on_one_note(
        request.user, person
    ):
        raise PermissionDenied
    today = timezone.localdate()
    if request.method == "GET":
        form = OneOnOneNoteForm(today=today, note=note)
        return _render(request, person, form=form, editing=note)
    form = OneOnOneNoteForm(request.POST, today=today, note=note)
    if not form.is_valid():
        return _render(request, person, form=form, editing=note, status=400)
    try:
        note_services.update_note(
            note=note,
            editor=request.user,
            met_on=form.cleaned_data["met_on"],
            notes=form.cleaned_data["notes"],
            actions=form.cleaned_data["actions"],
            next_meeting_on=form.cleaned_data["next_meeting_on"],
        )
    except note_services.NoteError as error:
        form.add_error(None, error.message)
        return _render(request, person, form=form, editing=note, status=400)
    messages.success(request, _("The note is updated."))
    return _back_to_notes(person, note)
