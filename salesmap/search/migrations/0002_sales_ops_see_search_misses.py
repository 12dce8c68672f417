"""Sales Ops and Sales Ops leads see the "Searches with no results" report and
may delete a miss once the missing article is written."""

from django.db import migrations

GROUPS = ["Sales Ops", "Sales Ops leads"]
# The names Django itself would give them after migrating.
PERMISSIONS = {
    "view_searchmiss": "Can view search with no results",
    "delete_searchmiss": "Can delete search with no results",
}


def _permission(apps, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="sitesearch", model="searchmiss")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": name},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = [_permission(apps, codename, name) for codename, name in PERMISSIONS.items()]
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="sitesearch", codename__in=list(PERMISSIONS)
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0001_initial"),
        ("people", "0004_sales_map_editing_and_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
