from wagtail.models import Page


def ensure_child(parent, model, *, slug, **fields):
    """The child page of ``parent`` with ``slug``, created (and published) if missing.

    Returns ``(page, created)``. An existing page is left exactly as it is, so
    edits Sales Ops made to demo pages survive a second run.
    """
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True
