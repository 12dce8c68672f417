"""The shape of the scale department: who reports to whom, in which role, since when.

Pure planning, no database: ``plan_department`` turns a head count into a
list of ``Member`` rows (usernames, manager positions, role and level slugs,
start dates), drawn from one seeded ``random.Random``.

The reporting tree has a head of sales at the top and every manager (the
head included) has 5-12 direct reports. Layers are added only as the head
count needs them: head -> managers -> reps up to about 150 people, head ->
team heads -> managers -> reps up to about 1,900, one more layer above that.
A few people are Sales Ops, outside the tree; at the few sizes no tree fits
exactly, one or two more people join Sales Ops.
"""

import datetime
from dataclasses import dataclass, field

from .words import FIRST_NAMES, LAST_NAMES

MIN_REPORTS, MAX_REPORTS = 5, 12
FIXED_MANAGER_REPORTS = 12
MAX_MANAGER_LAYERS = 6
# Head, at least five managers (one of them with exactly twelve reps, the
# others with five), and one Sales Ops person.
MIN_PEOPLE = 1 + MIN_REPORTS + FIXED_MANAGER_REPORTS + (MIN_REPORTS - 1) * MIN_REPORTS + 1
MAX_PEOPLE = 20_000

HEAD, OPS, HIRE, MANAGER = "scale.head", "scale.ops", "scale.hire", "scale.manager"
FIXED_LOGINS = [
    (OPS, "Sales Ops: sees the whole department on /team/"),
    (HEAD, "Head of sales, top of the reporting tree"),
    (MANAGER, "Manager with exactly 12 direct reports"),
    (HIRE, "SDR reporting to scale.manager, mid-onboarding"),
]

REP_LEVELS = {"sdr": ["sdr-1", "sdr-2"], "ae": ["ae-1", "ae-2", "ae-3"]}
VETERAN_LEVEL_WEIGHTS = {"sdr": [40, 60], "ae": [30, 45, 25]}


@dataclass
class Member:
    """One person of the scale department, by position in the plan."""

    position: int
    username: str
    first_name: str
    last_name: str
    kind: str  # "head", "manager" (any layer), "rep" or "ops"
    role: str  # role slug
    level: str  # current level slug
    manager: int | None  # position of their manager
    start_date: datetime.date
    language: str = "en"
    mentor: int | None = None
    # Levels held before the current one: [(level slug, effective from)], oldest first.
    earlier_levels: list = field(default_factory=list)
    level_since: datetime.date | None = None
    # A rep who started within the window, at their role's first level.
    recent: bool = False


def layer_sizes(people_in_tree):
    """Sizes of the tree's layers, top (the head, 1) to bottom (the reps), or
    None when no tree of 5-12 reports per manager has exactly this many people.

    The fewest layers that fit; among those, the one closest to nine reports
    per manager. One first-line manager has exactly twelve reps.
    """
    best = None
    for layers in range(2, MAX_MANAGER_LAYERS + 1):
        if sum(MIN_REPORTS**step for step in range(layers + 1)) > people_in_tree:
            break  # even the smallest tree this deep is too big
        for first_line in range(MIN_REPORTS ** (layers - 1), MAX_REPORTS ** (layers - 1) + 1):
            sizes = [max(1, round(first_line ** (step / (layers - 1)))) for step in range(layers)]
            reps = people_in_tree - sum(sizes)
            sizes.append(reps)
            if not _fits(sizes):
                continue
            pairs = zip(sizes, sizes[1:], strict=False)
            score = sum(abs(low * 9 - high) / low for low, high in pairs)
            if best is None or score < best[0]:
                best = (score, sizes)
        if best is not None:
            return best[1]
    return None


def _fits(sizes):
    for parents, children in zip(sizes, sizes[1:], strict=False):
        if not MIN_REPORTS * parents <= children <= MAX_REPORTS * parents:
            return False
    managers, reps = sizes[-2], sizes[-1]
    return reps >= FIXED_MANAGER_REPORTS + MIN_REPORTS * (managers - 1)


def split_reports(children, parents, rng, *, first=None):
    """How many of ``children`` each of ``parents`` gets: 5-12 each, adding up;
    the first parent gets exactly ``first`` when given."""
    counts = [MIN_REPORTS] * parents
    if first is not None:
        counts[0] = first
    left = children - sum(counts)
    open_ = [i for i in range(parents) if first is None or i > 0]
    while left > 0:
        i = rng.choice(open_)
        counts[i] += 1
        left -= 1
        if counts[i] == MAX_REPORTS:
            open_.remove(i)
    return counts


