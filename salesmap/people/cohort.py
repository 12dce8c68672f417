"""Inviting a whole cohort from a CSV file.

``import_cohort`` reads the file, checks every row against the roles, levels
and people already in the Sales Map, and then applies all rows or none of
them. A dry run does the same checks and reports what would change without
writing anything.

The file's first line names the columns (in any letter case; spaces and
hyphens count as underscores; commas, semicolons or tabs separate cells):

- ``name`` (required): "First Last"; the first word is the first name.
- ``email`` (required): matches an existing person case-insensitively.
- ``role`` (required column): a role's short name or title.
- ``level``: a level's short name or title within that role.
- ``manager``: the e-mail of an existing person or of somebody in the file.
- ``start_date`` (required column): YYYY-MM-DD.
- ``language``: a language code of the site (``en``, ``ru``).

A new person needs a role and a start date. For an existing person a blank
cell leaves that field as it is: only the fields given change.
"""

import csv
import datetime
import io
import logging
import re
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Page

from salesmap.progression.models import LevelPage, RolePage
from salesmap.progression.services import record_admin_move

from . import groups

logger = logging.getLogger(__name__)

MAX_ROWS = 1000
COLUMNS = ("name", "email", "role", "level", "manager", "start_date", "language")
REQUIRED_COLUMNS = ("name", "email", "role", "start_date")
_DELIMITERS = (",", ";", "\t")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# AbstractUser's limits: first and last name, and the username (= e-mail).
_NAME_MAX_LENGTH = 150
_USERNAME_MAX_LENGTH = 150

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"
ACTION_LABELS = {
    CREATE: gettext_lazy("Create"),
    UPDATE: gettext_lazy("Update"),
    UNCHANGED: gettext_lazy("Unchanged"),
}


class CohortFileError(ValueError):
    """The uploaded bytes are not a text file we can read."""


@dataclass(frozen=True)
class CohortError:
    """A problem with the file. ``line`` is the spreadsheet row (the column
    names are line 1), or None for a problem with the file as a whole."""

    line: int | None
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class CohortRow:
    """What happens (or would happen) to the person on one line of the file."""

    line: int
    email: str
    name: str
    action: str
    changes: tuple[FieldChange, ...] = ()

    @property
    def action_label(self):
        return ACTION_LABELS[self.action]


@dataclass
class CohortImportResult:
    dry_run: bool
    rows: list[CohortRow] = field(default_factory=list)
    errors: list[CohortError] = field(default_factory=list)
    invitations: int = 0

    @property
    def ok(self):
        return not self.errors

    def _count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self):
        return self._count(CREATE)

    @property
    def updated(self):
        return self._count(UPDATE)

    @property
    def unchanged(self):
        return self._count(UNCHANGED)


