"""The suggestions inbox in the admin: who may read and answer readers' suggestions."""

import csv
import io

import pytest
from django.urls import reverse

from salesmap.home.models import SalesMapHomePage
from standards import services
from standards.models import FunnelPage, Suggestion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INBOX = "/admin/suggestions/"


def edit_url(suggestion):
    return reverse("suggestions:edit", args=[suggestion.pk])


@pytest.fixture
def lead(db):
    return UserFactory(
        username="lead", first_name="Lena", last_name="Lead", group="Sales Ops leads"
    )


@pytest.fixture
def page(db):
    home = SalesMapHomePage.objects.get()
    funnel = home.add_child(instance=FunnelPage(title="Funnel", slug="funnel"))
    funnel.save_revision().publish()
    return funnel


@pytest.fixture
def suggestion(page, hire):
    return services.suggest(
        page=page,
        author=hire,
        kind=Suggestion.Kind.IMPROVEMENT,
        text="Add the script for the second call.",
        link="https://example.com/script",
    )


@pytest.fixture
def case(page, manager):
    return services.suggest(
        page=page, author=manager, kind=Suggestion.Kind.CASE, text="A client asked for a pilot."
    )


def listed(response):
    return [s.pk for s in response.context["object_list"]]


def reply_form(status="accepted", reply="Thanks, added.", **extra):
    return {"status": status, "reply": reply, **extra}


# --- Access --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("hire", 403), ("manager", 403), ("sales_ops", 200), ("lead", 200)],
)
def test_inbox_access_per_role(client_for, users, lead, suggestion, role, expected):
    person = {"anonymous": None, "lead": lead, **users}[role]
    response = client_for(person).get(INBOX)
    assert response.status_code == expected
    if role == "anonymous":
        assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("hire", 403), ("manager", 403), ("sales_ops", 200), ("lead", 200)],
)
def test_edit_form_access_per_role(client_for, users, lead, suggestion, role, expected):
    person = {"anonymous": None, "lead": lead, **users}[role]
    assert client_for(person).get(edit_url(suggestion)).status_code == expected


@pytest.mark.parametrize("role", ["anonymous", "hire", "manager"])
def test_a_reply_from_outside_sales_ops_changes_nothing(client_for, users, suggestion, role):
    client_for(users.get(role)).post(edit_url(suggestion), reply_form())
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.NEW
    assert suggestion.reply == ""


def test_an_admin_user_without_suggestion_permissions_is_turned_away(client_for, suggestion):
    from django.contrib.auth.models import Permission

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client_for(editor).get(INBOX)
    assert response.status_code == 302
    assert response.url == "/admin/"
    response = client_for(editor).post(edit_url(suggestion), reply_form())
    suggestion.refresh_from_db()
    assert suggestion.reply == ""


# --- Listing -------------------------------------------------------------------------


def test_the_inbox_lists_suggestions_newest_first(client_for, sales_ops, suggestion, case):
    response = client_for(sales_ops).get(INBOX)
    assert listed(response) == [case.pk, suggestion.pk]
    content = response.content.decode()
    assert "Add the script for the second call." in content
    assert "Anna Hire" in content


def test_the_inbox_filters_by_status(client_for, sales_ops, lead, suggestion, case):
    services.reply_to_suggestion(suggestion=case, status="declined", reply="No.", by=lead)
    response = client_for(sales_ops).get(INBOX, {"status": "new"})
    assert listed(response) == [suggestion.pk]


def test_the_inbox_filters_by_kind(client_for, sales_ops, suggestion, case):
    response = client_for(sales_ops).get(INBOX, {"kind": "case"})
    assert listed(response) == [case.pk]


def test_the_inbox_filters_by_page(client_for, sales_ops, suggestion, hire, page):
    other_page = page.add_child(
        instance=FunnelPage(title="Other", slug="other")
    )  # any page type will do for a suggestion
    other = services.suggest(page=other_page, author=hire, kind="improvement", text="Other page.")
    response = client_for(sales_ops).get(INBOX, {"page": other_page.pk})
    assert listed(response) == [other.pk]


def test_the_inbox_searches_the_text(client_for, sales_ops, suggestion, case):
    response = client_for(sales_ops).get(INBOX, {"q": "pilot"})
    assert listed(response) == [case.pk]


def test_the_inbox_has_no_add_button(client_for, sales_ops, suggestion):
    content = client_for(sales_ops).get(INBOX).content.decode()
    assert "/admin/suggestions/new/" not in content


def test_the_menu_shows_the_number_of_new_suggestions(client_for, sales_ops, suggestion, case):
    content = client_for(sales_ops).get("/admin/").content.decode()
    assert "Suggestions (2 new)" in content


