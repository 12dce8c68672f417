"""Quiz and question statistics (Moodle's), and the admin reports that show and export them.

The known data set (``graded_quiz``): four people, three one-point questions,
pass mark 50 %. Answers (1 = right, 0 = wrong or blank):

    person  Q1 single  Q2 true/false  Q3 short text  total  percent
    A       1 Right    1 True         1 "Hello"      3      100.00
    B       1 Right    0 False        1 "hello "     2       66.67
    C       0 Wrong    1 True         0 "Bye"        1       33.33
    D       0 Wrong    1 True         0 (blank)      1       33.33

Facility: Q1 2/4 = 50 %, Q2 3/4 = 75 %, Q3 2/4 = 50 %.
Discrimination (correlation of the question with the rest of the attempt):
    Q1: x = 1,1,0,0; rest = 2,1,1,1 -> 0.5 / sqrt(1 * 0.75) = 0.57735 -> 57.74
    Q2: x = 1,0,1,1; rest = 2,2,0,0 -> -1 / sqrt(0.75 * 4) = -0.57735 -> -57.74
    Q3: x = 1,1,0,0; rest = 2,1,1,1 -> 57.74
Each question is answered 10 s, 20 s and 30 s after the previous save
(positions 1, 2, 3), and the attempt is submitted 5 s after the last answer.

This module is also the URL configuration of the report tests: the reports
are mounted by ``quizzes.wagtail_hooks`` in the project, here directly.
"""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from quizzes import reports, services
from quizzes.models import Attempt, Choice, Question, QuizQuestion
from quizzes.statistics import (
    all_question_statistics,
    question_statistics,
    quiz_statistics,
    quiz_statistics_for,
)
from salesmap import urls as project_urls
from tests.factories import NewHireFactory, QuestionFactory, QuizFactory

urlpatterns = [path("admin/", include(reports.admin_urls())), *project_urls.urlpatterns]

pytestmark = pytest.mark.django_db

T0 = timezone.now().replace(microsecond=0) - timedelta(days=1)


def take(quiz, person, given, *, start=T0, submit=True):
    """Take the quiz as ``person``: ``given`` maps a position to a choice text
    (or list of texts), "true"/"false", or a short text; blank positions are
    left unanswered. Answering position p comes 10 * p seconds after the
    previous save."""
    attempt = services.start_attempt(quiz=quiz, person=person, now=start)
    answers = {answer.position: answer for answer in attempt.answers.all()}
    now = start
    for position in sorted(given):
        answer = answers[position]
        value = given[position]
        if answer.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            texts = value if isinstance(value, list) else [value]
            ids = {choice["text"]: str(choice["id"]) for choice in answer.choices}
            data = {"choice": [ids[text] for text in texts]}
        elif answer.kind == Question.Kind.TRUE_FALSE:
            data = {"choice": [value]}
        else:
            data = {"text": value}
        now += timedelta(seconds=10 * position)
        services.save_answer(
            attempt_id=attempt.pk, person=person, position=position, data=data, now=now
        )
    if submit:
        attempt = services.submit_attempt(
            attempt_id=attempt.pk, person=person, now=now + timedelta(seconds=5)
        )
    return attempt


@pytest.fixture
def questions():
    return [
        QuestionFactory(text="Which stage comes first?"),
        QuestionFactory(
            kind="true_false", text="Demos come before discovery.", true_false_answer=True
        ),
        QuestionFactory(kind="short_text", text="Say the greeting.", accepted_answers="Hello"),
    ]


@pytest.fixture
def graded_quiz(questions):
    quiz = QuizFactory(title="Discovery basics", questions=questions, pass_mark=50)
    take(quiz, NewHireFactory(username="a"), {1: "Right", 2: "true", 3: "Hello"})
    take(quiz, NewHireFactory(username="b"), {1: "Right", 2: "false", 3: "hello "})
    take(quiz, NewHireFactory(username="c"), {1: "Wrong", 2: "true", 3: "Bye"})
    take(quiz, NewHireFactory(username="d"), {1: "Wrong", 2: "true"})
    return quiz


