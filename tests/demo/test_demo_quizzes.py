"""The demo quiz bank that `manage.py load_demo` adds, and that a second run leaves alone."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase

from quizzes import selectors
from quizzes.models import Answer, Attempt, Category, Choice, Question, Quiz, QuizQuestion

pytestmark = pytest.mark.django_db


def run():
    call_command("load_demo", stdout=StringIO())


def counts():
    return [
        model.objects.count()
        for model in (Category, Question, Choice, Quiz, QuizQuestion, Attempt, Answer)
    ]


def test_load_demo_twice_leaves_the_same_quizzes_and_attempts():
    run()
    before = counts()
    states = list(Attempt.objects.order_by("pk").values_list("state", "score"))
    run()
    assert counts() == before
    assert list(Attempt.objects.order_by("pk").values_list("state", "score")) == states


class DemoQuizzesTests(TestCase):
    """What one demo load leaves in the quiz engine (loaded once for the class)."""

    @classmethod
    def setUpTestData(cls):
        run()

    def test_demo_quizzes_are_published_with_their_settings(self):
        # The lessons' own quizzes ("lesson-...") are covered in test_demo_lessons.
        quizzes = {quiz.slug: quiz for quiz in Quiz.objects.exclude(slug__startswith="lesson-")}
        assert set(quizzes) == {
            "discovery-call-basics",
            "crm-hygiene-quick-check",
            "price-objection-practice",
        }
        assert all(quiz.live and quiz.live_revision_id for quiz in quizzes.values())
        assert quizzes["discovery-call-basics"].time_limit_minutes == 15
        assert quizzes["crm-hygiene-quick-check"].max_attempts == 1
        assert quizzes["price-objection-practice"].show_answers == Quiz.ShowAnswers.AFTER_EACH
        assert set(Category.objects.values_list("name", flat=True)) >= {
            "Discovery",
            "Objection handling",
            "CRM hygiene",
        }

    def test_discovery_quiz_mixes_every_question_kind(self):
        quiz = Quiz.objects.get(slug="discovery-call-basics")
        kinds = [use.question.kind for use in quiz.quiz_questions.select_related("question")]
        assert kinds == ["single", "multiple", "true_false", "short_text", "essay"]
        several = quiz.quiz_questions.get(question__kind="multiple").question
        assert several.partial_credit is True

    def test_the_demo_managers_marking_queue_holds_annas_essay(self):
        maria = get_user_model().objects.get(username="maria.manager")
        queue = list(selectors.marking_queue(maria, state=Attempt.State.NEEDS_MARKING))
        assert selectors.waiting_for_marking_count(maria) == 1
        assert [(a.person.username, a.quiz.slug) for a in queue] == [
            ("anna.sdr", "discovery-call-basics")
        ]
        attempt = queue[0]
        [essay] = [answer for answer in attempt.answers.all() if answer.kind == "essay"]
        assert essay.needs_marking

    def test_demo_attempts_are_scored_by_the_quiz_service(self):
        anna = Attempt.objects.get(person__username="anna.sdr", quiz__slug="discovery-call-basics")
        # 1 + 2 x 2/3 (partial credit) + 1 + 1; the essay (3 points) waits for marking.
        assert (anna.score, anna.max_score, anna.passed) == (Decimal("4.33"), Decimal(8), None)
        tom = Attempt.objects.get(person__username="tom.sdr", quiz__slug="crm-hygiene-quick-check")
        assert (tom.state, tom.percent, tom.passed) == (Attempt.State.GRADED, Decimal(100), True)
