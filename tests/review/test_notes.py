"""Private one-on-one notes: who reads and writes them, the form's checks,
the previous meeting's actions, editing, and a form sent twice."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from salesmap.review import notes as note_services
from salesmap.review.forms import NOTES_MAX_LENGTH
from salesmap.review.models import OneOnOneNote

pytestmark = pytest.mark.django_db


def add_url(person):
    return reverse("review_note_add", args=[person.pk])


def edit_url(note):
    return reverse("review_note_edit", args=[note.person_id, note.pk])


def brief_url(person):
    return reverse("review_brief", args=[person.pk])


def today():
    return timezone.localdate()


def form_data(**overrides):
    data = {
        "met_on": today().isoformat(),
        "notes": "Went through the pipeline.",
        "actions": "Call two prospects\n\nRead the CRM lesson\n",
        "next_meeting_on": (today() + datetime.timedelta(days=7)).isoformat(),
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def note_of(person, author, *, days_back=0, actions="Follow up", notes="Notes"):
    return OneOnOneNote.objects.create(
        person=person,
        author=author,
        author_name=str(author),
        met_on=today() - datetime.timedelta(days=days_back),
        notes=notes,
        actions=actions,
    )


# Writing -------------------------------------------------------------------------


def test_the_manager_records_a_note(client_for, team):
    response = client_for(team.manager).post(add_url(team.hire), form_data())
    note = OneOnOneNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{brief_url(team.hire)}#note-{note.pk}"
    assert (note.person, note.author, note.author_name) == (
        team.hire,
        team.manager,
        "Maria Manager",
    )
    assert note.action_list == ["Call two prospects", "Read the CRM lesson"]
    assert note.next_meeting_on == today() + datetime.timedelta(days=7)


def test_the_managers_manager_may_write_a_note(client_for, team):
    assert client_for(team.boss).post(add_url(team.hire), form_data()).status_code == 302
    assert OneOnOneNote.objects.get().author == team.boss


def test_sales_ops_may_not_write_notes(client_for, team):
    assert client_for(team.sales_ops).post(add_url(team.hire), form_data()).status_code == 403
    assert not OneOnOneNote.objects.exists()


@pytest.mark.parametrize("viewer", ["hire", "second_hire", "mentor", "other_hire"])
def test_people_without_a_team_may_not_write_notes(client_for, team, viewer):
    response = client_for(getattr(team, viewer)).post(add_url(team.hire), form_data())
    assert response.status_code == 403
    assert not OneOnOneNote.objects.exists()


def test_another_teams_manager_gets_404(client_for, team):
    response = client_for(team.other_manager).post(add_url(team.hire), form_data())
    assert response.status_code == 404
    assert not OneOnOneNote.objects.exists()


def test_a_manager_cannot_write_a_note_about_themself(client_for, team):
    response = client_for(team.manager).post(add_url(team.manager), form_data())
    assert response.status_code == 403
    assert not OneOnOneNote.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, team):
    response = client.post(add_url(team.hire), form_data())
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not OneOnOneNote.objects.exists()


def test_adding_a_note_needs_post(client_for, team):
    assert client_for(team.manager).get(add_url(team.hire)).status_code == 405


def test_the_same_form_sent_twice_records_one_note(client_for, team):
    client = client_for(team.manager)
    data = form_data()
    first = client.post(add_url(team.hire), data)
    second = client.post(add_url(team.hire), data)
    assert OneOnOneNote.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_same_key_sent_twice_to_the_service_records_one_note(team):
    values = {
        "person": team.hire,
        "author": team.manager,
        "met_on": today(),
        "notes": "Same words",
        "actions": "Same action",
        "submission_key": uuid.uuid4(),
    }
    first = note_services.record_note(**values)
    second = note_services.record_note(**values)
    assert first.pk == second.pk
    assert OneOnOneNote.objects.count() == 1


def test_a_second_meeting_is_a_second_note(client_for, team):
    client = client_for(team.manager)
    client.post(add_url(team.hire), form_data())
    client.post(add_url(team.hire), form_data(notes="Another meeting."))
    assert OneOnOneNote.objects.count() == 2


def test_a_form_key_used_for_another_person_is_refused_with_a_message(client_for, team):
    client = client_for(team.manager)
    data = form_data()
    client.post(add_url(team.hire), data)
    response = client.post(add_url(team.second_hire), data)
    assert response.status_code == 400
    assert "This form was already used" in response.content.decode()
    assert list(OneOnOneNote.objects.values_list("person__username", flat=True)) == ["hire"]


# Bad input: a form error and 400, never a 500 -------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("met_on", "not a date"),
        ("met_on", "2025-02-30"),
        ("met_on", ""),
        ("met_on", "0202-01-01"),
        ("next_meeting_on", "tomorrow"),
        ("next_meeting_on", "99999-01-01"),
        ("submission_key", "not-a-uuid"),
    ],
)
def test_bad_dates_and_keys_are_form_errors(client_for, team, field, value):
    response = client_for(team.manager).post(add_url(team.hire), form_data(**{field: value}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not OneOnOneNote.objects.exists()


def test_a_missing_date_is_a_form_error(client_for, team):
    data = form_data()
    del data["met_on"]
    response = client_for(team.manager).post(add_url(team.hire), data)
    assert response.status_code == 400
    assert "met_on" in response.context["form"].errors


def test_a_meeting_in_the_future_is_a_form_error(client_for, team):
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    response = client_for(team.manager).post(
        add_url(team.hire), form_data(met_on=tomorrow, next_meeting_on="")
    )
    assert response.status_code == 400
    assert "met_on" in response.context["form"].errors


def test_the_next_meeting_before_this_one_is_a_form_error(client_for, team):
    yesterday = (today() - datetime.timedelta(days=1)).isoformat()
    response = client_for(team.manager).post(
        add_url(team.hire), form_data(next_meeting_on=yesterday)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["next_meeting_on"] == [
        "The next meeting cannot be before this one."
    ]
    assert "The next meeting cannot be before this one." in response.content.decode()


def test_too_long_notes_are_a_form_error(client_for, team):
    response = client_for(team.manager).post(
        add_url(team.hire), form_data(notes="x" * (NOTES_MAX_LENGTH + 1))
    )
    assert response.status_code == 400
    assert "notes" in response.context["form"].errors


def test_an_empty_note_is_a_form_error(client_for, team):
    response = client_for(team.manager).post(add_url(team.hire), form_data(notes="", actions=" "))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()


def test_the_service_refuses_a_next_meeting_before_this_one(team):
    with pytest.raises(note_services.NoteError):
        note_services.record_note(
            person=team.hire,
            author=team.manager,
            met_on=today(),
            next_meeting_on=today() - datetime.timedelta(days=1),
        )


# Reading -----------------------------------------------------------------------------


def test_the_previous_meetings_actions_open_the_notes(client_for, team):
    note_of(team.hire, team.manager, days_back=14, actions="Old action")
    note_of(team.hire, team.manager, days_back=7, actions="Book three demos\nUpdate the CRM")
    html = client_for(team.manager).get(brief_url(team.hire)).content.decode()
    actions = html.index('class="previous-actions"')
    assert html.index("Book three demos", actions) < html.index("Add a note")
    assert "Old action" not in html[actions : html.index("Add a note")]


def test_past_notes_list_date_author_notes_and_actions(client_for, team):
    note = note_of(team.hire, team.manager, notes="Talked about cold calls.", actions="Call Ann")
    html = client_for(team.boss).get(brief_url(team.hire)).content.decode()
    assert f'id="note-{note.pk}"' in html
    assert "Talked about cold calls." in html and "Call Ann" in html and "Maria Manager" in html


def test_notes_of_another_person_do_not_show(client_for, team):
    note_of(team.second_hire, team.manager, notes="About Sam.")
    html = client_for(team.manager).get(brief_url(team.hire)).content.decode()
    assert "About Sam." not in html


def test_only_the_author_gets_an_edit_link(client_for, team):
    note = note_of(team.hire, team.manager)
    assert edit_url(note) in client_for(team.manager).get(brief_url(team.hire)).content.decode()
    assert edit_url(note) not in client_for(team.boss).get(brief_url(team.hire)).content.decode()
    assert (
        edit_url(note) not in client_for(team.sales_ops).get(brief_url(team.hire)).content.decode()
    )


# Editing -----------------------------------------------------------------------------


def test_the_author_opens_the_note_to_edit_it(client_for, team):
    note = note_of(team.hire, team.manager, notes="First version")
    response = client_for(team.manager).get(edit_url(note))
    assert response.status_code == 200
    assert response.context["form"].initial["notes"] == "First version"
    assert response.context["editing"] == note


def test_the_author_changes_a_note(client_for, team):
    note = note_of(team.hire, team.manager)
    response = client_for(team.manager).post(
        edit_url(note), form_data(notes="Corrected.", actions="New action")
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.notes, note.actions) == ("Corrected.", "New action")
    assert OneOnOneNote.objects.count() == 1


@pytest.mark.parametrize("viewer", ["boss", "sales_ops"])
def test_someone_elses_note_cannot_be_changed(client_for, team, viewer):
    note = note_of(team.hire, team.manager, notes="Original")
    client = client_for(getattr(team, viewer))
    assert client.get(edit_url(note)).status_code == 403
    assert client.post(edit_url(note), form_data(notes="Changed")).status_code == 403
    note.refresh_from_db()
    assert note.notes == "Original"


@pytest.mark.parametrize("viewer", ["hire", "mentor"])
def test_people_without_a_team_cannot_open_a_note(client_for, team, viewer):
    note = note_of(team.hire, team.manager)
    assert client_for(getattr(team, viewer)).get(edit_url(note)).status_code == 403


def test_another_teams_manager_gets_404_for_a_note(client_for, team):
    note = note_of(team.hire, team.manager)
    assert client_for(team.other_manager).get(edit_url(note)).status_code == 404


def test_a_note_under_another_persons_address_is_404(client_for, team):
    note = note_of(team.second_hire, team.manager)
    url = reverse("review_note_edit", args=[team.hire.pk, note.pk])
    assert client_for(team.manager).get(url).status_code == 404
    assert client_for(team.manager).post(url, form_data()).status_code == 404


def test_an_unknown_note_is_404(client_for, team):
    url = reverse("review_note_edit", args=[team.hire.pk, 999999])
    assert client_for(team.manager).get(url).status_code == 404


def test_a_former_manager_cannot_change_their_old_note(client_for, team):
    note = note_of(team.hire, team.manager)
    team.hire.manager = team.other_manager
    team.hire.save(update_fields=["manager"])
    assert client_for(team.manager).post(edit_url(note), form_data()).status_code == 404


def test_bad_input_when_editing_is_a_form_error(client_for, team):
    note = note_of(team.hire, team.manager, notes="Original")
    response = client_for(team.manager).post(edit_url(note), form_data(met_on="garbage"))
    assert response.status_code == 400
    assert "met_on" in response.context["form"].errors
    note.refresh_from_db()
    assert note.notes == "Original"
