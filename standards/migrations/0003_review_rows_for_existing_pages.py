"""Give every live Sales Map page that exists already a review row.

Review rows are made when a page is published; the Sales Map home, created
by a data migration, was never published through the editor. Without a row
it would be missing from the review report and the trust score. It starts
due now and without an owner, so the report asks Sales Ops to claim it.
"""

from django.db import migrations
from django.utils import timezone

REVIEWED_PAGE_TYPES = [
    ("home", "salesmaphomepage"),
    ("standards", "normsindexpage"),
    ("standards", "normstopicpage"),
    ("standards", "funnelpage"),
    ("standards", "funnelstagepage"),
    ("knowledge", "knowledgeindexpage"),
    ("knowledge", "knowledgearticlepage"),
    ("progression", "rolesindexpage"),
    ("progression", "rolepage"),
    ("progression", "levelpage"),
]


def add_review_rows(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageReview = apps.get_model("standards", "PageReview")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = [
        content_type
        for app_label, model in REVIEWED_PAGE_TYPES
        for content_type in ContentType.objects.filter(app_label=app_label, model=model)
    ]
    now = timezone.now()
    missing = Page.objects.filter(live=True, content_type__in=types, review__isnull=True)
    PageReview.objects.bulk_create(
        [
            PageReview(page_id=page_id, due_at=now)
            for page_id in missing.values_list("pk", flat=True)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0002_review_report_permission"),
        ("home", "0003_review"),
        ("knowledge", "0001_initial"),
        ("progression", "0002_levels_and_review"),
    ]

    operations = [migrations.RunPython(add_review_rows, migrations.RunPython.noop)]
