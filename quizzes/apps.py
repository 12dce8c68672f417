from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """The quiz engine: quizzes, questions, attempts, marking and statistics (the quiz issue).

    It knows nothing of lessons, roles or managers."""

    name = "quizzes"
    verbose_name = _("Quizzes")
    default_auto_field = "django.db.models.BigAutoField"
