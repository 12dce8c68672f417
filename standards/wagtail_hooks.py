"""Admin wiring of the standards app."""

from wagtail import hooks

from standards import services


@hooks.register("before_publish_page")
@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def record_change_note(request, page):
    """Store the change note the editor wrote with this save (see AcknowledgeablePageForm).

    Publishing runs ``before_publish_page`` with the instance the form saved
    (the edit view reloads the page before ``after_edit_page``); saving a
    draft or submitting to the workflow runs ``after_*_page``. The note is
    taken off the instance once stored, so it is recorded exactly once.
    """
    pending = getattr(page, "_pending_change", None)
    if not pending:
        return
    page._pending_change = None
    services.record_change(
        page=page,
        revision=page.latest_revision,
        note=pending["note"],
        requires_reacknowledgement=pending["requires_reacknowledgement"],
        roles=pending["roles"],
        author=request.user,
    )
