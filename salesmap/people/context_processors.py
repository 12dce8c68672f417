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
        {
            "key": "onboarding",
            "label": _("My onboarding"),
            "url": reverse("my_onboarding"),
            "exact": True,  # someone else's map (/onboarding/people/...) is team work
        },
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
        items.append(
            {
                "key": "team",
                "label": _("My team"),
                "url": reverse("my_team"),
                "also": [reverse("my_onboarding") + "people/", "/practice/people/"],
            }
        )
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

    def matched(item):
        """The length of the item's address that ``path`` starts with (0: none)."""
        if item["url"] == "/" or item.get("exact"):
            return len(item["url"]) if path == item["url"] else 0
        prefixes = [item["url"], *item.get("also", [])]
        return max((len(prefix) for prefix in prefixes if path.startswith(prefix)), default=0)

    current = max(items, key=matched, default=None)
    if current is not None and not matched(current):
        current = None
    for item in items:
        item["current"] = item is current
    return {"nav_items": items}