def by_text(stats):
    return {entry.text: entry for entry in stats}


def quiz_editor(user):
    """Sales Ops edit quizzes: make sure this one holds the permission the reports ask for."""
    user.user_permissions.add(Permission.objects.get(codename="change_quiz"))
    return type(user).objects.get(pk=user.pk)  # a fresh permission cache


# --- Per quiz ---------------------------------------------------------------------------------


def test_quiz_statistics_count_attempts_people_and_the_pass_rate(graded_quiz):
    stats = quiz_statistics(graded_quiz)
    assert (stats.attempts, stats.people, stats.graded, stats.needs_marking) == (4, 4, 4, 0)
    assert stats.pass_rate == Decimal("50.00")


def test_average_score_is_the_mean_percent_of_graded_attempts(graded_quiz):
    # (100 + 66.67 + 33.33 + 33.33) / 4 = 58.3325
    assert quiz_statistics(graded_quiz).average_percent == Decimal("58.33")


def test_median_of_an_even_number_of_scores_is_the_mean_of_the_middle_two(graded_quiz):
    # 33.33, 33.33, 66.67, 100 -> (33.33 + 66.67) / 2
    assert quiz_statistics(graded_quiz).median_percent == Decimal("50.00")


def test_median_of_an_odd_number_of_scores_is_the_middle_one(graded_quiz):
    take(graded_quiz, NewHireFactory(username="e"), {1: "Right", 2: "true", 3: "Hello"})
    # 33.33, 33.33, 66.67, 100, 100
    assert quiz_statistics(graded_quiz).median_percent == Decimal("66.67")


def test_average_duration_runs_from_start_to_submission(graded_quiz):
    # A, B, C: answers at +10, +30, +60 s, submitted at +65; D: +10, +30, submitted at +35.
    assert quiz_statistics(graded_quiz).average_seconds == round((65 * 3 + 35) / 4)


def test_every_graded_attempt_counts_not_only_each_persons_best(graded_quiz):
    person = NewHireFactory(username="twice")
    take(graded_quiz, person, {1: "Wrong"})
    take(graded_quiz, person, {1: "Right", 2: "true", 3: "Hello"}, start=T0 + timedelta(hours=1))
    stats = quiz_statistics(graded_quiz)
    assert (stats.attempts, stats.people, stats.graded) == (6, 5, 6)


def test_attempt_waiting_for_marking_counts_as_an_attempt_but_gives_no_score():
    essay = QuestionFactory(kind="essay", text="Describe your last call.")
    quiz = QuizFactory(questions=[QuestionFactory(), essay])
    take(quiz, NewHireFactory(), {1: "Right", 2: "It went well."})
    stats = quiz_statistics(quiz)
    assert (stats.attempts, stats.graded, stats.needs_marking) == (1, 0, 1)
    assert (stats.average_percent, stats.median_percent, stats.pass_rate) == (None, None, None)
    assert question_statistics(quiz) == []


def test_open_attempts_are_not_counted(graded_quiz):
    take(graded_quiz, NewHireFactory(), {1: "Right"}, submit=False)
    assert quiz_statistics(graded_quiz).attempts == 4


def test_statistics_of_an_untaken_quiz_are_empty():
    quiz = QuizFactory(questions=[QuestionFactory()])
    stats = quiz_statistics(quiz)
    assert (stats.attempts, stats.people, stats.average_percent, stats.average_seconds) == (
        0,
        0,
        None,
        None,
    )


def test_statistics_for_several_quizzes_take_one_query(graded_quiz, django_assert_num_queries):
    other = QuizFactory(questions=[QuestionFactory()])
    with django_assert_num_queries(1):
        stats = quiz_statistics_for([graded_quiz, other])
    assert (stats[graded_quiz.pk].attempts, stats[other.pk].attempts) == (4, 0)


