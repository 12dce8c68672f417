"""Every URL against anonymous / new hire / manager / Sales Ops / Sales Ops lead.

Expected outcomes: an int is the status code; "login" is a redirect to the
sign-in page; any other string is a redirect to that path. URLs may name the
Sales Map pages built below as ``{stage}``, ``{stage_revision}``, ...
"""

import pytest
from django.urls import URLPattern, URLResolver, resolve

from salesmap.home.models import SalesMapHomePage
from salesmap.progression.models import LevelPage, RolePage, RolesIndexPage
from tests.factories import (
    CourseFactory,
    FunnelStageFactory,
    KnowledgeArticleFactory,
    LessonFactory,
    NormsTopicFactory,
    QuestionFactory,
    QuizFactory,
    SalesOpsLeadFactory,
)

ROLES = ["anonymous", "hire", "manager", "sales_ops", "lead"]
SIGNED_IN_ONLY = ["login", 200, 200, 200, 200]
STAFF_ONLY = ["login", 403, 403, 200, 200]
POST_ONLY_VIEW = ["login", 405, 405, 405, 405]

MATRIX = {
    "/": SIGNED_IN_ONLY,
    "/onboarding/": SIGNED_IN_ONLY,
    "/team/": ["login", 403, 200, 200, 200],
    "/team/?scope=subtree": ["login", 403, 200, 200, 200],
    "/team/?sort=-flags&flag=any&q=a": ["login", 403, 200, 200, 200],
    # A sort, scope or flag the table does not know: 400 with a message.
    "/team/?sort=salary": ["login", 403, 400, 400, 400],
    "/team/?scope=everyone": ["login", 403, 400, 400, 400],
    "/team/?flag=lazy": ["login", 403, 400, 400, 400],
    "/team/?role=sdr": ["login", 403, 400, 400, 400],
    "/team/?page=2": ["login", 403, 200, 200, 200],
    "/team/?page=abc": ["login", 403, 400, 400, 400],
    "/team/heatmap/?page=0": ["login", 403, 400, 400, 400],
    "/team/export/csv/": ["login", 403, 200, 200, 200],
    "/team/export/xlsx/?scope=subtree": ["login", 403, 200, 200, 200],
    "/team/export/pdf/": ["login", 403, 404, 404, 404],
    "/team/heatmap/": ["login", 403, 200, 200, 200],
    "/team/heatmap/?of=quizzes": ["login", 403, 200, 200, 200],
    "/team/heatmap/?of=salaries": ["login", 403, 400, 400, 400],
    "/account/email/": SIGNED_IN_ONLY,
    # The one-on-one brief: the hire's managers and Sales Ops; the manager's
    # own brief sends them to their own map; notes are written by managers.
    "/team/people/{hire}/": ["login", 403, 200, 200, 200],
    "/team/people/{manager}/": ["login", 403, "/onboarding/", 200, 200],
    "/team/people/{hire}/notes/": ["login", 405, 405, 405, 405],
    "/team/people/{hire}/notes/{note}/": ["login", 403, 200, 403, 403],
    "/start/": ["login", "/", "/team/", "/admin/", "/admin/"],
    "/roles/": SIGNED_IN_ONLY,
    "/roles/sdr/": SIGNED_IN_ONLY,
    "/roles/sdr/sdr-1/": SIGNED_IN_ONLY,
    "/funnel/": SIGNED_IN_ONLY,
    "/funnel/stage-a/": SIGNED_IN_ONLY,
    "/norms/": SIGNED_IN_ONLY,
    "/norms/topic-a/": SIGNED_IN_ONLY,
    "/knowledge/": SIGNED_IN_ONLY,
    "/knowledge/article-a/": SIGNED_IN_ONLY,
    "/knowledge/?category=nothing&tag=nothing": SIGNED_IN_ONLY,
    "/search/": SIGNED_IN_ONLY,
    "/search/?q=stage": SIGNED_IN_ONLY,
    "/standards/suggestions/": SIGNED_IN_ONLY,
    "/standards/pages/{stage}/changes/?since={stage_revision}": SIGNED_IN_ONLY,
    "/standards/pages/{stage}/acknowledge/": POST_ONLY_VIEW,
    "/standards/pages/{stage}/verify/": POST_ONLY_VIEW,
    "/standards/pages/{stage}/suggest/": POST_ONLY_VIEW,
    "/api/v2/pages/": [401, 200, 200, 200, 200],
    "/api/v2/pages/{stage}/": [401, 200, 200, 200, 200],
    "/api/v2/pages/{article}/": [401, 404, 404, 404, 404],
    "/admin/": STAFF_ONLY,
    "/admin/users/": STAFF_ONLY,
    "/admin/users/?export=csv": STAFF_ONLY,
    "/admin/pages/": STAFF_ONLY,
    "/admin/pages/{stage}/edit/": STAFF_ONLY,
    "/admin/reports/pages-due-for-review/": STAFF_ONLY,
    "/admin/reports/pages-due-for-review/?export=csv": STAFF_ONLY,
    "/admin/reports/search-misses/": STAFF_ONLY,
    "/admin/reports/analytics/lessons/": STAFF_ONLY,
    "/admin/reports/analytics/lessons/results/": STAFF_ONLY,
    "/admin/reports/analytics/lessons/?export=csv": STAFF_ONLY,
    "/admin/reports/analytics/content-gaps/": STAFF_ONLY,
    "/admin/reports/analytics/content-gaps/results/": STAFF_ONLY,
    "/admin/reports/analytics/content-gaps/?export=csv": STAFF_ONLY,
    "/admin/reports/analytics/content-health/": STAFF_ONLY,
    "/admin/reports/analytics/content-health/results/": STAFF_ONLY,
    "/admin/reports/analytics/content-health/?export=csv": STAFF_ONLY,
    "/admin/reports/analytics/cohorts/": STAFF_ONLY,
    "/admin/reports/analytics/cohorts/results/": STAFF_ONLY,
    "/admin/reports/analytics/cohorts/?export=csv": STAFF_ONLY,
    "/admin/reports/analytics/lessons/?export=xlsx": STAFF_ONLY,
    "/admin/suggestions/": STAFF_ONLY,
    "/quizzes/": SIGNED_IN_ONLY,
    "/quizzes/progress/": SIGNED_IN_ONLY,
    "/quizzes/{quiz}/": SIGNED_IN_ONLY,
    # A draft quiz is for its editors only.
    "/quizzes/{draft_quiz}/": ["login", 404, 404, 200, 200],
    "/quizzes/{quiz}/start/": POST_ONLY_VIEW,
    # The hire's submitted attempt: theirs to see, nobody else's on the taking side.
    "/quizzes/attempts/{attempt}/": ["login", "/quizzes/attempts/{attempt}/result/", 404, 404, 404],
    "/quizzes/attempts/{attempt}/result/": ["login", 200, 404, 404, 404],
    "/quizzes/attempts/{attempt}/answer/": POST_ONLY_VIEW,
    "/quizzes/attempts/{attempt}/submit/": POST_ONLY_VIEW,
    # Marking: the hire's manager and Sales Ops; a hire has nothing to mark.
    "/quizzes/marking/": ["login", 403, 200, 200, 200],
    # A filter that is not a quiz or person: a form error, never a 500.
    "/quizzes/marking/?quiz=nothing&person=nobody": ["login", 403, 400, 400, 400],
    "/quizzes/marking/{attempt}/": ["login", 404, 200, 200, 200],
    "/admin/snippets/quizzes/quiz/": STAFF_ONLY,
    "/admin/snippets/quizzes/question/": STAFF_ONLY,
    "/admin/reports/quiz-results/": STAFF_ONLY,
    "/admin/reports/quiz-results/?export=csv": STAFF_ONLY,
    "/admin/reports/quiz-results/{quiz_id}/questions/": STAFF_ONLY,
    "/learning/": SIGNED_IN_ONLY,
    "/learning/course-a/": SIGNED_IN_ONLY,
    "/learning/course-a/lesson-a/": SIGNED_IN_ONLY,
    "/learning/lesson-alone/": SIGNED_IN_ONLY,
    "/lessons/my/": SIGNED_IN_ONLY,
    # A beacon gets JSON, never a sign-in page: 401 signed out, 405 for GET.
    "/lessons/{lesson}/heartbeat/": [405, 405, 405, 405, 405],
    "/lessons/{lesson}/complete/": POST_ONLY_VIEW,
    # A person's map: theirs (sent to /onboarding/), their managers' and Sales Ops'.
    "/onboarding/people/{hire}/": ["login", "/onboarding/", 200, 200, 200],
    "/onboarding/people/{manager}/": ["login", 404, "/onboarding/", 200, 200],
    # Acting on a map: the person's managers and Sales Ops; never the person.
    "/onboarding/people/{hire}/level/": ["login", 403, 200, 200, 200],
    "/onboarding/people/{hire}/items/{sign_off}/sign-off/": POST_ONLY_VIEW,
    "/onboarding/people/{hire}/items/{sign_off}/waive/": POST_ONLY_VIEW,
    "/practice/evaluations/": SIGNED_IN_ONLY,
    "/practice/evaluations/{evaluation}/": SIGNED_IN_ONLY,
    "/practice/people/{hire}/evaluate/": ["login", 403, 200, 200, 200],
    "/practice/people/{hire}/evaluate/?kind=bogus": ["login", 403, 400, 400, 400],
    "/practice/people/{hire}/evaluate/{scorecard}/": ["login", 403, 200, 200, 200],
    "/practice/people/{manager}/evaluate/": ["login", 403, 403, 200, 200],
    "/admin/snippets/practice/scorecard/": STAFF_ONLY,
    "/admin/snippets/practice/scorecard/?export=csv": STAFF_ONLY,
    "/admin/snippets/practice/scorecard/edit/{scorecard}/": STAFF_ONLY,
    "/admin/practice_evaluations/": STAFF_ONLY,
    "/admin/practice_evaluations/?export=xlsx": STAFF_ONLY,
    "/admin/practice_evaluations/inspect/{evaluation}/": STAFF_ONLY,
    "/healthz": [200, 200, 200, 200, 200],
    "/accounts/login/": [200, "/start/", "/start/", "/start/", "/start/"],
    "/accounts/password_reset/": [200, 200, 200, 200, 200],
    "/no-such-page/": ["login", 404, 404, 404, 404],
}

