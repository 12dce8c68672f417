"""The taker's pages: list, quiz page, starting, taking, answering, submitting, result.

Each quiz setting shows in behaviour; each refusal answers with its status and
changes nothing; someone else's attempt is a 404; pages use fixed queries.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizzes import services
from quizzes.models import Answer, Attempt, Quiz
from tests.factories import QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


def make_quiz(**settings):
    questions = [
        QuestionFactory(
            text="Which stage comes first?",
            choices=[("Qualification", True), ("Closing", False), ("Negotiation", False)],
            explanation="Qualify before anything else.",
        ),
        QuestionFactory(kind="true_false", text="A demo needs an agenda.", true_false_answer=True),
        QuestionFactory(kind="short_text", text="Name the CRM", accepted_answers="Pipedrive"),
    ]
    return QuizFactory(questions=questions, **settings)


def start(quiz, person):
    return services.start_attempt(quiz=quiz, person=person)


def answers_of(attempt):
    return list(Answer.objects.filter(attempt=attempt).order_by("position"))


def right_choice(answer):
    return next(str(choice["id"]) for choice in answer.choices if choice["correct"])


def wrong_choice(answer):
    return next(str(choice["id"]) for choice in answer.choices if not choice["correct"])


def take_url(attempt, query=""):
    return reverse("quizzes:take", args=[attempt.pk]) + query


def answer_url(attempt):
    return reverse("quizzes:answer", args=[attempt.pk])


def result_url(attempt):
    return reverse("quizzes:result", args=[attempt.pk])


def post_one(client, attempt, position, *, choice=None, text=None, revision=None, **extra):
    answer = Answer.objects.get(attempt=attempt, position=position)
    data = {"position": position, "revision": answer.revision if revision is None else revision}
    if choice is not None:
        data["choice"] = choice
    if text is not None:
        data["text"] = text
    data.update(extra)
    return client.post(answer_url(attempt), data)


def snapshot_of_state(attempt):
    """What a refusal must leave unchanged."""
    attempt.refresh_from_db()
    rows = Answer.objects.filter(attempt=attempt).order_by("position")
    return (
        attempt.state,
        attempt.score,
        [(a.response, a.revision, a.locked) for a in rows],
    )


# The list --------------------------------------------------------------------------------


def test_list_shows_each_quiz_with_the_persons_status(client_for, hire):
    fresh = make_quiz(title="Fresh quiz")
    going = make_quiz(title="Going quiz")
    passed = make_quiz(title="Passed quiz")
    failed = make_quiz(title="Failed quiz", max_attempts=3)
    start(going, hire)
    attempt = start(passed, hire)
    for answer in answers_of(attempt):
        data = {"choice": [right_choice(answer)]} if answer.kind == "single" else {}
        if answer.kind == "true_false":
            data = {"choice": ["true"]}
        if answer.kind == "short_text":
            data = {"text": "pipedrive"}
        services.save_answer(
            attempt_id=attempt.pk, person=hire, position=answer.position, data=data
        )
    services.submit_attempt(attempt_id=attempt.pk, person=hire)
    services.submit_attempt(attempt_id=start(failed, hire).pk, person=hire)

    response = client_for(hire).get(reverse("quizzes:list"))

    assert response.status_code == 200
    rows = {row["quiz"].title: row for row in response.context["rows"]}
    assert rows[fresh.title]["status"] == "not_started"
    assert rows[going.title]["status"] == "in_progress"
    assert rows[passed.title]["status"] == "passed"
    assert rows[failed.title]["status"] == "failed"
    assert rows[failed.title]["attempts_left"] == 2
    assert "2 attempts left" in response.content.decode()


def test_list_hides_drafts_and_archived_quizzes_from_takers(client_for, hire):
    make_quiz(title="Draft quiz", live=False)
    make_quiz(title="Old quiz", archived=True)
    make_quiz(title="Live quiz")
    content = client_for(hire).get(reverse("quizzes:list")).content.decode()
    assert "Live quiz" in content
    assert "Draft quiz" not in content
    assert "Old quiz" not in content


def test_list_shows_drafts_to_editors(client_for, sales_ops):
    make_quiz(title="Draft quiz", live=False)
    content = client_for(sales_ops).get(reverse("quizzes:list")).content.decode()
    assert "Draft quiz" in content


def test_list_uses_the_same_queries_for_few_and_many_quizzes(
    client_for, hire, django_assert_max_num_queries
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("quizzes:list")).status_code == 200
        return len(queries)

    client = client_for(hire)
    for _ in range(2):
        start(make_quiz(), hire)
    few = count()
    for _ in range(10):
        start(make_quiz(), hire)
    assert count() == few
    with django_assert_max_num_queries(12):
        client.get(reverse("quizzes:list"))


def test_navigation_links_to_quizzes_for_signed_in_people(client_for, hire):
    content = client_for(hire).get(reverse("quizzes:list")).content.decode()
    assert f'href="{reverse("quizzes:list")}" aria-current="page"' in content


# A quiz's page and starting ----------------------------------------------------------------


def test_detail_shows_rules_and_a_start_button(client_for, hire):
    quiz = make_quiz(
        description="About the funnel.", pass_mark=70, time_limit_minutes=15, max_attempts=2
    )
    response = client_for(hire).get(reverse("quizzes:detail", args=[quiz.slug]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "About the funnel." in content
    assert "70%" in content
    assert "15 minutes" in content
    assert "0 of 2 used" in content
    assert reverse("quizzes:start", args=[quiz.slug]) in content


def test_detail_lists_past_attempts_with_links_to_results(client_for, hire):
    quiz = make_quiz()
    attempt = services.submit_attempt(attempt_id=start(quiz, hire).pk, person=hire)
    content = client_for(hire).get(reverse("quizzes:detail", args=[quiz.slug])).content.decode()
    assert result_url(attempt) in content


def test_detail_offers_resume_for_an_open_attempt(client_for, hire):
    quiz = make_quiz()
    attempt = start(quiz, hire)
    response = client_for(hire).get(reverse("quizzes:detail", args=[quiz.slug]))
    assert response.context["open_attempt"] == attempt
    assert take_url(attempt) in response.content.decode()
    assert not response.context["can_start"]


def test_a_draft_is_not_found_for_a_taker(client_for, hire):
    quiz = make_quiz(live=False)
    client = client_for(hire)
    assert client.get(reverse("quizzes:detail", args=[quiz.slug])).status_code == 404
    assert client.post(reverse("quizzes:start", args=[quiz.slug])).status_code == 404
    assert not Attempt.objects.exists()


def test_an_editor_can_take_a_draft(client_for, sales_ops):
    quiz = make_quiz(live=False)
    response = client_for(sales_ops).post(reverse("quizzes:start", args=[quiz.slug]))
    attempt = Attempt.objects.get(person=sales_ops)
    assert response.status_code == 302
    assert response.url == take_url(attempt)


def test_archived_quiz_shows_past_results_but_cannot_be_started(client_for, hire):
    quiz = make_quiz()
    attempt = services.submit_attempt(attempt_id=start(quiz, hire).pk, person=hire)
    Quiz.objects.filter(pk=quiz.pk).update(archived=True)
    client = client_for(hire)

    page = client.get(reverse("quizzes:detail", args=[quiz.slug]))
    assert page.status_code == 200
    assert result_url(attempt) in page.content.decode()
    assert reverse("quizzes:start", args=[quiz.slug]) not in page.content.decode()

    refused = client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert refused.status_code == 404
    assert "This quiz is not available." in refused.content.decode()
    assert Attempt.objects.count() == 1


def test_archived_quiz_never_taken_is_not_found(client_for, hire):
    quiz = make_quiz(archived=True)
    assert client_for(hire).get(reverse("quizzes:detail", args=[quiz.slug])).status_code == 404


def test_start_creates_an_attempt_and_opens_it(client_for, hire):
    quiz = make_quiz()
    response = client_for(hire).post(reverse("quizzes:start", args=[quiz.slug]))
    attempt = Attempt.objects.get()
    assert response.status_code == 302
    assert response.url == take_url(attempt)


def test_start_again_resumes_the_open_attempt(client_for, hire):
    quiz = make_quiz()
    attempt = start(quiz, hire)
    response = client_for(hire).post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.url == take_url(attempt)
    assert Attempt.objects.count() == 1


def test_start_after_the_last_attempt_is_refused_with_409(client_for, hire):
    quiz = make_quiz(max_attempts=1)
    services.submit_attempt(attempt_id=start(quiz, hire).pk, person=hire)
    response = client_for(hire).post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 409
    assert "can be taken once" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_start_while_waiting_is_refused_and_says_when(client_for, hire):
    quiz = make_quiz(wait_minutes=60)
    services.submit_attempt(attempt_id=start(quiz, hire).pk, person=hire)
    response = client_for(hire).post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 409
    assert response.context["refusal_until"] is not None
    assert "You can start again from" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_start_of_a_quiz_without_questions_is_refused(client_for, hire):
    quiz = QuizFactory()
    response = client_for(hire).post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 409
    assert "no questions yet" in response.content.decode()
    assert not Attempt.objects.exists()


# Taking: layouts --------------------------------------------------------------------------


def test_one_per_page_shows_one_question_and_the_navigation_strip(client_for, hire):
    attempt = start(make_quiz(layout="one_per_page"), hire)
    response = client_for(hire).get(take_url(attempt, "?q=2"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "A demo needs an agenda." in content
    assert "Which stage comes first?" not in content
    assert 'href="?q=1"' in content and 'href="?q=3"' in content
    assert 'aria-current="step"' in content
    assert 'type="radio"' in content and 'value="true"' in content


def test_one_per_page_opens_where_the_person_was(client_for, hire):
    attempt = start(make_quiz(), hire)
    client = client_for(hire)
    post_one(client, attempt, 1, choice=wrong_choice(answers_of(attempt)[0]))
    response = client.get(take_url(attempt))
    assert response.context["position"] == 2


def test_all_on_one_page_shows_every_question_in_one_form(client_for, hire):
    attempt = start(make_quiz(layout="all_on_one_page"), hire)
    content = client_for(hire).get(take_url(attempt)).content.decode()
    assert content.count('name="positions"') == 3
    assert 'name="q1-choice"' in content and 'name="q3-text"' in content
    assert content.count("data-quiz-answer-form") == 1


def test_take_page_shows_progress_and_keyboard_friendly_choices(client_for, hire):
    attempt = start(make_quiz(), hire)
    client = client_for(hire)
    post_one(client, attempt, 1, choice=wrong_choice(answers_of(attempt)[0]))
    content = client.get(take_url(attempt, "?q=1")).content.decode()
    assert '<progress id="quiz-progress" max="3" value="1">' in content
    assert "<fieldset" in content and "<legend" in content
    assert 'type="radio"' in content and "<label" in content


def test_a_question_image_is_shown_with_its_question(client_for, hire):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(
        title="Funnel diagram", file=get_test_image_file(), description="The funnel"
    )
    question = QuestionFactory(kind="true_false", true_false_answer=True, image=image)
    attempt = start(QuizFactory(questions=[question]), hire)
    content = client_for(hire).get(take_url(attempt)).content.decode()
    assert "<img" in content and 'alt="The funnel"' in content


def test_take_page_shows_time_left_computed_by_the_server(client_for, hire):
    attempt = start(make_quiz(time_limit_minutes=10), hire)
    content = client_for(hire).get(take_url(attempt)).content.decode()
    assert 'data-seconds="' in content
    assert "js/quiz.js" in content
    assert "10:00" in content or "9:59" in content


def test_take_page_after_the_deadline_shows_time_up_without_closing(client_for, hire):
    attempt = start(make_quiz(time_limit_minutes=10), hire)
    Attempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - timedelta(minutes=1))
    response = client_for(hire).get(take_url(attempt))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Time is up" in content
    assert "data-quiz-answer-form" not in content
    assert reverse("quizzes:submit", args=[attempt.pk]) in content
    attempt.refresh_from_db()
    assert attempt.is_open


def test_take_page_of_a_submitted_attempt_redirects_to_the_result(client_for, hire):
    attempt = services.submit_attempt(attempt_id=start(make_quiz(), hire).pk, person=hire)
    response = client_for(hire).get(take_url(attempt))
    assert response.status_code == 302
    assert response.url == result_url(attempt)


def test_take_page_with_a_bad_question_number(client_for, hire):
    attempt = start(make_quiz(), hire)
    client = client_for(hire)
    assert client.get(take_url(attempt, "?q=abc")).status_code == 400
    assert client.get(take_url(attempt, "?q=9")).status_code == 404


def test_finish_page_lists_unanswered_questions_before_submitting(client_for, hire):
    attempt = start(make_quiz(), hire)
    client = client_for(hire)
    post_one(client, attempt, 2, choice="true")
    response = client.get(take_url(attempt, "?finish=1"))
    assert response.context["unanswered"] == [1, 3]
    content = response.content.decode()
    assert "2 questions are not answered yet" in content
    assert reverse("quizzes:submit", args=[attempt.pk]) in content


# Answering ------------------------------------------------------------------------------


def test_answer_saves_and_moves_to_the_next_question(client_for, hire):
    attempt = start(make_quiz(), hire)
    response = post_one(client_for(hire), attempt, 1, choice=wrong_choice(answers_of(attempt)[0]))
    assert response.status_code == 302
    assert response.url == take_url(attempt, "?q=2")
    assert answers_of(attempt)[0].response is not None


def test_answer_to_the_last_question_goes_to_the_confirmation(client_for, hire):
    attempt = start(make_quiz(), hire)
    response = post_one(client_for(hire), attempt, 3, text="Salesforce", then="finish")
    assert response.url == take_url(attempt, "?finish=1")


def test_all_on_one_page_saves_every_question_in_one_post(client_for, hire):
    attempt = start(make_quiz(layout="all_on_one_page"), hire)
    first = answers_of(attempt)[0]
    response = client_for(hire).post(
        answer_url(attempt),
        {
            "positions": ["1", "2", "3"],
            "q1-revision": 0,
            "q1-choice": right_choice(first),
            "q2-revision": 0,
            "q2-choice": "false",
            "q3-revision": 0,
            "q3-text": "Pipedrive",
        },
    )
    assert response.status_code == 302
    assert [a.response for a in answers_of(attempt)] == [
        {"choices": [int(right_choice(first))]},
        {"value": False},
        {"text": "Pipedrive"},
    ]


def test_all_on_one_page_leaves_unchanged_answers_alone(client_for, hire):
    attempt = start(make_quiz(layout="all_on_one_page"), hire)
    client_for(hire).post(
        answer_url(attempt),
        {"positions": ["1", "2"], "q1-revision": 0, "q2-revision": 0, "q2-choice": "true"},
    )
    one, two, _three = answers_of(attempt)
    assert (one.revision, one.response) == (0, None)
    assert (two.revision, two.response) == (1, {"value": True})


def test_an_invalid_response_is_400_on_the_question_page_and_saves_nothing(client_for, hire):
    attempt = start(make_quiz(), hire)
    before = snapshot_of_state(attempt)
    response = post_one(client_for(hire), attempt, 1, choice="999999")
    assert response.status_code == 400
    assert "not one of this question" in response.content.decode()
    assert "Which stage comes first?" in response.content.decode()
    assert snapshot_of_state(attempt) == before


def test_one_invalid_answer_on_one_page_saves_none_of_them(client_for, hire):
    attempt = start(make_quiz(layout="all_on_one_page"), hire)
    before = snapshot_of_state(attempt)
    response = client_for(hire).post(
        answer_url(attempt),
        {
            "positions": ["2", "1"],
            "q2-revision": 0,
            "q2-choice": "true",
            "q1-revision": 0,
            "q1-choice": "nope",
            "q3-text": "typed but not sent",
        },
    )
    assert response.status_code == 400
    assert snapshot_of_state(attempt) == before


def test_a_refused_all_on_one_page_form_keeps_what_was_typed(client_for, hire):
    attempt = start(make_quiz(layout="all_on_one_page"), hire)
    response = client_for(hire).post(
        answer_url(attempt),
        {
            "positions": ["1", "2", "3"],
            "q1-revision": 0,
            "q1-choice": "nope",
            "q2-revision": 0,
            "q2-choice": "true",
            "q3-revision": 0,
            "q3-text": "Pipedrive maybe",
        },
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'name="q2-choice" value="true" checked' in content
    assert 'value="Pipedrive maybe"' in content
    assert 'id="q1-error"' in content


def test_a_stale_revision_is_409_and_saves_nothing(client_for, hire):
    attempt = start(make_quiz(), hire)
    client = client_for(hire)
    post_one(client, attempt, 2, choice="true")
    before = snapshot_of_state(attempt)
    response = post_one(client, attempt, 2, choice="false", revision=0)
    assert response.status_code == 409
    assert "another tab" in response.content.decode()
    assert take_url(attempt) in response.content.decode()
    assert snapshot_of_state(attempt) == before


def test_an_answer_after_the_deadline_is_409_and_closes_the_attempt(client_for, hire):
    attempt = start(make_quiz(time_limit_minutes=5), hire)
    Attempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - timedelta(minutes=1))
    response = post_one(client_for(hire), attempt, 2, choice="true")
    assert response.status_code == 409
    assert "Time is up" in response.content.decode()
    assert result_url(attempt) in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.closed_by_deadline and not attempt.is_open
    assert answers_of(attempt)[1].response is None


def test_an_answer_to_a_submitted_attempt_is_409(client_for, hire):
    attempt = start(make_quiz(), hire)
    services.submit_attempt(attempt_id=attempt.pk, person=hire)
    before = snapshot_of_state(attempt)
    response = post_one(client_for(hire), attempt, 2, choice="true")
    assert response.status_code == 409
    assert snapshot_of_state(attempt) == before


@pytest.mark.parametrize(
    "data",
    [
        {"position": "one", "revision": "0", "choice": "true"},
        {"position": "2", "revision": "x", "choice": "true"},
        {"position": "2", "choice": "true"},
        {"positions": ["2", "-1"], "q2-revision": "0"},
        {"choice": "true"},
    ],
)
def test_malformed_answer_forms_are_400_and_save_nothing(client_for, hire, data):
    attempt = start(make_quiz(), hire)
    before = snapshot_of_state(attempt)
    response = client_for(hire).post(answer_url(attempt), data)
    assert response.status_code == 400
    assert snapshot_of_state(attempt) == before


def test_a_position_not_in_the_attempt_is_404(client_for, hire):
    attempt = start(make_quiz(), hire)
    response = client_for(hire).post(answer_url(attempt), {"position": 9, "revision": 0})
    assert response.status_code == 404


def test_json_answer_returns_the_new_revision_and_nothing_about_correctness(client_for, hire):
    attempt = start(make_quiz(), hire)
    first = answers_of(attempt)[0]
    response = client_for(hire).post(
        answer_url(attempt),
        {"position": 1, "revision": 0, "choice": right_choice(first)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {"ok": True, "revision": 1}


def test_json_answer_refusal_is_an_error_message_with_the_status(client_for, hire):
    attempt = start(make_quiz(), hire)
    response = client_for(hire).post(
        answer_url(attempt),
        {"position": 2, "revision": 0, "choice": "maybe"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {"error": "Answer true or false."}


def test_then_submit_saves_the_answer_and_hands_the_attempt_in(client_for, hire):
    attempt = start(make_quiz(time_limit_minutes=5), hire)
    response = post_one(client_for(hire), attempt, 2, choice="true", then="submit")
    assert response.url == result_url(attempt)
    attempt.refresh_from_db()
    assert attempt.is_finished
    assert answers_of(attempt)[1].response == {"value": True}


# Show answers: after each, at the end, never -------------------------------------------------


def test_after_each_locks_the_answer_and_shows_its_feedback(client_for, hire):
    attempt = start(make_quiz(show_answers="after_each"), hire)
    client = client_for(hire)
    response = post_one(
        client, attempt, 1, choice=wrong_choice(answers_of(attempt)[0]), then="check"
    )
    assert response.url == take_url(attempt, "?q=1")
    assert answers_of(attempt)[0].locked
    content = client.get(response.url).content.decode()
    assert "Qualify before anything else." in content
    assert "Not right" in content
    assert "Correct answer" in content and "Qualification" in content
    assert 'name="choice"' not in content


def test_after_each_a_final_answer_cannot_be_changed(client_for, hire):
    attempt = start(make_quiz(show_answers="after_each"), hire)
    client = client_for(hire)
    post_one(client, attempt, 2, choice="false")
    before = snapshot_of_state(attempt)
    response = post_one(client, attempt, 2, choice="true")
    assert response.status_code == 409
    assert "final" in response.content.decode()
    assert snapshot_of_state(attempt) == before


def test_at_end_shows_no_feedback_while_the_attempt_is_open(client_for, hire):
    attempt = start(make_quiz(show_answers="at_end"), hire)
    client = client_for(hire)
    post_one(client, attempt, 1, choice=wrong_choice(answers_of(attempt)[0]))
    content = client.get(take_url(attempt, "?q=1")).content.decode()
    assert "Qualify before anything else." not in content
    assert "quiz-feedback" not in content
    assert 'name="choice"' in content


def test_at_end_result_shows_each_answer_after_submit(client_for, hire):
    attempt = start(make_quiz(show_answers="at_end"), hire)
    client = client_for(hire)
    post_one(client, attempt, 3, text="HubSpot")
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    content = client.get(result_url(attempt)).content.decode()
    assert "Qualify before anything else." in content
    assert "HubSpot" in content and "Pipedrive" in content
    assert content.count("quiz-feedback--") == 3


def test_never_result_shows_only_the_score(client_for, hire):
    attempt = start(make_quiz(show_answers="never"), hire)
    client = client_for(hire)
    post_one(client, attempt, 3, text="HubSpot")
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    response = client.get(result_url(attempt))
    content = response.content.decode()
    assert response.context["reviews"] == []
    assert "0%" in content
    assert "Qualify before anything else." not in content
    assert "Pipedrive" not in content
    assert "quiz-feedback" not in content


# Submitting and the result -------------------------------------------------------------------


def test_submit_grades_and_redirects_to_the_result(client_for, hire):
    attempt = start(make_quiz(), hire)
    response = client_for(hire).post(reverse("quizzes:submit", args=[attempt.pk]))
    assert response.status_code == 302
    assert response.url == result_url(attempt)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED


def test_submitting_twice_keeps_the_recorded_result(client_for, hire):
    attempt = start(make_quiz(), hire)
    client = client_for(hire)
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    recorded = snapshot_of_state(attempt)
    submitted_at = Attempt.objects.get().submitted_at
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert response.url == result_url(attempt)
    assert snapshot_of_state(attempt) == recorded
    assert Attempt.objects.get().submitted_at == submitted_at


def test_result_shows_the_success_text_when_passed(client_for, hire):
    quiz = make_quiz(pass_mark=30, success_text="Well done, closer!", fail_text="Try again.")
    attempt = start(quiz, hire)
    client = client_for(hire)
    post_one(client, attempt, 2, choice="true")
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    content = client.get(result_url(attempt)).content.decode()
    assert "Well done, closer!" in content and "Try again." not in content
    assert "33.33%" in content


def test_result_shows_the_fail_text_when_failed(client_for, hire):
    quiz = make_quiz(pass_mark=90, success_text="Well done, closer!", fail_text="Try again.")
    attempt = services.submit_attempt(attempt_id=start(quiz, hire).pk, person=hire)
    content = client_for(hire).get(result_url(attempt)).content.decode()
    assert "Try again." in content and "Well done, closer!" not in content


def test_result_of_an_essay_says_it_awaits_marking(client_for, hire):
    quiz = QuizFactory(questions=[QuestionFactory(kind="essay", text="Describe your pitch.")])
    attempt = start(quiz, hire)
    client = client_for(hire)
    post_one(client, attempt, 1, text="I open with a question.")
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    content = client.get(result_url(attempt)).content.decode()
    assert "Awaiting marking" in content
    assert "1 answer is waiting for a person to mark it" in content


def test_result_notes_an_attempt_closed_at_the_deadline(client_for, hire):
    attempt = start(make_quiz(time_limit_minutes=5), hire)
    Attempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - timedelta(minutes=1))
    client = client_for(hire)
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    content = client.get(result_url(attempt)).content.decode()
    assert "closed at the deadline" in content


def test_result_of_an_open_attempt_redirects_to_taking_it(client_for, hire):
    attempt = start(make_quiz(), hire)
    response = client_for(hire).get(result_url(attempt))
    assert response.status_code == 302
    assert response.url == take_url(attempt)


def test_result_shows_the_score_as_recorded(client_for, hire):
    attempt = start(make_quiz(), hire)
    client = client_for(hire)
    post_one(client, attempt, 1, choice=right_choice(answers_of(attempt)[0]))
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    response = client.get(result_url(attempt))
    assert response.context["attempt"].score == Decimal("1.00")


# Access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [("take", "get"), ("result", "get"), ("answer", "post"), ("submit", "post")],
)
def test_someone_elses_attempt_is_not_found(client_for, hire, other_hire, name, method):
    attempt = start(make_quiz(), other_hire)
    before = snapshot_of_state(attempt)
    client = client_for(hire)
    url = reverse(f"quizzes:{name}", args=[attempt.pk])
    data = {"position": 2, "revision": 0, "choice": "true"} if name == "answer" else {}
    response = getattr(client, method)(url, data)
    assert response.status_code == 404
    assert snapshot_of_state(attempt) == before


@pytest.mark.parametrize("name", ["list", "progress", "detail", "take", "result"])
def test_anonymous_visitors_are_sent_to_sign_in(client_for, hire, name):
    quiz = make_quiz()
    attempt = start(quiz, hire)
    args = {"list": [], "progress": [], "detail": [quiz.slug]}.get(name, [attempt.pk])
    response = client_for(None).get(reverse(f"quizzes:{name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["start", "answer", "submit"])
def test_state_changing_views_refuse_get(client_for, hire, name):
    quiz = make_quiz()
    attempt = start(quiz, hire)
    args = [quiz.slug] if name == "start" else [attempt.pk]
    before = snapshot_of_state(attempt)
    response = client_for(hire).get(reverse(f"quizzes:{name}", args=args))
    assert response.status_code == 405
    assert snapshot_of_state(attempt) == before
    assert Attempt.objects.count() == 1


# Query budgets ------------------------------------------------------------------------------


def _quiz_of(size, **settings):
    questions = []
    for index in range(size):
        kind = ["single", "true_false", "short_text", "multiple", "essay"][index % 5]
        extra = {}
        if kind == "true_false":
            extra["true_false_answer"] = True
        if kind == "short_text":
            extra["accepted_answers"] = "yes"
        questions.append(QuestionFactory(kind=kind, **extra))
    return QuizFactory(questions=questions, **settings)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("layout", ["one_per_page", "all_on_one_page"])
def test_take_page_queries_do_not_grow_with_questions(client_for, hire, layout):
    client = client_for(hire)
    small = start(_quiz_of(3, layout=layout, show_answers="after_each"), hire)
    large = start(_quiz_of(30, layout=layout, show_answers="after_each"), hire)
    for attempt in (small, large):
        post_one(client, attempt, 2, choice="true")
    counts = [_queries(client, take_url(attempt, "?q=2")) for attempt in (small, large)]
    assert counts[0] == counts[1]
    assert counts[0] <= 10


def test_result_page_queries_do_not_grow_with_questions(client_for, hire):
    client = client_for(hire)
    attempts = []
    for size in (3, 30):
        attempt = start(_quiz_of(size, show_answers="at_end"), hire)
        post_one(client, attempt, 2, choice="true")
        services.submit_attempt(attempt_id=attempt.pk, person=hire)
        attempts.append(attempt)
    counts = [_queries(client, result_url(attempt)) for attempt in attempts]
    assert counts[0] == counts[1]
    assert counts[0] <= 8