# --- Per question -----------------------------------------------------------------------------


def test_facility_index_is_the_mean_share_of_points_obtained(graded_quiz):
    stats = question_statistics(graded_quiz)
    assert [entry.facility for entry in stats] == [
        Decimal("50.00"),
        Decimal("75.00"),
        Decimal("50.00"),
    ]


def test_questions_come_in_the_quizs_order_with_times_asked_and_answered(graded_quiz):
    stats = question_statistics(graded_quiz)
    assert [(entry.position, entry.asked, entry.answered) for entry in stats] == [
        (1, 4, 4),
        (2, 4, 4),
        (3, 4, 3),
    ]


def test_discrimination_index_is_the_correlation_with_the_rest_of_the_attempt(graded_quiz):
    stats = question_statistics(graded_quiz)
    assert [entry.discrimination for entry in stats] == [
        Decimal("57.74"),
        Decimal("-57.74"),
        Decimal("57.74"),
    ]


def test_partial_credit_counts_as_a_share_of_the_points_in_the_facility_index():
    multiple = QuestionFactory(
        kind="multiple",
        partial_credit=True,
        points=2,
        choices=[("A", True), ("B", True), ("C", False)],
    )
    quiz = QuizFactory(questions=[multiple, QuestionFactory()])
    take(quiz, NewHireFactory(), {1: ["A"], 2: "Right"})  # half of the points
    take(quiz, NewHireFactory(), {1: ["A", "B"], 2: "Wrong"})  # all of them
    assert question_statistics(quiz)[0].facility == Decimal("75.00")


def test_discrimination_is_none_with_fewer_than_two_attempts(questions):
    quiz = QuizFactory(questions=questions)
    take(quiz, NewHireFactory(), {1: "Right", 2: "true", 3: "Hello"})
    assert [entry.discrimination for entry in question_statistics(quiz)] == [None, None, None]


def test_discrimination_is_none_when_everyone_scores_the_same_on_the_question(questions):
    quiz = QuizFactory(questions=questions)
    take(quiz, NewHireFactory(), {1: "Right", 2: "true", 3: "Hello"})
    take(quiz, NewHireFactory(), {1: "Right", 2: "false", 3: "Bye"})
    assert question_statistics(quiz)[0].discrimination is None


def test_discrimination_is_none_for_the_only_question_of_a_quiz():
    quiz = QuizFactory(questions=[QuestionFactory()])
    take(quiz, NewHireFactory(), {1: "Right"})
    take(quiz, NewHireFactory(), {1: "Wrong"})
    assert question_statistics(quiz)[0].discrimination is None


def test_most_chosen_wrong_answer_is_shown_with_its_count(graded_quiz):
    stats = question_statistics(graded_quiz)
    assert [(entry.wrong_answer, entry.wrong_answer_count) for entry in stats] == [
        ("Wrong", 2),
        ("False", 1),
        ("Bye", 1),
    ]


def test_most_chosen_wrong_answer_of_a_choice_question_ignores_right_choices():
    question = QuestionFactory(
        kind="multiple", choices=[("A", True), ("B", True), ("C", False), ("D", False)]
    )
    quiz = QuizFactory(questions=[question])
    take(quiz, NewHireFactory(), {1: ["A", "D"]})
    take(quiz, NewHireFactory(), {1: ["A", "B", "D"]})
    take(quiz, NewHireFactory(), {1: ["C"]})
    take(quiz, NewHireFactory(), {1: ["A", "B"]})  # right: no wrong answer
    entry = question_statistics(quiz)[0]
    assert (entry.wrong_answer, entry.wrong_answer_count) == ("D", 2)


