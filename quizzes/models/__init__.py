from .attempts import Answer, Attempt
from .content import Category, Choice, Question, Quiz, QuizQuestion, SubCategory

__all__ = [
    "Answer",
    "Attempt",
    "Category",
    "Choice",
    "Question",
    "Quiz",
    "QuizQuestion",
    "SubCategory",
]
