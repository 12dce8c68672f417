"""The team table and heatmap: many people's progress, read from the other
apps' records in a fixed number of queries whatever the size of the team.

Nothing here is stored: every figure is computed from lesson progress and
learning days, quiz attempts, evaluations, acknowledgements, sign-offs and
waivers each time (through those apps' selectors). Who is in ``people`` is
the caller's business: views pass what ``access.people_for_team_view`` gives.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lessons import selectors as lesson_selectors
from quizzes import selectors as quiz_selectors
from salesmap.progression import selectors as progression_selectors

from .conf import setting

# Flags, in the order the table shows them (and sorts by).
STALLED = "stalled"
BEHIND = "behind"
LOW_SCORES = "low_scores"
TIME_HIGH = "time_high"
TIME_LOW = "time_low"

FLAG_LABELS = {
    STALLED: _("Stalled"),
    BEHIND: _("Behind plan"),
    LOW_SCORES: _("Low scores"),
    TIME_HIGH: _("Above estimate"),
    TIME_LOW: _("Below estimate"),
}


@dataclass(frozen=True)
class Flag:
    """A flag and the figure behind it: days inactive, items overdue, a
    percent (``basis`` "average" or "latest") or a time ratio. The words are
    written when shown, in the reader's language, so a large table only
    formats the rows on screen."""

    key: str
    figure: object = None
    basis: str = ""

    @property
    def label(self):
        return FLAG_LABELS[self.key]

    @property
    def detail(self):
        figure = self.figure
        if self.key == STALLED:
            return ngettext(
                "%(count)s day without activity", "%(count)s days without activity", figure
            ) % {"count": figure}
        if self.key == BEHIND:
            return ngettext("%(count)s item overdue", "%(count)s items overdue", figure) % {
                "count": figure
            }
        if self.key == LOW_SCORES:
            if self.basis == "average":
                return _("average %(percent)s%%") % {"percent": round(figure)}
            return _("latest %(percent)s%%") % {"percent": round(figure)}
        # In the reader's number format, like the table's ratio column ("2,5×" in Russian).
        return _("%(ratio)s× the estimate") % {"ratio": number_format(figure, 1)}


@dataclass
class TeamRow:
    """One person's line in the team table."""

    person: object
    today: date
    plan: object = None  # progression LevelPlan, or None without a level
    lessons_done: int = 0
    lessons_assigned: int = 0
    week_seconds: int = 0
    total_seconds: int = 0
    estimated_seconds: int = 0  # the estimates of the lessons they opened
    completed_seconds: int = 0  # active time on completed lessons (with an estimate)
    completed_estimate: int = 0  # the estimates of those lessons
    completed_count: int = 0
    quizzes: quiz_selectors.ResultsSummary = field(default_factory=quiz_selectors.ResultsSummary)
    last_lesson_at: datetime | None = None
    flags: list = field(default_factory=list)

    @property
    def days_since_start(self):
        start = self.person.start_date
        return (self.today - start).days if start else None

    @property
    def plan_percent(self):
        return self.plan.percent if self.plan is not None else None

    @property
    def overdue_count(self):
        return len(self.plan.overdue) if self.plan is not None else 0

    @property
    def ready(self):
        return self.plan is not None and self.plan.ready

    @property
    def lessons_percent(self):
        if not self.lessons_assigned:
            return None
        return min(100, round(100 * self.lessons_done / self.lessons_assigned))

    @property
    def time_ratio(self):
        """Active time on completed lessons over their estimate (None before
        enough lessons are completed to say)."""
        if self.completed_count < setting("TIME_MIN_LESSONS") or not self.completed_estimate:
            return None
        return self.completed_seconds / self.completed_estimate

    @property
    def last_active_at(self):
        moments = [m for m in (self.last_lesson_at, self.quizzes.last_active_at) if m]
        return max(moments) if moments else None

    @property
    def days_inactive(self):
        """Whole days since the last lesson or quiz activity; since the start
        date for someone who never began (None when neither is known)."""
        last = self.last_active_at
        if last is not None:
            return max(0, (self.today - timezone.localdate(last)).days)
        if self.person.start_date:
            return max(0, (self.today - self.person.start_date).days)
        return None

    @property
    def has_work_left(self):
        """Whether something is left to do: an item of the level plan, or a
        lesson meant for their role. Nobody with nothing to do is stalled."""
        plan_left = self.plan is not None and self.plan.work_left
        return plan_left or self.lessons_done < self.lessons_assigned

    @property
    def flag_keys(self):
        return [flag.key for flag in self.flags]


