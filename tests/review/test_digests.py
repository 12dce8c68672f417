"""The weekly manager digest and the reminders of items due (``send_digests``)."""

import datetime
import smtplib
import socket
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from quizzes import services as quiz_services
from salesmap.progression.models import LevelRequirement
from salesmap.progression.services import record_start
from salesmap.review import digests
from salesmap.review.models import OneOnOneNote, SentEmail
from tests.factories import (
    LevelPageFactory,
    NewHireFactory,
    QuestionFactory,
    QuizFactory,
    RolePageFactory,
)

# Today, as the attempts and activity the tests record happen now.
TODAY = timezone.localdate()
START = TODAY - datetime.timedelta(days=20)
BASE = "http://testserver"


@pytest.fixture(autouse=True)
def _thresholds(settings):
    settings.SALESMAP_REVIEW = {"STALLED_DAYS": 7, "DUE_SOON_DAYS": 3}


@pytest.fixture
def level(db):
    level = LevelPageFactory(parent=RolePageFactory(title="SDR", short_name="SDR"), title="SDR I")
    # Counted from START: 10 days ago (overdue), in 2 days (due soon), in 20 days (later).
    _requirement(level, "Shadow five discovery calls", due_day=10)
    _requirement(level, "Run a mock demo", due_day=22)
    _requirement(level, "Lead a discovery call", due_day=40)
    return level


def _requirement(level, task, *, due_day):
    row = LevelRequirement(
        level=level,
        kind=LevelRequirement.Kind.SIGN_OFF,
        description=task,
        due_day=due_day,
        added_on=START - datetime.timedelta(days=30),
        sort_order=level.requirements.count(),
    )
    row.full_clean(exclude=["level"])
    row.save()
    return row


def at_level(level, **fields):
    """A hire at ``level`` since START (behind plan, and stalled: nothing done)."""
    person = NewHireFactory(
        role=level.get_parent().specific, level=level, start_date=START, **fields
    )
    record_start(person=person, level=level, effective_on=START)
    return person


@pytest.fixture
def behind(manager, level):
    return at_level(level, manager=manager, first_name="Bella", last_name="Behind")


@pytest.fixture
def waiting(manager):
    """A recent hire without a level whose essay waits for marking."""
    person = NewHireFactory(
        manager=manager, first_name="Wanda", last_name="Waiting", start_date=TODAY
    )
    quiz = QuizFactory(questions=[QuestionFactory(kind="essay", points=4)], pass_mark=50)
    attempt = quiz_services.start_attempt(quiz=quiz, person=person)
    quiz_services.save_answer(
        attempt_id=attempt.pk, person=person, position=1, data={"text": "My pitch"}
    )
    quiz_services.submit_attempt(attempt_id=attempt.pk, person=person)
    return person


@pytest.fixture
def meeting(manager):
    """A hire whose next one-on-one is in three days."""
    person = NewHireFactory(
        manager=manager, first_name="Mike", last_name="Meeting", start_date=TODAY
    )
    note(person, manager, met_on=TODAY - datetime.timedelta(days=4), next_on=3)
    return person


def note(person, author, *, met_on, next_on=None):
    if isinstance(next_on, int):
        next_on = TODAY + datetime.timedelta(days=next_on)
    return OneOnOneNote.objects.create(
        person=person,
        author=author,
        author_name=str(author),
        met_on=met_on,
        next_meeting_on=next_on,
    )


@pytest.fixture
def outsider(other_manager, level):
    return at_level(level, manager=other_manager, first_name="Otto", last_name="Outsider")


