"""Sales Ops keep the practice scorecards and read practice evaluations.

- Sales Ops and Sales Ops leads: add / change / delete scorecards (their
  criteria are edited inline), and view evaluations in the admin (read-only:
  evaluations are recorded on the site by the person's manager or mentor).

Reversing takes these permissions away from the two groups again; the
permission rows themselves belong to their models and stay.
"""

from django.db import migrations

SALES_OPS = "Sales Ops"
SALES_OPS_LEADS = "Sales Ops leads"

# (model, codename, name)
PERMISSIONS = [
    *(
        ("scorecard", f"{action}_scorecard", f"Can {action} scorecard")
        for action in ("add", "change", "delete")
    ),
    ("evaluation", "view_evaluation", "Can view practice evaluation"),
]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="practice", model=model)
        # Django creates these after migrating (post_migrate); create them now
        # with the same names so that the groups can hold them.
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    return permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for name in (SALES_OPS, SALES_OPS_LEADS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=[SALES_OPS, SALES_OPS_LEADS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_quiz_permissions"),
        ("practice", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
