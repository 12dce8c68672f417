"""Replace Wagtail's default welcome page with the Sales Map home as the site root."""

from django.db import migrations


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    SalesMapHomePage = apps.get_model("home", "SalesMapHomePage")

    if SalesMapHomePage.objects.exists():
        return
    welcome = Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", depth=2, slug="home"
    ).first()
    if welcome is not None and welcome.numchild == 0:
        Site.objects.filter(root_page=welcome).delete()
        welcome.delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="salesmaphomepage")
    locale = Locale.objects.order_by("pk").first()
    siblings = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True)
    last = siblings.first()
    # Treebeard paths: four base-36 characters a level.
    next_step = int(last[4:8], 36) + 1 if last else 1
    path = root.path + _base36(next_step).rjust(4, "0")
    home = SalesMapHomePage.objects.create(
        title="Sales Map",
        draft_title="Sales Map",
        slug="sales-map",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/sales-map/",
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Sales Map"},
    )


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
    return out or "0"


def remove_home(apps, schema_editor):
    SalesMapHomePage = apps.get_model("home", "SalesMapHomePage")
    SalesMapHomePage.objects.filter(depth=2, slug="sales-map", numchild=0).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_home, remove_home)]
