"""Where a person stands on their role's map, computed from the other apps' records.

Nothing here is stored twice: a requirement's status is read each time from
lesson progress, quiz attempts, acknowledgements, evaluations, sign-offs and
waivers, in a fixed number of queries whatever the number of requirements
(see ``onboarding_map``).

The rules, in one place:
- done: the record that fulfils the item exists (a completed lesson, every
  live lesson of a course completed, the counted quiz attempt passed and at
  the minimum score, the current revision acknowledged, N evaluations of the
  kind at the score since the level started, the manager's sign-off). Done
  stays done when the target is deleted later, as far as the record is still
  found (lesson progress is kept by lesson id).
- waived: a manager excused the person, with a reason.
- unavailable: the target was deleted, unpublished or archived and nothing
  fulfils it; shown as "no longer available" and never blocking.
- overdue: not done and past its due day, counted from the first day at the
  level (or from the day the item was added to the plan, when later).
- in progress / not started: whether the person has begun.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from lessons import selectors as lesson_selectors
from quizzes import scoring
from quizzes import selectors as quiz_selectors
from salesmap.practice import selectors as practice_selectors
from standards import selectors as standards_selectors

from .models import LevelChange, LevelPage, LevelRequirement, RolePage, SignOff, Waiver

DONE = "done"
WAIVED = "waived"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"
OVERDUE = "overdue"
UNAVAILABLE = "unavailable"

Kind = LevelRequirement.Kind


@dataclass
class ItemStatus:
    """One requirement as one person stands on it."""

    requirement: LevelRequirement
    state: str
    due_on: date | None = None
    started: bool = False
    achieved_on: date | None = None
    count: int | None = None  # course lessons completed, qualifying evaluations
    of: int | None = None  # course lessons, evaluations needed
    score: object = None  # the quiz's counted percent, the best evaluation percent
    needed: int | None = None  # the percent asked for
    sign_off: SignOff | None = None
    waiver: Waiver | None = None

    @property
    def satisfied(self):
        return self.state in (DONE, WAIVED)

    @property
    def blocking(self):
        """Holds back promotion: required, available and neither done nor waived."""
        return self.requirement.required and self.state in (IN_PROGRESS, NOT_STARTED, OVERDUE)

    @property
    def counts(self):
        """Counts in the level's progress bar: required and not gone."""
        return self.requirement.required and self.state != UNAVAILABLE

    @property
    def percent(self):
        if not self.of:
            return None
        return min(100, round(100 * (self.count or 0) / self.of))


@dataclass
class LevelPlan:
    """The current level's requirements with their status, for one person."""

    level: LevelPage
    items: list
    started_on: date | None
    today: date

    @property
    def counted(self):
        return [item for item in self.items if item.counts]

    @property
    def done_count(self):
        return sum(1 for item in self.counted if item.satisfied)

    @property
    def percent(self):
        counted = self.counted
        return round(100 * self.done_count / len(counted)) if counted else 0

    @property
    def overdue(self):
        return [item for item in self.items if item.state == OVERDUE]

    @property
    def work_left(self):
        """Whether an item still stands between the person and readiness."""
        return any(item.blocking for item in self.items)

    @property
    def ready(self):
        """Ready for promotion: the level has a plan and nothing required is left."""
        return bool(self.items) and not any(item.blocking for item in self.items)

    @property
    def next_up(self):
        """The most urgent undone item: required before optional, then the
        earliest due, then plan order."""
        undone = [
            item
            for item in self.items
            if item.state in (IN_PROGRESS, NOT_STARTED, OVERDUE)
            and item.requirement.kind != Kind.SIGN_OFF
        ] or [item for item in self.items if item.state in (IN_PROGRESS, NOT_STARTED, OVERDUE)]
        if not undone:
            return None
        return min(
            undone,
            key=lambda item: (
                not item.requirement.required,
                item.due_on or date.max,
                item.requirement.sort_order or 0,
            ),
        )

    @property
    def days_in(self):
        return (self.today - self.started_on).days if self.started_on else None

    @property
    def plan_days(self):
        return max((item.requirement.due_day for item in self.items), default=0)

    @property
    def plan_percent(self):
        """How far through the plan's days the person is (for the time bar)."""
        if self.days_in is None or not self.plan_days:
            return None
        return max(0, min(100, round(100 * self.days_in / self.plan_days)))

    @property
    def expected_done(self):
        """Required items due by today: where the plan says the person should be."""
        return sum(1 for item in self.counted if item.due_on and item.due_on < self.today)

    @property
    def behind_plan(self):
        return bool(self.overdue)


@dataclass
class Step:
    level: LevelPage
    state: str  # done, current, upcoming, earlier


