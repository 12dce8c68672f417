"""My team: the table of a manager's people (or Sales Ops' department), its
export, and the heatmap. Who is listed is decided by the access module."""

from collections import OrderedDict

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from quizzes.reports import FORMULA_STARTS
from salesmap.people import access

from .. import row_cache, selectors
from ..conf import setting

SCOPES = ("direct", "subtree")
# The table's columns: (sort key, heading, numeric).
COLUMNS = [
    ("name", gettext_lazy("Name"), False),
    ("flags", gettext_lazy("Flags"), False),
    ("level", gettext_lazy("Role and level"), False),
    ("start", gettext_lazy("Days in"), True),
    ("progress", gettext_lazy("Level progress"), False),
    ("overdue", gettext_lazy("Overdue"), True),
    ("lessons", gettext_lazy("Lessons"), True),
    ("week", gettext_lazy("This week"), True),
    ("time", gettext_lazy("Total vs estimate"), True),
    ("average", gettext_lazy("Quizzes: average, latest"), True),
    ("marking", gettext_lazy("To mark"), True),
    ("activity", gettext_lazy("Last active"), True),
]
HEATMAP_KINDS = ("lessons", "quizzes")
# People per page of the table and of the heatmap: a department of thousands
# rendered at once is tens of megabytes of HTML.
PER_PAGE = 50


class TeamRequest:
    """The table's query string, checked: scope, sort, flag, role, search and
    page. ``errors`` lists what was not understood (the view answers 400).
    ``page`` is a whole number from 1 (past the last page is the views'
    business: they show the last one)."""

    def __init__(self, request):
        params = request.GET
        self.errors = []
        self.scope = params.get("scope") or "direct"
        if self.scope not in SCOPES:
            self.errors.append(_("Unknown scope: choose direct reports or the whole team."))
        self.sort = params.get("sort") or selectors.DEFAULT_SORT
        if self.sort.lstrip("-") not in selectors.SORTS:
            self.errors.append(_("Unknown column to sort by."))
        self.flag = params.get("flag", "")
        if self.flag and self.flag != "any" and self.flag not in selectors.FLAG_LABELS:
            self.errors.append(_("Unknown flag."))
        self.query = params.get("q", "").strip()[:100]
        self.role_id = None
        if params.get("role"):
            try:
                self.role_id = int(params["role"])
            except ValueError:
                self.errors.append(_("Unknown role."))
        self.page = 1
        if params.get("page"):
            try:
                self.page = int(params["page"])
            except ValueError:
                self.page = 0
            if self.page < 1:
                self.errors.append(_("Unknown page: pages are numbered from 1."))

    @property
    def whole_subtree(self):
        return self.scope == "subtree"


def _team_query(request, whole_subtree):
    if not access.may_open_team_view(request.user):
        raise PermissionDenied
    return access.people_for_team_view(request.user, whole_subtree=whole_subtree).order_by(
        "first_name", "last_name", "username"
    )


def _team_people(request, whole_subtree):
    return selectors.with_relations(_team_query(request, whole_subtree))


def _rows(request, params):
    query = _team_query(request, params.whole_subtree)
    people = selectors.with_relations(query)
    # From the cache where nothing a row depends on has changed (see row_cache).
    rows = row_cache.team_rows(people, today=timezone.localdate(), among=query)
    shown = selectors.filter_rows(
        rows, flag=params.flag, query=params.query, role_id=params.role_id
    )
    return rows, selectors.sort_rows(shown, params.sort)


def _headings(current):
    """Each column's heading with the link that sorts by it (again: reversed)
    and its aria-sort state (the template builds the links)."""
    headings = []
    for key, label, numeric in COLUMNS:
        state = None
        if current.lstrip("-") == key:
            state = "descending" if current.startswith("-") else "ascending"
        target = f"-{key}" if state == "ascending" else key
        headings.append(
            {
                "key": key,
                "label": label,
                "numeric": numeric,
                "target": target,
                "aria_sort": state,
            }
        )
    return headings


