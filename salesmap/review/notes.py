"""One-on-one notes: reading a person's notes and writing them.

Who may read or write is the caller's question for the access module
(``can_read_one_on_one_notes``, ``may_write_one_on_one_note``); these
functions only keep the records straight.

A note form carries a one-time key, so a form sent twice (a double click, a
retry after a timeout, two racing requests) records one note. The key is
remembered in the cache for a day; as the cache may be per process, the
write also holds a lock on the person's row and, under it, treats a note by
the same author with exactly the same content recorded in the last few
minutes as the same submission.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import OneOnOneNote

KEY_TIMEOUT = 24 * 60 * 60
DUPLICATE_WINDOW = timedelta(minutes=10)


class NoteError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def notes_of(person):
    """The person's notes, latest meeting first, with their authors. One query."""
    return OneOnOneNote.objects.filter(person=person).select_related("author")


def _cache_key(submission_key):
    return f"review:note-submission:{submission_key}"


def _clean_actions(actions):
    """One action per line, blank lines dropped."""
    lines = (line.strip() for line in (actions or "").splitlines())
    return "\n".join(line for line in lines if line)


def record_note(
    *,
    person,
    author,
    met_on,
    notes="",
    actions="",
    next_meeting_on=None,
    submission_key=None,
    now=None,
):
    """Record ``author``'s note of a meeting with ``person`` and return it.

    Idempotent by ``submission_key`` (and by content for a few minutes): a
    second call with the same form returns the note already recorded.
    Raises ``NoteError`` when the next meeting is before this one or the
    author writes about themself. One transaction; the person's row is
    locked while checking for a twin.
    """
    if person.pk == author.pk:
        raise NoteError(_("A one-on-one note is about someone else."))
    if next_meeting_on is not None and next_meeting_on < met_on:
        raise NoteError(_("The next meeting cannot be before this one."))
    now = now or timezone.now()
    values = {
        "met_on": met_on,
        "notes": (notes or "").strip(),
        "actions": _clean_actions(actions),
        "next_meeting_on": next_meeting_on,
    }
    with transaction.atomic():
        # Serialises note writes about one person, so two racing twins
        # cannot both miss each other below.
        list(
            get_user_model()
            .objects.select_for_update()
            .filter(pk=person.pk)
            .values_list("pk", flat=True)
        )
        if submission_key is not None:
            known = cache.get(_cache_key(submission_key))
            if known is not None:
                existing = OneOnOneNote.objects.filter(
                    pk=known, person=person, author=author
                ).first()
                if existing is not None:
                    return existing
        twin = (
            OneOnOneNote.objects.filter(
                person=person, author=author, created_at__gte=now - DUPLICATE_WINDOW, **values
            )
            .order_by("-pk")
            .first()
        )
        if twin is not None:
            return twin
        note = OneOnOneNote.objects.create(
            person=person,
            author=author,
            author_name=author.get_full_name() or author.get_username(),
            **values,
        )
        if submission_key is not None:
            transaction.on_commit(
                lambda: cache.set(_cache_key(submission_key), note.pk, KEY_TIMEOUT)
            )
    return note


def update_note(*, note, editor, met_on, notes="", actions="", next_meeting_on=None):
    """Change a note; only its author may. Raises ``NoteError`` otherwise or
    when the next meeting is before this one."""
    if note.author_id is None or note.author_id != editor.pk:
        raise NoteError(_("Only the author of a note may change it."))
    if next_meeting_on is not None and next_meeting_on < met_on:
        raise NoteError(_("The next meeting cannot be before this one."))
    note.met_on = met_on
    note.notes = (notes or "").strip()
    note.actions = _clean_actions(actions)
    note.next_meeting_on = next_meeting_on
    with transaction.atomic():
        note.save(update_fields=["met_on", "notes", "actions", "next_meeting_on", "updated_at"])
    return note