def decode_csv(raw):
    """The text of an uploaded CSV file: UTF-8, with or without a byte-order mark.

    Raises CohortFileError for anything else (spreadsheets can always save
    "CSV UTF-8"; guessing a legacy encoding would garble names silently)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CohortFileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from exc


def import_cohort(*, text, dry_run, invited_by, send_invitations):
    """Create or update the people listed in the CSV ``text``: all of them or none.

    Every row is checked first (roles, levels, managers, dates, duplicates,
    reporting-line loops); if any row is wrong the result lists every error
    with its line number and nothing is written. Otherwise, unless
    ``dry_run``, new people are created with an unusable password, their
    e-mail as username and membership of the New hires group; existing people
    (matched by e-mail, case-insensitively) get the fields the file gives.
    All writes happen in one transaction. With ``send_invitations``, each new
    person is e-mailed a link to set their password once the transaction has
    committed, in their preferred language.

    Queries: five for the checks whatever the file's size, then one or two
    per person written and two for the New hires group.
    """
    result = CohortImportResult(dry_run=dry_run)
    records, errors = _read(text)
    if errors:
        result.errors = errors
        return result
    try:
        with transaction.atomic():
            plan, errors = _plan(records)
            if errors:
                result.errors = errors
                return result
            result.rows = [item.as_row() for item in plan]
            if not dry_run:
                result.invitations = _apply(
                    plan, invited_by=invited_by, send_invitations=send_invitations
                )
    except IntegrityError:
        # Somebody added or changed a person between our checks and our
        # writes; a constraint refused it and the whole import rolled back.
        logger.warning("Cohort import rolled back by a database constraint", exc_info=True)
        return CohortImportResult(
            dry_run=dry_run,
            errors=[
                CohortError(
                    None,
                    _(
                        "Somebody changed the people in the Sales Map while the import "
                        "ran. Nothing was imported; check the file and try again."
                    ),
                )
            ],
        )
    if not dry_run:
        logger.info(
            "Cohort imported by %s: %d created, %d updated, %d unchanged",
            invited_by or "a management command",
            result.created,
            result.updated,
            result.unchanged,
        )
    return result


def send_invitation(*, person, invited_by=None):
    """E-mail ``person`` a plain-text invitation with a link to set their
    password, in their preferred language."""
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    language = person.preferred_language or settings.LANGUAGE_CODE
    context = {
        "person": person,
        "invited_by": invited_by,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "set_password_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24)),
    }
    with translation.override(language):
        subject = render_to_string("people/email/invitation_subject.txt", context)
        body = render_to_string("people/email/invitation_body.txt", context)
    EmailMessage(
        # A header line must not break: keep the subject to one line.
        subject=" ".join(subject.split()),
        body=body,
        to=[person.email],
        headers={"Content-Language": language},
    ).send()


# Reading the file ---------------------------------------------------------


@dataclass(frozen=True)
class _Record:
    """One non-blank data row: its spreadsheet line and its cells by column."""

    line: int
    cells: dict


def _column_key(heading):
    return re.sub(r"[\s-]+", "_", heading.strip().lower())


def _detect_delimiter(first_line):
    """The separator that turns the first line into the most known column names
    (spreadsheets in some locales save CSV with semicolons); a comma on a tie."""
    return max(
        _DELIMITERS,
        key=lambda d: sum(_column_key(cell) in COLUMNS for cell in first_line.split(d)),
    )


def _read(text):
    """The file's data rows, or the errors that stop us reading it.

    Line numbers count records, as a spreadsheet numbers its rows (a quoted
    cell may span several physical lines)."""
    if not text.strip():
        return [], [CohortError(None, _("The file is empty."))]
    delimiter = _detect_delimiter(text.lstrip().splitlines()[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = None
    header_line = None
    records = []
    errors = []
    line = 0
    try:
        for line, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheets save empty rows as ",,,,,"
            if header is None:
                header, header_errors = _read_header(cells, line)
                if header_errors:
                    return [], header_errors
                header_line = line
                continue
            if len(records) == MAX_ROWS:
                return [], [_too_many_rows()]
            if any(cell.strip() for cell in cells[len(header) :]):
                errors.append(
                    CohortError(
                        line,
                        _(
                            "This line has more cells than there are column names on line "
                            "%(header_line)s. Does a cell with a comma lack its quotes?"
                        )
                        % {"header_line": header_line},
                    )
                )
                continue
            padded = [*cells[: len(header)], *[""] * (len(header) - len(cells))]
            cells_by_key = {k: v.strip() for k, v in zip(header, padded, strict=True)}
            records.append(_Record(line, cells_by_key))
    except csv.Error as exc:
        errors.append(
            CohortError(
                line + 1, _("This line cannot be read as CSV (%(problem)s).") % {"problem": exc}
            )
        )
    if errors:
        return [], errors
    if not records:
        return [], [CohortError(None, _("The file has no people in it, only column names."))]
    return records, []


def _too_many_rows():
    return CohortError(
        None,
        ngettext(
            "The file lists more than %(max)d person. Split it into files of at most "
            "%(max)d rows each.",
            "The file lists more than %(max)d people. Split it into files of at most "
            "%(max)d rows each.",
            MAX_ROWS,
        )
        % {"max": MAX_ROWS},
    )


def _read_header(cells, line):
    """The column keys of the first line, and what is wrong with them."""
    keys = [_column_key(cell) for cell in cells]
    errors = []
    unknown = [
        cell.strip() for cell, key in zip(cells, keys, strict=True) if key and key not in COLUMNS
    ]
    if unknown:
        errors.append(
            CohortError(
                line,
                ngettext(
                    "Unknown column %(names)s. The columns are: %(columns)s.",
                    "Unknown columns %(names)s. The columns are: %(columns)s.",
                    len(unknown),
                )
                % {"names": ", ".join(f"“{name}”" for name in unknown), "columns": _columns()},
            )
        )
    duplicated = sorted({key for key in keys if key and keys.count(key) > 1})
    if duplicated:
        errors.append(
            CohortError(
                line,
                _("These columns appear twice: %(names)s.") % {"names": ", ".join(duplicated)},
            )
        )
    missing = [key for key in REQUIRED_COLUMNS if key not in keys]
    if missing:
        errors.append(
            CohortError(
                line,
                ngettext(
                    "The column %(names)s is missing. The first line names the columns: "
                    "%(columns)s.",
                    "The columns %(names)s are missing. The first line names the columns: "
                    "%(columns)s.",
                    len(missing),
                )
                % {"names": ", ".join(missing), "columns": _columns()},
            )
        )
    return keys, errors


def _columns():
    return ", ".join(COLUMNS)


# Checking the rows against the Sales Map -----------------------------------


@dataclass
class _Planned:
    """One valid row, resolved against the database."""

    line: int
    email: str
    key: str  # the lower-cased e-mail: how people are matched
    name: str
    person: object  # the existing User, or None for a new person
    values: dict  # field name -> new value, only for the fields the row sets
    manager_key: str | None = None  # the manager's lower-cased e-mail, if the row names one
    existing_manager: object = None  # the manager's User when they are not in the file
    changes: tuple = ()

    @property
    def action(self):
        if self.person is None:
            return CREATE
        return UPDATE if self.changes else UNCHANGED

    def as_row(self):
        return CohortRow(self.line, self.email, self.name, self.action, self.changes)


class _Catalogue:
    """Roles and levels by the names people write in the file (two queries)."""

    def __init__(self):
        self.roles = list(RolePage.objects.order_by("path"))
        self.levels = list(LevelPage.objects.order_by("path"))
        self._roles_by_name = {}
        for role in self.roles:
            for name in {role.short_name.lower(), role.title.lower()}:
                self._roles_by_name.setdefault(name, []).append(role)

    def roles_named(self, name):
        return self._roles_by_name.get(name.lower(), [])

    def levels_of(self, role):
        return [level for level in self.levels if _is_child(level, role)]

    def levels_named(self, name, *, role=None):
        wanted = name.lower()
        candidates = self.levels if role is None else self.levels_of(role)
        return [
            level
            for level in candidates
            if wanted in {level.short_name.lower(), level.title.lower()}
        ]

    def role_of(self, level):
        return next((role for role in self.roles if _is_child(level, role)), None)


def _is_child(level, role):
    # What Page.is_child_of compares, without a query per pair.
    return level.path[: -Page.steplen] == role.path


def _plan(records):
    """Check every record; return the resolved rows and every error found.

    Five queries whatever the number of rows: roles, levels, the people the
    file names, usernames already taken, and (when the rows are fine) the
    current reporting lines."""
    User = get_user_model()
    catalogue = _Catalogue()
    emails = {r.cells["email"].lower() for r in records} - {""}
    managers = {r.cells.get("manager", "").lower() for r in records} - {""}
    existing = {
        person.email_key: person
        for person in User.objects.annotate(email_key=Lower("email"))
        .filter(email_key__in=emails | managers)
        .select_related("role", "level", "manager")
    }
    # Sign-in accepts a username or an e-mail: a new person's e-mail must not
    # be somebody else's username.
    taken_usernames = {
        person.username_key: person
        for person in User.objects.annotate(username_key=Lower("username")).filter(
            username_key__in=emails - set(existing)
        )
    }
    in_file = {}
    for record in records:
        in_file.setdefault(record.cells["email"].lower(), record)

    context = {
        "catalogue": catalogue,
        "existing": existing,
        "taken_usernames": taken_usernames,
        "in_file": in_file,
        "first_line_of": {},
    }
    plan = []
    errors = []
    for record in records:
        item, row_errors = _check_record(record, **context)
        errors.extend(row_errors)
        if item is not None:
            plan.append(item)
    if errors:
        return [], errors
    errors = _loops(plan, existing=existing)
    if errors:
        return [], errors
    for item in plan:
        item.changes = _changes(item, in_file=in_file)
    return plan, []


def _check_record(record, *, catalogue, existing, taken_usernames, in_file, first_line_of):
    """Check one row; return a ``_Planned`` (or None) and the row's errors."""
    cells = record.cells
    errors = []

    def error(message):
        errors.append(CohortError(record.line, message))

    email, key, person = _check_email(
        cells["email"],
        line=record.line,
        existing=existing,
        taken_usernames=taken_usernames,
        first_line_of=first_line_of,
        error=error,
    )
    is_new = person is None
    values = {}

    # Name: "First Last"; the first word is the first name, the rest the last.
    name = " ".join(cells["name"].split())
    if not name:
        error(_("The name is missing."))
    elif person is None or name != " ".join(person.get_full_name().split()):
        first_name, _space, last_name = name.partition(" ")
        if max(len(first_name), len(last_name)) > _NAME_MAX_LENGTH:
            error(_("The name is too long."))
        values["first_name"] = first_name
        values["last_name"] = last_name

    role = _check_role(cells["role"], is_new=is_new, catalogue=catalogue, error=error)
    if role is not None:
        values["role"] = role
    if cells.get("level"):
        level = _check_level(
            cells["level"],
            role=role if cells["role"] else getattr(person, "role", None),
            role_given=bool(cells["role"]),
            is_new=is_new,
            catalogue=catalogue,
            error=error,
        )
        if level is not None:
            values["level"] = level
    elif (
        role is not None
        and person is not None
        and person.level_id
        and not _is_child(person.level, role)
    ):
        # A new role without a level: the old level belongs to the old role.
        values["level"] = None

    manager_key, existing_manager = _check_manager(
        cells.get("manager", ""), key=key, existing=existing, in_file=in_file, error=error
    )

    start_date = cells["start_date"]
    if start_date:
        try:
            if not _ISO_DATE.fullmatch(start_date):
                raise ValueError(start_date)
            values["start_date"] = datetime.date.fromisoformat(start_date)
        except ValueError:
            error(
                _("“%(value)s” is not a date written as YYYY-MM-DD (e.g. 2025-09-01).")
                % {"value": start_date}
            )
    elif is_new:
        error(_("A new person needs a start date."))

    language = cells.get("language", "").lower()
    if language:
        languages = dict(settings.LANGUAGES)
        if language in languages:
            values["preferred_language"] = language
        else:
            error(
                _("Unknown language “%(value)s”. Use one of: %(codes)s.")
                % {"value": cells["language"], "codes": ", ".join(languages)}
            )

    if errors:
        return None, errors
    item = _Planned(
        line=record.line,
        email=email,
        key=key,
        name=name,
        person=person,
        values=values,
        manager_key=manager_key,
        existing_manager=existing_manager,
    )
    return item, []