@dataclass
class RoleSteps:
    role: RolePage
    steps: list
    is_current: bool = False


@dataclass
class OnboardingMap:
    person: object
    roles: list = field(default_factory=list)
    plan: LevelPlan | None = None
    history: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)

    @property
    def next_level(self):
        """The level after the current one on the map (within the role, else
        the first level of the next role), or None."""
        found = False
        for role in self.roles:
            for step in role.steps:
                if found:
                    return step.level
                found = step.state == "current"
        return None


def due_on(requirement, started_on):
    """When an item is due: its days counted from the first day at the level,
    or from the day the item was added to the plan when that is later (an
    item added to a level does not fall due at once for who is there already)."""
    if started_on is None:
        return None
    counted_from = max(started_on, requirement.added_on or started_on)
    return counted_from + timedelta(days=requirement.due_day)


def level_started_on(person, history):
    """The person's first day at their current level: the latest move to it,
    else their start date."""
    for change in history:
        if change.to_level_id == person.level_id:
            return change.effective_on
    return person.start_date


def _path(person, history):
    """Every live role on the career path (tree order; and the person's own
    role) with its live levels marked done, current, upcoming or earlier (a
    role before theirs they never held). Two queries."""
    roles = list(RolePage.objects.live().order_by("path"))
    levels = list(LevelPage.objects.live().filter(depth__gt=2).order_by("path"))
    held = {change.to_level_id for change in history} | {change.from_level_id for change in history}
    current = next((level for level in levels if level.pk == person.level_id), None)
    result = []
    passed_current_role = current is None
    for role in roles:
        steps = []
        is_current_role = current is not None and current.path.startswith(role.path)
        if not role.on_career_path and not is_current_role:
            continue
        for level in levels:
            if not level.path.startswith(role.path) or level.depth != role.depth + 1:
                continue
            if current is not None and level.pk == current.pk:
                state = "current"
            elif is_current_role:
                state = "done" if level.path < current.path else "upcoming"
            elif level.pk in held:
                state = "done"
            else:
                state = "upcoming" if passed_current_role else "earlier"
            steps.append(Step(level, state))
        if is_current_role:
            passed_current_role = True
        if steps:
            result.append(RoleSteps(role, steps, is_current_role))
    return result


def _requirements(level):
    """The level's live requirements in plan order, with their targets. One query."""
    return list(
        LevelRequirement.objects.filter(level=level)
        .select_related("lesson", "course", "quiz", "standard")
        .order_by("sort_order", "pk")
    )


def plan_for(person, level, *, history, evaluations, today=None):
    """The ``LevelPlan`` of ``person`` at ``level``.

    Queries: requirements (1), lesson records and course lessons (up to 2),
    quiz standings (1), acknowledgements (about 6), sign-offs (1) and waivers
    (1), each only when some requirement needs it; ``history`` and
    ``evaluations`` are passed in.
    """
    today = today or timezone.localdate()
    requirements = _requirements(level)
    started_on = level_started_on(person, history)

    by_kind = {}
    for requirement in requirements:
        by_kind.setdefault(requirement.kind, []).append(requirement)

    lesson_refs = [r.lesson_id or r.target_ref for r in by_kind.get(Kind.LESSON, [])]
    courses = [r.course for r in by_kind.get(Kind.COURSE, []) if r.course_id]
    records, course_standings = ({}, {})
    if lesson_refs or courses:
        records, course_standings = lesson_selectors.plan_progress(
            person, lesson_ids=[ref for ref in lesson_refs if ref], courses=courses
        )
    quizzes = {r.quiz_id: r.quiz for r in by_kind.get(Kind.QUIZ, []) if r.quiz_id}
    standings = quiz_selectors.standings(person, quizzes.values()) if quizzes else {}
    page_ids = {r.standard_id for r in by_kind.get(Kind.ACKNOWLEDGE, []) if r.standard_id}
    acknowledgements = (
        standards_selectors.acknowledgement_states(people=[person], page_ids=page_ids)
        if page_ids
        else {}
    )
    sign_offs, waivers = {}, {}
    if by_kind.get(Kind.SIGN_OFF):
        sign_offs = {
            row.requirement_id: row
            for row in SignOff.objects.filter(
                person=person, requirement__in=by_kind[Kind.SIGN_OFF]
            ).select_related("signed_by")
        }
    if requirements:
        waivers = {
            row.requirement_id: row
            for row in Waiver.objects.filter(
                person=person, requirement__in=requirements
            ).select_related("waived_by")
        }
    context = _Context(
        person,
        started_on,
        records,
        course_standings,
        standings,
        acknowledgements,
        evaluations,
        sign_offs,
    )
    return _build_plan(level, requirements, context, waivers, today)