def with_relations(people):
    """``people`` (a queryset) as a list, each with their role, level and
    manager attached: three small queries for the few distinct roles, levels
    and managers, instead of joining the same pages and managers onto every
    row (which costs far more to read at department size)."""
    from django.contrib.auth import get_user_model

    from salesmap.progression.models import LevelPage, RolePage

    people = list(people)
    roles = RolePage.objects.in_bulk({p.role_id for p in people if p.role_id})
    levels = LevelPage.objects.in_bulk({p.level_id for p in people if p.level_id})
    by_pk = {person.pk: person for person in people}
    wanted = {p.manager_id for p in people if p.manager_id} - set(by_pk)
    managers = {**get_user_model().objects.in_bulk(wanted), **by_pk}
    for person in people:
        person.role = roles.get(person.role_id)
        person.level = levels.get(person.level_id)
        person.manager = managers.get(person.manager_id)
    return people


def week_start(today):
    """Monday of ``today``'s week: "this week" for active time."""
    return today - timedelta(days=today.weekday())


def team_rows(people, *, today=None, catalogue=None):
    """A ``TeamRow`` for each of ``people`` (a queryset or list with ``role``
    and ``level`` selected), in their order.

    Queries, whatever the number of people, lessons or records: the people
    (1, when a queryset), the lesson catalogue (3), lesson records (1),
    learning days this week (1), quiz results (1) and the level plans
    (about 15, see ``progression.selectors.plans_for``).
    """
    today = today or timezone.localdate()
    people = list(people)
    if not people:
        return []
    catalogue = catalogue if catalogue is not None else lesson_selectors.catalogue()
    by_pk = catalogue.by_pk
    records = lesson_selectors.progress_of_people(people)
    week = lesson_selectors.learning_seconds_since(people, week_start(today))
    quizzes = quiz_selectors.results_summaries(people)
    plans = progression_selectors.plans_for(people, today=today)
    assigned_by_role = {}
    limits = thresholds()
    rows = []
    for person in people:
        if person.role_id not in assigned_by_role:
            assigned_by_role[person.role_id] = {
                lesson.pk for lesson in catalogue.for_role(person.role_id)
            }
        assigned = assigned_by_role[person.role_id]
        row = TeamRow(
            person,
            today,
            plan=plans.get(person.pk),
            lessons_assigned=len(assigned),
            week_seconds=week.get(person.pk, 0),
            quizzes=quizzes.get(person.pk) or quiz_selectors.ResultsSummary(),
        )
        for record in records.get(person.pk, []):
            lesson = by_pk.get(record.lesson_ref)
            row.total_seconds += record.active_seconds
            if row.last_lesson_at is None or record.last_active_at > row.last_lesson_at:
                row.last_lesson_at = record.last_active_at
            if record.completed_at is not None and record.lesson_ref in assigned:
                row.lessons_done += 1
            if lesson is not None:
                row.estimated_seconds += lesson.estimated_seconds
                if record.completed_at is not None:
                    row.completed_count += 1
                    row.completed_seconds += record.active_seconds
                    row.completed_estimate += lesson.estimated_seconds
        row.flags = flags_of(row, limits)
        rows.append(row)
    return rows


def thresholds():
    """The flags' thresholds from settings, read once for a whole table."""
    return {
        name: setting(name)
        for name in ("STALLED_DAYS", "LOW_SCORE_PERCENT", "TIME_HIGH_RATIO", "TIME_LOW_RATIO")
    }