# State changes: POST with CSRF (the test client skips the CSRF check; the
# CSRF tests live in test_errors_and_language.py). 302 means done and sent back.
POST_MATRIX = {
    "/language/": ({"language": "en"}, [302, 302, 302, 302, 302]),
    "/standards/pages/{stage}/acknowledge/": ({}, ["login", 302, 302, 302, 302]),
    "/standards/pages/{stage}/suggest/": (
        {"kind": "case", "text": "A call that went well"},
        ["login", 302, 302, 302, 302],
    ),
    # Only the owner or a publisher (a lead) verifies; the stage has no owner.
    "/standards/pages/{stage}/verify/": ({}, ["login", 403, 403, 403, 302]),
    "/admin/reviews/{stage}/verify/": ({}, ["login", 403, 403, 403, 302]),
    # Everyone signed in may start a live quiz: sent on to their attempt.
    "/quizzes/{quiz}/start/": ({}, ["login", 302, 302, 302, 302]),
    # Someone else's attempt is not found, whoever asks.
    "/quizzes/attempts/{attempt}/submit/": ({}, ["login", 302, 404, 404, 404]),
    "/quizzes/attempts/{attempt}/answer/": (
        {"position": "1", "revision": "0", "text": "late"},
        ["login", 409, 404, 404, 404],
    ),
    # Everyone signed in records their own time and completion, on their own rows.
    "/lessons/{lesson}/heartbeat/": ({"seconds": "5"}, [401, 200, 200, 200, 200]),
    "/lessons/{lesson}/complete/": ({}, ["login", 302, 302, 302, 302]),
    "/onboarding/people/{hire}/items/{sign_off}/sign-off/": (
        {"comment": "Seen it"},
        ["login", 403, 302, 302, 302],
    ),
    "/onboarding/people/{hire}/items/{sign_off}/waive/": (
        {"reason": "Did it before"},
        ["login", 403, 302, 302, 302],
    ),
    # The sign-off is still open: the manager waits for it, Sales Ops may move.
    "/onboarding/people/{hire}/level/": (
        {"level": "{next_level}", "expected_level": "{level}"},
        ["login", 403, 409, 302, 302],
    ),
    "/practice/people/{hire}/evaluate/{scorecard}/": (
        {
            "occurred_on": "{today}",
            "rating_{criterion}": "3",
            "submission_key": "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
        },
        ["login", 403, 302, 302, 302],
    ),
    # One-on-one notes are the managers' own: Sales Ops read them, never write.
    "/team/people/{hire}/notes/": (
        {"met_on": "{today}", "notes": "Good week", "actions": "Call two leads"},
        ["login", 403, 302, 403, 403],
    ),
    "/team/people/{hire}/notes/{note}/": (
        {"met_on": "{today}", "notes": "Edited", "actions": ""},
        ["login", 403, 302, 403, 403],
    ),
}


