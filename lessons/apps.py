from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    """Lesson and course pages, active-time tracking and completion (the lessons issue)."""

    name = "lessons"
    verbose_name = _("Lessons")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from quizzes.signals import attempt_graded

        from . import receivers

        attempt_graded.connect(receivers.complete_lessons_after_quiz, dispatch_uid="lessons-quiz")
