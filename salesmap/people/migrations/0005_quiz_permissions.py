"""Sales Ops edit quizzes, the question bank and its categories, and mark attempts.

- Sales Ops: add / change / delete quizzes, questions, categories and
  sub-categories, and mark quiz attempts. They save quizzes as drafts.
- Sales Ops leads: the same, plus publishing quizzes.

Reversing takes these permissions away from the two groups again; the
permission rows themselves belong to their models and stay.
"""

from django.db import migrations

SALES_OPS = "Sales Ops"
SALES_OPS_LEADS = "Sales Ops leads"

EDITED_MODELS = {
    "quiz": "quiz",
    "question": "question",
    "category": "quiz category",
    "subcategory": "sub-category",
}
ACTIONS = ["add", "change", "delete"]
# (model, codename, name) beyond add/change/delete.
MARK = ("quiz", "mark_attempt", "Can mark quiz attempts")
PUBLISH = ("quiz", "publish_quiz", "Can publish quiz")


def _permission(apps, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="quizzes", model=model)
    # Django and Wagtail create these after migrating (post_migrate); create
    # them now with the same names so that the groups can hold them.
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _editing_permissions(apps):
    permissions = [
        _permission(apps, model, f"{action}_{model}", f"Can {action} {verbose_name}")
        for model, verbose_name in EDITED_MODELS.items()
        for action in ACTIONS
    ]
    permissions.append(_permission(apps, *MARK))
    return permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    sales_ops, _ = Group.objects.get_or_create(name=SALES_OPS)
    leads, _ = Group.objects.get_or_create(name=SALES_OPS_LEADS)
    permissions = _editing_permissions(apps)
    sales_ops.permissions.add(*permissions)
    leads.permissions.add(*permissions, _permission(apps, *PUBLISH))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = [*_editing_permissions(apps), _permission(apps, *PUBLISH)]
    for group in Group.objects.filter(name__in=[SALES_OPS, SALES_OPS_LEADS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_sales_map_editing_and_review_workflow"),
        ("quizzes", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
