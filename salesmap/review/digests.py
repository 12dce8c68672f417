"""The weekly manager digest and the reminders of items due, sent by e-mail
(``manage.py send_digests``, meant for cron).

What each e-mail says is computed from the same batched reads as the team
table (``selectors.team_rows``), once for everyone involved, then grouped by
manager: a run costs a fixed number of queries whatever the number of people
(about 30 to read, and a few per batch of ``BATCH_SIZE`` e-mails to record).

Sending is idempotent per period (the ISO week for digests, the day for
reminders): ``SentEmail`` has one row per recipient, kind and period, written
in the transaction that sends the e-mail. A second run finds the rows and
sends nothing; a concurrent run trips over the unique constraint and counts
them as already sent. An e-mail the mail server refuses is not recorded, so
the next run in the same period tries it again.
"""

import contextlib
import re
import smtplib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from salesmap.people import access
from salesmap.progression import selectors as progression_selectors

from . import selectors
from .conf import setting
from .models import OneOnOneNote, SentEmail

DIGEST = SentEmail.Kind.DIGEST
REMINDER = SentEmail.Kind.REMINDER
# "Upcoming one-on-ones": the next meeting falls within this many days from today.
MEETINGS_DAYS = 7
# E-mails recorded per transaction: the transaction stays open while they are
# handed to the mail server, so a crash re-sends at most one batch.
BATCH_SIZE = 50
# What a refused or unreachable mail server raises (and a header it rejects).
SEND_ERRORS = (smtplib.SMTPException, OSError, ValueError)


def digest_period(day):
    """The ISO week of ``day``, e.g. "2026-W48"."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def reminder_period(day):
    """The day itself, e.g. "2026-11-23"."""
    return day.isoformat()


def absolute_url(name, *args, query=None, fragment=""):
    """An absolute link for an e-mail, on the public address in
    ``WAGTAILADMIN_BASE_URL`` (there is no request to build it from)."""
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)
    if query:
        url += "?" + urlencode(query)
    if fragment:
        url += "#" + fragment
    return url


# What the e-mails say -------------------------------------------------------


@dataclass
class DigestLine:
    """One person in a section of the digest, with the figure that put them there."""

    person: object
    brief_url: str
    count: int = 0  # items overdue, days without activity, attempts to mark
    titles: list = field(default_factory=list)  # the overdue items
    on: date | None = None  # the next one-on-one
    marking_url: str = ""


@dataclass
class Digest:
    """A manager's week: who is behind, stalled, waiting for marking, and
    whose one-on-one is coming up, among their direct reports."""

    recipient: object
    today: date
    people: int
    behind: list = field(default_factory=list)
    stalled: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    meetings: list = field(default_factory=list)

    kind = DIGEST
    template = "digest"

    @property
    def period(self):
        return digest_period(self.today)

    @property
    def worth_sending(self):
        return self.people > 0

    @property
    def all_clear(self):
        return not (self.behind or self.stalled or self.waiting)

    def context(self):
        return {
            "people": self.people,
            "behind": self.behind,
            "stalled": self.stalled,
            "waiting": self.waiting,
            "meetings": self.meetings,
            "all_clear": self.all_clear,
            "week_start": selectors.week_start(self.today),
            "team_url": absolute_url("my_team"),
            "marking_url": absolute_url("quizzes:marking_queue", query={"state": "needs_marking"}),
        }


@dataclass
class ReminderLine:
    """One plan item due soon or overdue."""

    item: object  # progression ItemStatus
    url: str
    days: int  # days overdue, or days left (0: due today)

    @property
    def title(self):
        return self.item.requirement.title


@dataclass
class Reminder:
    """A person's plan items that are overdue or due within ``DUE_SOON_DAYS``."""

    recipient: object
    today: date
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)

    kind = REMINDER
    template = "reminder"

    @property
    def period(self):
        return reminder_period(self.today)

    @property
    def worth_sending(self):
        return bool(self.overdue or self.due_soon)

    def context(self):
        return {
            "overdue": self.overdue,
            "due_soon": self.due_soon,
            "total": len(self.overdue) + len(self.due_soon),
            "onboarding_url": absolute_url("my_onboarding"),
        }


def _by_name(person):
    return str(person).casefold()


