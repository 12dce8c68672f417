"""Friendly error pages, bad input, and the language switch."""

import pytest
from django.test import Client, override_settings
from django.urls import include, path

from salesmap import views as project_views


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom), path("", include("salesmap.urls"))]
handler500 = project_views.server_error


def test_unknown_url_gets_the_friendly_404(client_for, users):
    response = client_for(users["hire"]).get("/there/is/nothing/here/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We could not find that page" in body
    assert 'class="site-header"' in body


@override_settings(ROOT_URLCONF=__name__)
def test_a_crash_gets_the_friendly_500(users):
    client = Client(raise_request_exception=False)
    client.force_login(users["hire"])
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_oversized_form_post_is_a_400_not_a_500(client, db, settings):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post("/accounts/login/", {"username": big, "password": "x"})
    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


def test_too_many_form_fields_is_a_400(client, db, settings):
    data = {f"f{i}": "1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post("/accounts/login/", data)
    assert response.status_code == 400


def test_login_without_csrf_token_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403


def test_language_switch_saves_the_preference(client_for, users):
    client = client_for(users["hire"])
    response = client.post("/language/", {"language": "ru", "next": "/onboarding/"})
    assert response.status_code == 302
    assert response.url == "/onboarding/"
    users["hire"].refresh_from_db()
    assert users["hire"].preferred_language == "ru"
    page = client.get("/onboarding/")
    assert page["Content-Language"] == "ru"


def test_preferred_language_applies_after_sign_in(client_for, users):
    users["hire"].preferred_language = "ru"
    users["hire"].save()
    response = client_for(users["hire"]).get("/onboarding/")
    assert response["Content-Language"] == "ru"
    assert '<html lang="ru">' in response.content.decode()


def test_anonymous_language_switch_sets_the_cookie(client, db, settings):
    response = client.post("/language/", {"language": "ru", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert client.get("/accounts/login/")["Content-Language"] == "ru"


@pytest.mark.parametrize("language", ["de", "", "ru' OR 1=1"])
def test_unknown_language_is_a_400(client_for, users, language):
    response = client_for(users["hire"]).post("/language/", {"language": language})
    assert response.status_code == 400
    users["hire"].refresh_from_db()
    assert users["hire"].preferred_language == "en"


def test_language_switch_never_redirects_off_site(client_for, users):
    response = client_for(users["hire"]).post(
        "/language/", {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.url == "/"
