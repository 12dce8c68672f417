from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quizzes.policy import may_mark_anything

from . import access


def navigation(request):
    """The header's navigation, decided by the same access rules as the views."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"key": "salesmap", "label": _("Sales Map"), "url": "/"},
        {"key": "onboarding", "label": _("My onboarding"), "url": reverse("my_onboarding")},
        {"key": "learning", "label": _("My learning"), "url": reverse("lessons:my_learning")},
        {"key": "quizzes", "label": _("Quizzes"), "url": reverse("quizzes:list")},
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
    # The quiz engine's marking policy (the access module, through the hook)
    # says who marks: the same question its marking views ask.
    if may_mark_anything(user):
        items.append(
            {"key": "marking", "label": _("Marking"), "url": reverse("quizzes:marking_queue")}
        )
    if access.may_enter_admin(user):
        items.append({"key": "admin", "label": _("Admin"), "url": reverse("wagtailadmin_home")})
    # The longest matching prefix is the current item (/quizzes/marking/ is
    # "Marking", not "Quizzes").
    path = request.path
    matches = [
        item
        for item in items
        if (path == "/" if item["url"] == "/" else path.startswith(item["url"]))
    ]
    current = max(matches, key=lambda item: len(item["url"]), default=None)
    for item in items:
        item["current"] = item is current
    return {"nav_items": items}
