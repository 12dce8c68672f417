"""Every quiz setting, through the services and selectors: order, subsets, limits,
waiting, which attempt counts, when answers show, time limits, drafts, and the
statistics other apps read."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from quizzes import selectors, services
from quizzes.models import Answer, Attempt, Choice, Quiz, QuizQuestion
from tests.factories import (
    NewHireFactory,
    QuestionFactory,
    QuizCategoryFactory,
    QuizFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

T0 = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def five_second_grace(settings):
    settings.QUIZZES_DEADLINE_GRACE_SECONDS = 5


def statements(count, **quiz_settings):
    """A quiz of ``count`` true statements."""
    questions = [
        QuestionFactory(kind="true_false", text=f"Statement {n}", true_false_answer=True)
        for n in range(1, count + 1)
    ]
    quiz_settings.setdefault("pass_mark", 60)
    return QuizFactory(questions=questions, **quiz_settings)


def take(quiz, person, answers=None, *, now=None, submit=True):
    """Start an attempt, save ``answers`` ({position: data}) and submit it."""
    now = now or T0
    attempt = services.start_attempt(quiz=quiz, person=person, now=now)
    for position, data in (answers or {}).items():
        services.save_answer(
            attempt_id=attempt.pk, person=person, position=position, data=data, now=now
        )
    if submit:
        attempt = services.submit_attempt(attempt_id=attempt.pk, person=person, now=now)
    return attempt


def right(*positions):
    return {position: {"choice": ["true"]} for position in positions}


def texts(attempt):
    return [answer.text for answer in attempt.answers.all()]


def editor():
    person = UserFactory()
    person.user_permissions.add(
        Permission.objects.get(content_type__app_label="quizzes", codename="change_quiz")
    )
    return type(person).objects.get(pk=person.pk)  # a fresh permission cache


# Question order and subsets -----------------------------------------------------


def test_questions_are_asked_in_the_order_entered_without_random_order(hire):
    quiz = statements(5)
    attempt = services.start_attempt(quiz=quiz, person=hire, rng=random.Random(3))
    assert texts(attempt) == [f"Statement {n}" for n in range(1, 6)]


def test_random_order_is_a_shuffle_decided_by_the_random_source():
    quiz = statements(6, random_order=True)
    orders = []
    for seed in range(8):
        attempt = services.start_attempt(
            quiz=quiz, person=NewHireFactory(), rng=random.Random(seed)
        )
        orders.append(texts(attempt))
    entered = [f"Statement {n}" for n in range(1, 7)]
    assert all(sorted(order) == sorted(entered) for order in orders)
    assert any(order != entered for order in orders)
    again = services.start_attempt(quiz=quiz, person=NewHireFactory(), rng=random.Random(5))
    assert texts(again) == orders[5]


def test_max_questions_asks_a_random_subset_in_the_order_entered():
    quiz = statements(6, max_questions=3)
    subsets = []
    for seed in range(8):
        attempt = services.start_attempt(
            quiz=quiz, person=NewHireFactory(), rng=random.Random(seed)
        )
        asked = texts(attempt)
        assert len(asked) == attempt.question_count == 3
        assert asked == sorted(asked, key=lambda text: int(text.split()[1]))
        assert attempt.max_score == Decimal(3)
        subsets.append(tuple(asked))
    assert len(set(subsets)) > 1


def test_max_questions_above_the_pool_asks_every_question(hire):
    quiz = statements(3, max_questions=10)
    assert services.start_attempt(quiz=quiz, person=hire).question_count == 3


# Choice order --------------------------------------------------------------------

FRUIT = [("banana", True), ("Apple", False), ("cherry", False), ("date", False)]


def choice_texts(attempt):
    return [choice["text"] for choice in attempt.answers.get().choices]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("as_entered", ["banana", "Apple", "cherry", "date"]),
        ("alphabetical", ["Apple", "banana", "cherry", "date"]),
    ],
)
def test_choices_are_shown_as_entered_or_alphabetically(hire, order, expected):
    quiz = QuizFactory(questions=[QuestionFactory(choice_order=order, choices=FRUIT)])
    assert choice_texts(services.start_attempt(quiz=quiz, person=hire)) == expected


def test_random_choice_order_is_decided_per_attempt_and_kept_in_the_snapshot(hire):
    question = QuestionFactory(choice_order="random", choices=FRUIT)
    quiz = QuizFactory(questions=[question])
    orders = {
        tuple(
            choice_texts(
                services.start_attempt(quiz=quiz, person=NewHireFactory(), rng=random.Random(seed))
            )
        )
        for seed in range(8)
    }
    assert len(orders) > 1
    assert all(sorted(order) == sorted(text for text, _ in FRUIT) for order in orders)
    attempt = services.start_attempt(quiz=quiz, person=hire, rng=random.Random(1))
    shown = choice_texts(attempt)
    Choice.objects.filter(question=question).update(sort_order=0)
    resumed = services.start_attempt(quiz=quiz, person=hire, rng=random.Random(2))
    assert resumed.pk == attempt.pk
    assert choice_texts(resumed) == shown


# Attempts limit and waiting ------------------------------------------------------------


def test_the_attempt_after_the_limit_is_refused_with_a_conflict(hire):
    quiz = statements(2, max_attempts=2)
    take(quiz, hire)
    take(quiz, hire)
    with pytest.raises(services.AttemptLimitReached) as refused:
        services.start_attempt(quiz=quiz, person=hire)
    assert refused.value.status == 409
    assert list(Attempt.objects.values_list("number", flat=True).order_by("number")) == [1, 2]


def test_an_open_attempt_at_the_limit_is_resumed_not_refused(hire):
    quiz = statements(2, max_attempts=2)
    take(quiz, hire)
    second = take(quiz, hire, submit=False)
    assert services.start_attempt(quiz=quiz, person=hire) == second


def test_a_single_attempt_quiz_refuses_the_second_attempt(hire):
    quiz = statements(2, max_attempts=1)
    take(quiz, hire)
    with pytest.raises(services.AttemptLimitReached):
        services.start_attempt(quiz=quiz, person=hire)
    assert Attempt.objects.count() == 1


def test_the_next_attempt_must_wait_and_says_until_when(hire):
    quiz = statements(2, wait_minutes=30)
    take(quiz, hire, now=T0)
    with pytest.raises(services.MustWait) as refused:
        services.start_attempt(quiz=quiz, person=hire, now=T0 + timedelta(minutes=29))
    assert refused.value.until == T0 + timedelta(minutes=30)
    assert refused.value.status == 409
    assert Attempt.objects.count() == 1


def test_the_next_attempt_may_start_once_the_wait_is_over(hire):
    quiz = statements(2, wait_minutes=30)
    take(quiz, hire, now=T0)
    attempt = services.start_attempt(quiz=quiz, person=hire, now=T0 + timedelta(minutes=30))
    assert attempt.number == 2


# Which attempt counts ----------------------------------------------------------


@pytest.fixture
def three_attempts(hire):
    """66.67 %, then 100 %, then 33.33 % at a 60 % pass mark."""
    quiz = statements(3, pass_mark=60)
    take(quiz, hire, right(1, 2), now=T0)
    take(quiz, hire, right(1, 2, 3), now=T0 + timedelta(minutes=1))
    take(quiz, hire, right(1), now=T0 + timedelta(minutes=2))
    return quiz


@pytest.mark.parametrize(
    ("counts", "number", "passed"),
    [(Quiz.Counts.BEST, 2, True), (Quiz.Counts.LAST, 3, False), (Quiz.Counts.FIRST, 1, True)],
)
def test_the_attempt_that_counts_follows_the_quiz_setting(
    hire, three_attempts, counts, number, passed
):
    three_attempts.counts = counts
    three_attempts.save()
    assert selectors.result_for(hire, three_attempts).number == number
    assert selectors.has_passed(hire, three_attempts) is passed


def test_best_result_is_the_highest_percent(hire, three_attempts):
    assert selectors.best_result(hire, three_attempts).percent == Decimal(100)


def test_an_attempt_waiting_for_marking_does_not_count_yet(hire):
    quiz = QuizFactory(questions=[QuestionFactory(kind="essay")])
    take(quiz, hire, {1: {"text": "An essay"}})
    assert selectors.result_for(hire, quiz) is None
    assert not selectors.has_passed(hire, quiz)


@pytest.mark.parametrize(("min_percent", "passed"), [(None, True), (66, True), (67, False)])
def test_has_passed_can_ask_for_more_than_the_pass_mark(hire, min_percent, passed):
    quiz = statements(3, pass_mark=50)
    take(quiz, hire, right(1, 2))  # 66.67 %
    assert selectors.has_passed(hire, quiz, min_percent=min_percent) is passed


def test_has_passed_judges_min_percent_exactly_not_by_the_rounded_percent(hire):
    quiz = statements(1, pass_mark=50)
    Attempt.objects.create(
        quiz=quiz,
        person=hire,
        number=1,
        state=Attempt.State.GRADED,
        quiz_title=quiz.title,
        pass_mark=50,
        show_answers=quiz.show_answers,
        layout=quiz.layout,
        started_at=T0,
        submitted_at=T0,
        graded_at=T0,
        score=Decimal("133.99"),
        max_score=Decimal(200),
        percent=Decimal("67.00"),  # 66.995 % shown rounded
        passed=True,
    )
    assert selectors.has_passed(hire, quiz, min_percent=66)
    assert not selectors.has_passed(hire, quiz, min_percent=67)


def test_has_passed_is_false_without_an_attempt(hire):
    assert not selectors.has_passed(hire, statements(1))


# When correct answers may be shown -------------------------------------------------


def test_after_each_question_an_answer_is_final_once_given(hire):
    quiz = statements(2, show_answers=Quiz.ShowAnswers.AFTER_EACH)
    attempt = take(quiz, hire, right(1), submit=False)
    answer = Answer.objects.get(attempt=attempt, position=1)
    assert answer.locked and answer.feedback_visible
    assert not Answer.objects.get(attempt=attempt, position=2).feedback_visible
    for change in ({"choice": ["false"]}, {"choice": []}):
        with pytest.raises(services.AnswerLocked) as refused:
            services.save_answer(attempt_id=attempt.pk, person=hire, position=1, data=change)
        assert refused.value.status == 409
    assert Answer.objects.get(pk=answer.pk).response == {"value": True}


def test_at_the_end_answers_show_only_once_the_attempt_is_submitted(hire):
    quiz = statements(2, show_answers=Quiz.ShowAnswers.AT_END)
    attempt = take(quiz, hire, right(1), submit=False)
    answer = Answer.objects.get(attempt=attempt, position=1)
    assert not answer.locked
    assert not answer.feedback_visible
    assert not attempt.answers_may_be_shown()
    services.save_answer(attempt_id=attempt.pk, person=hire, position=1, data={"choice": ["false"]})
    attempt = services.submit_attempt(attempt_id=attempt.pk, person=hire)
    assert attempt.answers_may_be_shown()
    assert all(answer.feedback_visible for answer in attempt.answers.all())


def test_never_means_answers_are_not_shown_even_after_submitting(hire):
    quiz = statements(2, show_answers=Quiz.ShowAnswers.NEVER)
    attempt = take(quiz, hire, right(1))
    assert not attempt.answers_may_be_shown()
    assert not any(answer.feedback_visible for answer in attempt.answers.all())


# Time limit -----------------------------------------------------------------


def test_an_answer_within_the_grace_after_the_deadline_is_accepted(hire):
    quiz = statements(2, time_limit_minutes=10)
    attempt = services.start_attempt(quiz=quiz, person=hire, now=T0)
    assert attempt.deadline_at == T0 + timedelta(minutes=10)
    services.save_answer(
        attempt_id=attempt.pk,
        person=hire,
        position=1,
        data={"choice": ["true"]},
        now=T0 + timedelta(minutes=10, seconds=4),
    )
    assert Answer.objects.get(attempt=attempt, position=1).response == {"value": True}


def test_an_answer_after_the_grace_is_refused_and_the_attempt_graded_on_what_was_answered(hire):
    quiz = statements(2, time_limit_minutes=10)
    attempt = services.start_attempt(quiz=quiz, person=hire, now=T0)
    services.save_answer(
        attempt_id=attempt.pk,
        person=hire,
        position=1,
        data={"choice": ["true"]},
        now=T0 + timedelta(minutes=9),
    )
    with pytest.raises(services.DeadlinePassed) as refused:
        services.save_answer(
            attempt_id=attempt.pk,
            person=hire,
            position=2,
            data={"choice": ["true"]},
            now=T0 + timedelta(minutes=10, seconds=6),
        )
    assert refused.value.status == 409
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED
    assert attempt.closed_by_deadline
    assert attempt.submitted_at == T0 + timedelta(minutes=10, seconds=5)
    assert (attempt.score, attempt.percent) == (Decimal(1), Decimal(50))
    assert Answer.objects.get(attempt=attempt, position=2).response is None


def test_a_late_submit_is_recorded_as_closed_at_the_deadline(hire):
    quiz = statements(1, time_limit_minutes=10)
    attempt = take(quiz, hire, right(1), submit=False)
    attempt = services.submit_attempt(
        attempt_id=attempt.pk, person=hire, now=T0 + timedelta(hours=1)
    )
    assert attempt.closed_by_deadline
    assert attempt.submitted_at == T0 + timedelta(minutes=10, seconds=5)
    assert attempt.score == Decimal(1)


def test_close_overdue_attempts_closes_only_the_overdue_ones(hire, other_hire):
    timed = statements(1, time_limit_minutes=10)
    untimed = statements(1)
    overdue = services.start_attempt(quiz=timed, person=hire, now=T0)
    in_time = services.start_attempt(quiz=timed, person=other_hire, now=T0 + timedelta(minutes=5))
    no_limit = services.start_attempt(quiz=untimed, person=hire, now=T0)
    later = T0 + timedelta(minutes=11)
    assert services.close_overdue_attempts(now=later) == 1
    assert services.close_overdue_attempts(now=later) == 0
    states = dict(Attempt.objects.values_list("pk", "state"))
    assert states == {
        overdue.pk: Attempt.State.GRADED,
        in_time.pk: Attempt.State.STARTED,
        no_limit.pk: Attempt.State.STARTED,
    }
    assert Attempt.objects.get(pk=overdue.pk).closed_by_deadline


def test_starting_again_after_the_deadline_closes_the_old_attempt_first(hire):
    quiz = statements(1, time_limit_minutes=10)
    first = services.start_attempt(quiz=quiz, person=hire, now=T0)
    second = services.start_attempt(quiz=quiz, person=hire, now=T0 + timedelta(minutes=11))
    assert second.number == 2
    first.refresh_from_db()
    assert first.state == Attempt.State.GRADED and first.closed_by_deadline


# Who may take what ------------------------------------------------------------------


def test_an_editor_takes_a_draft_quiz_as_its_latest_revision():
    old, new = QuestionFactory(text="Old question"), QuestionFactory(text="New question")
    quiz = QuizFactory(questions=[old], live=False, title="Saved title", pass_mark=50)
    quiz.title = "Revised title"
    quiz.pass_mark = 75
    quiz.quiz_questions = [QuizQuestion(question=new, sort_order=0)]
    quiz.save_revision()
    attempt = services.start_attempt(quiz=Quiz.objects.get(pk=quiz.pk), person=editor())
    assert (attempt.quiz_title, attempt.pass_mark) == ("Revised title", 75)
    assert texts(attempt) == ["New question"]


def test_a_hire_cannot_take_a_draft_quiz(hire):
    quiz = QuizFactory(questions=[QuestionFactory()], live=False)
    with pytest.raises(services.QuizUnavailable) as refused:
        services.start_attempt(quiz=quiz, person=hire)
    assert refused.value.status == 404
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("live", [True, False])
def test_an_archived_quiz_cannot_be_taken_even_by_an_editor(hire, live):
    quiz = QuizFactory(questions=[QuestionFactory()], archived=True, live=live)
    for person in (hire, editor()):
        with pytest.raises(services.QuizUnavailable):
            services.start_attempt(quiz=quiz, person=person)
    assert not Attempt.objects.exists()


def test_a_quiz_without_questions_cannot_be_started(hire):
    with pytest.raises(services.NoQuestions) as refused:
        services.start_attempt(quiz=QuizFactory(), person=hire)
    assert refused.value.status == 409
    assert not Attempt.objects.exists()


# Resuming and time per answer -----------------------------------------------------------


def test_resuming_returns_the_same_attempt_with_its_answers(hire):
    quiz = statements(3)
    attempt = take(quiz, hire, right(1), submit=False)
    resumed = services.start_attempt(quiz=quiz, person=hire)
    assert resumed.pk == attempt.pk
    assert resumed.current_position == 2
    assert [answer.response for answer in resumed.answers.all()] == [{"value": True}, None, None]
    assert selectors.open_attempt(hire, quiz) == attempt


def test_seconds_spent_add_up_the_time_since_the_previous_save(hire):
    quiz = statements(2)
    attempt = services.start_attempt(quiz=quiz, person=hire, now=T0)

    def save(position, seconds, value="true"):
        services.save_answer(
            attempt_id=attempt.pk,
            person=hire,
            position=position,
            data={"choice": [value]},
            now=T0 + timedelta(seconds=seconds),
        )

    save(1, 20)
    save(2, 50)
    save(1, 60, "false")
    spent = dict(Answer.objects.filter(attempt=attempt).values_list("position", "seconds_spent"))
    assert spent == {1: 30, 2: 30}


# What other apps read -----------------------------------------------------------------


@pytest.fixture
def history(hire):
    """Two finished attempts and one open one at a quiz of three categorised questions."""
    pricing = QuizCategoryFactory(name="Pricing")
    objections = QuizCategoryFactory(name="Objections")
    quiz = QuizFactory(
        questions=[
            QuestionFactory(text="Price?", category=pricing),
            QuestionFactory(
                kind="true_false", text="Objection?", category=objections, true_false_answer=True
            ),
            QuestionFactory(kind="short_text", text="Name?", accepted_answers="Anna"),
            QuestionFactory(kind="essay", text="Essay?", category=pricing),
        ]
    )
    wrong = {"choice": [str(quiz.quiz_questions.first().question.choices.get(text="Wrong").pk)]}
    essay = {"text": "Unmarked"}
    take(quiz, hire, {1: wrong, 2: {"choice": ["true"]}, 3: {"text": "Bob"}, 4: essay})
    take(quiz, hire, {1: wrong, 2: {"choice": ["false"]}, 3: {"text": "anna"}, 4: essay})
    take(quiz, hire, {1: wrong, 2: {"choice": ["false"]}, 3: {"text": "Bob"}}, submit=False)
    return quiz


def test_most_missed_questions_counts_finished_attempts_most_missed_first(
    hire, history, django_assert_num_queries
):
    with django_assert_num_queries(1):
        missed = selectors.most_missed_questions(hire)
    assert [(row["text"], row["category"], row["missed"], row["asked"]) for row in missed] == [
        ("Price?", "Pricing", 2, 2),
        ("Name?", "", 1, 2),
        ("Objection?", "Objections", 1, 2),
    ]
    assert selectors.most_missed_questions(hire, limit=1)[0]["text"] == "Price?"


def test_category_scores_count_marked_questions_per_category(
    hire, history, django_assert_num_queries
):
    with django_assert_num_queries(1):
        scores = selectors.category_scores(hire)
    assert scores == [
        {"category": "", "correct": 1, "possible": 2, "percent": 50},
        {"category": "Objections", "correct": 1, "possible": 2, "percent": 50},
        {"category": "Pricing", "correct": 0, "possible": 2, "percent": 0},
    ]


def test_statistics_stay_one_query_as_attempts_grow(hire, history, django_assert_num_queries):
    for _ in range(5):
        take(history, hire, right(2))
    with django_assert_num_queries(1):
        selectors.most_missed_questions(hire)
    with django_assert_num_queries(1):
        selectors.category_scores(hire)


def test_counted_results_reads_many_people_and_quizzes_in_one_query(django_assert_num_queries):
    quizzes = [statements(2, counts=Quiz.Counts.LAST), statements(2)]
    people = NewHireFactory.create_batch(3)
    for person in people:
        for quiz in quizzes:
            take(quiz, person, right(1, 2), now=T0)
            take(quiz, person, right(1), now=T0 + timedelta(minutes=1))
    with django_assert_num_queries(1):
        results = selectors.counted_results(people, quizzes)
        numbers = {key: (attempt.number, attempt.quiz.counts) for key, attempt in results.items()}
    assert numbers == {
        **{(person.pk, quizzes[0].pk): (2, Quiz.Counts.LAST) for person in people},
        **{(person.pk, quizzes[1].pk): (1, Quiz.Counts.BEST) for person in people},
    }


def test_result_for_and_has_passed_are_one_query_each(hire, django_assert_num_queries):
    quiz = statements(2)
    take(quiz, hire, right(1, 2))
    with django_assert_num_queries(1):
        assert selectors.result_for(hire, quiz).percent == Decimal(100)
    with django_assert_num_queries(1):
        assert selectors.has_passed(hire, quiz)