def send(*args):
    """Run the command (for TODAY unless ``--date`` is given); its standard output."""
    if "--date" not in args:
        args = (*args, "--date", TODAY.isoformat())
    out = StringIO()
    call_command("send_digests", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def mails_to(person):
    return [message for message in mail.outbox if message.to == [person.email]]


def only_mail_to(person):
    (message,) = mails_to(person)
    return message


def html_of(message):
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


# The manager's digest -------------------------------------------------------------------


@pytest.fixture
def team(behind, waiting, meeting, outsider):
    return {"behind": behind, "waiting": waiting, "meeting": meeting, "outsider": outsider}


def test_the_digest_lists_who_is_behind_stalled_waiting_and_meeting(manager, team):
    send("--digests")
    message = only_mail_to(manager)
    text, html = message.body, html_of(message)
    for body in (text, html):
        assert "Behind plan" in body and "Bella Behind" in body
        assert "Shadow five discovery calls" in body
        assert "Stalled" in body and "20 days without activity" in body
        assert "Waiting for marking" in body and "Wanda Waiting" in body
        assert "Upcoming one-on-ones" in body and "Mike Meeting" in body
    assert f"{BASE}/team/people/{team['behind'].pk}/" in html
    assert f"{BASE}/quizzes/marking/?person={team['waiting'].pk}&amp;state=needs_marking" in html
    assert f"{BASE}/quizzes/marking/?person={team['waiting'].pk}&state=needs_marking" in text


def test_the_digest_lists_only_the_managers_own_people(manager, other_manager, team):
    send("--digests")
    assert "Otto Outsider" not in only_mail_to(manager).body
    other = only_mail_to(other_manager)
    assert "Otto Outsider" in other.body
    assert "Bella Behind" not in other.body


def test_a_manager_without_people_gets_no_digest(manager, other_manager, behind):
    send("--digests")
    assert mails_to(manager)
    assert not mails_to(other_manager)


def test_a_one_on_one_counts_only_from_the_latest_note(manager, behind):
    note(behind, manager, met_on=TODAY - datetime.timedelta(days=10), next_on=2)
    note(behind, manager, met_on=TODAY - datetime.timedelta(days=2))  # no next meeting booked
    send("--digests")
    assert "Upcoming one-on-ones" not in only_mail_to(manager).body


def test_a_one_on_one_a_week_away_is_not_upcoming(manager, behind):
    note(behind, manager, met_on=TODAY - datetime.timedelta(days=1), next_on=7)
    send("--digests")
    assert "Upcoming one-on-ones" not in only_mail_to(manager).body


def test_every_email_has_text_and_html_and_a_footer_link_to_the_settings(manager, behind):
    send()
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.body.strip()
        html = html_of(message)
        assert f"{BASE}/account/email/" in message.body
        assert f'href="{BASE}/account/email/"' in html
        assert message.extra_headers["Content-Language"] == "en"
        assert "\n" not in message.subject


# The person's reminder ------------------------------------------------------------------


def test_a_reminder_lists_items_overdue_and_due_soon_only(behind):
    send("--reminders")
    message = only_mail_to(behind)
    for body in (message.body, html_of(message)):
        assert "Shadow five discovery calls" in body
        assert "10 days overdue" in body
        assert "Run a mock demo" in body
        assert "Due in 2 days" in body
        assert "Lead a discovery call" not in body
    assert f"{BASE}/onboarding/" in message.body
    assert "2 items of your plan need attention" in message.subject


def test_nobody_gets_a_reminder_with_nothing_due(level, manager):
    on_time = NewHireFactory(manager=manager, role=level.get_parent().specific, level=level)
    record_start(person=on_time, level=level, effective_on=TODAY)
    send("--reminders")
    assert not mails_to(on_time)


def test_done_items_are_not_reminded(behind, manager, level):
    from salesmap.progression import services as progression_services

    shadow = level.requirements.get(description="Shadow five discovery calls")
    progression_services.sign_off(person=behind, requirement=shadow, by=manager)
    send("--reminders")
    assert "Shadow five discovery calls" not in only_mail_to(behind).body


# Opt-out, addresses and language --------------------------------------------------------


def test_an_opted_out_person_gets_nothing(manager, behind):
    behind.email_reminders = False
    behind.save()
    manager.email_reminders = False
    manager.save()
    output = send()
    assert mail.outbox == []
    assert "skipped opted-out 1" in output
    assert not SentEmail.objects.exists()


def test_a_person_without_an_address_is_skipped_and_named(behind):
    behind.email = ""
    behind.save()
    output = send("--reminders")
    assert mail.outbox == []
    assert "No e-mail address for Bella Behind" in output
    assert "no address 1" in output


def test_a_russian_reader_gets_the_email_in_russian(manager, behind):
    manager.preferred_language = behind.preferred_language = "ru"
    manager.save()
    behind.save()
    send()
    with translation.override("ru"):
        overdue = gettext("Overdue")
        due_today = gettext("Due today")
    assert overdue != "Overdue" and due_today != "Due today"  # translated already
    reminder = only_mail_to(behind)
    assert overdue in reminder.body
    for message in (reminder, only_mail_to(manager)):
        assert '<html lang="ru">' in html_of(message)
        assert message.extra_headers["Content-Language"] == "ru"
    assert translation.get_language() == "en"


# Sending once per period ----------------------------------------------------------------


def test_a_second_run_in_the_same_period_sends_nothing_new(manager, behind):
    send()
    assert len(mail.outbox) == 2
    output = send()
    assert len(mail.outbox) == 2
    assert output.count("already sent 1") == 2
    assert SentEmail.objects.count() == 2


def test_the_next_period_sends_again(manager, behind):
    send("--date", TODAY.isoformat())
    send("--reminders", "--date", (TODAY + datetime.timedelta(days=1)).isoformat())
    assert len(mails_to(behind)) == 2
    assert len(mails_to(manager)) == 1
    send("--digests", "--date", (TODAY + datetime.timedelta(days=7)).isoformat())
    assert len(mails_to(manager)) == 2


def test_periods_are_the_iso_week_and_the_day(manager, behind):
    day = datetime.date(2026, 11, 23)
    assert digests.digest_period(day) == "2026-W48"
    assert digests.digest_period(datetime.date(2027, 1, 1)) == "2026-W53"
    assert digests.reminder_period(day) == "2026-11-23"
    send()
    assert set(SentEmail.objects.values_list("recipient", "kind", "period")) == {
        (manager.pk, "digest", digests.digest_period(TODAY)),
        (behind.pk, "reminder", TODAY.isoformat()),
    }


def test_a_dry_run_sends_and_records_nothing(manager, behind):
    output = send("--dry-run")
    assert mail.outbox == []
    assert not SentEmail.objects.exists()
    assert f"Would send digest to Maria Manager (manager) <{manager.email}>" in output
    assert "would send 1" in output
    send()
    assert len(mail.outbox) == 2


def test_a_refused_email_is_not_recorded_and_the_others_go_out(manager, behind, level):
    second = at_level(level, manager=manager, first_name="Sam", last_name="Second")
    real_send = mail.EmailMultiAlternatives.send

    def refuse_bella(message, *args, **kwargs):
        if message.to == [behind.email]:
            raise smtplib.SMTPRecipientsRefused({behind.email: (550, b"No such user")})
        return real_send(message, *args, **kwargs)

    err = StringIO()
    with (
        mock.patch.object(mail.EmailMultiAlternatives, "send", refuse_bella),
        pytest.raises(CommandError, match="1 e-mail could not be sent"),
    ):
        call_command(
            "send_digests",
            "--reminders",
            "--date",
            TODAY.isoformat(),
            stdout=StringIO(),
            stderr=err,
        )
    assert mails_to(second) and not mails_to(behind)
    assert "Could not send reminder to Bella Behind (" in err.getvalue()
    assert not SentEmail.objects.filter(recipient=behind).exists()
    send("--reminders")
    assert mails_to(behind) and len(mails_to(second)) == 1


def test_an_unreachable_mail_server_fails_every_email_and_records_none(manager, behind, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="2 e-mails could not be sent"):
        call_command("send_digests", "--date", TODAY.isoformat(), stdout=out, stderr=err)
    assert out.getvalue().count("failed 1") == 2
    assert "Could not send digest to Maria Manager" in err.getvalue()
    assert not SentEmail.objects.exists()


def test_emails_recorded_by_a_concurrent_run_are_not_sent_again(manager, behind, level):
    second = at_level(level, manager=manager)
    _digests, reminders = digests.collect(TODAY, digests=False)
    period = digests.reminder_period(TODAY)
    # The other run recorded Bella after this one read what was sent.
    SentEmail.objects.create(recipient=behind, kind="reminder", period=period)
    claimed, taken = digests._claim(reminders, kind="reminder", period=period)
    assert [c.recipient for c in claimed] == [second]
    assert [c.recipient for c in taken] == [behind]


# The command's arguments ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01", "2026-02-30", "20261123", "2026-W48"])
def test_a_bad_date_is_a_clear_command_error(db, value):
    with pytest.raises(CommandError, match="use YYYY-MM-DD"):
        send("--date", value)


def test_digests_alone_send_no_reminders(manager, behind):
    send("--digests")
    assert mails_to(manager) and not mails_to(behind)


# Queries --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
def test_a_runs_queries_do_not_grow_with_people(
    size, manager, level, django_assert_max_num_queries
):
    for n in range(size):
        person = at_level(level, manager=manager)
        note(person, manager, met_on=TODAY - datetime.timedelta(days=n % 5), next_on=n % 6)
    with django_assert_max_num_queries(30):
        send()
    assert len(mail.outbox) == size + 1
