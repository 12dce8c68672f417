"""Sales Ops invite a whole cohort from a CSV file: a dry run shows what would
change, bad rows are reported by line number, and nothing is half-imported."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from salesmap.people import admin_views, cohort, groups
from tests.factories import LevelPageFactory, RolePageFactory, UserFactory

User = get_user_model()

HEADER = "name,email,role,level,manager,start_date"
IMPORT_URL = "/admin/people/import/"
CONFIRM_URL = "/admin/people/import/confirm/"


@pytest.fixture
def catalogue(db):
    """Two roles with their levels, as Sales Ops write them in files."""
    sdr = RolePageFactory(short_name="SDR", title="Sales development rep")
    ae = RolePageFactory(short_name="AE", title="Account executive")
    return {
        "sdr": sdr,
        "sdr_1": LevelPageFactory(parent=sdr, short_name="SDR I", title="SDR I"),
        "sdr_2": LevelPageFactory(parent=sdr, short_name="SDR II", title="SDR II"),
        "ae": ae,
        "ae_1": LevelPageFactory(parent=ae, short_name="AE I", title="AE I"),
    }


def csv_text(*rows, header=HEADER):
    return "\n".join([header, *rows]) + "\n"


def run(text, *, dry_run=False, send_invitations=False, invited_by=None):
    return cohort.import_cohort(
        text=text, dry_run=dry_run, invited_by=invited_by, send_invitations=send_invitations
    )


def person(email):
    return User.objects.select_related("role", "level", "manager").get(email__iexact=email)


# The service: what a good file does -----------------------------------------


def test_dry_run_reports_what_would_change_and_saves_nothing(catalogue, manager):
    before = User.objects.count()
    result = run(
        csv_text("Ivy New,ivy@example.test,SDR,SDR I,manager@example.test,2025-09-01"),
        dry_run=True,
    )
    assert result.ok
    assert [(row.line, row.action) for row in result.rows] == [(2, cohort.CREATE)]
    changes = {change.label: change.new for change in result.rows[0].changes}
    assert changes["Role"] == "SDR"
    assert changes["Level"] == "SDR I"
    assert changes["Manager"] == "manager@example.test"
    assert User.objects.count() == before


def test_import_creates_people_with_role_level_manager_and_start_date(catalogue, manager):
    result = run(csv_text("Ivy New,ivy@example.test,sdr,Sdr II,MANAGER@example.test,2025-09-01"))
    assert result.ok and result.created == 1
    ivy = person("ivy@example.test")
    assert (ivy.first_name, ivy.last_name) == ("Ivy", "New")
    assert ivy.role == catalogue["sdr"]
    assert ivy.level == catalogue["sdr_2"]
    assert ivy.manager == manager
    assert ivy.start_date == datetime.date(2025, 9, 1)
    # Their level history starts at the level and date of the file.
    (start,) = ivy.level_changes.all()
    assert (start.kind, start.to_level, start.effective_on) == (
        "start",
        catalogue["sdr_2"],
        datetime.date(2025, 9, 1),
    )


def test_new_people_are_new_hires_signing_in_with_their_email_and_no_password(catalogue):
    run(csv_text("Ivy New,ivy@example.test,SDR,,,2025-09-01"))
    ivy = person("ivy@example.test")
    assert ivy.username == "ivy@example.test"
    assert not ivy.has_usable_password()
    assert list(ivy.groups.values_list("name", flat=True)) == [groups.NEW_HIRES]


def test_role_and_level_can_be_given_by_title(catalogue):
    run(csv_text("Ivy New,ivy@example.test,account executive,ae i,,2025-09-01"))
    assert person("ivy@example.test").level == catalogue["ae_1"]


def test_manager_may_be_somebody_further_down_the_same_file(catalogue):
    result = run(
        csv_text(
            "Ivy New,ivy@example.test,SDR,,lead@example.test,2025-09-01",
            "Leo Lead,lead@example.test,AE,,,2025-08-01",
        )
    )
    assert result.ok
    assert person("ivy@example.test").manager == person("lead@example.test")


def test_existing_person_is_updated_only_in_the_fields_given(catalogue, hire):
    hire.role, hire.level = catalogue["sdr"], catalogue["sdr_1"]
    hire.save()
    manager, start_date = hire.manager, hire.start_date
    result = run(csv_text(f"Anna Hire,{hire.email.upper()},,SDR II,,"))
    assert [row.action for row in result.rows] == [cohort.UPDATE]
    assert [(c.label, c.old, c.new) for c in result.rows[0].changes] == [
        ("Level", "SDR I", "SDR II")
    ]
    hire.refresh_from_db()
    assert hire.level == catalogue["sdr_2"]
    assert (hire.manager, hire.start_date, hire.role) == (manager, start_date, catalogue["sdr"])
    assert User.objects.filter(email__iexact=hire.email).count() == 1


def test_a_new_role_without_a_level_clears_the_old_roles_level(catalogue, hire):
    hire.role, hire.level = catalogue["sdr"], catalogue["sdr_1"]
    hire.save()
    run(csv_text(f"Anna Hire,{hire.email},AE,,,"))
    hire.refresh_from_db()
    assert (hire.role, hire.level) == (catalogue["ae"], None)


def test_the_same_file_twice_changes_nothing_the_second_time(catalogue, manager):
    text = csv_text(
        "Ivy New,ivy@example.test,SDR,SDR I,manager@example.test,2025-09-01",
        "Leo Lead,lead@example.test,AE,AE I,,2025-08-01",
    )
    run(text)
    before = User.objects.count()
    result = run(text)
    assert [row.action for row in result.rows] == [cohort.UNCHANGED, cohort.UNCHANGED]
    assert User.objects.count() == before
    assert person("ivy@example.test").level_changes.count() == 1


def test_semicolon_separated_file_with_spreadsheet_headings_is_read(catalogue):
    text = "Name;Email;Role;Level;Manager;Start date\nIvy New;ivy@example.test;SDR;;;2025-09-01\n"
    result = run(text)
    assert result.ok and result.created == 1


def test_blank_rows_are_skipped_but_still_count_as_lines(catalogue):
    result = run(
        csv_text(
            "Ivy New,ivy@example.test,SDR,,,2025-09-01",
            ",,,,,",
            "Leo Lead,lead@example.test,Nope,,,2025-09-01",
        )
    )
    assert [(error.line, "Nope" in error.message) for error in result.errors] == [(4, True)]


def test_dry_run_queries_do_not_grow_with_the_file(catalogue, manager):
    def queries_for(count):
        rows = [
            f"Person {n},p{n}@example.test,SDR,SDR I,manager@example.test,2025-09-01"
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as queries:
            assert run(csv_text(*rows), dry_run=True).ok
        return len(queries)

    # Roles, levels, people named, usernames taken, reporting lines (+ savepoint).
    assert queries_for(5) == queries_for(200) <= 7


# The service: bad files are reported by line and change nothing ------------


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("Ivy New,ivy@example.test,Astronaut,,,2025-09-01", "no role “Astronaut”"),
        ("Ivy New,ivy@example.test,SDR,AE I,,2025-09-01", "a level of AE, not of SDR"),
        ("Ivy New,ivy@example.test,SDR,SDR IX,,2025-09-01", "has no level “SDR IX”"),
        ("Ivy New,ivy@example.test,SDR,,,01/09/2025", "YYYY-MM-DD"),
        ("Ivy New,ivy@example.test,SDR,,,2025-02-30", "YYYY-MM-DD"),
        ("Ivy New,ivy(at)example.test,SDR,,,2025-09-01", "not a valid e-mail"),
        ("Ivy New,,SDR,,,2025-09-01", "e-mail address is missing"),
        (",ivy@example.test,SDR,,,2025-09-01", "name is missing"),
        ("Ivy New,ivy@example.test,SDR,,nobody@example.test,2025-09-01", "Nobody with"),
        ("Ivy New,ivy@example.test,SDR,,ivy@example.test,2025-09-01", "their own manager"),
        ("Ivy New,ivy@example.test,,,,2025-09-01", "needs a role"),
        ("Ivy New,ivy@example.test,SDR,,,", "needs a start date"),
    ],
)
def test_bad_row_is_reported_by_its_line_and_nothing_is_imported(catalogue, row, fragment):
    before = User.objects.count()
    result = run(csv_text("Leo Lead,lead@example.test,AE,,,2025-08-01", row))
    assert not result.ok
    assert [error.line for error in result.errors] == [3]
    assert fragment in result.errors[0].message
    assert result.rows == []
    assert User.objects.count() == before


def test_duplicate_email_is_reported_on_its_second_line(catalogue):
    result = run(
        csv_text(
            "Ivy New,ivy@example.test,SDR,,,2025-09-01",
            "Leo Lead,lead@example.test,AE,,,2025-08-01",
            "Ivy Again,IVY@example.test,SDR,,,2025-09-01",
        )
    )
    assert [(error.line, "also on line 2" in error.message) for error in result.errors] == [
        (4, True)
    ]
    assert not User.objects.filter(email__iexact="ivy@example.test").exists()


def test_every_bad_row_is_reported_not_only_the_first(catalogue):
    result = run(
        csv_text(
            "Ivy New,ivy@example.test,Astronaut,,,2025-09-01",
            "Leo Lead,lead@example.test,AE,,,2025-08-01",
            "Max Bad,max@example.test,SDR,,,tomorrow",
        )
    )
    assert [error.line for error in result.errors] == [2, 4]
    assert not User.objects.filter(email="lead@example.test").exists()


def test_email_used_as_somebody_elses_username_is_refused(catalogue):
    UserFactory(username="ivy@example.test", email="ivy.old@example.test")
    result = run(csv_text("Ivy New,ivy@example.test,SDR,,,2025-09-01"))
    assert "already the username" in result.errors[0].message


def test_reporting_loop_through_the_file_is_refused(catalogue, hire, manager):
    # Anna already reports to Maria; the file would make Maria report to Anna.
    result = run(csv_text(f"Maria Manager,{manager.email},,,{hire.email},"))
    assert [error.line for error in result.errors] == [2]
    assert "loop" in result.errors[0].message
    manager.refresh_from_db()
    assert manager.manager is None


def test_missing_column_is_reported_and_nothing_imported(catalogue):
    result = run(csv_text("Ivy New,ivy@example.test,SDR,", header="name,email,role,level"))
    assert [error.line for error in result.errors] == [1]
    assert "start_date" in result.errors[0].message
    assert not User.objects.filter(email="ivy@example.test").exists()


def test_unknown_column_is_reported(catalogue):
    header = "name,email,role,level,manger,start_date"
    result = run(csv_text("Ivy New,ivy@example.test,SDR,,,2025-09-01", header=header))
    assert [error.line for error in result.errors] == [1]
    assert "Unknown column “manger”" in result.errors[0].message


@pytest.mark.parametrize("text", ["", "   \n\n", HEADER + "\n", HEADER + "\n,,,,,\n"])
def test_file_without_people_is_reported(catalogue, text):
    result = run(text)
    assert not result.ok
    assert result.errors[0].line is None


def test_non_utf8_file_is_refused():
    with pytest.raises(cohort.CohortFileError, match="UTF-8"):
        cohort.decode_csv(
            csv_text("Iván Nuevo,ivan@example.test,SDR,,,2025-09-01").encode("cp1252")
        )


def test_utf8_file_with_byte_order_mark_is_read(catalogue):
    raw = ("\ufeff" + csv_text("Иван Новый,ivan@example.test,SDR,,,2025-09-01")).encode()
    assert run(cohort.decode_csv(raw)).created == 1
    assert person("ivan@example.test").first_name == "Иван"


def test_more_than_a_thousand_people_are_refused(catalogue):
    rows = [f"P {n},p{n}@example.test,SDR,,,2025-09-01" for n in range(cohort.MAX_ROWS + 1)]
    before = User.objects.count()
    result = run(csv_text(*rows))
    assert [str(error) for error in result.errors] == [
        "The file lists more than 1000 people. Split it into files of at most 1000 rows each."
    ]
    assert User.objects.count() == before


def test_a_thousand_people_are_accepted(catalogue):
    rows = [f"P {n},p{n}@example.test,SDR,,,2025-09-01" for n in range(cohort.MAX_ROWS)]
    assert run(csv_text(*rows), dry_run=True).ok


# Invitations --------------------------------------------------------------


def test_new_people_are_invited_after_the_commit_and_existing_ones_are_not(
    catalogue, hire, sales_ops, django_capture_on_commit_callbacks
):
    text = csv_text(
        "Ivy New,ivy@example.test,SDR,,,2025-09-01",
        f"Anna Hire,{hire.email},AE,,,",
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = run(text, send_invitations=True, invited_by=sales_ops)
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert result.invitations == 1
    assert [message.to for message in mail.outbox] == [["ivy@example.test"]]
    assert "Olga Ops" in mail.outbox[0].body


def test_invitation_link_sets_the_new_persons_password(
    catalogue, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run(csv_text("Ivy New,ivy@example.test,SDR,,,2025-09-01"), send_invitations=True)
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    uidb64, token = link.rstrip("/").split("/")[-2:]
    ivy = person("ivy@example.test")
    assert default_token_generator.check_token(ivy, token)

    form_url = client.get(link).url  # Django swaps the token for a session marker
    response = client.post(
        form_url, {"new_password1": "a-long-new-password", "new_password2": "a-long-new-password"}
    )
    assert response.status_code == 302
    ivy.refresh_from_db()
    assert ivy.check_password("a-long-new-password")


def test_invitation_is_written_in_the_persons_language(
    catalogue, django_capture_on_commit_callbacks
):
    text = csv_text(
        "Ivan Novy,ivan@example.test,SDR,,,2025-09-01,ru",
        "Ivy New,ivy@example.test,SDR,,,2025-09-01,",
        header=HEADER + ",language",
    )
    with django_capture_on_commit_callbacks(execute=True):
        run(text, send_invitations=True)
    languages = {
        message.to[0]: message.extra_headers["Content-Language"] for message in mail.outbox
    }
    assert languages == {"ivan@example.test": "ru", "ivy@example.test": "en"}
    assert person("ivan@example.test").preferred_language == "ru"


def test_no_invitations_on_a_dry_run_or_when_not_asked(
    catalogue, django_capture_on_commit_callbacks
):
    text = csv_text("Ivy New,ivy@example.test,SDR,,,2025-09-01")
    with django_capture_on_commit_callbacks(execute=True):
        run(text, dry_run=True, send_invitations=True)
        run(text, send_invitations=False)
    assert mail.outbox == []


# The admin view -------------------------------------------------------------


def upload(text, name="cohort.csv", *, encoding="utf-8", send_invitations=True):
    data = {"csv_file": SimpleUploadedFile(name, text.encode(encoding), "text/csv")}
    if send_invitations:
        data["send_invitations"] = "on"
    return data


GOOD_FILE = csv_text("Ivy New,ivy@example.test,SDR,SDR I,manager@example.test,2025-09-01")


def test_sales_ops_preview_shows_the_changes_and_saves_nothing(
    client_for, sales_ops, manager, catalogue
):
    before = User.objects.count()
    response = client_for(sales_ops).post(IMPORT_URL, upload(GOOD_FILE))
    assert response.status_code == 200
    assert "people/admin/cohort_preview.html" in [t.name for t in response.templates]
    body = response.content.decode()
    assert "ivy@example.test" in body and "SDR I" in body
    assert User.objects.count() == before


def test_sales_ops_confirm_imports_the_previewed_file(
    client_for, sales_ops, manager, catalogue, django_capture_on_commit_callbacks
):
    client = client_for(sales_ops)
    preview = client.post(IMPORT_URL, upload(GOOD_FILE)).context["preview"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONFIRM_URL, {"preview": preview}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailusers_users:index")
    assert "New: 1. Updated: 0. Unchanged: 0." in response.content.decode()
    assert person("ivy@example.test").manager == manager
    assert [message.to for message in mail.outbox] == [["ivy@example.test"]]


def test_preview_lists_bad_rows_by_line_and_offers_no_confirmation(
    client_for, sales_ops, catalogue
):
    text = csv_text("Ivy New,ivy@example.test,SDR,,,2025-09-01", "Bad Row,bad@x,SDR,,,2025-09-01")
    response = client_for(sales_ops).post(IMPORT_URL, upload(text))
    assert response.status_code == 200
    assert [(e.line, "valid e-mail" in e.message) for e in response.context["result"].errors] == [
        (3, True)
    ]
    assert "preview" not in response.context
    assert CONFIRM_URL not in response.content.decode()


def test_non_utf8_upload_is_a_form_error(client_for, sales_ops, catalogue):
    text = csv_text("Iván Nuevo,ivan@example.test,SDR,,,2025-09-01")
    response = client_for(sales_ops).post(IMPORT_URL, upload(text, encoding="cp1252"))
    assert "UTF-8" in str(response.context["form"].errors["csv_file"])


def test_tampered_preview_is_refused_and_imports_nothing(client_for, sales_ops, manager, catalogue):
    client = client_for(sales_ops)
    preview = client.post(IMPORT_URL, upload(GOOD_FILE)).context["preview"]
    before = User.objects.count()
    forged = preview[:-1] + ("A" if preview[-1] != "A" else "B")
    response = client.post(CONFIRM_URL, {"preview": forged})
    assert response.status_code == 400
    assert User.objects.count() == before


def test_preview_signed_for_another_person_is_refused(client_for, sales_ops, catalogue):
    other_ops = UserFactory(username="ops2", group=groups.SALES_OPS)
    token = admin_views.sign_preview(text=GOOD_FILE, send_invitations=False, user=other_ops)
    response = client_for(sales_ops).post(CONFIRM_URL, {"preview": token})
    assert response.status_code == 400


def test_expired_preview_asks_for_the_file_again(client_for, sales_ops, catalogue, monkeypatch):
    token = admin_views.sign_preview(text=GOOD_FILE, send_invitations=False, user=sales_ops)
    monkeypatch.setattr(admin_views, "PREVIEW_MAX_AGE", -1)
    response = client_for(sales_ops).post(CONFIRM_URL, {"preview": token})
    assert response.status_code == 302
    assert response.url == IMPORT_URL


def test_confirm_checks_the_file_again(client_for, sales_ops, manager, catalogue):
    client = client_for(sales_ops)
    preview = client.post(IMPORT_URL, upload(GOOD_FILE)).context["preview"]
    manager.delete()  # the manager left between the preview and the confirmation
    before = User.objects.count()
    response = client.post(CONFIRM_URL, {"preview": preview})
    assert response.status_code == 200
    assert [error.line for error in response.context["result"].errors] == [2]
    assert User.objects.count() == before


def test_confirm_refuses_get(client_for, sales_ops):
    assert client_for(sales_ops).get(CONFIRM_URL).status_code == 405


def test_url_names_point_at_the_import(db):
    assert reverse("people_cohort_import") == IMPORT_URL
    assert reverse("people_cohort_import_confirm") == CONFIRM_URL


@pytest.mark.parametrize("who", ["hire", "manager"])
@pytest.mark.parametrize("url", [IMPORT_URL, CONFIRM_URL])
def test_hires_and_managers_cannot_reach_the_import(client_for, users, who, url):
    before = User.objects.count()
    client = client_for(users[who])
    assert client.get(url).status_code == 403
    assert client.post(url, {"preview": "x"}).status_code == 403
    assert User.objects.count() == before


def test_admin_user_without_add_permission_is_turned_away(client_for, db):
    from django.contrib.auth.models import Permission

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client_for(editor).get(IMPORT_URL)
    # Wagtail's answer to a permission error inside the admin: back to the dashboard.
    assert (response.status_code, response.url) == (302, "/admin/")


def test_anonymous_is_sent_to_sign_in(client_for, db):
    response = client_for(None).get(IMPORT_URL)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={IMPORT_URL}"


def test_menu_shows_the_import_to_sales_ops(client_for, sales_ops):
    assert "Import a cohort" in client_for(sales_ops).get("/admin/").content.decode()


def test_menu_hides_the_import_without_add_permission(rf, db):
    from django.contrib.auth.models import Permission

    from salesmap.people.wagtail_hooks import register_cohort_import_menu_item

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    request = rf.get("/admin/")
    request.user = editor
    assert not register_cohort_import_menu_item().is_shown(request)


# The management command -----------------------------------------------------


def test_command_imports_a_file(tmp_path, catalogue, manager, capsys):
    path = tmp_path / "cohort.csv"
    path.write_text(GOOD_FILE, encoding="utf-8")
    call_command("import_cohort", str(path), "--no-invitations")
    out = capsys.readouterr().out
    assert "ivy@example.test" in out and "New: 1." in out
    assert person("ivy@example.test").level == catalogue["sdr_1"]
    assert mail.outbox == []


def test_command_dry_run_saves_nothing(tmp_path, catalogue, manager, capsys):
    path = tmp_path / "cohort.csv"
    path.write_text(GOOD_FILE, encoding="utf-8")
    call_command("import_cohort", str(path), "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert not User.objects.filter(email="ivy@example.test").exists()


def test_command_with_a_bad_file_raises_and_imports_nothing(tmp_path, catalogue):
    path = tmp_path / "cohort.csv"
    path.write_text(
        csv_text(
            "Ivy New,ivy@example.test,SDR,,,2025-09-01",
            "Max Bad,max@example.test,Astronaut,,,2025-09-01",
        ),
        encoding="utf-8",
    )
    before = User.objects.count()
    with pytest.raises(CommandError, match="Line 3: There is no role “Astronaut”"):
        call_command("import_cohort", str(path))
    assert User.objects.count() == before


def test_command_with_a_non_utf8_file_raises(tmp_path, db):
    path = tmp_path / "cohort.csv"
    path.write_bytes(csv_text("Iván Nuevo,ivan@example.test,SDR,,,2025-09-01").encode("cp1252"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_cohort", str(path))