@pytest.fixture
def sales_map(db, users):
    home = SalesMapHomePage.objects.get()
    index = home.add_child(instance=RolesIndexPage(title="Roles", slug="roles"))
    role = index.add_child(instance=RolePage(title="SDR", slug="sdr", short_name="SDR"))
    role.add_child(instance=LevelPage(title="SDR I", slug="sdr-1", short_name="SDR I"))
    stage = FunnelStageFactory(slug="stage-a")
    NormsTopicFactory(slug="topic-a")
    article = KnowledgeArticleFactory(slug="article-a")
    return {
        "stage": stage.pk,
        "stage_revision": stage.live_revision_id,
        "article": article.pk,
        **_quizzes(),
    }


def _with_lessons(url, placeholders):
    """The placeholders, plus the learning pages or the hire's plan when
    ``url`` needs them (built only then: pages are the slow part of the fixture)."""
    if "{lesson}" in url or url.startswith("/learning/"):
        return {**placeholders, **_lessons()}
    if url.startswith(
        ("/onboarding/people/", "/practice/", "/admin/snippets/practice/", "/team/people/")
    ) or (url.startswith("/admin/practice_evaluations/")):
        return {**placeholders, **_plan()}
    return placeholders


def _plan():
    """The hire at SDR I with a sign-off task, SDR II above it, a call
    scorecard and an evaluation of the hire by their manager."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from salesmap.practice.models import Scorecard, ScorecardCriterion
    from salesmap.practice.services import record_evaluation
    from salesmap.progression.models import LevelRequirement
    from salesmap.review.models import OneOnOneNote

    User = get_user_model()
    hire, manager = User.objects.get(username="hire"), User.objects.get(username="manager")
    level = LevelPage.objects.get(slug="sdr-1")
    next_level = level.get_parent().add_child(
        instance=LevelPage(title="SDR II", slug="sdr-2", short_name="SDR II")
    )
    hire.role_id, hire.level = level.get_parent().pk, level
    hire.save()
    task = LevelRequirement.objects.create(
        level=level, kind="sign_off", description="Shadow five calls", sort_order=0
    )
    scorecard = Scorecard.objects.create(name="Discovery call", kind="call")
    criterion = ScorecardCriterion.objects.create(
        scorecard=scorecard, name="Asks open questions", weight=2, sort_order=0
    )
    evaluation = record_evaluation(
        person=hire,
        evaluator=manager,
        scorecard=scorecard,
        occurred_on=timezone.localdate() - datetime.timedelta(days=1),
        link="",
        comment="Good start",
        ratings=[(criterion, 3, "")],
    )
    note = OneOnOneNote.objects.create(
        person=hire, author=manager, author_name=str(manager), met_on=timezone.localdate()
    )
    return {
        "hire": hire.pk,
        "manager": manager.pk,
        "note": note.pk,
        "level": level.pk,
        "next_level": next_level.pk,
        "sign_off": task.pk,
        "scorecard": scorecard.pk,
        "criterion": criterion.pk,
        "evaluation": evaluation.pk,
        "today": timezone.localdate().isoformat(),
    }


def _lessons():
    """A course with a lesson, and a stand-alone lesson, under the learning section."""
    course = CourseFactory(slug="course-a")
    lesson = LessonFactory(parent=course, slug="lesson-a")
    LessonFactory(slug="lesson-alone")
    return {"lesson": lesson.pk}


def _quizzes():
    """A live quiz with the hire's submitted essay (waiting for marking), and a draft."""
    from django.contrib.auth import get_user_model

    from quizzes import services

    hire = get_user_model().objects.get(username="hire")
    quiz = QuizFactory(slug="quiz-a", questions=[QuestionFactory(kind="essay")])
    QuizFactory(slug="draft-a", live=False, questions=[QuestionFactory()])
    attempt = services.start_attempt(quiz=quiz, person=hire)
    services.save_answer(attempt_id=attempt.pk, person=hire, position=1, data={"text": "Essay"})
    services.submit_attempt(attempt_id=attempt.pk, person=hire)
    return {"quiz": "quiz-a", "draft_quiz": "draft-a", "quiz_id": quiz.pk, "attempt": attempt.pk}