def _build_plan(level, requirements, context, waivers, today):
    """The ``LevelPlan`` from the records gathered in ``context`` (no queries)."""
    items = []
    for requirement in requirements:
        item = STATUS_OF[requirement.kind](requirement, context)
        item.due_on = due_on(requirement, context.started_on)
        item.sign_off = context.sign_offs.get(requirement.pk)
        item.waiver = waivers.get(requirement.pk)
        if item.state != DONE and item.waiver is not None:
            item.state = WAIVED
        elif item.state in (IN_PROGRESS, NOT_STARTED) and item.due_on and item.due_on < today:
            item.state = OVERDUE
        items.append(item)
    return LevelPlan(level, items, context.started_on, today)


def plans_for(people, *, today=None):
    """{person_id: LevelPlan} for many people at their current levels, in a
    fixed number of queries whatever the number of people, levels or
    requirements: requirements (1), level histories (1), evaluations (1),
    lesson records and course lessons (2), quiz attempts (1),
    acknowledgements (about 6), sign-offs (1) and waivers (1), each only
    when needed. ``people`` should come with ``level`` selected; people
    without a level have no plan (absent from the result)."""
    today = today or timezone.localdate()
    people = [person for person in people if person.level_id]
    if not people:
        return {}
    requirements_of = {}
    for requirement in (
        LevelRequirement.objects.filter(level_id__in={person.level_id for person in people})
        .select_related("lesson", "course", "quiz", "standard")
        .order_by("sort_order", "pk")
    ):
        requirements_of.setdefault(requirement.level_id, []).append(requirement)
    requirements = [r for rows in requirements_of.values() for r in rows]
    histories = {}
    for change in LevelChange.objects.filter(person__in=people):
        histories.setdefault(change.person_id, []).append(change)
    by_kind = {}
    for requirement in requirements:
        by_kind.setdefault(requirement.kind, []).append(requirement)
    evaluations = (
        practice_selectors.evaluations_of_people(people) if by_kind.get(Kind.EVALUATIONS) else {}
    )
    lesson_refs = [r.lesson_id or r.target_ref for r in by_kind.get(Kind.LESSON, [])]
    courses = {r.course_id: r.course for r in by_kind.get(Kind.COURSE, []) if r.course_id}
    courses = list(courses.values())
    progress = {}
    if lesson_refs or courses:
        progress = lesson_selectors.plan_progress_of_people(
            people, lesson_ids=[ref for ref in lesson_refs if ref], courses=courses
        )
    quizzes = {r.quiz_id: r.quiz for r in by_kind.get(Kind.QUIZ, []) if r.quiz_id}
    standings = quiz_selectors.standings_of_people(people, quizzes.values()) if quizzes else {}
    page_ids = {r.standard_id for r in by_kind.get(Kind.ACKNOWLEDGE, []) if r.standard_id}
    acknowledgements = (
        standards_selectors.acknowledgement_states(people=people, page_ids=page_ids)
        if page_ids
        else {}
    )
    sign_offs, waivers = {}, {}
    if by_kind.get(Kind.SIGN_OFF):
        for row in SignOff.objects.filter(
            person__in=people, requirement__in=by_kind[Kind.SIGN_OFF]
        ).select_related("signed_by"):
            sign_offs.setdefault(row.person_id, {})[row.requirement_id] = row
    if requirements:
        for row in Waiver.objects.filter(
            person__in=people, requirement__in=requirements
        ).select_related("waived_by"):
            waivers.setdefault(row.person_id, {})[row.requirement_id] = row
    plans = {}
    for person in people:
        history = histories.get(person.pk, [])
        started_on = level_started_on(person, history)
        records, course_standings = progress.get(person.pk, ({}, {}))
        context = _Context(
            person,
            started_on,
            records,
            course_standings,
            {quiz_id: standings.get((person.pk, quiz_id)) for quiz_id in quizzes},
            acknowledgements,
            evaluations.get(person.pk, []),
            sign_offs.get(person.pk, {}),
        )
        plans[person.pk] = _build_plan(
            person.level,
            requirements_of.get(person.level_id, []),
            context,
            waivers.get(person.pk, {}),
            today,
        )
    return plans


@dataclass
class _Context:
    person: object
    started_on: date | None
    records: dict
    course_standings: dict
    standings: dict
    acknowledgements: dict
    evaluations: list
    sign_offs: dict


def _lesson_status(requirement, context):
    record = context.records.get(requirement.lesson_id or requirement.target_ref)
    if record is not None and record.completed_at is not None:
        return ItemStatus(requirement, DONE, started=True, achieved_on=_day(record.completed_at))
    lesson = requirement.lesson
    if lesson is None or not lesson.live:
        return ItemStatus(requirement, UNAVAILABLE)
    if record is not None:
        return ItemStatus(requirement, IN_PROGRESS, started=True)
    return ItemStatus(requirement, NOT_STARTED)


