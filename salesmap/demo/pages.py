"""Demo content for `manage.py load_demo`: a believable B2B services company.

Every builder is idempotent: it looks things up by a stable key (slug,
username) and creates only what is missing, so running the command twice
changes nothing.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

PUBLISHING_FIELDS = [
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
]


@dataclass
class Section:
    """What a section loader leaves behind: its index page, its pages by slug,
    and the pages this run created (the only ones the upkeep step touches)."""

    index: Page
    pages: dict = field(default_factory=dict)
    created: list = field(default_factory=list)


def ensure_child(parent, model, *, slug, author=None, before_save=None, publish=True, **fields):
    """The child page of ``parent`` with ``slug``, created (and published) if missing.

    Returns ``(page, created)``. An existing page is left exactly as it is, so
    edits Sales Ops made to demo pages survive a second run. ``before_save``
    gets the unsaved page, for what the constructor cannot take (tags). With
    ``publish=False`` the page is created as a draft without a revision, for a
    caller that still has fields to set (links to siblings, an owner) before
    its first revision; it must ``publish_revision`` it in the same transaction.
    """
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, live=publish, **fields)
    if before_save is not None:
        before_save(page)
    parent.add_child(instance=page)
    if publish:
        publish_revision(page, author=author)
    return page, True


def publish_revision(page, *, author=None):
    """Save the page's current field values as a new revision and publish it.

    The author is recorded on the revision only: publishing as the author would
    run their permission checks, and a Sales Ops editor publishes through the
    lead's approval.
    """
    page.save_revision(user=author).publish()
    # Wagtail publishes a copy built from the revision; bring its state back here.
    page.refresh_from_db(fields=PUBLISHING_FIELDS)
    return page
