"""Scoring: how each kind of question is read, checked and scored, and the pass mark.

Most tests use the pure functions of ``quizzes.scoring`` on hand-made
snapshots; the attempt-level tests go through the services.
"""

from decimal import Decimal

import pytest
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from quizzes import scoring, services
from quizzes.models import Attempt
from quizzes.scoring import InvalidResponse, clean_response, has_passed, percent_of, score
from tests.factories import QuestionFactory, QuizFactory


def snapshot(kind, *, points=1, choices=(), partial=False, true_false=None, accepted=()):
    """A snapshot as ``snapshot_question`` makes it; choices are (id, text, correct)."""
    return {
        "question_id": 1,
        "kind": kind,
        "text": "Question?",
        "image_id": None,
        "explanation": "Because.",
        "points": str(points),
        "partial_credit": partial,
        "category": "",
        "category_id": None,
        "sub_category": "",
        "choices": [{"id": pk, "text": text, "correct": ok} for pk, text, ok in choices],
        "true_false_answer": true_false,
        "accepted_answers": list(accepted),
    }


SINGLE = snapshot("single", points=2, choices=[(11, "Right", True), (12, "Wrong", False)])
# Three right choices (21, 22, 23) and two wrong ones (24, 25).
MULTIPLE_CHOICES = [
    (21, "A", True),
    (22, "B", True),
    (23, "C", True),
    (24, "D", False),
    (25, "E", False),
]
ALL_OR_NOTHING = snapshot("multiple", choices=MULTIPLE_CHOICES)
PARTIAL = snapshot("multiple", choices=MULTIPLE_CHOICES, partial=True)
TRUE_FALSE = snapshot("true_false", true_false=False)
SHORT_TEXT = snapshot("short_text", accepted=["Привет", "Good  Morning"])
ESSAY = snapshot("essay", points=5)


def chosen(*ids):
    return {"choices": list(ids)}


# Single choice ---------------------------------------------------------------


def test_single_choice_right_answer_scores_full_points():
    assert score(SINGLE, chosen(11)) == (Decimal("2.00"), True)


def test_single_choice_wrong_answer_scores_nothing():
    assert score(SINGLE, chosen(12)) == (Decimal("0.00"), False)


# Several correct answers -------------------------------------------------------


def test_all_or_nothing_scores_full_points_for_exactly_the_right_choices():
    assert score(ALL_OR_NOTHING, chosen(21, 22, 23)) == (Decimal("1.00"), True)


def test_all_or_nothing_scores_nothing_when_one_right_choice_is_missing():
    assert score(ALL_OR_NOTHING, chosen(21, 22)) == (Decimal("0.00"), False)


def test_all_or_nothing_scores_nothing_when_a_wrong_choice_is_added():
    assert score(ALL_OR_NOTHING, chosen(21, 22, 23, 24)) == (Decimal("0.00"), False)


def test_partial_credit_gives_full_points_and_correct_for_exactly_the_right_choices():
    assert score(PARTIAL, chosen(21, 22, 23)) == (Decimal("1.00"), True)


def test_partial_credit_gives_a_share_per_right_choice_quantised_to_two_places():
    assert score(PARTIAL, chosen(21)) == (Decimal("0.33"), False)
    assert score(PARTIAL, chosen(21, 22)) == (Decimal("0.67"), False)


def test_partial_credit_takes_a_share_away_per_wrong_choice():
    # Two right, one wrong: (2 - 1) / 3 of the point.
    assert score(PARTIAL, chosen(21, 22, 24)) == (Decimal("0.33"), False)


def test_partial_credit_never_goes_below_zero_when_more_wrong_than_right():
    assert score(PARTIAL, chosen(21, 24, 25)) == (Decimal("0.00"), False)


def test_partial_credit_share_of_several_points_is_rounded_half_up():
    question = snapshot("multiple", points=2, choices=MULTIPLE_CHOICES, partial=True)
    # 2 * 1/3 = 0.666... -> 0.67; 2 * 2/3 = 1.333... -> 1.33
    assert score(question, chosen(21))[0] == Decimal("0.67")
    assert score(question, chosen(21, 22))[0] == Decimal("1.33")


