"""The one-on-one brief: who may open it, what it shows, and its query budget."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes import selectors as quiz_selectors
from quizzes.models import Question
from salesmap.review.models import OneOnOneNote
from standards import services as standards_services
from tests.factories import FunnelStageFactory, LessonFactory, ManagerFactory
from tests.review.conftest import (
    add_evaluation,
    add_lesson_progress,
    add_requirement,
    make_quiz,
    take_quiz,
)

pytestmark = pytest.mark.django_db


def brief_url(person):
    return reverse("review_brief", args=[person.pk])


def text_of(response):
    """The page's visible text, tags dropped and whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# Access ------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client, team):
    response = client.get(brief_url(team.hire))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("viewer", ["hire", "second_hire", "other_hire", "mentor"])
def test_people_without_a_team_get_403(client_for, team, viewer):
    response = client_for(getattr(team, viewer)).get(brief_url(team.hire))
    assert response.status_code == 403


def test_a_hire_gets_403_on_their_own_brief_too(client_for, team):
    assert client_for(team.hire).get(brief_url(team.hire)).status_code == 403


@pytest.mark.parametrize("viewer", ["manager", "boss", "sales_ops"])
def test_managers_up_the_line_and_sales_ops_open_the_brief(client_for, team, viewer):
    response = client_for(getattr(team, viewer)).get(brief_url(team.hire))
    assert response.status_code == 200
    assert "Anna Hire" in text_of(response)


def test_another_teams_manager_gets_404(client_for, team):
    assert client_for(team.other_manager).get(brief_url(team.hire)).status_code == 404


def test_a_mentor_who_manages_another_team_gets_404(client_for, team):
    mentor = ManagerFactory(username="managing-mentor")
    team.hire.mentor = mentor
    team.hire.save(update_fields=["mentor"])
    assert client_for(mentor).get(brief_url(team.hire)).status_code == 404


def test_an_unknown_person_is_404(client_for, team):
    assert client_for(team.manager).get(reverse("review_brief", args=[999999])).status_code == 404


def test_a_manager_opening_their_own_brief_is_sent_to_their_map(client_for, team):
    response = client_for(team.manager).get(brief_url(team.manager))
    assert response.status_code == 302
    assert response["Location"] == reverse("my_onboarding")


def test_the_brief_only_answers_get(client_for, team):
    assert client_for(team.manager).post(brief_url(team.hire)).status_code == 405


def test_sales_ops_read_the_notes_but_get_no_form(client_for, team):
    OneOnOneNote.objects.create(
        person=team.hire,
        author=team.manager,
        author_name="Maria Manager",
        met_on=timezone.localdate(),
        notes="Talked about the pipeline.",
    )
    response = client_for(team.sales_ops).get(brief_url(team.hire))
    assert "Talked about the pipeline." in text_of(response)
    assert reverse("review_note_add", args=[team.hire.pk]) not in response.content.decode()


def test_the_manager_gets_the_note_form(client_for, team):
    response = client_for(team.manager).get(brief_url(team.hire))
    assert reverse("review_note_add", args=[team.hire.pk]) in response.content.decode()
    assert 'name="submission_key"' in response.content.decode()


# What the page shows ------------------------------------------------------------


def test_the_header_names_role_level_manager_mentor_start_and_history(client_for, team):
    text = text_of(client_for(team.manager).get(brief_url(team.hire)))
    assert "Sales development rep · SDR I" in text
    assert "Maria Manager" in text
    assert "Mia Mentor" in text
    assert "day 10" in text  # the factory's start date is ten days ago
    assert "Level history" in text and "SDR I" in text


def test_the_header_links_to_the_map_the_evaluation_form_and_print(client_for, team):
    html = client_for(team.manager).get(brief_url(team.hire)).content.decode()
    assert reverse("person_onboarding", args=[team.hire.pk]) in html
    assert reverse("practice:choose_scorecard", args=[team.hire.pk]) in html
    assert "data-print" in html
    assert "css/review-brief.css" in html