def flags_of(row, limits=None):
    """The row's flags, with the figure behind each, by the thresholds in
    settings (``limits``: ``thresholds()`` read already)."""
    limits = limits or thresholds()
    flags = []
    inactive = row.days_inactive
    if inactive is not None and inactive >= limits["STALLED_DAYS"] and row.has_work_left:
        flags.append(Flag(STALLED, inactive))
    if row.plan is not None and row.plan.overdue:
        flags.append(Flag(BEHIND, len(row.plan.overdue)))
    low = limits["LOW_SCORE_PERCENT"]
    summary = row.quizzes
    if summary.average_percent is not None and summary.average_percent < low:
        flags.append(Flag(LOW_SCORES, summary.average_percent, "average"))
    elif summary.latest_percent is not None and summary.latest_percent < low:
        flags.append(Flag(LOW_SCORES, summary.latest_percent, "latest"))
    ratio = row.time_ratio
    if ratio is not None:
        if ratio > limits["TIME_HIGH_RATIO"]:
            flags.append(Flag(TIME_HIGH, ratio))
        elif ratio < limits["TIME_LOW_RATIO"]:
            flags.append(Flag(TIME_LOW, ratio))
    return flags


# Sorting: each key orders rows ascending; missing values always sort last.
SORTS = {
    "name": lambda row: str(row.person).casefold(),
    "level": lambda row: row.person.level.title.casefold() if row.person.level_id else None,
    "start": lambda row: row.days_since_start,
    "progress": lambda row: row.plan_percent,
    "overdue": lambda row: row.overdue_count,
    "lessons": lambda row: row.lessons_percent,
    "week": lambda row: row.week_seconds,
    "time": lambda row: row.time_ratio,
    "average": lambda row: row.quizzes.average_percent,
    "latest": lambda row: row.quizzes.latest_percent,
    "marking": lambda row: row.quizzes.waiting_for_marking,
    "activity": lambda row: row.days_inactive,
    "flags": lambda row: -len(row.flags),
}
DEFAULT_SORT = "name"


def sort_rows(rows, key):
    """Rows ordered by ``key`` (a SORTS key, "-" for descending); ties and
    missing values keep the name order, missing values last."""
    descending = key.startswith("-")
    value = SORTS[key.lstrip("-")]
    rows = sorted(rows, key=SORTS["name"])
    present = [row for row in rows if value(row) is not None]
    missing = [row for row in rows if value(row) is None]
    present.sort(key=value, reverse=descending)
    return present + missing


def matches(person, *, query="", role_id=None):
    """Whether the person's name or username contains ``query`` and they are of the role."""
    if role_id is not None and person.role_id != role_id:
        return False
    needle = query.casefold()
    return not needle or needle in str(person).casefold() or needle in person.username.casefold()


def filter_rows(rows, *, flag="", query="", role_id=None):
    """Rows with the ``flag`` ("any": with any flag) whose person ``matches``."""
    if flag == "any":
        rows = [row for row in rows if row.flags]
    elif flag:
        rows = [row for row in rows if flag in row.flag_keys]
    return [row for row in rows if matches(row.person, query=query, role_id=role_id)]


# The heatmap ---------------------------------------------------------------

NOT_ASSIGNED = "not_assigned"
NOT_STARTED = "not_started"
STARTED = "started"
DONE = "done"
PASSED = "passed"
FAILED = "failed"
WAITING = "waiting"


