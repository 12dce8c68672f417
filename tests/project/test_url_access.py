"""Every URL against anonymous / new hire / manager / Sales Ops.

Expected outcomes: an int is the status code; "login" is a redirect to the
sign-in page; any other string is a redirect to that path.
"""

import pytest

from salesmap.home.models import SalesMapHomePage
from salesmap.progression.models import LevelPage, RolePage, RolesIndexPage

ROLES = ["anonymous", "hire", "manager", "sales_ops"]

MATRIX = {
    "/": ["login", 200, 200, 200],
    "/onboarding/": ["login", 200, 200, 200],
    "/team/": ["login", 403, 200, 200],
    "/team/?scope=subtree": ["login", 403, 200, 200],
    "/start/": ["login", "/", "/team/", "/admin/"],
    "/roles/": ["login", 200, 200, 200],
    "/roles/sdr/": ["login", 200, 200, 200],
    "/roles/sdr/sdr-1/": ["login", 200, 200, 200],
    "/admin/": ["login", 403, 403, 200],
    "/admin/users/": ["login", 403, 403, 200],
    "/admin/users/?export=csv": ["login", 403, 403, 200],
    "/admin/pages/": ["login", 403, 403, 200],
    "/healthz": [200, 200, 200, 200],
    "/accounts/login/": [200, "/start/", "/start/", "/start/"],
    "/accounts/password_reset/": [200, 200, 200, 200],
    "/no-such-page/": ["login", 404, 404, 404],
}


@pytest.fixture
def role_pages(db):
    home = SalesMapHomePage.objects.get()
    index = home.add_child(instance=RolesIndexPage(title="Roles", slug="roles"))
    role = index.add_child(instance=RolePage(title="SDR", slug="sdr", short_name="SDR"))
    level = role.add_child(instance=LevelPage(title="SDR I", slug="sdr-1", short_name="SDR I"))
    return role, level


@pytest.mark.parametrize("url", list(MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_url_access(url, role_index, users, role_pages, client_for):
    role = ROLES[role_index]
    expected = MATRIX[url][role_index]
    client = client_for(None if role == "anonymous" else users[role])
    response = client.get(url)
    if expected == "login":
        assert response.status_code == 302, response.status_code
        assert response.url.startswith("/accounts/login/")
    elif isinstance(expected, str):
        assert response.status_code == 302, response.status_code
        assert response.url == expected
    else:
        assert response.status_code == expected


POST_ONLY = {"/language/"}


def test_every_project_url_is_in_the_matrix():
    """A new top-level view must be added to the access matrix above."""
    from django.urls import URLPattern

    from salesmap import urls

    routes = {"/" + str(p.pattern) for p in urls.urlpatterns if isinstance(p, URLPattern)}
    assert routes - POST_ONLY <= set(MATRIX), routes - POST_ONLY - set(MATRIX)


def test_team_lists_only_the_managers_own_people(users, other_hire, client_for):
    response = client_for(users["manager"]).get("/team/")
    names = [p.username for p in response.context["people"]]
    assert names == ["hire"]
    assert other_hire.username not in names


def test_team_for_sales_ops_is_the_whole_department(users, other_hire, client_for):
    response = client_for(users["sales_ops"]).get("/team/")
    names = {p.username for p in response.context["people"]}
    assert {"hire", "manager", "other-hire", "other-manager"} <= names


def test_state_changing_views_refuse_get(users, client_for):
    client = client_for(users["hire"])
    assert client.get("/language/").status_code == 405
    assert client.post("/start/").status_code == 405
    assert client.post("/team/").status_code in {403, 405}
