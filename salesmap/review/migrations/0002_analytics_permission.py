"""Sales Ops read the analytics reports in the admin.

Creates the permission ``review.view_analytics`` (on the one-on-one note's
content type: a permission needs one and the analytics have no model of
their own) and grants it to Sales Ops and Sales Ops leads.

Reversing takes it away from the two groups and deletes the permission, which
nothing else declares.
"""

from django.db import migrations

SALES_OPS = "Sales Ops"
SALES_OPS_LEADS = "Sales Ops leads"
CODENAME = "view_analytics"
NAME = "Can view Sales Ops analytics"


def _content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="review", model="oneononenote")
    return content_type


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission, _ = Permission.objects.get_or_create(
        content_type=_content_type(apps), codename=CODENAME, defaults={"name": NAME}
    )
    for name in (SALES_OPS, SALES_OPS_LEADS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="review", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("people", "0007_user_email_reminders"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