@dataclass
class Cell:
    state: str
    percent: object = None  # the quiz score (counted attempt), or the reading share

    @property
    def band(self):
        """A colour band for the score: 0 (weak) to 4 (strong); None without a score."""
        if self.percent is None:
            return None
        return min(4, int(self.percent) // 25)


@dataclass
class Column:
    key: int
    title: str
    group: str = ""  # the course, for lessons
    url: str = ""
    cells_done: int = 0
    cells_assigned: int = 0
    scores: list = field(default_factory=list)

    @property
    def done_percent(self):
        if not self.cells_assigned:
            return None
        return round(100 * self.cells_done / self.cells_assigned)

    @property
    def average(self):
        return round(sum(self.scores) / len(self.scores)) if self.scores else None


@dataclass
class Heatmap:
    of: str  # "lessons" or "quizzes"
    columns: list
    rows: list  # [(person, [Cell])]

    @property
    def weakest(self):
        """The column most of the team has not completed or scores lowest on."""
        scored = [c for c in self.columns if c.done_percent is not None]
        if not scored:
            return None
        return min(
            scored, key=lambda c: (c.done_percent, c.average if c.average is not None else 101)
        )


def heatmap(people, *, of="lessons", catalogue=None):
    """People × lessons (completion, and the lesson quiz's score) or people ×
    quizzes (the counted score, pass or fail). Columns are the lessons meant
    for any of the people's roles, in course order, or the quizzes of those
    lessons and of anything they attempted. Fixed queries: the catalogue
    (3), lesson records (1) and quiz results (1), plus quiz titles (1)."""
    people = list(people)
    catalogue = catalogue if catalogue is not None else lesson_selectors.catalogue()
    assigned_by_role = {}
    for person in people:
        if person.role_id not in assigned_by_role:
            assigned_by_role[person.role_id] = {
                lesson.pk for lesson in catalogue.for_role(person.role_id)
            }
    wanted = set().union(*assigned_by_role.values()) if assigned_by_role else set()
    lessons = [lesson for lesson in catalogue.lessons if lesson.pk in wanted]
    if of == "quizzes":
        return _quiz_heatmap(people, lessons, assigned_by_role)
    records = lesson_selectors.progress_of_people(people)
    quiz_ids = {lesson.quiz_id for lesson in lessons if lesson.quiz_id}
    counted = quiz_selectors.counted_results(people, quiz_ids) if quiz_ids else {}
    columns = [
        Column(lesson.pk, lesson.title, catalogue.courses.get(lesson.course_id, ""))
        for lesson in lessons
    ]
    rows = []
    for person in people:
        mine = {record.lesson_ref: record for record in records.get(person.pk, [])}
        assigned = assigned_by_role[person.role_id]
        cells = []
        for lesson, column in zip(lessons, columns, strict=True):
            if lesson.pk not in assigned:
                cells.append(Cell(NOT_ASSIGNED))
                continue
            column.cells_assigned += 1
            record = mine.get(lesson.pk)
            result = counted.get((person.pk, lesson.quiz_id)) if lesson.quiz_id else None
            percent = result.percent if result is not None else None
            if percent is not None:
                column.scores.append(percent)
            if record is not None and record.completed_at is not None:
                column.cells_done += 1
                cells.append(Cell(DONE, percent))
            elif record is not None:
                cells.append(Cell(STARTED, percent))
            else:
                cells.append(Cell(NOT_STARTED))
        rows.append((person, cells))
    return Heatmap("lessons", columns, rows)


def _quiz_heatmap(people, lessons, assigned_by_role):
    standings = quiz_selectors.results_by_quiz(people)
    lesson_quizzes = {}
    for lesson in lessons:
        if lesson.quiz_id:
            lesson_quizzes.setdefault(lesson.quiz_id, set()).add(lesson.pk)
    attempted = {quiz_id for (_person, quiz_id) in standings}
    titles = quiz_selectors.quiz_titles(set(lesson_quizzes) | attempted)
    columns = [Column(pk, title) for pk, title in titles]
    rows = []
    for person in people:
        assigned = assigned_by_role[person.role_id]
        cells = []
        for column in columns:
            result = standings.get((person.pk, column.key))
            meant = bool(lesson_quizzes.get(column.key, set()) & assigned)
            if result is None:
                if meant:
                    column.cells_assigned += 1
                cells.append(Cell(NOT_STARTED if meant else NOT_ASSIGNED))
                continue
            column.cells_assigned += 1
            if result.counted is not None:
                column.scores.append(result.counted.percent)
                if result.counted.passed:
                    column.cells_done += 1
                state = PASSED if result.counted.passed else FAILED
                cells.append(Cell(state, result.counted.percent))
            elif result.state == result.NEEDS_MARKING:
                cells.append(Cell(WAITING))
            else:
                cells.append(Cell(STARTED))
        rows.append((person, cells))
    return Heatmap("quizzes", columns, rows)
