from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import access


def navigation(request):
    """The header's navigation, decided by the same access rules as the views."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"key": "salesmap", "label": _("Sales Map"), "url": "/"},
        {"key": "onboarding", "label": _("My onboarding"), "url": reverse("my_onboarding")},
        # The search view is served at /search/ (not named here: it lives in another app).
        {"key": "search", "label": _("Search"), "url": "/search/"},
        {
            "key": "suggestions",
            "label": _("My suggestions"),
            "url": reverse("standards:my_suggestions"),
        },
    ]
    if access.may_open_team_view(user):
        items.append({"key": "team", "label": _("My team"), "url": reverse("my_team")})
    if access.may_enter_admin(user):
        items.append({"key": "admin", "label": _("Admin"), "url": reverse("wagtailadmin_home")})
    path = request.path
    for item in items:
        item["current"] = path == "/" if item["url"] == "/" else path.startswith(item["url"])
    return {"nav_items": items}
