"""What the standards app needs to know of the project, read from settings.

``standards`` knows nothing of the hub's role pages: it is told, by settings,
which page type is a role and which field of the user model holds a
person's role. A change can then ask only certain roles to re-acknowledge a
standard without this app importing the hub.
"""

from django.conf import settings


def role_page_model_label():
    """``"app_label.ModelName"`` of the page type that represents a role, or None."""
    return getattr(settings, "STANDARDS_ROLE_PAGE_MODEL", None)


def person_role_field():
    """Name of the user model's foreign key to a role page, or None when people have no role."""
    return getattr(settings, "STANDARDS_PERSON_ROLE_FIELD", None)


def role_page_choices():
    """``limit_choices_to`` for fields that pick roles: pages of the role page type."""
    label = role_page_model_label()
    if not label:
        return {"pk__in": []}
    app_label, model_name = label.lower().split(".")
    return {"content_type__app_label": app_label, "content_type__model": model_name}


def role_id_of(person):
    """The page id of ``person``'s role, or None."""
    field = person_role_field()
    if not field or person is None or not person.is_authenticated:
        return None
    return getattr(person, f"{field}_id", None)
