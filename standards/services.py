"""Writes of the standards app: change notes, acknowledgements, reviews, suggestions.

Each function takes keyword-only arguments and runs in one transaction;
database constraints back the invariants, so a double click or a race ends
in the existing row rather than a duplicate.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standards import selectors
from standards.models import (
    Acknowledgement,
    PageChange,
    PageReview,
    PageVerification,
    ReviewedPageMixin,
    Suggestion,
)


class NotAcknowledgeable(Exception):
    """The page does not ask readers to acknowledge it (or is not live)."""


class NotAllowed(Exception):
    """The person may not do this to this page."""


def live_revision_id(page):
    """The id of the revision readers see now (falls back to the latest one)."""
    return page.live_revision_id or page.latest_revision_id or 0


@transaction.atomic
def record_change(*, page, revision, note, requires_reacknowledgement, roles, author):
    """Store the change note written with ``revision``; returns the PageChange or None.

    Nothing is stored for an empty note without re-acknowledgement. If the
    revision is already live (published from the editor), the change takes
    effect at once; otherwise when the revision (or a later one) is published.
    """
    if revision is None or (not note and not requires_reacknowledgement):
        return None
    change = PageChange.objects.create(
        page=page,
        revision_id=revision.pk,
        note=note,
        requires_reacknowledgement=requires_reacknowledgement,
        created_by=author if author is not None and author.is_authenticated else None,
    )
    if requires_reacknowledgement and roles:
        change.roles.set(roles)
    page.refresh_from_db(fields=["live_revision"])
    if page.live_revision_id and page.live_revision_id >= revision.pk:
        publish_changes(page=page, revision_id=page.live_revision_id)
    return change


def publish_changes(*, page, revision_id, when=None):
    """Make every pending change of ``page`` written up to ``revision_id`` effective."""
    return PageChange.objects.filter(
        page=page, published_revision_id__isnull=True, revision_id__lte=revision_id
    ).update(published_revision_id=revision_id, published_at=when or timezone.now())


@transaction.atomic
def sync_review(*, page, when=None):
    """Create or update the review row of a just-published Sales Map page.

    The clock starts at the first publication; a new owner or interval moves
    the due date, a verification is kept.
    """
    specific = page.specific_deferred
    if not isinstance(specific, ReviewedPageMixin):
        return None
    when = when or timezone.now()
    review, _created = PageReview.objects.select_for_update().get_or_create(
        page_id=page.pk,
        defaults={
            "owner_id": specific.content_owner_id,
            "interval_days": specific.review_interval_days,
            "due_at": when,
        },
    )
    review.owner_id = specific.content_owner_id
    review.interval_days = specific.review_interval_days
    since = review.last_verified_at or page.first_published_at or when
    review.due_at = review.compute_due_at(since=since)
    review.save()
    return review


def may_verify(person, page):
    """The page's owner, or anyone who may publish it, may verify it (see the selector)."""
    owner_id = getattr(page.specific_deferred, "content_owner_id", None)
    return page.pk in selectors.verifiable_page_ids(person, [(page.pk, owner_id)])


@transaction.atomic
def verify_page(*, page, person, when=None):
    """Record that ``person`` checked the live page is still true; returns the review."""
    if not page.live or not isinstance(page.specific_deferred, ReviewedPageMixin):
        raise NotAllowed(_("Only a live Sales Map page can be verified."))
    if not may_verify(person, page):
        raise NotAllowed(_("Only the page's owner or a Sales Ops lead can verify it."))
    when = when or timezone.now()
    review = sync_review(page=page, when=when)
    PageVerification.objects.create(
        page=page, verified_by=person, verified_at=when, revision_id=live_revision_id(page)
    )
    review.last_verified_at = when
    review.last_verified_by = person
    review.due_at = review.compute_due_at(since=when)
    review.save(update_fields=["last_verified_at", "last_verified_by", "due_at"])
    return review


def acknowledge(*, page, person, when=None):
    """Record that ``person`` read the live revision of ``page``; safe to repeat.

    Returns ``(acknowledgement, created)``. A second click, or two tabs at
    once, find the existing row (a unique constraint decides the race).
    """
    specific = page.specific_deferred
    if not page.live or not getattr(specific, "is_acknowledgeable", False):
        raise NotAcknowledgeable(_("This page does not ask for an acknowledgement."))
    revision_id = live_revision_id(page)
    lookup = {"person": person, "page": page, "revision_id": revision_id}
    existing = Acknowledgement.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            created = Acknowledgement.objects.create(
                **lookup, page_title=page.title, acknowledged_at=when or timezone.now()
            )
    except IntegrityError:
        return Acknowledgement.objects.get(**lookup), False
    return created, True


@transaction.atomic
def suggest(*, page, author, kind, text, link=""):
    """Store a reader's suggestion or case about ``page`` for the Sales Ops inbox."""
    return Suggestion.objects.create(
        page=page, page_title=page.title, author=author, kind=kind, text=text, link=link
    )


@transaction.atomic
def reply_to_suggestion(*, suggestion, status, reply, by):
    """Set a suggestion's status and reply (the author sees both); returns the stored row.

    Compares with the row as stored (locked), not with the object passed in,
    which a form may already have changed: a new reply records who replied and
    when, an unchanged one keeps them, a removed one clears them.
    """
    stored = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    reply = reply.strip()
    stored.status = status
    if reply != stored.reply:
        stored.reply = reply
        stored.replied_by = by if reply else None
        stored.replied_at = timezone.now() if reply else None
    stored.save()
    return stored