def test_each_lesson_shows_active_time_against_its_estimate(client_for, team):
    lesson = LessonFactory(title="CRM basics", estimated_minutes=10)
    add_lesson_progress(team.hire, lesson, seconds=30 * 60)
    response = client_for(team.manager).get(brief_url(team.hire))
    row = response.context["brief"].lessons[0]
    assert (row.title, row.active_seconds, row.estimated_seconds) == ("CRM basics", 1800, 600)
    assert row.bar_percent == 100 and row.estimate_percent == pytest.approx(33.3)
    html = response.content.decode()
    assert f'id="lesson-{lesson.pk}"' in html
    assert "30 min · estimate 10 min" in text_of(response)
    assert "3.0×" in text_of(response)


def test_lessons_meant_for_the_role_but_not_started_are_listed(client_for, team):
    LessonFactory(title="Not opened yet")
    brief = client_for(team.manager).get(brief_url(team.hire)).context["brief"]
    (row,) = brief.lessons
    assert (row.title, row.status, row.assigned) == ("Not opened yet", "not_started", True)


def test_the_time_per_day_chart_has_a_table_for_screen_readers(client_for, team):
    lesson = LessonFactory(estimated_minutes=10)
    add_lesson_progress(team.hire, lesson, seconds=600, days_back=2)
    response = client_for(team.manager).get(brief_url(team.hire))
    html = response.content.decode()
    assert "days-chart__svg" in html and 'role="img"' in html
    assert "<caption>Active learning time per day</caption>" in html
    assert len(response.context["brief"].days) == 28
    assert response.context["brief"].chart_seconds == 600


def test_every_attempt_is_listed_with_its_score_and_a_link_to_mark_it(client_for, team):
    quiz = make_quiz("Objections")
    attempt = take_quiz(quiz, team.hire, right=1)
    response = client_for(team.manager).get(brief_url(team.hire))
    html = response.content.decode()
    assert f'id="attempt-{attempt.pk}"' in html
    assert reverse("quizzes:mark_attempt", args=[attempt.pk]) in html
    assert "25%" in text_of(response) and "Failed" in text_of(response)


def test_missed_questions_show_the_answer_given_the_right_one_and_the_topic(client_for, team):
    quiz = make_quiz("Objections", questions=2)
    take_quiz(quiz, team.hire, right=1)
    text = text_of(client_for(team.manager).get(brief_url(team.hire)))
    assert "Objections: question 2?" in text
    assert "Their answer Wrong" in text
    assert "Correct answer Right" in text
    assert "Objection handling" in text


def test_missed_answers_come_from_the_snapshots_in_one_query(team, django_assert_num_queries):
    quiz = make_quiz("Objections", questions=3)
    take_quiz(quiz, team.hire, right=0)
    Question.objects.update(text="Edited since")  # the snapshot is what was asked
    with django_assert_num_queries(1):
        missed = quiz_selectors.missed_answers(team.hire, limit=2)
    assert len(missed) == 2
    assert [m.given for m in missed] == ["Wrong", "Wrong"]
    assert {m.correct for m in missed} == {"Right"}
    assert missed[0].category == "Objection handling"
    assert missed[0].text.startswith("Objections: question")


def test_missed_answers_leave_out_right_answers_and_other_people(team):
    quiz = make_quiz("Objections", questions=2)
    take_quiz(quiz, team.hire, right=2)
    take_quiz(quiz, team.second_hire, right=0)
    assert quiz_selectors.missed_answers(team.hire) == []


def test_weakest_categories_come_first_with_their_bars(client_for, team):
    take_quiz(make_quiz("Objections", category="Objection handling"), team.hire, right=1)
    take_quiz(make_quiz("Discovery", category="Discovery"), team.hire, right=4)
    response = client_for(team.manager).get(brief_url(team.hire))
    categories = response.context["brief"].categories
    assert [c["category"] for c in categories] == ["Objection handling", "Discovery"]
    assert "1 of 4" in text_of(response) and "4 of 4" in text_of(response)


