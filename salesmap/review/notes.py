"""One-on-one notes: reading a person's notes and writing them.

Who may read or write is the caller's question for the access module
(``can_read_one_on_one_notes``, ``may_write_one_on_one_note``); these
functions only keep the records straight.

A note form carries a one-time key, stored with the note under a unique
constraint, so a form sent twice (a double click, a retry after a timeout,
two racing requests on different app servers) records one note.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .models import OneOnOneNote


class NoteError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def notes_of(person):
    """The person's notes, latest meeting first, with their authors. One query."""
    return OneOnOneNote.objects.filter(person=person).select_related("author")


def _clean_actions(actions):
    """One action per line, blank lines dropped."""
    lines = (line.strip() for line in (actions or "").splitlines())
    return "\n".join(line for line in lines if line)


def _sent_before(submission_key, person, author):
    """The note recorded with this form's key by this author about this person, if any."""
    return OneOnOneNote.objects.filter(
        submission_key=submission_key, person=person, author=author
    ).first()


def record_note(
    *,
    person,
    author,
    met_on,
    notes="",
    actions="",
    next_meeting_on=None,
    submission_key=None,
):
    """Record ``author``'s note of a meeting with ``person`` and return it.

    Idempotent by ``submission_key``: a second call with the same form
    returns the note already recorded, even when the two race (the unique
    key decides). Raises ``NoteError`` when the key was used by a form about
    someone else, the next meeting is before this one or the author writes
    about themself.
    """
    if person.pk == author.pk:
        raise NoteError(_("A one-on-one note is about someone else."))
    if next_meeting_on is not None and next_meeting_on < met_on:
        raise NoteError(_("The next meeting cannot be before this one."))
    if submission_key is not None:
        earlier = _sent_before(submission_key, person, author)
        if earlier is not None:
            return earlier
    try:
        with transaction.atomic():
            return OneOnOneNote.objects.create(
                person=person,
                author=author,
                author_name=author.get_full_name() or author.get_username(),
                met_on=met_on,
                notes=(notes or "").strip(),
                actions=_clean_actions(actions),
                next_meeting_on=next_meeting_on,
                submission_key=submission_key,
            )
    except IntegrityError:
        # The same form, sent at the same moment, was recorded first; or the
        # key came with a form about someone else (a tampered or copied form).
        earlier = _sent_before(submission_key, person, author) if submission_key else None
        if earlier is None:
            raise NoteError(
                _("This form was already used. Reload the page and write the note again.")
            ) from None
        return earlier


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