def digest_of(manager, rows, meetings, *, today):
    """The ``Digest`` of ``manager`` from their people's ``TeamRow``s and
    {person_id: next meeting day}. No queries."""
    digest = Digest(manager, today, people=len(rows))
    for row in sorted(rows, key=lambda row: _by_name(row.person)):
        person = row.person
        brief_url = absolute_url("review_brief", person.pk)
        if selectors.BEHIND in row.flag_keys:
            titles = [item.requirement.title for item in row.plan.overdue]
            digest.behind.append(DigestLine(person, brief_url, len(titles), titles=titles))
        if selectors.STALLED in row.flag_keys:
            digest.stalled.append(DigestLine(person, brief_url, row.days_inactive or 0))
        waiting = row.quizzes.waiting_for_marking
        if waiting:
            query = {"person": person.pk, "state": "needs_marking"}
            digest.waiting.append(
                DigestLine(
                    person,
                    brief_url,
                    waiting,
                    marking_url=absolute_url("quizzes:marking_queue", query=query),
                )
            )
        if person.pk in meetings:
            digest.meetings.append(DigestLine(person, brief_url, on=meetings[person.pk]))
    digest.meetings.sort(key=lambda line: line.on)
    return digest


def reminder_of(person, plan, *, today):
    """The ``Reminder`` of ``person`` from their ``LevelPlan`` (or None). No queries."""
    reminder = Reminder(person, today)
    if plan is None:
        return reminder
    soon = today + timedelta(days=setting("DUE_SOON_DAYS"))
    for item in plan.items:
        url = absolute_url("my_onboarding", fragment=f"item-{item.requirement.pk}")
        if item.state == progression_selectors.OVERDUE:
            reminder.overdue.append(ReminderLine(item, url, (today - item.due_on).days))
        elif (
            item.state in (progression_selectors.IN_PROGRESS, progression_selectors.NOT_STARTED)
            and item.due_on is not None
            and today <= item.due_on <= soon
        ):
            reminder.due_soon.append(ReminderLine(item, url, (item.due_on - today).days))
    reminder.overdue.sort(key=lambda line: line.item.due_on)
    reminder.due_soon.sort(key=lambda line: line.item.due_on)
    return reminder


def next_meetings(person_ids, *, today):
    """{person_id: day} of the next one-on-one booked in each person's latest
    note, when it falls within ``MEETINGS_DAYS`` from ``today``. One query."""
    latest = (
        OneOnOneNote.objects.filter(person=OuterRef("person"))
        .order_by("-met_on", "-pk")
        .values("pk")[:1]
    )
    rows = OneOnOneNote.objects.filter(
        person_id__in=person_ids,
        pk=Subquery(latest),
        next_meeting_on__gte=today,
        next_meeting_on__lt=today + timedelta(days=MEETINGS_DAYS),
    ).values_list("person_id", "next_meeting_on")
    return dict(rows)


def collect(today, *, digests=True, reminders=True):
    """(digests, reminders) for ``today``: a ``Digest`` for every active
    manager and a ``Reminder`` for every active person with a level, each
    whether or not it is worth sending.

    Queries, whatever the number of people: the managers (1), everyone
    involved (1), their team rows (about 25, see ``selectors.team_rows``)
    and the next one-on-ones (1).
    """
    User = get_user_model()
    managers = []
    if digests:
        managers = list(access.active_managers().order_by("pk"))
    manager_ids = {manager.pk for manager in managers}
    involved = Q(pk__in=[])
    if reminders:
        involved |= Q(level__isnull=False)
    if manager_ids:
        # A manager's people are their active direct reports.
        involved |= access.direct_reports_q(manager_ids)
    people = list(
        User.objects.filter(involved, is_active=True)
        .select_related("role", "level")
        .order_by("first_name", "last_name", "username")
    )
    rows = selectors.team_rows(people, today=today)
    team_of = {}
    for row in rows:
        if row.person.manager_id in manager_ids:
            team_of.setdefault(row.person.manager_id, []).append(row)
    meetings = {}
    if team_of:
        reports = [row.person.pk for team in team_of.values() for row in team]
        meetings = next_meetings(reports, today=today)
    digest_list = [
        digest_of(manager, team_of.get(manager.pk, []), meetings, today=today)
        for manager in managers
    ]
    reminder_list = []
    if reminders:
        reminder_list = [
            reminder_of(row.person, row.plan, today=today) for row in rows if row.person.level_id
        ]
    return digest_list, reminder_list


# Rendering and sending ------------------------------------------------------


