"""The three kinds of users as groups with their permissions.

Sales Ops edit the whole Sales Map (pages, images, documents) and manage
people in the Wagtail admin. New hires and managers get no admin access at
all: what they see is decided by the access module, not by Django permissions.
"""

from django.db import migrations

NEW_HIRES = "New hires"
MANAGERS = "Managers"
SALES_OPS = "Sales Ops"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
}
MODEL_PERMISSIONS = {
    ("wagtailadmin", "admin"): ["access_admin"],
    ("people", "user"): ["add_user", "change_user", "view_user"],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    Group.objects.get_or_create(name=NEW_HIRES)
    Group.objects.get_or_create(name=MANAGERS)
    sales_ops, _ = Group.objects.get_or_create(name=SALES_OPS)

    for (app_label, model), codenames in MODEL_PERMISSIONS.items():
        for codename in codenames:
            sales_ops.permissions.add(_permission(apps, app_label, model, codename))

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=sales_ops,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )

    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for (app_label, model), codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=sales_ops,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, codename),
                )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[NEW_HIRES, MANAGERS, SALES_OPS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