def test_essays_waiting_link_to_the_marking_queue_filtered_to_the_person(client_for, team):
    take_quiz(make_quiz("Essays", questions=1, essay=True), team.hire, right=1)
    response = client_for(team.manager).get(brief_url(team.hire))
    queue = reverse("quizzes:marking_queue")
    assert f"{queue}?person={team.hire.pk}&amp;state=needs_marking" in response.content.decode()
    # The marking queue understands those parameters and lists the attempt.
    queue_page = client_for(team.manager).get(
        queue, {"person": team.hire.pk, "state": "needs_marking"}
    )
    assert queue_page.status_code == 200
    assert "Essays" in queue_page.content.decode()


def test_standards_show_pending_and_acknowledged(client_for, team):
    done = FunnelStageFactory(title="Discovery stage")
    FunnelStageFactory(title="Proposal stage")
    standards_services.acknowledge(page=done, person=team.hire)
    response = client_for(team.manager).get(brief_url(team.hire))
    brief = response.context["brief"]
    assert [row.page.title for row in brief.pending_standards] == ["Proposal stage"]
    assert [row.page.title for row in brief.acknowledged_standards] == ["Discovery stage"]
    assert "1 of 2 acknowledged" in text_of(response)


def test_evaluations_show_scores_and_comments(client_for, team):
    add_evaluation(team.hire, 62, days_back=20, comment="Rushed the agenda.")
    add_evaluation(team.hire, 81, days_back=2, comment="Clear next steps.")
    text = text_of(client_for(team.manager).get(brief_url(team.hire)))
    assert "Rushed the agenda." in text and "Clear next steps." in text
    assert "Call scorecard : 62% → 81%" in text


def test_overdue_requirements_are_listed(client_for, team, level):
    lesson = LessonFactory(title="Cold calling")
    add_requirement(level, "lesson", lesson=lesson, due_day=3)
    response = client_for(team.manager).get(brief_url(team.hire))
    assert [item.requirement.title for item in response.context["brief"].overdue] == [
        "Cold calling"
    ]
    assert "7 days overdue" in text_of(response)


def test_the_person_never_sees_the_notes_of_their_one_on_ones(client_for, team):
    OneOnOneNote.objects.create(
        person=team.hire,
        author=team.manager,
        author_name="Maria Manager",
        met_on=timezone.localdate(),
        notes="Private remark.",
    )
    for url in (reverse("my_onboarding"), reverse("practice:mine"), brief_url(team.hire)):
        response = client_for(team.hire).get(url)
        assert "Private remark." not in response.content.decode()


# Query budget --------------------------------------------------------------------


def _fill(team, size):
    """``size`` lessons opened, quiz attempts, evaluations and notes for the hire."""
    for n in range(size):
        lesson = LessonFactory(title=f"Lesson {n}", estimated_minutes=10)
        add_lesson_progress(team.hire, lesson, seconds=300 + n, days_back=n % 20)
        take_quiz(
            make_quiz(f"Quiz {n}", category=f"Topic {n % 3}", questions=2), team.hire, right=n % 3
        )
        add_evaluation(team.hire, 50 + n, kind="call" if n % 2 else "email", days_back=n)
        OneOnOneNote.objects.create(
            person=team.hire,
            author=team.manager,
            author_name="Maria Manager",
            met_on=timezone.localdate() - timezone.timedelta(days=7 * n),
            notes=f"Meeting {n}",
            actions="Call two prospects\nRead the CRM lesson",
        )
    FunnelStageFactory()


# Session, user, groups, the person, the access checks (4), the onboarding map
# (about 12 here), the lesson catalogue (3), lesson records, learning days,
# attempts, missed answers, categories, standards (about 6), notes, site.
BUDGET = 45


def test_the_brief_takes_the_same_queries_for_few_or_many_records(
    client_for, team, django_assert_max_num_queries
):
    client = client_for(team.manager)
    _fill(team, 2)
    client.get(brief_url(team.hire))  # warms the per-process caches (content types, site)
    with django_assert_max_num_queries(BUDGET) as small:
        assert client.get(brief_url(team.hire)).status_code == 200
    _fill(team, 8)
    with django_assert_max_num_queries(BUDGET) as large:
        assert client.get(brief_url(team.hire)).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
