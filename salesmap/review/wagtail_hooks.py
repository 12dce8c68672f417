"""Admin wiring of the review app: the Sales Ops analytics reports and their permission."""

from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from . import reports


@hooks.register("register_admin_urls")
def register_analytics_urls():
    return reports.admin_urls()


# ``register_reports_menu_item`` takes one menu item per hook.
@hooks.register("register_reports_menu_item")
def register_lesson_analytics_menu_item():
    return reports.menu_item("lessons")


@hooks.register("register_reports_menu_item")
def register_content_gaps_menu_item():
    return reports.menu_item("content-gaps")


@hooks.register("register_reports_menu_item")
def register_content_health_menu_item():
    return reports.menu_item("content-health")


@hooks.register("register_reports_menu_item")
def register_cohorts_menu_item():
    return reports.menu_item("cohorts")


@hooks.register("register_permissions")
def register_analytics_permission():
    return Permission.objects.filter(content_type__app_label="review", codename="view_analytics")


@hooks.register("insert_global_admin_css")
def analytics_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/review-admin.css"))