def _check_email(email, *, line, existing, taken_usernames, first_line_of, error):
    """The row's e-mail, its lower-cased key and the existing person it names."""
    if not email:
        error(_("The e-mail address is missing."))
        return email, "", None
    try:
        validate_email(email)
    except ValidationError:
        error(_("“%(email)s” is not a valid e-mail address.") % {"email": email})
        return email, "", None
    key = email.lower()
    if key in first_line_of:
        error(
            _("%(email)s is also on line %(line)s; list each person once.")
            % {"email": email, "line": first_line_of[key]}
        )
    else:
        first_line_of[key] = line
    person = existing.get(key)
    if person is None:
        if len(email) > _USERNAME_MAX_LENGTH:
            error(
                _("The e-mail address is longer than %(max)d characters.")
                % {"max": _USERNAME_MAX_LENGTH}
            )
        if key in taken_usernames:
            error(
                _("%(email)s is already the username of %(person)s.")
                % {"email": email, "person": taken_usernames[key]}
            )
    return email, key, person


def _check_role(name, *, is_new, catalogue, error):
    if not name:
        if is_new:
            error(_("A new person needs a role."))
        return None
    roles = catalogue.roles_named(name)
    if not roles:
        error(
            _("There is no role “%(role)s”. The roles are: %(roles)s.")
            % {
                "role": name,
                "roles": ", ".join(role.short_name for role in catalogue.roles) or "—",
            }
        )
        return None
    if len(roles) > 1:
        error(_("More than one role is called “%(role)s”; use its short name.") % {"role": name})
        return None
    return roles[0]


