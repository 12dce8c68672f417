"""The heartbeat endpoint: what it credits, and every way it refuses (with a
status, a JSON error and nothing credited)."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db.models import F
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import PageViewRestriction

from lessons.models import ActivityClock, LearningDay, LessonPage, LessonProgress
from lessons.views import MAX_CLAIMED_SECONDS, MAX_HEARTBEAT_BYTES
from salesmap.people import groups
from tests.factories import LessonFactory

pytestmark = pytest.mark.django_db


def url_of(lesson_or_id):
    return reverse("lessons:heartbeat", args=[getattr(lesson_or_id, "pk", lesson_or_id)])


def beat(client, lesson, payload, **extra):
    """POST ``payload`` as JSON (a dict or the raw body text)."""
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(url_of(lesson), data=body, content_type="application/json", **extra)


def nothing_credited():
    return not (
        LessonProgress.objects.exists()
        or LearningDay.objects.exists()
        or ActivityClock.objects.exclude(last_beat_at=None).exists()
    )


def assert_refused(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]
    assert nothing_credited()


@pytest.fixture
def reader(client, hire):
    client.force_login(hire)
    return client


def csrf_pair():
    """A CSRF cookie value and a token that matches it."""
    request = RequestFactory().get("/")
    token = get_token(request)
    return request.META["CSRF_COOKIE"], token


@pytest.fixture
def strict_reader(hire):
    """A client that checks CSRF like a browser's request would be checked."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(hire)
    cookie, token = csrf_pair()
    client.cookies[settings.CSRF_COOKIE_NAME] = cookie
    client.csrf_token = token
    return client


# --- Credited ----------------------------------------------------------------------


def test_a_json_heartbeat_is_credited_and_answered(reader, hire, lesson):
    response = beat(reader, lesson, {"seconds": 15})
    assert response.status_code == 200
    assert response.json() == {"credited": 15, "active_seconds": 15, "completed": False}
    assert LessonProgress.objects.get(person=hire, lesson_ref=lesson.pk).active_seconds == 15


def test_a_heartbeat_on_a_lesson_being_read_costs_twelve_queries(
    reader, hire, lesson, django_assert_max_num_queries
):
    """Session, person, the lesson and its view restrictions (3), then the
    crediting transaction: the clock locked and saved, the progress and the
    day's row updated in place, the progress read back."""
    beat(reader, lesson, {"seconds": 15})
    # The previous beat a minute ago, so that this one credits its 15 s.
    ActivityClock.objects.filter(person=hire).update(
        last_beat_at=F("last_beat_at") - timedelta(minutes=1)
    )
    with django_assert_max_num_queries(12):
        response = beat(reader, lesson, {"seconds": 15})
    assert response.json() == {"credited": 15, "active_seconds": 30, "completed": False}
    assert LearningDay.objects.get(person=hire).seconds == 30


def test_a_form_heartbeat_is_credited(reader, hire, lesson):
    response = reader.post(url_of(lesson), {"seconds": "12"})
    assert response.status_code == 200
    assert response.json()["credited"] == 12
    assert LearningDay.objects.get(person=hire).seconds == 12


def test_the_answer_says_when_the_beat_completed_the_lesson(reader, course):
    short = LessonFactory(parent=course, estimated_minutes=1, min_read_percent=20)  # 12 s
    assert beat(reader, short, {"seconds": 15}).json()["completed"] is True


def test_a_forged_claim_is_answered_with_what_was_really_credited(reader, lesson):
    assert beat(reader, lesson, {"seconds": MAX_CLAIMED_SECONDS}).json()["credited"] == 20


def test_the_response_is_never_cached(reader, lesson):
    assert "no-cache" in beat(reader, lesson, {"seconds": 15})["Cache-Control"]


# --- Refused -----------------------------------------------------------------------


def test_a_signed_out_heartbeat_gets_401_not_a_sign_in_redirect(client, lesson):
    assert_refused(beat(client, lesson, {"seconds": 15}), 401)


def test_a_get_is_refused_with_405(reader, lesson):
    response = reader.get(url_of(lesson))
    assert_refused(response, 405)
    assert response["Allow"] == "POST"


def test_an_unknown_lesson_is_404(reader, lesson):
    assert_refused(beat(reader, lesson.pk + 1000, {"seconds": 15}), 404)


def test_a_draft_lesson_that_was_never_published_is_404(reader, course):
    draft = course.add_child(
        instance=LessonPage(title="Draft", slug="draft", summary="Not yet.", live=False)
    )
    assert_refused(beat(reader, draft, {"seconds": 15}), 404)


def test_an_unpublished_lesson_is_404(reader, lesson):
    lesson.unpublish()
    assert_refused(beat(reader, lesson, {"seconds": 15}), 404)


def restrict_to_managers(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=groups.MANAGERS))


def test_a_lesson_restricted_to_groups_the_person_is_not_in_is_404(reader, lesson):
    restrict_to_managers(lesson)
    assert_refused(beat(reader, lesson, {"seconds": 15}), 404)