def _page(items, number):
    """The ``number``th page of ``items`` (a page past the end is the last
    one: the team may have shrunk since the link was made)."""
    return Paginator(items, PER_PAGE).get_page(number)


def _page_numbers(page):
    """The page numbers to link, with ``Paginator.ELLIPSIS`` for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _bad_request(errors):
    return HttpResponseBadRequest(
        " ".join(str(error) for error in errors), content_type="text/plain"
    )


@require_GET
def my_team(request):
    """The team table: everyone's progress, flags, sortable and filterable,
    ``PER_PAGE`` people a page (``?page=N``).

    Sorting, the flag, search and role filters, the flag chips' counts and the
    totals work over all the people; only the rows displayed are paginated.
    A page that is not a whole number of at least 1 (``abc``, ``0``, ``-1``)
    is a 400 like any other parameter not understood; a page past the last
    one shows the last page, because such a link is usually stale (people
    left the filter or the team since), not wrong."""
    if not access.may_open_team_view(request.user):
        raise PermissionDenied
    params = TeamRequest(request)
    if params.errors:
        return _bad_request(params.errors)
    rows, shown = _rows(request, params)
    page = _page(shown, params.page)
    roles = sorted(
        {row.person.role for row in rows if row.person.role_id}, key=lambda role: role.path
    )
    flag_counts = OrderedDict((key, 0) for key in selectors.FLAG_LABELS)
    for row in rows:
        for key in row.flag_keys:
            flag_counts[key] += 1
    return render(
        request,
        "review/team.html",
        {
            "rows": page.object_list,
            "page_obj": page,
            "pages": _page_numbers(page),
            "total": len(rows),
            "headings": _headings(params.sort),
            "export_query": _query_without_page(request),
            "params": params,
            "roles": roles,
            "flags": [
                {
                    "key": key,
                    "label": selectors.FLAG_LABELS[key],
                    "count": count,
                }
                for key, count in flag_counts.items()
            ],
            "flagged": sum(1 for row in rows if row.flags),
            "whole_subtree": params.whole_subtree,
            "is_sales_ops": access.is_sales_ops(request.user),
            "waiting_for_marking": sum(row.quizzes.waiting_for_marking for row in rows),
            "stalled_days": setting("STALLED_DAYS"),
            "low_score": setting("LOW_SCORE_PERCENT"),
            "time_high": setting("TIME_HIGH_RATIO"),
            "time_low": setting("TIME_LOW_RATIO"),
        },
    )


def _minutes(seconds):
    return round((seconds or 0) / 60)


def _percent(value):
    return round(value) if value is not None else ""


class TeamSpreadsheet(SpreadsheetExportMixin):
    """The team table as CSV or XLSX (Wagtail's export mixin), one row per
    person, with the same figures as the page. Text that a spreadsheet would
    read as a formula is written as text."""

    list_export = [
        "name",
        "username",
        "email",
        "role",
        "level",
        "manager",
        "start_date",
        "days_since_start",
        "plan_percent",
        "overdue",
        "ready",
        "lessons_done",
        "lessons_assigned",
        "week_minutes",
        "total_minutes",
        "estimated_minutes",
        "quiz_average",
        "quiz_latest",
        "waiting_for_marking",
        "last_active",
        "flags",
    ]
    export_headings = {
        "name": gettext_lazy("Name"),
        "username": gettext_lazy("Username"),
        "email": gettext_lazy("E-mail"),
        "role": gettext_lazy("Role"),
        "level": gettext_lazy("Level"),
        "manager": gettext_lazy("Manager"),
        "start_date": gettext_lazy("Start date"),
        "days_since_start": gettext_lazy("Days since start"),
        "plan_percent": gettext_lazy("Level progress (%)"),
        "overdue": gettext_lazy("Overdue items"),
        "ready": gettext_lazy("Ready for promotion"),
        "lessons_done": gettext_lazy("Lessons done"),
        "lessons_assigned": gettext_lazy("Lessons assigned"),
        "week_minutes": gettext_lazy("Active minutes this week"),
        "total_minutes": gettext_lazy("Active minutes in total"),
        "estimated_minutes": gettext_lazy("Estimated minutes of the lessons opened"),
        "quiz_average": gettext_lazy("Average quiz score (%)"),
        "quiz_latest": gettext_lazy("Latest quiz score (%)"),
        "waiting_for_marking": gettext_lazy("Attempts waiting for marking"),
        "last_active": gettext_lazy("Last activity"),
        "flags": gettext_lazy("Flags"),
    }

    def __init__(self, filename):
        self.export_filename = filename

    def to_row_dict(self, row):
        person = row.person
        last = row.last_active_at
        return OrderedDict(
            name=str(person),
            username=person.username,
            email=person.email,
            role=person.role.title if person.role_id else "",
            level=person.level.title if person.level_id else "",
            manager=str(person.manager) if person.manager_id else "",
            start_date=person.start_date or "",
            days_since_start=row.days_since_start if row.days_since_start is not None else "",
            plan_percent=_percent(row.plan_percent),
            overdue=row.overdue_count,
            ready=_("yes") if row.ready else _("no"),
            lessons_done=row.lessons_done,
            lessons_assigned=row.lessons_assigned,
            week_minutes=_minutes(row.week_seconds),
            total_minutes=_minutes(row.total_seconds),
            estimated_minutes=_minutes(row.estimated_seconds),
            quiz_average=_percent(row.quizzes.average_percent),
            quiz_latest=_percent(row.quizzes.latest_percent),
            waiting_for_marking=row.quizzes.waiting_for_marking,
            last_active=timezone.localtime(last).replace(tzinfo=None, microsecond=0)
            if last
            else "",
            flags="; ".join(f"{flag.label} ({flag.detail})" for flag in row.flags),
        )

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        is_text = export_format == self.FORMAT_CSV and isinstance(value, str)
        return f"'{value}" if is_text and value.startswith(FORMULA_STARTS) else value


@require_GET
def export_team(request, file_format):
    """The table as shown (same scope, filters and order) as CSV or XLSX:
    every matching person, not one page."""
    if not access.may_open_team_view(request.user):
        raise PermissionDenied
    if file_format not in SpreadsheetExportMixin.FORMATS:
        raise Http404
    params = TeamRequest(request)
    if params.errors:
        return _bad_request(params.errors)
    _all, shown = _rows(request, params)
    filename = f"team-{timezone.localdate().isoformat()}"
    return TeamSpreadsheet(filename).as_spreadsheet(shown, file_format)


@require_GET
def heatmap(request):
    """People × lessons or quizzes, coloured by completion and score,
    ``PER_PAGE`` people a page (``?page=N``, checked as on the table). The
    columns' completion and averages and the weakest spot are the whole
    team's; only the people's rows displayed are paginated."""
    if not access.may_open_team_view(request.user):
        raise PermissionDenied
    params = TeamRequest(request)
    of = request.GET.get("of") or "lessons"
    if of not in HEATMAP_KINDS:
        params.errors.append(_("Choose lessons or quizzes."))
    if params.errors:
        return _bad_request(params.errors)
    people = [
        person
        for person in _team_people(request, params.whole_subtree)
        if selectors.matches(person, query=params.query, role_id=params.role_id)
    ]
    grid = selectors.heatmap(people, of=of)
    page = _page(grid.rows, params.page)
    return render(
        request,
        "review/heatmap.html",
        {
            "heatmap": grid,
            "page_obj": page,
            "pages": _page_numbers(page),
            "params": params,
            "of": of,
            "whole_subtree": params.whole_subtree,
            "is_sales_ops": access.is_sales_ops(request.user),
        },
    )
