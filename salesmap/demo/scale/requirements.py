"""Scale lessons and quizzes added to the demo levels' onboarding plans.

Each plan (every level but Sales Ops') grows to 15-40 items where there are
enough lessons for its role: the role's lessons in course order, some with
their quiz. The rows are added to the level page and published as a new
revision, as ``salesmap.demo.plans`` does, so the page editor shows them.
"""

import datetime

from salesmap.progression.models import LevelPage, LevelRequirement

from ..pages import publish_revision

Kind = LevelRequirement.Kind
PLANNED_ROLES = ("sdr", "ae", "sales-manager")


def lessons_for_role(lessons, role):
    """The lessons meant for ``role`` (or for everyone), in course order."""
    return [spec for spec in lessons if not spec.audience or role in spec.audience]


def extend_plans(*, levels, lessons, quizzes, today, days, rng):
    """Add scale items to each planned level. ``levels`` is ``{level slug:
    (RolePage, LevelPage)}``. Returns ``{level pk: [LevelRequirement]}`` of
    every level's whole plan, in plan order."""
    added_on = today - datetime.timedelta(days=days + 30)
    plans = {}
    for slug in sorted(levels):
        role, level = levels[slug]
        level = LevelPage.objects.get(pk=level.pk)
        existing = list(level.requirements.all().order_by("sort_order", "pk"))
        if role.slug not in PLANNED_ROLES:
            plans[level.pk] = existing
            continue
        wanted = max(0, rng.randint(15, 40) - len(existing))
        rows = _items(lessons_for_role(lessons, role.slug), quizzes, wanted, rng)
        for position, row in enumerate(rows):
            row.due_day = 7 + position * 113 // max(1, len(rows))
            row.sort_order = len(existing) + position
            row.added_on = added_on
            row.full_clean(exclude=["level", "sort_order"])
        level.requirements = existing + rows
        level.save()
        publish_revision(level, author=level.content_owner)
        plans[level.pk] = list(
            LevelRequirement.objects.filter(level=level)
            .select_related("lesson", "quiz", "standard", "course")
            .order_by("sort_order", "pk")
        )
    return plans


def _items(candidates, quizzes, wanted, rng):
    rows = []
    for spec in candidates:
        if len(rows) >= wanted:
            break
        rows.append(
            LevelRequirement(kind=Kind.LESSON, lesson=spec.page, required=rng.random() < 0.8)
        )
        if spec.quiz_index is not None and len(rows) < wanted and rng.random() < 0.4:
            rows.append(
                LevelRequirement(
                    kind=Kind.QUIZ,
                    quiz=quizzes[spec.quiz_index].quiz,
                    required=rng.random() < 0.8,
                )
            )
    return rows