def _check_level(name, *, role, role_given, is_new, catalogue, error):
    if role is None:
        # An unknown or missing role has been reported already.
        if not role_given and not is_new:
            error(_("Give the role that level “%(level)s” belongs to.") % {"level": name})
        return None
    levels = catalogue.levels_named(name, role=role)
    if len(levels) == 1:
        return levels[0]
    if levels:
        error(
            _("More than one level of %(role)s is called “%(level)s”.")
            % {"role": role.short_name, "level": name}
        )
        return None
    elsewhere = catalogue.levels_named(name)
    if elsewhere:
        error(
            _("“%(level)s” is a level of %(other)s, not of %(role)s.")
            % {
                "level": name,
                "other": catalogue.role_of(elsewhere[0]).short_name,
                "role": role.short_name,
            }
        )
    else:
        error(
            _("%(role)s has no level “%(level)s”. Its levels are: %(levels)s.")
            % {
                "role": role.short_name,
                "level": name,
                "levels": ", ".join(level.short_name for level in catalogue.levels_of(role)) or "—",
            }
        )
    return None


def _check_manager(email, *, key, existing, in_file, error):
    """The manager's key and, when they are not in the file, their User."""
    if not email:
        return None, None
    manager_key = email.lower()
    if manager_key == key:
        error(_("A person cannot be their own manager."))
        return None, None
    if manager_key in in_file:
        return manager_key, None
    manager = existing.get(manager_key)
    if manager is None:
        error(
            _("Nobody with the e-mail %(email)s is in the Sales Map or in this file.")
            % {"email": email}
        )
        return None, None
    if not manager.is_active:
        error(
            _("%(manager)s (%(email)s) has left: their account is inactive.")
            % {"manager": manager, "email": email}
        )
        return None, None
    return manager_key, manager