def plan_department(people, days, today, rng):
    """The scale department of ``people`` members as a list of ``Member``, in
    tree order (head, managers layer by layer, reps, then Sales Ops)."""
    ops = min(max(1, people // 100), 20)
    sizes = layer_sizes(people - ops)
    while sizes is None:
        ops += 1
        sizes = layer_sizes(people - ops)
    members = []
    layer = []
    for depth, size in enumerate(sizes):
        if depth == 0:
            layer = [_add(members, "head", None)]
            continue
        fixed = FIXED_MANAGER_REPORTS if depth == len(sizes) - 1 else None
        counts = split_reports(size, len(layer), rng, first=fixed)
        kind = "rep" if depth == len(sizes) - 1 else "manager"
        layer = [
            _add(members, kind, parent)
            for parent, count in zip(layer, counts, strict=True)
            for _ in range(count)
        ]
    for _ in range(ops):
        _add(members, "ops", None)
    _fill(members, days, today, rng)
    return members


def _add(members, kind, manager):
    members.append(Member(len(members), "", "", "", kind, "", "", manager, datetime.date.min))
    return len(members) - 1


def _fill(members, days, today, rng):
    """Names, roles, levels, start dates, mentors and the fixed logins."""
    first_line = {m.manager for m in members if m.kind == "rep"}
    team_role = {}
    for position in sorted(first_line):
        # The fixed manager's team is SDRs: scale.hire is one of them.
        team_role[position] = "sdr" if not team_role or rng.random() < 0.55 else "ae"
    fixed_manager = min(first_line)
    for number, member in enumerate(members, start=1):
        member.username = f"scale.{number:04d}"
        member.first_name = rng.choice(FIRST_NAMES)
        member.last_name = rng.choice(LAST_NAMES)
        member.language = "ru" if rng.random() < 0.25 else "en"
        if member.kind == "head":
            member.role, member.level = "sales-manager", "sales-manager"
            member.start_date = today - datetime.timedelta(days=days + rng.randint(700, 2000))
        elif member.kind == "manager":
            member.role = "sales-manager"
            member.level = (
                "team-lead"
                if member.position in first_line and rng.random() < 0.5
                else "sales-manager"
            )
            member.start_date = today - datetime.timedelta(days=days + rng.randint(60, 1500))
        elif member.kind == "ops":
            member.role, member.level = "sales-ops", "sales-ops"
            member.start_date = today - datetime.timedelta(days=days + rng.randint(30, 1200))
        else:
            _fill_rep(member, team_role[member.manager], days, today, rng)
    members[0].username = HEAD
    members[fixed_manager].username = MANAGER
    next(m for m in members if m.kind == "ops").username = OPS
    hire = next(m for m in members if m.manager == fixed_manager)
    hire.username = HIRE
    hire.role, hire.level, hire.earlier_levels, hire.recent = "sdr", "sdr-1", [], True
    hire.start_date = today - datetime.timedelta(days=min(24, max(days, 1)))
    hire.level_since = hire.start_date
    _mentors(members, rng)


def _fill_rep(member, role, days, today, rng):
    member.role = role
    levels = REP_LEVELS[role]
    if rng.random() < 0.55:
        # A recent hire: started within the window, at the first level.
        member.level = levels[0]
        member.start_date = today - datetime.timedelta(days=rng.randint(0, max(days - 1, 0)))
        member.level_since = member.start_date
        member.recent = True
        return
    member.start_date = today - datetime.timedelta(days=days + rng.randint(1, 900))
    rank = rng.choices(range(len(levels)), weights=VETERAN_LEVEL_WEIGHTS[role])[0]
    member.level = levels[rank]
    # Promoted through each earlier level, evenly over their time here; the
    # last promotion may fall inside the window.
    span = (today - member.start_date).days
    moments = sorted(rng.randint(min(60, span // 2), span - 1) for _ in range(rank))
    member.earlier_levels = [(levels[0], member.start_date)]
    for step, offset in enumerate(moments[:-1], start=1):
        member.earlier_levels.append((levels[step], member.start_date + _days(offset)))
    member.level_since = member.start_date + _days(moments[-1]) if rank else member.start_date
    if not rank:
        member.earlier_levels = []


def _days(count):
    return datetime.timedelta(days=count)


def _mentors(members, rng):
    """About half the recent hires get a mentor: a senior rep of their own team."""
    seniors = {}
    for member in members:
        if member.kind == "rep" and member.earlier_levels:
            seniors.setdefault(member.manager, []).append(member.position)
    for member in members:
        if member.recent and seniors.get(member.manager) and rng.random() < 0.5:
            member.mentor = rng.choice(seniors[member.manager])
