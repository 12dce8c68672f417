"""Sales Ops manage people in the Wagtail admin: list, filters, export, edit."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from salesmap.people import groups
from tests.factories import NewHireFactory


@pytest.fixture
def ops_client(client_for, sales_ops):
    return client_for(sales_ops)


def test_people_list_shows_profile_columns(ops_client, hire):
    response = ops_client.get("/admin/users/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Anna Hire" in body
    assert "Maria Manager" in body  # the manager column


def test_people_list_filters_by_manager(ops_client, hire, other_hire, manager):
    response = ops_client.get("/admin/users/", {"manager": manager.pk})
    people = list(response.context["object_list"])
    assert people == [hire]


def test_people_list_searches_by_name(ops_client, hire, other_hire):
    response = ops_client.get("/admin/users/", {"q": "Anna"})
    assert list(response.context["object_list"]) == [hire]


def test_people_export_as_csv(ops_client, hire):
    response = ops_client.get("/admin/users/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    anna = next(row for row in rows if row["Email address"] == hire.email)
    assert anna["Manager"] == hire.manager.email
    assert anna["Start date"] == hire.start_date.isoformat()


def test_people_export_as_xlsx(ops_client, hire):
    from openpyxl import load_workbook

    response = ops_client.get("/admin/users/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    emails = [row[2] for row in sheet.iter_rows(values_only=True)]
    assert hire.email in emails


def edit_data(person, **changes):
    data = {
        "username": person.username,
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "is_active": "on",
        "manager": person.manager_id or "",
        "mentor": "",
        "start_date": person.start_date.isoformat() if person.start_date else "",
        "preferred_language": person.preferred_language,
        "groups": [g.pk for g in person.groups.all()],
        "role": "",
        "level": "",
    }
    data.update(changes)
    return data


def test_sales_ops_edit_a_persons_manager(ops_client, hire, other_manager):
    response = ops_client.post(
        f"/admin/users/edit/{hire.pk}/", edit_data(hire, manager=other_manager.pk)
    )
    assert response.status_code == 302, response.context["form"].errors
    hire.refresh_from_db()
    assert hire.manager == other_manager


def test_a_reporting_loop_is_a_form_error(ops_client, hire, manager):
    response = ops_client.post(
        f"/admin/users/edit/{manager.pk}/", edit_data(manager, manager=hire.pk)
    )
    assert response.status_code == 200
    assert "loop in the reporting line" in str(response.context["form"].errors)
    manager.refresh_from_db()
    assert manager.manager is None


def test_sales_ops_cannot_make_anyone_a_superuser(ops_client, hire):
    data = edit_data(hire, is_superuser="on")
    ops_client.post(f"/admin/users/edit/{hire.pk}/", data)
    hire.refresh_from_db()
    assert not hire.is_superuser


def test_sales_ops_can_only_grant_our_kinds_of_users(ops_client, hire):
    administrators = Group.objects.create(name="Administrators")
    data = edit_data(hire, groups=[administrators.pk])
    response = ops_client.post(f"/admin/users/edit/{hire.pk}/", data)
    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert not hire.groups.filter(pk=administrators.pk).exists()


def test_duplicate_email_in_another_case_is_a_form_error(ops_client, hire):
    other = NewHireFactory(username="other", email="someone@example.test")
    data = edit_data(other, email=hire.email.upper())
    response = ops_client.post(f"/admin/users/edit/{other.pk}/", data)
    assert response.status_code == 200
    assert "already" in str(response.context["form"].errors).lower()


def test_managers_and_hires_never_reach_the_people_admin(client_for, hire, manager):
    for person in (hire, manager):
        assert client_for(person).get(f"/admin/users/edit/{hire.pk}/").status_code == 403


def test_new_people_default_to_the_new_hires_group_only_when_chosen(ops_client, db):
    new_hires = Group.objects.get(name=groups.NEW_HIRES)
    response = ops_client.post(
        "/admin/users/new/",
        {
            "username": "newbie",
            "email": "newbie@example.test",
            "first_name": "New",
            "last_name": "Bie",
            "groups": [new_hires.pk],
            "preferred_language": "ru",
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.get(username="newbie")
    assert person.preferred_language == "ru"
    assert list(person.groups.values_list("name", flat=True)) == [groups.NEW_HIRES]


def test_sales_ops_may_add_sales_map_pages(ops_client):
    from salesmap.home.models import SalesMapHomePage

    home = SalesMapHomePage.objects.get()
    response = ops_client.get(f"/admin/pages/add/progression/rolesindexpage/{home.pk}/")
    assert response.status_code == 200


def test_sales_ops_do_not_manage_groups_or_settings(ops_client):
    assert ops_client.get("/admin/groups/").status_code in {302, 403}


def test_a_level_set_in_the_admin_goes_into_the_persons_history(ops_client, hire, sales_ops):
    from salesmap.progression.models import LevelChange
    from tests.factories import LevelPageFactory, RolePageFactory

    role = RolePageFactory()
    first, second = LevelPageFactory(parent=role), LevelPageFactory(parent=role)
    for level in (first, second):
        response = ops_client.post(
            f"/admin/users/edit/{hire.pk}/", edit_data(hire, role=role.pk, level=level.pk)
        )
        assert response.status_code == 302, response.context["form"].errors
    # Saving again without a change adds nothing.
    ops_client.post(f"/admin/users/edit/{hire.pk}/", edit_data(hire, role=role.pk, level=second.pk))
    start, move = LevelChange.objects.filter(person=hire).order_by("pk")
    assert (start.kind, start.to_level, start.effective_on) == ("start", first, hire.start_date)
    assert (move.kind, move.from_level, move.to_level, move.decided_by) == (
        "move",
        first,
        second,
        sales_ops,
    )