def _course_status(requirement, context):
    course = requirement.course
    standing = context.course_standings.get(requirement.course_id)
    if course is None or not course.live or standing is None or not standing.total:
        return ItemStatus(requirement, UNAVAILABLE)
    item = ItemStatus(requirement, NOT_STARTED, count=standing.completed, of=standing.total)
    if standing.done:
        item.state, item.started = DONE, True
    elif standing.started:
        item.state, item.started = IN_PROGRESS, True
    return item


def _quiz_status(requirement, context):
    quiz = requirement.quiz
    if quiz is None:
        return ItemStatus(requirement, UNAVAILABLE)
    standing = context.standings.get(quiz.pk)
    needed = requirement.min_percent or quiz.pass_mark
    item = ItemStatus(requirement, NOT_STARTED, needed=needed)
    counted = standing.counted if standing else None
    if counted is not None:
        item.score = counted.percent
        reached = requirement.min_percent is None or scoring.has_passed(
            counted.score, counted.max_score, requirement.min_percent
        )
        if counted.passed and reached:
            item.state, item.started = DONE, True
            item.achieved_on = _day(counted.graded_at or counted.submitted_at)
            return item
    if not quiz.live or quiz.archived:
        item.state = UNAVAILABLE
    elif standing is not None and standing.state != standing.NOT_STARTED:
        item.state, item.started = IN_PROGRESS, True
    return item


def _acknowledge_status(requirement, context):
    page = requirement.standard
    if page is None or not page.live:
        return ItemStatus(requirement, UNAVAILABLE)
    state = context.acknowledgements.get((context.person.pk, page.pk))
    if state is not None and state.is_current:
        return ItemStatus(requirement, DONE, started=True, achieved_on=_day(state.acknowledged_at))
    if state is not None and state.needs_reacknowledgement:
        return ItemStatus(requirement, IN_PROGRESS, started=True)
    return ItemStatus(requirement, NOT_STARTED)


def _evaluations_status(requirement, context):
    """N evaluations of the kind at the score, since the person's first day at the level."""
    since = context.started_on
    of_kind = sorted(
        (
            evaluation
            for evaluation in context.evaluations
            if evaluation.kind == requirement.evaluation_kind
            and (since is None or evaluation.occurred_on >= since)
        ),
        key=lambda evaluation: (evaluation.occurred_on, evaluation.pk),
    )
    needed = requirement.evaluations_needed or 1
    qualifying = [e for e in of_kind if e.percent >= (requirement.min_percent or 0)]
    item = ItemStatus(
        requirement,
        NOT_STARTED,
        count=min(len(qualifying), needed),
        of=needed,
        needed=requirement.min_percent,
        score=max((e.percent for e in of_kind), default=None),
        started=bool(of_kind),
    )
    if len(qualifying) >= needed:
        item.state, item.achieved_on = DONE, qualifying[needed - 1].occurred_on
    elif of_kind:
        item.state = IN_PROGRESS
    return item


def _sign_off_status(requirement, context):
    sign_off = context.sign_offs.get(requirement.pk)
    if sign_off is not None:
        return ItemStatus(requirement, DONE, started=True, achieved_on=_day(sign_off.signed_at))
    return ItemStatus(requirement, NOT_STARTED)


STATUS_OF = {
    Kind.LESSON: _lesson_status,
    Kind.COURSE: _course_status,
    Kind.QUIZ: _quiz_status,
    Kind.ACKNOWLEDGE: _acknowledge_status,
    Kind.EVALUATIONS: _evaluations_status,
    Kind.SIGN_OFF: _sign_off_status,
}


def _day(moment):
    return timezone.localdate(moment) if moment is not None else None


def evaluations_for_plan(person):
    """The person's evaluations, newest first, without their scores. One query."""
    return list(practice_selectors.evaluations_of(person))


def history_of(person):
    """The person's level changes, newest first, with who decided. One query."""
    return list(LevelChange.objects.filter(person=person).select_related("decided_by"))


def onboarding_map(person, *, today=None):
    """Everything "My onboarding" shows for ``person``: the path through every
    role's levels, the current level's plan with each item's status, the
    level history and the evaluations.

    A fixed number of queries whatever the number of requirements, levels or
    records: about 17 with every kind of requirement present. ``person``
    should come with ``role`` and ``level`` selected.
    """
    history = history_of(person)
    evaluations = evaluations_for_plan(person)
    result = OnboardingMap(person, _path(person, history), None, history, evaluations)
    if person.level_id:
        result.plan = plan_for(
            person, person.level, history=history, evaluations=evaluations, today=today
        )
    return result
