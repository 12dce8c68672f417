"""What the lessons app does when other apps report events."""

from . import services


def complete_lessons_after_quiz(sender, attempt, **kwargs):
    """A graded quiz attempt may complete "read and passed" lessons."""
    services.complete_after_quiz(attempt=attempt)
