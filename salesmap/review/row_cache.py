"""Team rows kept in the cache, each under a key made of everything it was
computed from, so a row is never stale and a department's table does not
recompute hundreds of level plans on every view.

A row's figures depend on the person (role, level, start), on the day (this
week, due dates), on the content (lessons, quizzes, level plans, standards:
any publish, unpublish or deletion of a page or a quiz) and on the person's
own records. ``change_stamps`` reads, for everyone at once, a stamp of each
kind of record (how many, the newest id and the latest moment): any new,
changed or deleted record changes the stamp, and with it the key. Rows whose
key is in the cache are taken from it; the others are computed in one batch
(``selectors.team_rows``) and stored.

Queries: the stamps (7) and the content version (5), whatever the number of
people; plus ``team_rows``' own (about 20) when some rows are missing.
The cache is Django's default cache: shared Redis with several app servers
(see README, Production), local memory otherwise.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import CharField, Count, Max, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from lessons.models import LessonProgress
from quizzes.models import Attempt, Quiz
from salesmap.practice.models import Evaluation
from salesmap.progression.models import LevelChange, LevelRequirement, SignOff, Waiver
from standards.models import Acknowledgement

from . import selectors

KEY_PREFIX = "review:team-row:v1"
# Keys change with the data, so old entries are simply never read again;
# they expire after a day.
TIMEOUT = 24 * 60 * 60


@dataclass(frozen=True)
class PlanSummary:
    """What the team table reads of a level plan, small enough to cache."""

    percent: int
    ready: bool
    overdue: tuple  # titles of the overdue items
    work_left: bool

    @classmethod
    def of(cls, plan):
        return cls(
            percent=plan.percent,
            ready=plan.ready,
            overdue=tuple(item.requirement.title for item in plan.overdue),
            work_left=plan.work_left,
        )


# (model, the person field, the moments that change when a record does)
_RECORDS = (
    (LessonProgress, "person_id", ("last_active_at", "completed_at")),
    (Attempt, "person_id", ("last_activity_at", "submitted_at", "graded_at")),
    (Evaluation, "person_id", ("created_at",)),
    (SignOff, "person_id", ("signed_at",)),
    (Waiver, "person_id", ("waived_at",)),
    (Acknowledgement, "person_id", ("acknowledged_at",)),
    (LevelChange, "person_id", ("recorded_at",)),
)


def change_stamps(person_ids):
    """{person_id: stamp} over every kind of record a team row reads, for
    ``person_ids`` (ids, or a query of them). Seven queries."""
    stamps = defaultdict(list)
    for model, person_field, moments in _RECORDS:
        aggregates = {"n": Count("pk"), "top": Max("pk")}
        # As text: the stamp only needs to change, and text costs nothing to read.
        aggregates.update({moment: Cast(Max(moment), CharField()) for moment in moments})
        rows = (
            model.objects.filter(**{f"{person_field}__in": person_ids})
            .values(person_field)
            .annotate(**aggregates)
            .values_list(person_field, *aggregates)
        )
        for person_id, *values in rows:
            stamps[person_id].append((model._meta.label, *values))
    return {pk: repr(stamp) for pk, stamp in stamps.items()}  # the unrecorded have none


def content_version():
    """A stamp of the content rows are computed from: pages (lessons, courses,
    level plans, standards) and quizzes. Any publish, unpublish, move,
    deletion or edit in the admin writes a log entry or changes the
    aggregates, and so does a plan item added or removed outside the editor.
    Five queries."""
    pages = Page.objects.aggregate(
        n=Count("pk"),
        live=Count("pk", filter=Q(live=True)),
        published=Max("last_published_at"),
        revision=Max("latest_revision_id"),
    )
    quizzes = Quiz.objects.aggregate(
        n=Count("pk"),
        live=Count("pk", filter=Q(live=True)),
        published=Max("last_published_at"),
        revision=Max("latest_revision_id"),
    )
    logged = (
        PageLogEntry.objects.aggregate(top=Max("pk"))["top"],
        ModelLogEntry.objects.aggregate(top=Max("pk"))["top"],
    )
    plans = LevelRequirement.objects.aggregate(n=Count("pk"), top=Max("pk"))
    return repr((sorted(pages.items()), sorted(quizzes.items()), logged, sorted(plans.items())))


def _key(person, today, version, stamp):
    basis = repr((version, today.isoformat(), person.role_id, person.level_id, person.start_date))
    digest = hashlib.blake2b(f"{basis}|{stamp}".encode(), digest_size=16).hexdigest()
    return f"{KEY_PREFIX}:{person.pk}:{digest}"


def _cached_form(row):
    """The row without the person (re-attached on reading) and with its plan summarised."""
    plan = PlanSummary.of(row.plan) if row.plan is not None else None
    return replace(row, person=None, plan=plan, flags=[])


def team_rows(people, *, today=None, among=None):
    """``selectors.team_rows`` for the team table, from the cache where the
    rows' keys are there. Plans are ``PlanSummary`` objects; flags are worked
    out on reading, so a change of thresholds in settings shows at once.
    ``among``: the query ``people`` came from, if any (the stamps then filter
    by it inside the database instead of by a list of ids)."""
    today = today or timezone.localdate()
    people = list(people)
    if not people:
        return []
    version = content_version()
    stamps = change_stamps(
        among.values("pk") if among is not None else [person.pk for person in people]
    )
    keys = {person.pk: _key(person, today, version, stamps.get(person.pk)) for person in people}
    cached = cache.get_many(list(keys.values()))
    missing = [person for person in people if keys[person.pk] not in cached]
    fresh = {}
    if missing:
        for row in selectors.team_rows(missing, today=today):
            fresh[row.person.pk] = _cached_form(row)
        cache.set_many({keys[pk]: row for pk, row in fresh.items()}, timeout=TIMEOUT)
    rows = []
    limits = selectors.thresholds()
    for person in people:
        stored = fresh.get(person.pk) or cached[keys[person.pk]]
        row = replace(stored, person=person, today=today)
        row.flags = selectors.flags_of(row, limits)
        rows.append(row)
    return rows