# True/false and short text -----------------------------------------------------


def test_true_false_right_answer_scores_full_points():
    assert score(TRUE_FALSE, {"value": False}) == (Decimal("1.00"), True)


def test_true_false_wrong_answer_scores_nothing():
    assert score(TRUE_FALSE, {"value": True}) == (Decimal("0.00"), False)


@pytest.mark.parametrize(
    "given_text",
    ["Привет", "привет", "ПРИВЕТ", "  привет  ", "good morning", " GOOD   morning\t"],
)
def test_short_text_ignores_letter_case_and_whitespace_in_any_alphabet(given_text):
    assert score(SHORT_TEXT, {"text": given_text}) == (Decimal("1.00"), True)


@pytest.mark.parametrize("given_text", ["Привет!", "Пока", "goodmorning", "good morning sir"])
def test_short_text_other_answers_score_nothing(given_text):
    assert score(SHORT_TEXT, {"text": given_text}) == (Decimal("0.00"), False)


# Essays and unanswered questions -----------------------------------------------


def test_an_answered_essay_waits_for_a_person_to_mark_it():
    assert score(ESSAY, {"text": "My pitch"}) == (None, None)


@pytest.mark.parametrize("question", [SINGLE, PARTIAL, TRUE_FALSE, SHORT_TEXT, ESSAY])
def test_an_unanswered_question_scores_zero_and_is_not_correct(question):
    assert score(question, None) == (Decimal("0.00"), False)


@given(
    points=st.integers(min_value=1, max_value=100),
    picked=st.sets(st.sampled_from([21, 22, 23, 24, 25])),
    partial=st.booleans(),
)
def test_a_choice_score_never_exceeds_the_points_nor_goes_below_zero(points, picked, partial):
    question = snapshot("multiple", points=points, choices=MULTIPLE_CHOICES, partial=partial)
    response = chosen(*sorted(picked)) if picked else None
    points_given, correct = score(question, response)
    assert Decimal(0) <= points_given <= Decimal(points)
    assert points_given == points_given.quantize(Decimal("0.01"))
    assert correct == (points_given == points)


# clean_response ----------------------------------------------------------------


def test_clean_response_stores_choices_in_the_order_shown():
    assert clean_response(ALL_OR_NOTHING, {"choice": ["23", "21"]}) == chosen(21, 23)


def test_clean_response_treats_no_choice_as_unanswered():
    assert clean_response(SINGLE, {"choice": []}) is None
    assert clean_response(SINGLE, {"choice": [""]}) is None
    assert clean_response(SINGLE, {}) is None


def test_clean_response_accepts_a_single_choice_given_as_a_plain_string():
    assert clean_response(SINGLE, {"choice": "11"}) == chosen(11)


def test_clean_response_reads_every_choice_of_a_posted_form():
    posted = QueryDict("choice=23&choice=21&text=")
    assert clean_response(ALL_OR_NOTHING, posted) == chosen(21, 23)


@pytest.mark.parametrize(
    ("question", "data"),
    [
        pytest.param(SINGLE, {"choice": ["99"]}, id="unknown choice id"),
        pytest.param(SINGLE, {"choice": ["eleven"]}, id="not an integer"),
        pytest.param(SINGLE, {"choice": ["11.0"]}, id="not a whole number"),
        pytest.param(SINGLE, {"choice": [None]}, id="null choice"),
        pytest.param(SINGLE, {"choice": [True]}, id="boolean choice"),
        pytest.param(SINGLE, {"choice": {"11": 1}}, id="choice as an object"),
        pytest.param(SINGLE, {"choice": "1 1"}, id="garbled string"),
        pytest.param(ALL_OR_NOTHING, {"choice": ["21", "21"]}, id="same choice twice"),
        pytest.param(SINGLE, {"choice": ["11", "12"]}, id="two choices on a single question"),
        pytest.param(TRUE_FALSE, {"choice": ["maybe"]}, id="maybe on true/false"),
        pytest.param(TRUE_FALSE, {"choice": ["True"]}, id="true/false is lower case"),
        pytest.param(TRUE_FALSE, {"choice": ["true", "false"]}, id="both true and false"),
        pytest.param(SHORT_TEXT, {"text": "x" * 501}, id="short text too long"),
        pytest.param(ESSAY, {"text": "x" * 20_001}, id="essay too long"),
        pytest.param(SHORT_TEXT, {"text": ["a", "b"]}, id="text not a string"),
    ],
)
def test_clean_response_refuses_what_the_question_cannot_accept(question, data):
    with pytest.raises(InvalidResponse):
        clean_response(question, data)


