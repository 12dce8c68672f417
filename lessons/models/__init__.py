from .pages import CoursePage, LearningIndexPage, LessonPage
from .progress import ActivityClock, LearningDay, LessonProgress

__all__ = [
    "ActivityClock",
    "CoursePage",
    "LearningDay",
    "LearningIndexPage",
    "LessonPage",
    "LessonProgress",
]