def test_a_restriction_on_the_course_hides_its_lessons(reader, course, lesson):
    restrict_to_managers(course)
    assert_refused(beat(reader, lesson, {"seconds": 15}), 404)


def test_a_person_in_the_restricted_group_may_beat(client, manager, lesson):
    restrict_to_managers(lesson)
    client.force_login(manager)
    assert beat(client, lesson, {"seconds": 15}).json()["credited"] == 15


@pytest.mark.parametrize("body", ["{seconds: 15}", "{", b"\xff\xfe", ""])
def test_a_body_that_is_not_json_is_400(reader, lesson, body):
    assert_refused(beat(reader, lesson, body), 400)


@pytest.mark.parametrize("payload", [[15], 15, "15", None, [{"seconds": 15}]])
def test_json_that_is_not_an_object_is_400(reader, lesson, payload):
    assert_refused(beat(reader, lesson, json.dumps(payload)), 400)


@pytest.mark.parametrize(
    "seconds",
    ["15", "abc", 15.0, 15.5, True, False, None, [15], {"n": 15}],
    ids=["digit-string", "string", "float", "fraction", "true", "false", "null", "list", "object"],
)
def test_seconds_that_are_not_a_whole_number_are_400(reader, lesson, seconds):
    assert_refused(beat(reader, lesson, {"seconds": seconds}), 400)


def test_missing_seconds_are_400(reader, lesson):
    assert_refused(beat(reader, lesson, {"secs": 15}), 400)


@pytest.mark.parametrize("seconds", [-1, MAX_CLAIMED_SECONDS + 1, 10**30])
def test_seconds_out_of_range_are_400(reader, lesson, seconds):
    assert_refused(beat(reader, lesson, {"seconds": seconds}), 400)


@pytest.mark.parametrize("seconds", ["", "-5", "1.5", "abc", "9999999", "١٥", " 15"])
def test_form_seconds_that_are_not_a_small_whole_number_are_400(reader, lesson, seconds):
    assert_refused(reader.post(url_of(lesson), {"seconds": seconds}), 400)


def test_a_form_without_seconds_is_400(reader, lesson):
    assert_refused(reader.post(url_of(lesson), {"other": "15"}), 400)


def test_an_oversized_json_body_is_413(reader, lesson):
    payload = {"seconds": 15, "padding": "x" * MAX_HEARTBEAT_BYTES}
    assert_refused(beat(reader, lesson, payload), 413)


def test_an_oversized_form_is_413(reader, lesson):
    response = reader.post(url_of(lesson), {"seconds": "15", "padding": "x" * MAX_HEARTBEAT_BYTES})
    assert_refused(response, 413)


def test_a_flood_is_refused_with_429_and_retry_after(reader, hire, lesson):
    for _n in range(12):
        assert beat(reader, lesson, {"seconds": 15}).status_code == 200
    before = LessonProgress.objects.get(person=hire).active_seconds
    response = beat(reader, lesson, {"seconds": 15})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["error"]
    assert LessonProgress.objects.get(person=hire).active_seconds == before
    assert ActivityClock.objects.get(person=hire).window_beats == 12


# --- CSRF --------------------------------------------------------------------------


def test_a_json_heartbeat_without_a_csrf_token_is_403(strict_reader, lesson):
    response = beat(strict_reader, lesson, {"seconds": 15})
    assert response.status_code == 403
    assert nothing_credited()


def test_a_form_heartbeat_without_a_csrf_token_is_403(strict_reader, lesson):
    response = strict_reader.post(url_of(lesson), {"seconds": "15"})
    assert response.status_code == 403
    assert nothing_credited()


def test_a_heartbeat_with_a_wrong_csrf_token_is_403(strict_reader, lesson):
    _cookie, other_token = csrf_pair()
    response = strict_reader.post(
        url_of(lesson), {"seconds": "15", "csrfmiddlewaretoken": other_token}
    )
    assert response.status_code == 403
    assert nothing_credited()


def test_a_json_heartbeat_with_the_csrf_header_is_credited(strict_reader, lesson):
    response = beat(
        strict_reader, lesson, {"seconds": 15}, headers={"X-CSRFToken": strict_reader.csrf_token}
    )
    assert response.status_code == 200
    assert response.json()["credited"] == 15


def test_a_beacon_with_the_csrf_token_in_the_form_body_is_credited(strict_reader, lesson):
    # sendBeacon(FormData) cannot set headers: a multipart body with the token.
    response = strict_reader.post(
        url_of(lesson), {"seconds": "15", "csrfmiddlewaretoken": strict_reader.csrf_token}
    )
    assert response.status_code == 200
    assert response.json()["credited"] == 15


# --- Sessions ----------------------------------------------------------------------


def test_a_heartbeat_does_not_extend_the_session(reader, lesson):
    key = reader.session.session_key
    expiry = Session.objects.get(session_key=key).expire_date
    response = beat(reader, lesson, {"seconds": 15})
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.get(session_key=key).expire_date == expiry