def test_short_text_wrong_answers_differing_only_in_case_or_spaces_count_as_one():
    quiz = QuizFactory(
        questions=[QuestionFactory(kind="short_text", text="Greet", accepted_answers="Hello")]
    )
    take(quiz, NewHireFactory(), {1: "Good  day"})
    take(quiz, NewHireFactory(), {1: "good day"})
    take(quiz, NewHireFactory(), {1: "Bye"})
    entry = question_statistics(quiz)[0]
    assert (entry.wrong_answer.casefold(), entry.wrong_answer_count) == ("good day", 2)


def test_question_answered_right_by_everyone_has_no_wrong_answer(questions):
    quiz = QuizFactory(questions=questions)
    take(quiz, NewHireFactory(), {1: "Right", 2: "true", 3: "Hello"})
    assert [entry.wrong_answer_count for entry in question_statistics(quiz)] == [0, 0, 0]


def test_average_time_per_question_counts_answered_questions_only(graded_quiz):
    assert [entry.average_seconds for entry in question_statistics(graded_quiz)] == [10, 20, 30]


def test_editing_a_question_changes_no_statistic(graded_quiz, questions):
    before = question_statistics(graded_quiz)
    first = questions[0]
    first.text = "Rewritten question"
    first.points = 5
    first.save()
    Choice.objects.filter(question=first).update(is_correct=True, text="Edited")
    questions[1].true_false_answer = False
    questions[1].save()
    assert question_statistics(graded_quiz) == before
    assert quiz_statistics(graded_quiz).average_percent == Decimal("58.33")


def test_deleting_a_question_keeps_its_statistics_under_its_text_as_asked(graded_quiz, questions):
    before = by_text(question_statistics(graded_quiz))["Which stage comes first?"]
    first = questions[0]
    QuizQuestion.objects.filter(question=first).delete()
    Choice.objects.filter(question=first).delete()
    first.delete()
    after = question_statistics(graded_quiz)
    entry = after[-1]  # no longer in the quiz: listed after its questions
    assert (entry.text, entry.deleted, entry.position) == ("Which stage comes first?", True, None)
    assert (entry.key, entry.asked, entry.facility, entry.discrimination) == (
        before.key,
        before.asked,
        before.facility,
        before.discrimination,
    )
    assert (entry.wrong_answer, entry.wrong_answer_count, entry.average_seconds) == (
        "Wrong",
        2,
        10,
    )
    assert quiz_statistics(graded_quiz).average_percent == Decimal("58.33")


def test_all_question_statistics_list_the_lowest_facility_first_across_quizzes(graded_quiz):
    hard = QuestionFactory(text="A question nobody gets")
    other = QuizFactory(title="Objections", questions=[hard, QuestionFactory(text="Easy one")])
    take(other, NewHireFactory(), {1: "Wrong", 2: "Right"})
    stats = all_question_statistics()
    assert [entry.text for entry in stats][:1] == ["A question nobody gets"]
    assert [entry.facility for entry in stats] == sorted(entry.facility for entry in stats)
    assert stats[0].quizzes == ["Objections"]


def test_a_question_used_in_two_quizzes_is_one_entry_across_quizzes(graded_quiz, questions):
    other = QuizFactory(title="Refresher", questions=[questions[0]])
    take(other, NewHireFactory(), {1: "Right"})
    entry = by_text(all_question_statistics())["Which stage comes first?"]
    assert (entry.asked, entry.facility) == (5, Decimal("60.00"))
    assert entry.quizzes == ["Discovery basics", "Refresher"]


def test_all_question_statistics_leave_out_rarely_asked_questions(graded_quiz):
    other = QuizFactory(questions=[QuestionFactory(text="Asked once")])
    take(other, NewHireFactory(), {1: "Wrong"})
    texts = [entry.text for entry in all_question_statistics(min_asked=2)]
    assert "Asked once" not in texts
    assert len(texts) == 3


