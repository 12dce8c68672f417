"""Publishing a Sales Map page updates its review row and makes its change notes effective.

Connected to Wagtail's ``page_published``, so it runs however the page was
published: from the editor, by a workflow approval or by the scheduled
publishing command.
"""

from standards import services


def on_page_published(sender, instance, revision, **kwargs):
    services.sync_review(page=instance)
    if revision is not None:
        services.publish_changes(page=instance, revision_id=revision.pk)