def test_the_menu_item_is_hidden_without_permission(client_for, suggestion):
    from django.contrib.auth.models import Permission

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    content = client_for(editor).get("/admin/").content.decode()
    assert INBOX not in content


def test_the_inbox_costs_a_fixed_number_of_queries(
    client_for, sales_ops, page, hire, django_assert_max_num_queries
):
    client = client_for(sales_ops)
    for n in range(3):
        services.suggest(page=page, author=hire, kind="case", text=f"Case {n}.")
    client.get(INBOX)
    with django_assert_max_num_queries(20) as small:
        client.get(INBOX)
    for n in range(30):
        author = UserFactory(username=f"reader-{n}")
        services.suggest(page=page, author=author, kind="improvement", text=f"Idea {n}.")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(INBOX)
    assert response.context["items_count"] == 33


# --- Export --------------------------------------------------------------------------


def test_the_csv_export_has_every_suggestion(client_for, sales_ops, suggestion, case):
    response = client_for(sales_ops).get(INBOX, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:6] == ["Sent", "From", "E-mail", "Page", "Kind", "Status"]
    texts = {row[6] for row in rows[1:]}
    assert texts == {"Add the script for the second call.", "A client asked for a pilot."}
    by_text = {row[6]: row for row in rows[1:]}
    assert by_text["A client asked for a pilot."][4] == "Share a case"
    assert by_text["A client asked for a pilot."][5] == "New"


def test_the_xlsx_export_downloads(client_for, sales_ops, suggestion):
    response = client_for(sales_ops).get(INBOX, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('suggestions.xlsx"')


# --- Replying ------------------------------------------------------------------------


def test_a_reply_records_who_replied_and_when(client_for, sales_ops, suggestion):
    response = client_for(sales_ops).post(edit_url(suggestion), reply_form())
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert suggestion.reply == "Thanks, added."
    assert suggestion.replied_by == sales_ops
    assert suggestion.replied_at is not None


def test_a_status_change_alone_does_not_claim_a_reply(client_for, lead, suggestion):
    client_for(lead).post(edit_url(suggestion), reply_form(status="declined", reply=""))
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DECLINED
    assert suggestion.replied_by is None
    assert suggestion.replied_at is None


def test_the_reply_is_logged_in_the_history(client_for, sales_ops, suggestion):
    from wagtail.models import ModelLogEntry

    client_for(sales_ops).post(edit_url(suggestion), reply_form())
    entry = ModelLogEntry.objects.get(object_id=str(suggestion.pk), action="wagtail.edit")
    assert entry.user == sales_ops


def test_the_readers_text_link_author_and_page_are_not_editable(
    client_for, sales_ops, suggestion, manager
):
    client = client_for(sales_ops)
    form = client.get(edit_url(suggestion)).context["form"]
    assert set(form.fields) == {"status", "reply"}
    client.post(
        edit_url(suggestion),
        reply_form(
            text="Rewritten by staff.",
            link="https://evil.example/",
            author=manager.pk,
            page_title="Other",
            kind="case",
        ),
    )
    suggestion.refresh_from_db()
    assert suggestion.text == "Add the script for the second call."
    assert suggestion.link == "https://example.com/script"
    assert suggestion.author.username == "hire"
    assert suggestion.page_title == "Funnel"
    assert suggestion.kind == Suggestion.Kind.IMPROVEMENT


def test_the_edit_form_shows_the_readers_text_read_only(client_for, sales_ops, suggestion):
    content = client_for(sales_ops).get(edit_url(suggestion)).content.decode()
    assert "Add the script for the second call." in content
    assert "https://example.com/script" in content
    assert 'name="text"' not in content


def test_an_invalid_status_is_refused(client_for, sales_ops, suggestion):
    response = client_for(sales_ops).post(edit_url(suggestion), reply_form(status="spam"))
    assert response.status_code == 200
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.NEW


# --- No create -----------------------------------------------------------------------


@pytest.mark.parametrize("person", ["sales_ops", "lead", "superuser"])
def test_nobody_creates_a_suggestion_in_the_admin(client_for, sales_ops, lead, page, person):
    from django.urls import NoReverseMatch

    user = {
        "sales_ops": sales_ops,
        "lead": lead,
        "superuser": UserFactory(username="root", is_superuser=True),
    }[person]
    with pytest.raises(NoReverseMatch):
        reverse("suggestions:add")
    client = client_for(user)
    client.post(
        "/admin/suggestions/new/",
        {"page_title": "X", "author": user.pk, "text": "Made up.", "kind": "case"},
    )
    assert not Suggestion.objects.exists()
    assert "/admin/suggestions/new/" not in client.get(INBOX).content.decode()