def _plain(text):
    """Template text without the blank lines and trailing spaces tags leave."""
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def render(content, *, connection=None):
    """The e-mail (plain text with an HTML alternative) for a ``Digest`` or
    ``Reminder``, in the recipient's language. No queries."""
    recipient = content.recipient
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    context = {
        **content.context(),
        "recipient": recipient,
        "today": content.today,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "preferences_url": absolute_url("email_preferences"),
    }
    name = f"review/email/{content.template}"
    with translation.override(language):
        subject = render_to_string(f"{name}_subject.txt", context)
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
    message = EmailMultiAlternatives(
        # A header line must not break: keep the subject to one line.
        subject=" ".join(subject.split()),
        body=_plain(text),
        to=[recipient.email],
        connection=connection,
        headers={
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{context['preferences_url']}>",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass
class Outcome:
    """What a run did with one kind of e-mail (recipients, by what happened)."""

    kind: str
    period: str
    dry_run: bool = False
    sent: list = field(default_factory=list)  # or, in a dry run, would be sent
    opted_out: list = field(default_factory=list)
    no_address: list = field(default_factory=list)
    already_sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (recipient, error message)


def _claim(batch, *, kind, period):
    """Record ``batch`` as sent (inside the caller's transaction): the
    contents this run may send, and those another run recorded first."""
    rows = [SentEmail(recipient=c.recipient, kind=kind, period=period) for c in batch]
    try:
        with transaction.atomic():
            SentEmail.objects.bulk_create(rows)
        return batch, []
    except IntegrityError:
        pass
    # A concurrent run got some of them first: claim one by one.
    claimed, taken = [], []
    for content, row in zip(batch, rows, strict=True):
        try:
            with transaction.atomic():
                row.pk = None
                row.save(force_insert=True)
            claimed.append(content)
        except IntegrityError:
            taken.append(content)
    return claimed, taken


def send(contents, *, kind, period, dry_run=False, connection=None):
    """Send each of ``contents`` (all of ``kind`` for ``period``) worth
    sending, unless the recipient opted out, has no address or already got
    it this period. Returns an ``Outcome``.

    Queries: one to read what was already sent, then per batch of
    ``BATCH_SIZE`` e-mails a transaction with one insert (and one delete
    when some could not be sent). A dry run reads and sends nothing else.
    """
    outcome = Outcome(kind, period, dry_run=dry_run)
    contents = [content for content in contents if content.worth_sending]
    done = set(
        SentEmail.objects.filter(
            kind=kind, period=period, recipient__in=[c.recipient.pk for c in contents]
        ).values_list("recipient_id", flat=True)
    )
    pending = []
    for content in contents:
        recipient = content.recipient
        if not recipient.email_reminders:
            outcome.opted_out.append(recipient)
        elif not recipient.email.strip():
            outcome.no_address.append(recipient)
        elif recipient.pk in done:
            outcome.already_sent.append(recipient)
        else:
            pending.append(content)
    if dry_run:
        outcome.sent = [content.recipient for content in pending]
        return outcome
    connection = connection or get_connection()
    # Rendered before anything is recorded: a template error stops the run
    # with nothing claimed.
    messages = {content.recipient.pk: render(content, connection=connection) for content in pending}
    # One session for the whole run; if the server cannot be reached, each
    # send tries again and is reported as failed.
    with contextlib.suppress(*SEND_ERRORS):
        connection.open()
    for start in range(0, len(pending), BATCH_SIZE):
        batch = pending[start : start + BATCH_SIZE]
        with transaction.atomic():
            claimed, taken = _claim(batch, kind=kind, period=period)
            outcome.already_sent.extend(content.recipient for content in taken)
            refused = []
            for content in claimed:
                try:
                    messages[content.recipient.pk].send()
                except SEND_ERRORS as exc:
                    refused.append(content.recipient)
                    outcome.failed.append((content.recipient, str(exc) or type(exc).__name__))
                    # Start afresh with the next e-mail (the session may be broken).
                    with contextlib.suppress(*SEND_ERRORS):
                        connection.close()
                else:
                    outcome.sent.append(content.recipient)
            if refused:
                # Not sent, so not recorded: the next run tries again.
                SentEmail.objects.filter(
                    kind=kind, period=period, recipient__in=[r.pk for r in refused]
                ).delete()
    with contextlib.suppress(*SEND_ERRORS):
        connection.close()
    return outcome


def run(today, *, digests=True, reminders=True, dry_run=False, connection=None):
    """Compute and send the digests and/or reminders for ``today``; a list
    of ``Outcome`` (digests first). Safe to run twice: see the module notes."""
    digest_list, reminder_list = collect(today, digests=digests, reminders=reminders)
    outcomes = []
    if digests:
        outcomes.append(
            send(
                digest_list,
                kind=DIGEST,
                period=digest_period(today),
                dry_run=dry_run,
                connection=connection,
            )
        )
    if reminders:
        outcomes.append(
            send(
                reminder_list,
                kind=REMINDER,
                period=reminder_period(today),
                dry_run=dry_run,
                connection=connection,
            )
        )
    return outcomes