@pytest.mark.parametrize("size", [3, 30])
def test_statistics_take_a_fixed_number_of_queries_whatever_the_attempts(
    questions, size, django_assert_num_queries
):
    quiz = QuizFactory(questions=questions)
    for number in range(size):
        take(quiz, NewHireFactory(), {1: "Right" if number % 2 else "Wrong", 2: "true"})
    with django_assert_num_queries(1):
        assert quiz_statistics(quiz).attempts == size
    with django_assert_num_queries(2):
        assert question_statistics(quiz)[0].asked == size
    with django_assert_num_queries(1):
        assert len(all_question_statistics()) == 3


# --- Admin reports ----------------------------------------------------------------------------

pytest_urls = pytest.mark.urls(__name__)


def download(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(content)))


@pytest_urls
def test_quiz_results_report_lists_quizzes_with_their_statistics(
    graded_quiz, sales_ops, client_for
):
    QuizFactory(title="Not taken yet")
    response = client_for(quiz_editor(sales_ops)).get("/admin/reports/quiz-results/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Discovery basics" in html
    assert "Not taken yet" in html
    assert "58.33\u00a0%" in html
    assert f"/admin/reports/quiz-results/{graded_quiz.pk}/questions/" in html


@pytest_urls
def test_question_statistics_report_shows_the_quiz_summary_and_its_questions(
    graded_quiz, sales_ops, client_for
):
    response = client_for(quiz_editor(sales_ops)).get(
        f"/admin/reports/quiz-results/{graded_quiz.pk}/questions/"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Demos come before discovery." in html
    assert "-57.74\u00a0%" in html
    assert "Wrong (2×)" in html
    assert "50.00\u00a0%" in html  # the median, in the summary


@pytest_urls
def test_question_statistics_report_sorts_by_facility(graded_quiz, sales_ops, client_for):
    response = client_for(quiz_editor(sales_ops)).get(
        f"/admin/reports/quiz-results/{graded_quiz.pk}/questions/?ordering=-facility"
    )
    rows = [entry.text for entry in response.context["object_list"]]
    assert rows[0] == "Demos come before discovery."


@pytest_urls
@pytest.mark.parametrize("kind", ["hire", "manager"])
def test_reports_are_refused_to_people_who_may_not_edit_quizzes(
    graded_quiz, users, kind, client_for
):
    client = client_for(users[kind])
    assert client.get("/admin/reports/quiz-results/").status_code == 403
    url = f"/admin/reports/quiz-results/{graded_quiz.pk}/questions/"
    assert client.get(url).status_code == 403
    assert client.get(url + "?export=csv").status_code == 403


def test_report_views_check_the_permission_themselves(graded_quiz, hire):
    from django.core.exceptions import PermissionDenied

    request = RequestFactory().get("/")
    request.user = hire
    with pytest.raises(PermissionDenied):
        reports.QuizResultsView.as_view()(request)
    with pytest.raises(PermissionDenied):
        reports.QuestionStatisticsView.as_view()(request, quiz_id=graded_quiz.pk)


@pytest_urls
def test_question_statistics_of_an_unknown_quiz_is_not_found(sales_ops, client_for):
    response = client_for(quiz_editor(sales_ops)).get(
        "/admin/reports/quiz-results/999999/questions/"
    )
    assert response.status_code == 404


@pytest_urls
def test_quiz_results_export_as_csv(graded_quiz, sales_ops, client_for):
    response = client_for(quiz_editor(sales_ops)).get("/admin/reports/quiz-results/?export=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="quiz-results.csv"'
    rows = download(response)
    assert rows[0] == [
        "Quiz",
        "Attempts",
        "People",
        "Graded attempts",
        "Waiting for marking",
        "Average score (%)",
        "Median score (%)",
        "Pass rate (%)",
        "Average duration (seconds)",
    ]
    assert rows[1:] == [["Discovery basics", "4", "4", "4", "0", "58.33", "50.00", "50.00", "58"]]


@pytest_urls
def test_question_statistics_export_as_csv(graded_quiz, questions, sales_ops, client_for):
    response = client_for(quiz_editor(sales_ops)).get(
        f"/admin/reports/quiz-results/{graded_quiz.pk}/questions/?export=csv"
    )
    assert response.status_code == 200
    assert f"question-statistics-quiz-{graded_quiz.pk}.csv" in response["Content-Disposition"]
    rows = download(response)
    assert rows[0] == [
        "Position",
        "Question",
        "Kind",
        "Category",
        "Question ID (empty once deleted)",
        "Times asked",
        "Times answered",
        "Facility index (%)",
        "Discrimination index (%)",
        "Most chosen wrong answer",
        "Times chosen",
        "Average time (seconds)",
    ]
    assert rows[1:] == [
        [
            "1",
            "Which stage comes first?",
            "Multiple choice, one correct answer",
            "",
            str(questions[0].pk),
            "4",
            "4",
            "50.00",
            "57.74",
            "Wrong",
            "2",
            "10",
        ],
        [
            "2",
            "Demos come before discovery.",
            "True or false",
            "",
            str(questions[1].pk),
            "4",
            "4",
            "75.00",
            "-57.74",
            "False",
            "1",
            "20",
        ],
        [
            "3",
            "Say the greeting.",
            "Short text answer",
            "",
            str(questions[2].pk),
            "4",
            "3",
            "50.00",
            "57.74",
            "Bye",
            "1",
            "30",
        ],
    ]


@pytest_urls
def test_question_statistics_export_as_xlsx(graded_quiz, sales_ops, client_for):
    from openpyxl import load_workbook

    response = client_for(quiz_editor(sales_ops)).get(
        f"/admin/reports/quiz-results/{graded_quiz.pk}/questions/?export=xlsx"
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][7] == "Facility index (%)"
    assert [row[7] for row in rows[1:]] == [50, 75, 50]


@pytest_urls
@pytest.mark.parametrize("url", ["/admin/reports/quiz-results/", "questions"])
def test_reports_take_a_fixed_number_of_queries_whatever_the_attempts(
    questions, sales_ops, client_for, url
):
    client = client_for(quiz_editor(sales_ops))
    quiz = QuizFactory(questions=questions)
    QuizFactory(questions=[questions[0]])
    if url == "questions":
        url = f"/admin/reports/quiz-results/{quiz.pk}/questions/"
    counts = []
    for size in (3, 30):
        while Attempt.objects.filter(quiz=quiz).count() < size:
            take(quiz, NewHireFactory(), {1: "Right", 2: "false", 3: "Hello"})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest_urls
def test_menu_item_is_shown_only_to_people_who_may_edit_quizzes(sales_ops, hire):
    item = reports.report_menu_item()
    request = RequestFactory().get("/")
    request.user = quiz_editor(sales_ops)
    assert item.is_shown(request)
    request.user = hire
    assert not item.is_shown(request)


@pytest_urls
def test_quiz_results_can_be_searched_by_title(graded_quiz, sales_ops, client_for):
    QuizFactory(title="Objection handling")
    response = client_for(quiz_editor(sales_ops)).get(
        "/admin/reports/quiz-results/results/?q=discovery"
    )
    assert response.status_code == 200
    assert [quiz.title for quiz in response.context["object_list"]] == ["Discovery basics"]


@pytest_urls
def test_csv_export_never_hands_a_spreadsheet_a_formula(sales_ops, client_for):
    quiz = QuizFactory(
        questions=[QuestionFactory(kind="short_text", text="Greet", accepted_answers="Hello")]
    )
    take(quiz, NewHireFactory(), {1: '=HYPERLINK("http://evil.test","x")'})
    response = client_for(quiz_editor(sales_ops)).get(
        f"/admin/reports/quiz-results/{quiz.pk}/questions/?export=csv"
    )
    row = download(response)[1]
    assert row[9] == '\'=HYPERLINK("http://evil.test","x")'
    assert row[8] == ""  # no discrimination from one attempt: empty, not a formula