@pytest.fixture
def people(users):
    return {**users, "lead": SalesOpsLeadFactory(username="lead")}


def _check(response, expected, placeholders=None):
    placeholders = placeholders or {}
    if expected == "login":
        assert response.status_code == 302, response.status_code
        assert response.url.startswith("/accounts/login/")
    elif isinstance(expected, str):
        assert response.status_code == 302, response.status_code
        assert response.url == expected.format(**placeholders)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("url", list(MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_url_access(url, role_index, people, sales_map, client_for):
    role = ROLES[role_index]
    client = client_for(None if role == "anonymous" else people[role])
    placeholders = _with_lessons(url, sales_map)
    _check(client.get(url.format(**placeholders)), MATRIX[url][role_index], placeholders)


@pytest.mark.parametrize("url", list(POST_MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_post_access(url, role_index, people, sales_map, client_for):
    role = ROLES[role_index]
    data, expected = POST_MATRIX[url]
    client = client_for(None if role == "anonymous" else people[role])
    placeholders = _with_lessons(url, sales_map)
    data = {
        key.format(**placeholders): str(value).format(**placeholders) for key, value in data.items()
    }
    _check(client.post(url.format(**placeholders), data), expected[role_index])


def test_an_anonymous_verify_or_acknowledge_changes_nothing(client, sales_map):
    from standards.models import Acknowledgement, PageVerification

    client.post(f"/standards/pages/{sales_map['stage']}/acknowledge/")
    client.post(f"/standards/pages/{sales_map['stage']}/verify/")
    assert not Acknowledgement.objects.exists()
    assert not PageVerification.objects.exists()


# Covered by their own suites: Django's auth views, Wagtail's admin and
# documents, the API router, and Wagtail's page serving (the pages above).
DELEGATED_PREFIXES = ("accounts/", "admin/", "documents/", "api/v2/", "")


def _project_routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLPattern):
            yield route
        elif isinstance(pattern, URLResolver) and str(pattern.pattern) not in DELEGATED_PREFIXES:
            yield from _project_routes(pattern.url_patterns, route)


def test_every_project_url_is_in_the_matrix():
    """A new view of ours must be added to one of the access matrices above."""
    from salesmap import urls

    placeholders = {
        "stage": 1,
        "stage_revision": 1,
        "article": 1,
        "quiz": "quiz-a",
        "draft_quiz": "draft-a",
        "quiz_id": 1,
        "attempt": 1,
        "lesson": 1,
        "hire": 1,
        "manager": 1,
        "sign_off": 1,
        "note": 1,
        "evaluation": 1,
        "scorecard": 1,
    }
    covered = {
        resolve(url.format(**placeholders).split("?")[0]).route for url in [*MATRIX, *POST_MATRIX]
    }
    routes = set(_project_routes(urls.urlpatterns))
    assert routes <= covered, routes - covered


def test_team_lists_only_the_managers_own_people(users, other_hire, client_for):
    response = client_for(users["manager"]).get("/team/")
    names = [row.person.username for row in response.context["rows"]]
    assert names == ["hire"]
    assert other_hire.username not in names


def test_team_for_sales_ops_is_the_whole_department(users, other_hire, client_for):
    response = client_for(users["sales_ops"]).get("/team/")
    names = {row.person.username for row in response.context["rows"]}
    assert {"hire", "manager", "other-hire", "other-manager"} <= names


def test_state_changing_views_refuse_get(users, client_for):
    client = client_for(users["hire"])
    assert client.get("/language/").status_code == 405
    assert client.post("/start/").status_code == 405
    assert client.post("/team/").status_code in {403, 405}
