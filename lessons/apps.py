from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    """Lesson and course pages, active-time tracking and completion (the lessons issue)."""

    name = "lessons"
    verbose_name = _("Lessons")
    default_auto_field = "django.db.models.BigAutoField"