def test_clean_response_accepts_text_at_the_length_limit_and_trims_it():
    assert clean_response(SHORT_TEXT, {"text": "x" * 500}) == {"text": "x" * 500}
    assert clean_response(ESSAY, {"text": "  My pitch \n"}) == {"text": "My pitch"}


def test_clean_response_treats_blank_text_as_unanswered():
    assert clean_response(ESSAY, {"text": "  \n "}) is None


def test_clean_response_reads_true_and_false():
    assert clean_response(TRUE_FALSE, {"choice": ["true"]}) == {"value": True}
    assert clean_response(TRUE_FALSE, {"choice": ["false"]}) == {"value": False}


# Percent and the pass mark ------------------------------------------------------


def test_percent_is_shown_with_two_places_rounded_half_up():
    assert percent_of(Decimal(2), Decimal(3)) == Decimal("66.67")
    assert percent_of(Decimal(1), Decimal(3)) == Decimal("33.33")
    assert percent_of(Decimal(0), Decimal(0)) == Decimal("0.00")


def test_two_of_three_fails_a_pass_mark_of_67():
    assert not has_passed(Decimal(2), Decimal(3), 67)


def test_two_of_three_passes_a_pass_mark_of_66():
    assert has_passed(Decimal(2), Decimal(3), 66)


def test_pass_check_is_exact_where_the_shown_percent_rounds_up_to_the_pass_mark():
    # 133.99 / 200 = 66.995 %, shown as 67.00 %, yet short of a 67 % pass mark.
    assert percent_of(Decimal("133.99"), Decimal(200)) == Decimal("67.00")
    assert not has_passed(Decimal("133.99"), Decimal(200), 67)
    assert has_passed(Decimal("134.00"), Decimal(200), 67)


def test_a_pass_mark_of_zero_passes_a_score_of_zero():
    assert has_passed(Decimal(0), Decimal(3), 0)


# Whole attempts, through the services ---------------------------------------------


def _true_false_quiz(count, *, pass_mark):
    questions = [
        QuestionFactory(kind="true_false", text=f"Statement {n}", true_false_answer=True)
        for n in range(count)
    ]
    return QuizFactory(questions=questions, pass_mark=pass_mark)


def _answer_true(attempt, person, positions):
    for position in positions:
        services.save_answer(
            attempt_id=attempt.pk, person=person, position=position, data={"choice": ["true"]}
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("pass_mark", "passed"), [(67, False), (66, True)])
def test_two_of_three_right_in_an_attempt_is_66_67_percent_judged_exactly(hire, pass_mark, passed):
    quiz = _true_false_quiz(3, pass_mark=pass_mark)
    attempt = services.start_attempt(quiz=quiz, person=hire)
    _answer_true(attempt, hire, [1, 2])
    attempt = services.submit_attempt(attempt_id=attempt.pk, person=hire)
    assert (attempt.score, attempt.max_score, attempt.percent) == (
        Decimal(2),
        Decimal(3),
        Decimal("66.67"),
    )
    assert attempt.passed is passed


