"""The person's own quiz progress page: quizzes taken, each attempt, score per category."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes import services
from quizzes.models import Quiz
from tests.factories import QuestionFactory, QuizCategoryFactory, QuizFactory

pytestmark = pytest.mark.django_db

PROGRESS = "/quizzes/progress/"


def quiz_in(category_name, *, title=None, **settings):
    category = QuizCategoryFactory(name=category_name)
    questions = [
        QuestionFactory(kind="true_false", true_false_answer=True, category=category),
        QuestionFactory(kind="true_false", true_false_answer=False, category=category),
    ]
    extra = {"title": title} if title else {}
    return QuizFactory(questions=questions, **extra, **settings)


def take(quiz, person, answers):
    """One finished attempt answering the true/false questions in order."""
    attempt = services.start_attempt(quiz=quiz, person=person)
    for position, value in enumerate(answers, 1):
        services.save_answer(
            attempt_id=attempt.pk, person=person, position=position, data={"choice": [value]}
        )
    return services.submit_attempt(attempt_id=attempt.pk, person=person)


def test_the_page_has_its_own_address():
    assert reverse("quizzes:progress") == PROGRESS


def test_progress_lists_every_quiz_taken_with_each_attempt(client_for, hire):
    funnel = quiz_in("Funnel", title="Funnel basics")
    calls = quiz_in("Calls", title="Cold calls")
    first = take(funnel, hire, ["false", "true"])
    second = take(funnel, hire, ["true", "false"])
    third = take(calls, hire, ["true", "false"])

    response = client_for(hire).get(PROGRESS)

    assert response.status_code == 200
    groups = {group["title"]: group for group in response.context["quizzes"]}
    assert [a.pk for a in groups["Funnel basics"]["attempts"]] == [second.pk, first.pk]
    assert [a.pk for a in groups["Cold calls"]["attempts"]] == [third.pk]
    content = response.content.decode()
    for attempt in (first, second, third):
        assert reverse("quizzes:result", args=[attempt.pk]) in content


def test_progress_shows_each_attempts_score_and_pass_or_fail(client_for, hire):
    quiz = quiz_in("Funnel", pass_mark=100)
    take(quiz, hire, ["false", "true"])
    take(quiz, hire, ["true", "false"])
    content = client_for(hire).get(PROGRESS).content.decode()
    assert "0%" in content and "100%" in content
    assert "Not passed" in content and "Passed" in content


def test_progress_marks_the_attempt_that_counts(client_for, hire):
    quiz = quiz_in("Funnel", counts=Quiz.Counts.BEST)
    take(quiz, hire, ["false", "false"])
    best = take(quiz, hire, ["true", "false"])
    take(quiz, hire, ["true", "true"])
    response = client_for(hire).get(PROGRESS)
    assert response.context["quizzes"][0]["result"].pk == best.pk
    assert "counted score 100%" in response.content.decode()


def test_progress_shows_an_attempt_in_progress_with_a_resume_link(client_for, hire):
    quiz = quiz_in("Funnel")
    attempt = services.start_attempt(quiz=quiz, person=hire)
    content = client_for(hire).get(PROGRESS).content.decode()
    assert reverse("quizzes:take", args=[attempt.pk]) in content
    assert "Started" in content


def test_progress_shows_the_score_per_category_across_quizzes(client_for, hire):
    take(quiz_in("Funnel"), hire, ["true", "false"])  # 2 of 2
    take(quiz_in("Funnel"), hire, ["true", "true"])  # 1 of 2
    take(quiz_in("Calls"), hire, ["false", "true"])  # 0 of 2

    response = client_for(hire).get(PROGRESS)

    rows = {row["category"]: row for row in response.context["categories"]}
    assert (rows["Funnel"]["correct"], rows["Funnel"]["possible"]) == (3, 4)
    assert rows["Funnel"]["percent"] == 75
    assert (rows["Calls"]["correct"], rows["Calls"]["possible"]) == (0, 2)
    content = response.content.decode()
    assert "3 of 4 correct · 75%" in content
    assert 'role="meter"' in content and 'aria-valuenow="75"' in content
    assert 'style="width: 75%"' in content


def test_progress_keeps_the_title_as_taken_when_a_quiz_is_renamed(client_for, hire):
    quiz = quiz_in("Funnel", title="Funnel basics")
    take(quiz, hire, ["true", "false"])
    Quiz.objects.filter(pk=quiz.pk).update(title="Funnel 2.0", archived=True)
    content = client_for(hire).get(PROGRESS).content.decode()
    assert "Funnel basics" in content


def test_progress_shows_only_the_signed_in_persons_attempts(client_for, hire, other_hire):
    mine = quiz_in("Funnel", title="Mine")
    theirs = quiz_in("Calls", title="Theirs")
    take(mine, hire, ["true", "false"])
    other = take(theirs, other_hire, ["true", "false"])
    response = client_for(hire).get(PROGRESS)
    content = response.content.decode()
    assert "Theirs" not in content
    assert reverse("quizzes:result", args=[other.pk]) not in content
    assert [row["category"] for row in response.context["categories"]] == ["Funnel"]


def test_progress_without_any_quiz_says_so(client_for, hire):
    response = client_for(hire).get(PROGRESS)
    assert response.status_code == 200
    assert "You have not taken a quiz yet." in response.content.decode()


def test_progress_refuses_post(client_for, hire):
    assert client_for(hire).post(PROGRESS).status_code == 405


def test_progress_sends_anonymous_visitors_to_sign_in(client_for):
    response = client_for(None).get(PROGRESS)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_progress_uses_the_same_queries_for_few_and_many_quizzes(client_for, hire):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PROGRESS).status_code == 200
        return len(queries)

    client = client_for(hire)
    for index in range(2):
        take(quiz_in(f"Category {index}"), hire, ["true", "false"])
    few = count()
    for index in range(2, 12):
        quiz = quiz_in(f"Category {index}")
        take(quiz, hire, ["true", "false"])
        take(quiz, hire, ["false", "false"])
    assert count() == few
    assert few <= 10
