"""Sales Ops and Sales Ops leads may open the "Pages due for review" report.

The report's permission is Django's own ``view_pagereview``. The groups are
the hub's (people migrations 0003 and 0004), hence the dependency on them.
"""

from django.db import migrations

GROUPS = ["Sales Ops", "Sales Ops leads"]
CODENAME = "view_pagereview"


def _permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="standards", model="pagereview")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can view page review"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0001_initial"),
        ("people", "0004_sales_map_editing_and_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