@pytest.mark.django_db
def test_partial_credit_in_an_attempt_adds_the_quantised_share(hire):
    question = QuestionFactory(
        kind="multiple",
        partial_credit=True,
        points=1,
        choices=[("A", True), ("B", True), ("C", True), ("D", False)],
    )
    quiz = QuizFactory(questions=[question], pass_mark=30)
    attempt = services.start_attempt(quiz=quiz, person=hire)
    first_right = str(attempt.answers.get().choices[0]["id"])
    services.save_answer(
        attempt_id=attempt.pk, person=hire, position=1, data={"choice": [first_right]}
    )
    attempt = services.submit_attempt(attempt_id=attempt.pk, person=hire)
    assert (attempt.score, attempt.percent, attempt.passed) == (
        Decimal("0.33"),
        Decimal("33.00"),
        True,
    )


@pytest.mark.django_db
def test_an_attempt_with_nothing_answered_is_graded_zero_and_failed(hire):
    quiz = _true_false_quiz(3, pass_mark=50)
    attempt = services.start_attempt(quiz=quiz, person=hire)
    attempt = services.submit_attempt(attempt_id=attempt.pk, person=hire)
    assert attempt.state == Attempt.State.GRADED
    assert (attempt.score, attempt.percent, attempt.passed) == (Decimal(0), Decimal(0), False)
    assert (
        list(attempt.answers.values_list("points_awarded", "is_correct"))
        == [(Decimal(0), False)] * 3
    )


def _essay_quiz(hire, *, answered):
    quiz = QuizFactory(
        questions=[QuestionFactory(kind="essay", points=2) for _ in range(len(answered))],
        pass_mark=50,
    )
    attempt = services.start_attempt(quiz=quiz, person=hire)
    for position, text in enumerate(answered, 1):
        if text:
            services.save_answer(
                attempt_id=attempt.pk, person=hire, position=position, data={"text": text}
            )
    return services.submit_attempt(attempt_id=attempt.pk, person=hire)


@pytest.mark.django_db
def test_all_essays_need_marking_until_each_answered_one_is_marked(hire, manager):
    attempt = _essay_quiz(hire, answered=["First essay", "Second essay"])
    assert attempt.state == Attempt.State.NEEDS_MARKING
    first, second = attempt.answers.all()
    services.mark_answer(answer_id=first.pk, marker=manager, points=2)
    attempt.refresh_from_db()
    assert (attempt.state, attempt.percent, attempt.passed) == (
        Attempt.State.NEEDS_MARKING,
        None,
        None,
    )
    assert attempt.score == Decimal(2)
    services.mark_answer(answer_id=second.pk, marker=manager, points=Decimal("0.5"))
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score, attempt.percent, attempt.passed) == (
        Attempt.State.GRADED,
        Decimal("2.5"),
        Decimal("62.50"),
        True,
    )


@pytest.mark.django_db
def test_an_unanswered_essay_scores_zero_and_does_not_wait_for_marking(hire, manager):
    attempt = _essay_quiz(hire, answered=["Only essay", ""])
    assert attempt.state == Attempt.State.NEEDS_MARKING
    answered, unanswered = attempt.answers.all()
    assert (unanswered.points_awarded, unanswered.is_correct) == (Decimal(0), False)
    services.mark_answer(answer_id=answered.pk, marker=manager, points=1)
    attempt.refresh_from_db()
    assert (attempt.state, attempt.percent, attempt.passed) == (
        Attempt.State.GRADED,
        Decimal(25),
        False,
    )


@pytest.mark.django_db
def test_all_essays_unanswered_are_graded_at_once(hire):
    attempt = _essay_quiz(hire, answered=["", ""])
    assert (attempt.state, attempt.score, attempt.passed) == (
        Attempt.State.GRADED,
        Decimal(0),
        False,
    )


@pytest.mark.django_db
def test_snapshot_keeps_the_accepted_answers_trimmed_without_blank_lines():
    question = QuestionFactory(kind="short_text", accepted_answers=" Привет \n\nHello\n")
    assert scoring.snapshot_question(question)["accepted_answers"] == ["Привет", "Hello"]
