"""Each kind of user signs in and lands on the right page; a hire is refused the admin."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, ManagerFactory, NewHireFactory, SalesOpsFactory

from .conftest import sign_in


@pytest.fixture
def people(db):
    manager = ManagerFactory(username="maria", first_name="Maria", last_name="Ivanova")
    hire = NewHireFactory(
        username="anna", first_name="Anna", last_name="Kuznetsova", manager=manager
    )
    NewHireFactory(username="tom", first_name="Tom", last_name="Walker", manager=manager)
    ops = SalesOpsFactory(username="olga", first_name="Olga", last_name="Smirnova")
    return {"manager": manager, "hire": hire, "ops": ops}


def test_login_page_looks_right(page, screenshot):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/"))
    expect(page.get_by_role("heading", name="Sign in to the Sales Map")).to_be_visible()
    screenshot(page, "foundation-01-login")


def test_wrong_password_shows_a_clear_message(page, people, screenshot):
    sign_in(page, "anna", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    screenshot(page, "foundation-02-login-error")


def test_new_hire_lands_on_the_sales_map_home(page, people, screenshot):
    sign_in(page, "anna@example.test", TEST_PASSWORD)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Welcome, Anna")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="My onboarding")).to_be_visible()
    expect(nav.get_by_role("link", name="My team")).to_have_count(0)
    expect(nav.get_by_role("link", name="Admin")).to_have_count(0)
    screenshot(page, "foundation-03-hire-home")
    nav.get_by_role("link", name="My onboarding").click()
    expect(page.get_by_role("heading", name="My onboarding")).to_be_visible()
    screenshot(page, "foundation-04-hire-onboarding")


def test_new_hire_is_refused_the_admin(page, people, screenshot):
    sign_in(page, "anna", TEST_PASSWORD)
    response = page.goto("/admin/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="This area is not open to you")).to_be_visible()
    screenshot(page, "foundation-05-hire-admin-403")


def test_manager_lands_on_their_team(page, people, screenshot):
    sign_in(page, "maria", TEST_PASSWORD)
    expect(page).to_have_url(re.compile(r"/team/$"))
    expect(page.get_by_role("heading", name="My team")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Anna Kuznetsova"))).to_be_visible()
    screenshot(page, "foundation-06-manager-team")
    response = page.goto("/admin/")
    assert response.status == 403


def test_sales_ops_land_in_the_admin(page, people, screenshot):
    sign_in(page, "olga", TEST_PASSWORD)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    screenshot(page, "foundation-07-ops-admin")
    page.goto("/admin/users/")
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    screenshot(page, "foundation-08-ops-people")


def test_language_switch_turns_the_site_russian(page, people, screenshot):
    sign_in(page, "anna", TEST_PASSWORD)
    page.get_by_role("button", name="RU").click()
    nav = page.get_by_role("navigation", name="Основная навигация")
    expect(nav.get_by_role("link", name="Мой онбординг")).to_be_visible()
    screenshot(page, "foundation-09-hire-home-ru")


def test_phone_layout_has_a_menu_button(new_page, people, screenshot):
    page = new_page(width=390, height=844)
    sign_in(page, "maria", TEST_PASSWORD)
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    screenshot(page, "foundation-10-phone-team")
    menu.click()
    expect(page.get_by_role("link", name="My onboarding")).to_be_visible()
    screenshot(page, "foundation-11-phone-menu-open")
