"""Sales Ops edit the Sales Map; a Sales Ops lead approves before it is published.

- Sales Ops keep add / change / lock / unlock on the page tree but lose
  publish: their changes go through the "Sales Map review" workflow.
- A new "Sales Ops leads" group has publish and approves in that workflow.
- Sales Ops manage the knowledge categories and client groups (snippets) and
  work the suggestions inbox.
- Wagtail's default "Moderators" and "Editors" groups are removed: nobody
  here is in them, and two unused groups next to ours only confuse the
  people admin. Wagtail's default workflow is renamed and re-pointed at the
  leads group.
"""

from django.db import migrations

SALES_OPS = "Sales Ops"
SALES_OPS_LEADS = "Sales Ops leads"
WORKFLOW_NAME = "Sales Map review"
TASK_NAME = "Sales Ops lead approval"

LEAD_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
SNIPPET_PERMISSIONS = {
    ("knowledge", "knowledgecategory"): ["add", "change", "delete", "view"],
    ("standards", "clientgroup"): ["add", "change", "delete", "view"],
    ("standards", "suggestion"): ["change", "view"],
}
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
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


def set_up(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    sales_ops, _ = Group.objects.get_or_create(name=SALES_OPS)
    leads, _ = Group.objects.get_or_create(name=SALES_OPS_LEADS)
    leads.permissions.add(*sales_ops.permissions.all())

    for (app_label, model), actions in SNIPPET_PERMISSIONS.items():
        for action in actions:
            permission = _permission(apps, app_label, model, f"{action}_{model}")
            sales_ops.permissions.add(permission)
            leads.permissions.add(permission)

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        publish = _permission(apps, "wagtailcore", "page", "publish_page")
        GroupPagePermission.objects.filter(
            group=sales_ops, page=root_page, permission=publish
        ).delete()
        for codename in LEAD_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=leads,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )

    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for (app_label, model), codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=leads,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, codename),
                )

    task_content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name__in=["Moderators approval", TASK_NAME]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=task_content_type, active=True
        )
    else:
        task.name = TASK_NAME
        task.active = True
        task.save()
    task.groups.set([leads])

    workflow = Workflow.objects.filter(name__in=["Moderators approval", WORKFLOW_NAME]).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    else:
        workflow.name = WORKFLOW_NAME
        workflow.active = True
        workflow.save()
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()


def tear_down(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    sales_ops = Group.objects.filter(name=SALES_OPS).first()
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if sales_ops is not None and root_page is not None:
        GroupPagePermission.objects.get_or_create(
            group=sales_ops,
            page=root_page,
            permission=_permission(apps, "wagtailcore", "page", "publish_page"),
        )
    Group.objects.filter(name=SALES_OPS_LEADS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_groups_and_permissions"),
        ("standards", "0001_initial"),
        ("knowledge", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
