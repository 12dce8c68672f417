"""Reads of the standards app: acknowledgement state, review state, trust score.

The acknowledgement rule, in one place: a person's acknowledgement of a page
counts when the revision they read is no older than the last published
change that asks *their* role (or everyone) to re-acknowledge it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q
from django.utils import timezone
from wagtail.models import Page, get_page_models
from wagtail.permissions import page_permission_policy

from standards.conf import role_id_of
from standards.models import AcknowledgeablePageMixin, Acknowledgement, PageChange, PageReview


def acknowledgeable_page_models():
    return [model for model in get_page_models() if issubclass(model, AcknowledgeablePageMixin)]


@dataclass
class AcknowledgementState:
    """Where one person stands with one page."""

    page_id: int
    required: bool
    acknowledged_revision_id: int | None = None
    acknowledged_at: object = None
    threshold_revision_id: int = 0
    changes_since: list = field(default_factory=list)

    @property
    def acknowledged(self):
        return self.acknowledged_revision_id is not None

    @property
    def is_current(self):
        """The acknowledgement counts: no change since then asks this person to re-read."""
        return self.acknowledged and self.acknowledged_revision_id >= self.threshold_revision_id

    @property
    def needs_reacknowledgement(self):
        return self.acknowledged and not self.is_current

    @property
    def pending(self):
        return self.required and not self.is_current


def change_applies_to(change, role_id):
    """Whether a published change asks a person of ``role_id`` to re-acknowledge."""
    if not change.requires_reacknowledgement:
        return False
    role_ids = {role.pk for role in change.roles.all()}
    return not role_ids or role_id in role_ids


def _audiences(page_ids):
    """``{page_id: set of role ids}`` of the roles asked to acknowledge each page
    (an empty set: everyone). One query per acknowledgeable page type."""
    audiences = {page_id: set() for page_id in page_ids}
    for model in acknowledgeable_page_models():
        through = model.acknowledgement_roles.through
        source = f"{model._meta.model_name}_id"
        rows = through.objects.filter(**{f"{source}__in": page_ids}).values_list(source, "page_id")
        for page_id, role_id in rows:
            audiences[page_id].add(role_id)
    return audiences


def acknowledgement_states(*, people, page_ids):
    """``{(person_id, page_id): AcknowledgementState}`` for every pair.

    A fixed number of queries whatever the number of people and pages: the
    acknowledgements (one), the published changes with their roles (two),
    the audiences (one per acknowledgeable page type) and which of the pages
    ask for acknowledgement at all (one; a page that does not is never required).
    """
    people = list(people)
    page_ids = list(page_ids)
    if not people or not page_ids:
        return {}
    latest = {
        (row["person_id"], row["page_id"]): (row["revision"], row["at"])
        for row in Acknowledgement.objects.filter(person__in=people, page_id__in=page_ids)
        .values("person_id", "page_id")
        .annotate(revision=Max("revision_id"), at=Max("acknowledged_at"))
    }
    changes = defaultdict(list)
    for change in (
        PageChange.objects.filter(page_id__in=page_ids, published_revision_id__isnull=False)
        .prefetch_related("roles")
        .order_by("published_revision_id", "pk")
    ):
        changes[change.page_id].append(change)
    audiences = _audiences(page_ids)
    content_types = ContentType.objects.get_for_models(*acknowledgeable_page_models()).values()
    acknowledgeable = set(
        Page.objects.filter(pk__in=page_ids, content_type__in=content_types).values_list(
            "pk", flat=True
        )
    )

    states = {}
    for person in people:
        role_id = role_id_of(person)
        for page_id in page_ids:
            audience = audiences.get(page_id, set())
            revision, at = latest.get((person.pk, page_id), (None, None))
            page_changes = changes.get(page_id, [])
            threshold = max(
                (c.published_revision_id for c in page_changes if change_applies_to(c, role_id)),
                default=0,
            )
            states[(person.pk, page_id)] = AcknowledgementState(
                page_id=page_id,
                required=page_id in acknowledgeable and (not audience or role_id in audience),
                acknowledged_revision_id=revision,
                acknowledged_at=at,
                threshold_revision_id=threshold,
                changes_since=[
                    c
                    for c in page_changes
                    if revision is not None and c.published_revision_id > revision
                ],
            )
    return states


def acknowledgement_state(*, person, page):
    """The state of one person and one page (see ``acknowledgement_states``)."""
    return acknowledgement_states(people=[person], page_ids=[page.pk])[(person.pk, page.pk)]


def acknowledgeable_pages_for(person):
    """Live acknowledgeable pages that ask ``person``'s role (or everyone), in tree order.

    One query per acknowledgeable page type.
    """
    role_id = role_id_of(person)
    pages = []
    for model in acknowledgeable_page_models():
        audience = Q(acknowledgement_roles__isnull=True)
        if role_id is not None:
            audience |= Q(acknowledgement_roles=role_id)
        pages.extend(model.objects.live().filter(audience).distinct().defer_streamfields())
    return sorted(pages, key=lambda page: page.path)


def pending_acknowledgements(person):
    """``[(page, state)]`` of the pages ``person`` still has to (re-)acknowledge."""
    pages = acknowledgeable_pages_for(person)
    states = acknowledgement_states(people=[person], page_ids=[p.pk for p in pages])
    return [
        (page, states[(person.pk, page.pk)])
        for page in pages
        if states[(person.pk, page.pk)].pending
    ]


# --- Reviews ----------------------------------------------------------------------------


def live_reviews():
    """Review rows of live pages, with the page, owner and last verifier (one query)."""
    return PageReview.objects.filter(page__live=True).select_related(
        "page", "owner", "last_verified_by"
    )


def overdue_reviews(*, now=None):
    """Live pages whose review date has passed, most overdue first."""
    return live_reviews().filter(due_at__lt=now or timezone.now()).order_by("due_at")


def trust_score(*, now=None):
    """``{"total", "fresh", "percent"}``: the share of live pages within their review date.

    One aggregate query. ``percent`` is None when there are no pages yet.
    """
    counts = PageReview.objects.filter(page__live=True).aggregate(
        total=Count("pk"), fresh=Count("pk", filter=Q(due_at__gte=now or timezone.now()))
    )
    total, fresh = counts["total"], counts["fresh"]
    return {
        "total": total,
        "fresh": fresh,
        "percent": round(100 * fresh / total) if total else None,
    }


def verifiable_page_ids(person, pages):
    """The ids of ``pages`` (``(page_id, owner_id)`` pairs) that ``person`` may verify.

    The rule: the page's owner, or anyone who may publish the page. At most
    one query (Wagtail's page permission policy) for any number of pages.
    """
    if not person.is_authenticated:
        return set()
    owned = {page_id for page_id, owner_id in pages if owner_id == person.pk}
    others = {page_id for page_id, _owner in pages} - owned
    if not others:
        return owned
    publishable = page_permission_policy.instances_user_has_permission_for(person, "publish")
    return owned | set(publishable.filter(pk__in=others).values_list("pk", flat=True))


def review_of(page):
    """The review row of ``page`` with its owner and last verifier, or None (one query)."""
    return (
        PageReview.objects.select_related("owner", "last_verified_by")
        .filter(page_id=page.pk)
        .first()
    )


def compare_revisions(*, page, old, new, request):
    """Wagtail's field-by-field comparisons of two revisions of ``page`` that differ.

    The same comparison classes as the admin's compare view, built from the
    page type's edit handler; fields only the form knows (the change note)
    have no comparison.
    """
    panel = page.specific_class.get_edit_handler().get_bound_panel(
        instance=page, request=request, form=None
    )
    old_page, new_page = old.as_object(), new.as_object()
    result = []
    for comparison_class in panel.get_comparison():
        comparison = comparison_class(old_page, new_page)
        if comparison.has_changed():
            result.append(comparison)
    return result