def _loops(plan, *, existing):
    """Errors for rows whose manager would lead, up the line, back to the person.

    Walks the reporting line as it would be after the import: the file's
    managers over the current ones (one query for the current lines)."""
    User = get_user_model()
    current = dict(User.objects.filter(manager__isnull=False).values_list("pk", "manager_id"))
    planned = {item.key: item for item in plan}
    key_of_pk = {item.person.pk: item.key for item in plan if item.person is not None}

    # A person is ("key", e-mail) when the file lists them, else ("pk", id).
    def node_for_pk(pk):
        return ("key", key_of_pk[pk]) if pk in key_of_pk else ("pk", pk)

    def manager_of(node):
        kind, value = node
        if kind == "key":
            item = planned[value]
            if item.manager_key:
                if item.manager_key in planned:
                    return ("key", item.manager_key)
                return node_for_pk(existing[item.manager_key].pk)
            if item.person is None:
                return None
            value = item.person.pk
        manager_pk = current.get(value)
        return None if manager_pk is None else node_for_pk(manager_pk)

    errors = []
    for item in plan:
        if not item.manager_key:
            continue
        start = ("key", item.key)
        seen = {start}
        node = manager_of(start)
        while node is not None and node not in seen:
            seen.add(node)
            node = manager_of(node)
        if node == start:
            errors.append(
                CohortError(
                    item.line,
                    _(
                        "This would make a loop in the reporting line: %(email)s already "
                        "reports (directly or not) to this person."
                    )
                    % {"email": item.manager_key},
                )
            )
    return errors


def _changes(item, *, in_file):
    """What the row changes, as labels with displayable old and new values."""
    person = item.person
    changes = []
    for name, new in item.values.items():
        old = getattr(person, name) if person is not None else None
        if person is not None and old == new:
            continue
        if person is None and new in ("", None):
            continue
        changes.append(FieldChange(_label(name), _display(name, old), _display(name, new)))
    if item.manager_key:
        old = person.manager if person is not None else None
        if old is None or old.email.lower() != item.manager_key:
            if item.manager_key in in_file:
                new = in_file[item.manager_key].cells["email"]
            else:
                new = item.existing_manager.email
            changes.append(FieldChange(_label("manager"), old.email if old else "", new))
    return tuple(changes)


def _label(name):
    return str(get_user_model()._meta.get_field(name).verbose_name).capitalize()


def _display(name, value):
    if value is None:
        return ""
    if name == "preferred_language":
        return str(dict(settings.LANGUAGES).get(value, value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, RolePage | LevelPage):
        return value.short_name or value.title
    return str(value)


# Writing ------------------------------------------------------------------


def _apply(plan, *, invited_by, send_invitations):
    """Write the checked plan inside the caller's transaction; return the
    number of invitations scheduled for after the commit."""
    User = get_user_model()
    planned_keys = {item.key for item in plan}
    saved = {}
    created = []
    waiting_for_manager = []
    for item in plan:
        person = item.person
        if item.action == UNCHANGED:
            saved[item.key] = person
            continue
        if person is None:
            person = User(username=item.email, email=item.email)
            person.set_unusable_password()
        for name, value in item.values.items():
            setattr(person, name, value)
        fields = list(item.values)
        if item.manager_key:
            if item.manager_key not in planned_keys:
                person.manager = item.existing_manager
                fields.append("manager")
            elif item.manager_key in saved:
                person.manager = saved[item.manager_key]
                fields.append("manager")
            else:
                waiting_for_manager.append(item)  # listed further down the file
        level_before = item.person.level_id if item.person is not None else None
        if item.person is None:
            person.save()
            created.append(person)
        else:
            # Only the fields the file gives: a concurrent edit of others survives.
            person.save(update_fields=fields)
        if person.level_id and person.level_id != level_before:
            record_admin_move(person=person, from_level_id=level_before, by=invited_by)
        saved[item.key] = person
    for item in waiting_for_manager:
        person = saved[item.key]
        person.manager = saved[item.manager_key]
        person.save(update_fields=["manager"])
    if created:
        Group.objects.get(name=groups.NEW_HIRES).user_set.add(*created)
    if not send_invitations:
        return 0
    for person in created:
        transaction.on_commit(
            partial(send_invitation, person=person, invited_by=invited_by), robust=True
        )
    return len(created)
