"""Who may mark whose attempts: one hook, answered by the project.

``quizzes`` knows nothing of managers or teams. The project names a function
in the ``QUIZZES_MARKING_POLICY`` setting (a dotted path); it receives the
marker and a queryset of attempts and returns the part of it they may mark,
as a queryset, so the check runs inside the query and an attempt outside it
is simply not found. A policy returns ``attempts.none()`` for someone who
marks nobody at all; anything else makes them a marker (with a queue that may
be empty today). The default is safe: staff with the ``mark_attempt``
permission mark everyone's attempts except their own; nobody else marks.
"""

from django.conf import settings
from django.utils.module_loading import import_string

PERMISSION = "quizzes.mark_attempt"


def staff_with_permission(marker, attempts):
    if marker.is_active and marker.is_staff and marker.has_perm(PERMISSION):
        return attempts.exclude(person=marker)
    return attempts.none()


def _policy():
    path = getattr(settings, "QUIZZES_MARKING_POLICY", None)
    return import_string(path) if path else staff_with_permission


def markable_attempts(marker, attempts):
    """The attempts in ``attempts`` that ``marker`` may mark (a queryset)."""
    if not marker.is_authenticated:
        return attempts.none()
    return _policy()(marker, attempts)


def may_mark_anything(marker):
    """Whether the policy makes this person a marker at all (for menus and the
    queue), even while nobody they mark has submitted anything. No query."""
    from .models import Attempt

    return not markable_attempts(marker, Attempt.objects.all()).query.is_empty()
