from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def level_plan_editor_js():
    """Each onboarding plan row shows only the fields its kind uses."""
    return format_html('<script src="{}" defer></script>', static("js/level-plan-editor.js"))
