"""The marking screens: who may mark whose attempts, marking and overriding,
the audit history, the queue's filters, and query budgets."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from quizzes import policy, services
from quizzes.models import Answer, Attempt
from tests.factories import (
    ManagerFactory,
    NewHireFactory,
    QuestionFactory,
    QuizFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("quizzes:marking_queue")
# Session, user, groups, policy check, the filters' two choice lists, count, page.
QUEUE_QUERIES = 10
# Session, user, groups, attempt, answers, history (and its content type).
MARK_QUERIES = 8


def mark_url(attempt):
    return reverse("quizzes:mark_attempt", args=[attempt.pk])


@pytest.fixture
def quiz():
    """One auto-marked question (1 point) and one essay (4 points); pass at 60%."""
    return QuizFactory(
        title="Objections",
        pass_mark=60,
        questions=[
            QuestionFactory(text="Which answer is right?", explanation="Because it is."),
            QuestionFactory(kind="essay", text="Describe a discovery call.", points=4),
        ],
    )


def take(quiz, person, *, right=True, essay="I ask open questions."):
    """A submitted attempt: each choice question answered right (or wrong),
    each essay written."""
    attempt = services.start_attempt(quiz=quiz, person=person)
    for answer in attempt.answers.all():
        if answer.kind == "essay":
            data = {"text": essay}
        else:
            choice = next(item["id"] for item in answer.choices if item["correct"] is right)
            data = {"choice": [str(choice)]}
        services.save_answer(
            attempt_id=attempt.pk, person=person, position=answer.position, data=data
        )
    return services.submit_attempt(attempt_id=attempt.pk, person=person)


def answer_at(attempt, position):
    return Answer.objects.get(attempt=attempt, position=position)


def post_mark(client, attempt, position, **data):
    data.setdefault("answer", answer_at(attempt, position).pk)
    return client.post(mark_url(attempt), data)


def unchanged(attempt, position, points):
    """The answer still has ``points`` and nothing was logged."""
    return (
        answer_at(attempt, position).points_awarded == points
        and not ModelLogEntry.objects.for_instance(attempt).exists()
    )


# Who may open what


def test_anonymous_visitors_are_sent_to_sign_in(client, quiz, hire):
    attempt = take(quiz, hire)
    for url in (QUEUE, mark_url(attempt)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_a_hire_gets_403_with_a_clear_message_on_the_queue(client_for, hire):
    response = client_for(hire).get(QUEUE)
    assert response.status_code == 403
    assert "nothing for you to mark" in response.content.decode()


def test_a_hire_gets_404_on_an_attempt_even_their_own(client_for, quiz, hire, other_hire):
    own = take(quiz, hire)
    others = take(quiz, other_hire)
    client = client_for(hire)
    assert client.get(mark_url(own)).status_code == 404
    assert client.get(mark_url(others)).status_code == 404


def test_the_manager_sees_their_reports_attempt_waiting_in_the_queue(client_for, quiz, hire):
    take(quiz, hire)
    response = client_for(hire.manager).get(QUEUE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Anna Hire" in page
    assert "Objections" in page
    assert "needs marking (1 essay)" in page


def test_the_manager_opens_their_reports_attempt_with_answers_and_key(client_for, quiz, hire):
    attempt = take(quiz, hire, right=False)
    response = client_for(hire.manager).get(mark_url(attempt))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Describe a discovery call." in page
    assert "I ask open questions." in page
    assert "Wrong" in page  # the person's answer
    assert "Right" in page  # the correct answer, for the marker
    assert "Because it is." in page


def test_the_manager_marks_their_reports_essay(client_for, quiz, hire):
    attempt = take(quiz, hire)
    response = post_mark(client_for(hire.manager), attempt, 2, points="3", feedback="Good.")
    assert response.status_code == 302
    essay = answer_at(attempt, 2)
    assert (essay.points_awarded, essay.feedback, essay.marked_by) == (
        Decimal(3),
        "Good.",
        hire.manager,
    )


def test_another_manager_gets_404_for_the_attempt(client_for, quiz, hire, other_manager):
    attempt = take(quiz, hire)
    assert client_for(other_manager).get(mark_url(attempt)).status_code == 404


def test_another_manager_cannot_mark_the_attempt(client_for, quiz, hire, other_manager):
    attempt = take(quiz, hire)
    response = post_mark(client_for(other_manager), attempt, 2, points="4")
    assert response.status_code == 404
    assert unchanged(attempt, 2, None)


def test_another_manager_does_not_see_the_attempt_in_the_queue(
    client_for, quiz, hire, other_hire, other_manager
):
    take(quiz, other_hire)
    take(quiz, hire)
    response = client_for(other_manager).get(QUEUE)
    assert response.status_code == 200
    people = [attempt.person for attempt in response.context["page_obj"]]
    assert people == [other_hire]
    assert "Anna Hire" not in response.content.decode()


def test_sales_ops_mark_anyones_attempt(client_for, quiz, hire, other_hire, sales_ops):
    attempts = [take(quiz, hire), take(quiz, other_hire)]
    client = client_for(sales_ops)
    for attempt in attempts:
        assert post_mark(client, attempt, 2, points="4").status_code == 302
    assert all(answer_at(attempt, 2).points_awarded == 4 for attempt in attempts)


def test_an_open_attempt_is_not_markable(client_for, quiz, hire):
    attempt = services.start_attempt(quiz=quiz, person=hire)
    client = client_for(hire.manager)
    assert client.get(mark_url(attempt)).status_code == 404
    assert post_mark(client, attempt, 2, points="1").status_code == 404


# Marking


def test_marking_the_essay_grades_the_attempt_and_decides_pass_or_fail(client_for, quiz, hire):
    attempt = take(quiz, hire)
    client = client_for(hire.manager)
    post_mark(client, attempt, 2, points="1")
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score, attempt.percent, attempt.passed) == (
        Attempt.State.GRADED,
        Decimal(2),
        Decimal(40),
        False,
    )
    post_mark(client, attempt, 2, points="3", reason="Read it again: it is good.")
    attempt.refresh_from_db()
    assert (attempt.score, attempt.percent, attempt.passed) == (Decimal(4), Decimal(80), True)


def test_marking_redirects_back_with_a_success_message(client_for, quiz, hire):
    attempt = take(quiz, hire)
    client = client_for(hire.manager)
    response = post_mark(client, attempt, 2, points="2")
    assert response["Location"] == f"{mark_url(attempt)}#answer-2"
    page = client.get(response["Location"]).content.decode()
    assert "Question 2 is marked" in page


def test_points_with_a_decimal_comma_are_accepted(client_for, quiz, hire):
    attempt = take(quiz, hire)
    assert post_mark(client_for(hire.manager), attempt, 2, points="2,5").status_code == 302
    assert answer_at(attempt, 2).points_awarded == Decimal("2.5")


def test_overriding_an_automatic_mark_without_a_reason_is_a_form_error(client_for, quiz, hire):
    attempt = take(quiz, hire, right=False)
    response = post_mark(client_for(hire.manager), attempt, 1, points="1", reason=" ")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert unchanged(attempt, 1, Decimal(0))


def test_overriding_an_automatic_mark_with_a_reason_changes_it(client_for, quiz, hire):
    attempt = take(quiz, hire, right=False)
    response = post_mark(
        client_for(hire.manager), attempt, 1, points="1", reason="The key was wrong."
    )
    assert response.status_code == 302
    answer = answer_at(attempt, 1)
    assert (answer.points_awarded, answer.auto_points, answer.override_reason) == (
        Decimal(1),
        Decimal(0),
        "The key was wrong.",
    )


def test_changing_an_essays_earlier_mark_needs_a_reason(client_for, quiz, hire):
    attempt = take(quiz, hire)
    client = client_for(hire.manager)
    post_mark(client, attempt, 2, points="2")
    response = post_mark(client, attempt, 2, points="4")
    assert response.status_code == 400
    assert "Say why you are changing the mark." in response.content.decode()
    assert answer_at(attempt, 2).points_awarded == Decimal(2)


@pytest.mark.parametrize("points", ["5", "4.01", "-1", "abc", "", "NaN", "1e400"])
def test_points_out_of_range_or_not_a_number_are_a_form_error(client_for, quiz, hire, points):
    attempt = take(quiz, hire)
    response = post_mark(client_for(hire.manager), attempt, 2, points=points)
    assert response.status_code == 400
    assert response.context["rows"][1]["form"].errors["points"]
    assert unchanged(attempt, 2, None)


def test_a_points_error_is_linked_to_its_input(client_for, quiz, hire):
    attempt = take(quiz, hire)
    answer = answer_at(attempt, 2)
    response = post_mark(client_for(hire.manager), attempt, 2, points="9")
    page = response.content.decode()
    input_id = f"id_answer{answer.pk}_points"
    assert f'id="{input_id}_error"' in page
    tag = re.search(rf'<input[^>]*id="{input_id}"[^>]*>', page).group()
    assert re.search(rf'aria-describedby="[^"]*{input_id}_error', tag)


@pytest.mark.parametrize("answer", ["", "abc", "99999999999999999999999", "other"])
def test_an_answer_not_in_this_attempt_is_refused(client_for, quiz, hire, answer):
    attempt = take(quiz, hire)
    other = take(QuizFactory(questions=[QuestionFactory(kind="essay")]), hire)
    if answer == "other":
        answer = answer_at(other, 1).pk
    response = post_mark(client_for(hire.manager), attempt, 2, answer=answer, points="1")
    assert response.status_code == 400
    assert "not part of this attempt" in response.content.decode()
    assert unchanged(attempt, 2, None)
    assert unchanged(other, 1, None)


def test_get_never_marks(client_for, quiz, hire):
    attempt = take(quiz, hire)
    answer = answer_at(attempt, 2)
    client_for(hire.manager).get(mark_url(attempt), {"answer": answer.pk, "points": "4"})
    assert unchanged(attempt, 2, None)


def test_the_audit_log_entry_is_written_and_shown(client_for, quiz, hire):
    attempt = take(quiz, hire, right=False)
    client = client_for(hire.manager)
    post_mark(client, attempt, 1, points="1", reason="Accepted on appeal.")
    entry = ModelLogEntry.objects.for_instance(attempt).get()
    assert (entry.user, entry.action, entry.data["points_before"], entry.data["points_after"]) == (
        hire.manager,
        services.MARK_ACTION,
        "0.00",
        "1.00",
    )
    history = client.get(mark_url(attempt)).context["history"]
    assert history == [
        {
            "who": "Maria Manager",
            "when": entry.timestamp,
            "position": 1,
            "before": Decimal(0),
            "after": Decimal(1),
            "reason": "Accepted on appeal.",
        }
    ]
    assert "Accepted on appeal." in client.get(mark_url(attempt)).content.decode()


# The queue: order, filters, pages


def test_attempts_waiting_for_a_mark_come_before_graded_ones(client_for, quiz, hire):
    first = take(quiz, hire, essay="")  # an empty essay scores 0: graded at once
    second = take(QuizFactory(questions=[QuestionFactory(kind="essay")]), hire)
    assert first.state == Attempt.State.GRADED
    response = client_for(hire.manager).get(QUEUE)
    assert list(response.context["page_obj"]) == [second, first]


def test_the_queue_filters_by_quiz(client_for, quiz, hire):
    take(quiz, hire)
    other_quiz = QuizFactory(questions=[QuestionFactory(kind="essay")])
    other = take(other_quiz, hire)
    response = client_for(hire.manager).get(QUEUE, {"quiz": other_quiz.pk})
    assert list(response.context["page_obj"]) == [other]


def test_the_queue_filters_by_person(client_for, quiz, hire, manager):
    second_hire = NewHireFactory(manager=manager)
    take(quiz, hire)
    theirs = take(quiz, second_hire)
    response = client_for(manager).get(QUEUE, {"person": second_hire.pk})
    assert list(response.context["page_obj"]) == [theirs]


def test_the_queue_filters_by_state(client_for, quiz, hire):
    waiting = take(quiz, hire)
    graded = take(QuizFactory(questions=[QuestionFactory()]), hire)
    client = client_for(hire.manager)
    assert list(client.get(QUEUE, {"state": "graded"}).context["page_obj"]) == [graded]
    assert list(client.get(QUEUE, {"state": "needs_marking"}).context["page_obj"]) == [waiting]


def test_the_person_filter_offers_only_people_with_markable_attempts(
    client_for, quiz, hire, manager, other_hire
):
    NewHireFactory(manager=manager)  # a report with no attempt
    take(quiz, hire)
    take(quiz, other_hire)
    form = client_for(manager).get(QUEUE).context["form"]
    assert list(form.fields["person"].queryset) == [hire]


@pytest.mark.parametrize(
    "params",
    [
        {"quiz": "abc"},
        {"quiz": "999999"},
        {"person": "99999999999999999999999"},
        {"person": "-1"},
        {"state": "started"},
        {"page": "abc"},
    ],
)
def test_invalid_filter_values_are_a_form_error_not_a_500(client_for, quiz, hire, params):
    take(quiz, hire)
    response = client_for(hire.manager).get(QUEUE, params)
    assert response.status_code in (200, 400)
    if "page" not in params:
        assert response.status_code == 400
        assert response.context["form"].errors
        assert 'class="field__error"' in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 1


def test_a_person_the_marker_may_not_mark_is_not_a_valid_filter(client_for, quiz, hire, other_hire):
    take(quiz, hire)
    take(quiz, other_hire)
    response = client_for(hire.manager).get(QUEUE, {"person": other_hire.pk})
    assert response.status_code == 400
    assert [attempt.person for attempt in response.context["page_obj"]] == [hire]


def many_attempts(quiz, manager, count):
    people = [NewHireFactory(manager=manager) for _ in range(count)]
    return [take(quiz, person) for person in people]


def test_the_queue_shows_25_attempts_a_page(client_for, quiz, manager):
    many_attempts(quiz, manager, 27)
    client = client_for(manager)
    assert len(client.get(QUEUE).context["page_obj"]) == 25
    assert len(client.get(QUEUE, {"page": 2}).context["page_obj"]) == 2


@pytest.mark.parametrize("count", [3, 30])
def test_the_queue_uses_a_fixed_number_of_queries(
    client_for, quiz, manager, count, django_assert_max_num_queries
):
    many_attempts(quiz, manager, count)
    client = client_for(manager)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get(QUEUE, {"state": "needs_marking"})
    assert response.status_code == 200


@pytest.mark.parametrize("questions", [2, 20])
def test_the_marking_screen_uses_a_fixed_number_of_queries(
    client_for, hire, questions, django_assert_max_num_queries
):
    bank = [QuestionFactory() for _ in range(questions - 1)]
    quiz = QuizFactory(questions=[*bank, QuestionFactory(kind="essay", points=2)])
    attempt = services.start_attempt(quiz=quiz, person=hire)
    services.save_answer(
        attempt_id=attempt.pk, person=hire, position=questions, data={"text": "Essay"}
    )
    attempt = services.submit_attempt(attempt_id=attempt.pk, person=hire)
    client = client_for(hire.manager)
    for position in range(1, questions):
        post_mark(client, attempt, position, points="1", reason="Generous today.")
    with django_assert_max_num_queries(MARK_QUERIES):
        response = client.get(mark_url(attempt))
    assert response.status_code == 200
    assert len(response.context["history"]) == questions - 1


# The default policy, when the project names none


@pytest.fixture
def default_policy(settings):
    settings.QUIZZES_MARKING_POLICY = None


def staff(*, permission, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    if permission:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="quizzes", codename="mark_attempt")
        )
    return type(user).objects.get(pk=user.pk)  # a fresh permission cache


def test_default_policy_lets_staff_with_the_permission_mark_others(default_policy, quiz, hire):
    attempt = take(quiz, hire)
    marker = staff(permission=True)
    assert list(policy.markable_attempts(marker, Attempt.objects.all())) == [attempt]
    assert policy.may_mark_anything(marker)


def test_default_policy_never_lets_staff_mark_their_own(default_policy, quiz):
    marker = staff(permission=True)
    take(quiz, marker)
    assert not policy.markable_attempts(marker, Attempt.objects.all()).exists()


def test_a_manager_with_nothing_submitted_yet_sees_an_empty_queue(client_for, manager):
    response = client_for(manager).get("/quizzes/marking/")
    assert response.status_code == 200


def test_default_policy_refuses_staff_without_the_permission(default_policy, quiz, hire):
    take(quiz, hire)
    assert not policy.may_mark_anything(staff(permission=False))


def test_default_policy_refuses_non_staff_even_with_the_permission(default_policy, quiz, hire):
    take(quiz, hire)
    marker = staff(permission=True)
    marker.is_staff = False
    assert not policy.may_mark_anything(marker)


def test_default_policy_refuses_managers(default_policy, quiz, hire):
    take(quiz, hire)
    assert not policy.may_mark_anything(hire.manager)
    assert not policy.may_mark_anything(ManagerFactory())
