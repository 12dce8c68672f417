"""Signing in, out, password reset and the login throttle."""

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.core import mail
from django.urls import reverse

from tests.factories import TEST_PASSWORD, NewHireFactory

LOGIN = "/accounts/login/"


@pytest.fixture
def anna(db):
    return NewHireFactory(username="anna", email="Anna.K@Example.test")


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.9")


def test_sign_in_with_username(client, anna):
    response = post_login(client, "anna", TEST_PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("landing")


def test_sign_in_with_email_in_any_case(client, anna):
    response = post_login(client, "anna.k@example.TEST", TEST_PASSWORD)
    assert response.status_code == 302


def test_wrong_password_shows_a_form_error(client, anna):
    response = post_login(client, "anna", "wrong")
    assert response.status_code == 200
    assert "do not match" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_user_gets_the_same_error(client, db):
    response = post_login(client, "nobody", "wrong")
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_inactive_person_cannot_sign_in(client, anna):
    anna.is_active = False
    anna.save()
    response = post_login(client, "anna", TEST_PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_with_a_clear_page(client, anna, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "anna", "wrong")
    response = post_login(client, "anna", TEST_PASSWORD)
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_reset_lets_the_person_back_in(client, anna, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "anna", "wrong")
    assert AccessAttempt.objects.filter(username="anna").exists()
    axes_reset(username="anna")
    response = post_login(client, "anna", TEST_PASSWORD)
    assert response.status_code == 302


def test_lockout_of_one_person_does_not_lock_another(client, anna, settings):
    NewHireFactory(username="tom")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "anna", "wrong")
    assert post_login(client, "tom", TEST_PASSWORD).status_code == 302


def test_password_reset_sends_a_link(client, anna):
    response = client.post(reverse("password_reset"), {"email": "anna.k@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_reset_for_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_sign_out_needs_post(client, anna):
    client.force_login(anna)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_signed_in_person_visiting_login_goes_to_landing(client, anna):
    client.force_login(anna)
    response = client.get(LOGIN)
    assert response.status_code == 302
