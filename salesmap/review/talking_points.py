"""The talking points of a one-on-one brief: three to five sentences a
manager can open the meeting with, each derived from the ``Brief`` and
linking to the evidence on the page (or the page it lives on).

Every rule reads the same figures the page shows (the plan's overdue items,
the lesson rows, the category scores, the evaluations, the attempts, the
standards), so a point can never disagree with what is next to it. Rules
have a fixed priority; ties never depend on database order.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lessons.templatetags.lessons_tags import active_time

from .conf import setting

PRAISE = "praise"
COACH = "coach"
ADMIN = "admin"

MIN_POINTS = 3
MAX_POINTS = 5
# A category is judged on at least this many answers.
MIN_CATEGORY_ANSWERS = 2
# Evaluations "improved" or "fell" by at least this many percentage points.
MIN_EVALUATION_CHANGE = 5
# A quiz score worth praising.
PRAISE_PERCENT = 90


@dataclass(frozen=True)
class TalkingPoint:
    key: str  # the rule that made it (stable, for tests and styling)
    kind: str  # praise, coach or admin
    text: str
    url: str  # the evidence: "#anchor" on the brief, or another page
    priority: int


def _percent(value):
    return f"{round(value)}%"


def _overdue(brief):
    overdue = brief.overdue
    if not overdue:
        return None
    oldest = min(overdue, key=lambda item: (item.due_on, item.requirement.sort_order or 0))
    text = ngettext(
        "%(count)s plan item overdue: “%(title)s” was due on %(date)s",
        "%(count)s plan items overdue; the oldest, “%(title)s”, was due on %(date)s",
        len(overdue),
    ) % {
        "count": len(overdue),
        "title": oldest.requirement.title,
        "date": date_format(oldest.due_on, "SHORT_DATE_FORMAT"),
    }
    return TalkingPoint("overdue", ADMIN, text, "#overdue", 10)


def _ready(brief):
    if not brief.ready:
        return None
    url = reverse("person_onboarding", args=[brief.person.pk])
    text = _("Ready for promotion: every required item of %(level)s is done") % {
        "level": brief.plan.level.title
    }
    return TalkingPoint("ready", ADMIN, text, url, 15)


def _stalled(brief):
    days = brief.days_inactive
    if days is None or days < setting("STALLED_DAYS"):
        return None
    if brief.never_active:
        text = ngettext(
            "No learning or quiz activity since the start, %(count)s day ago",
            "No learning or quiz activity since the start, %(count)s days ago",
            days,
        ) % {"count": days}
    else:
        text = ngettext(
            "No learning or quiz activity for %(count)s day",
            "No learning or quiz activity for %(count)s days",
            days,
        ) % {"count": days}
    return TalkingPoint("stalled", COACH, text, "#activity", 20)


def _weak_category(brief):
    low = setting("LOW_SCORE_PERCENT")
    weak = [
        c
        for c in brief.categories  # weakest first
        if c["possible"] >= MIN_CATEGORY_ANSWERS and c["percent"] < low
    ]
    if not weak:
        return None
    category = weak[0]
    missed = category["possible"] - category["correct"]
    text = ngettext(
        "Missed %(missed)s of %(possible)s question on %(category)s",
        "Missed %(missed)s of %(possible)s questions on %(category)s",
        category["possible"],
    ) % {
        "missed": missed,
        "possible": category["possible"],
        "category": category["category"] or _("questions without a topic"),
    }
    return TalkingPoint("weak_category", COACH, text, "#categories", 30)


def _failed_quiz(brief):
    graded = brief.graded_attempts
    if not graded:
        return None
    latest = max(graded, key=lambda a: (a.graded_at or a.submitted_at or a.started_at, a.pk))
    if latest.passed:
        return None
    text = _("Failed “%(quiz)s” with %(score)s (pass mark %(pass)s%%)") % {
        "quiz": latest.quiz_title,
        "score": _percent(latest.percent),
        "pass": latest.pass_mark,
    }
    return TalkingPoint("failed_quiz", COACH, text, f"#attempt-{latest.pk}", 32)


def _evaluation_change(brief, *, improved):
    sign = 1 if improved else -1
    trends = [
        trend for trend in brief.evaluation_trends if sign * trend.change >= MIN_EVALUATION_CHANGE
    ]
    if not trends:
        return None
    trend = max(trends, key=lambda t: (abs(t.change), t.latest.occurred_on, t.kind))
    values = {
        "kind": trend.label,
        "first": _percent(trend.first.percent),
        "latest": _percent(trend.latest.percent),
    }
    if improved:
        text = _("%(kind)s: evaluations improved from %(first)s to %(latest)s") % values
        return TalkingPoint("evaluations_improved", PRAISE, text, "#evaluations", 45)
    text = _("%(kind)s: evaluations fell from %(first)s to %(latest)s") % values
    return TalkingPoint("evaluations_fell", COACH, text, "#evaluations", 34)


def _slow_lesson(brief):
    slow = [row for row in brief.lessons if row.over_estimate]
    if not slow:
        return None
    row = max(slow, key=lambda r: (r.ratio, r.active_seconds, -r.lesson_id))
    text = _("Spent %(ratio)s× the estimate on “%(lesson)s” (%(spent)s of about %(estimate)s)") % {
        "ratio": number_format(row.ratio, 1),
        "lesson": row.title,
        "spent": active_time(row.active_seconds),
        "estimate": active_time(row.estimated_seconds),
    }
    return TalkingPoint("slow_lesson", COACH, text, f"#{row.anchor}", 36)


def _rushed_lesson(brief):
    low = setting("TIME_LOW_RATIO")
    rushed = [
        row
        for row in brief.lessons
        if row.completed_at and row.ratio is not None and row.ratio <= low
    ]
    if not rushed:
        return None
    row = min(rushed, key=lambda r: (r.ratio, r.lesson_id))
    text = _(
        "Finished “%(lesson)s” in %(ratio)s× the estimate (%(spent)s of about %(estimate)s)"
    ) % {
        "ratio": number_format(row.ratio, 1),
        "lesson": row.title,
        "spent": active_time(row.active_seconds),
        "estimate": active_time(row.estimated_seconds),
    }
    return TalkingPoint("rushed_lesson", COACH, text, f"#{row.anchor}", 38)


def _marking(brief):
    waiting = len(brief.waiting_for_marking)
    if not waiting:
        return None
    url = reverse("quizzes:marking_queue") + f"?person={brief.person.pk}&state=needs_marking"
    text = ngettext(
        "%(count)s quiz attempt with essays waits for marking",
        "%(count)s quiz attempts with essays wait for marking",
        waiting,
    ) % {"count": waiting}
    return TalkingPoint("marking", ADMIN, text, url, 40)


def _top_score(brief):
    strong = [a for a in brief.graded_attempts if a.percent is not None]
    strong = [a for a in strong if a.percent >= PRAISE_PERCENT]
    if not strong:
        return None
    best = max(strong, key=lambda a: (a.percent, a.graded_at or a.submitted_at, a.pk))
    text = _("Scored %(score)s on “%(quiz)s”") % {
        "score": _percent(best.percent),
        "quiz": best.quiz_title,
    }
    return TalkingPoint("top_score", PRAISE, text, f"#attempt-{best.pk}", 50)


def _reacknowledge(brief):
    count = len(brief.reacknowledge)
    if not count:
        return None
    text = ngettext(
        "%(count)s changed standard waits for re-acknowledgement",
        "%(count)s changed standards wait for re-acknowledgement",
        count,
    ) % {"count": count}
    return TalkingPoint("reacknowledge", ADMIN, text, "#standards", 55)


def _unacknowledged(brief):
    count = len(brief.pending_standards) - len(brief.reacknowledge)
    if count <= 0:
        return None
    text = ngettext(
        "%(count)s standard not acknowledged yet",
        "%(count)s standards not acknowledged yet",
        count,
    ) % {"count": count}
    return TalkingPoint("unacknowledged", ADMIN, text, "#standards", 60)


def _lessons_done(brief):
    done = brief.completed_count
    if not done:
        return None
    if brief.assigned_count:
        text = ngettext(
            "Completed %(done)s of %(count)s lesson meant for the role",
            "Completed %(done)s of %(count)s lessons meant for the role",
            brief.assigned_count,
        ) % {"done": brief.done_assigned_count, "count": brief.assigned_count}
    else:
        text = ngettext("Completed %(count)s lesson", "Completed %(count)s lessons", done) % {
            "count": done
        }
    return TalkingPoint("lessons_done", PRAISE, text, "#lessons", 70)


def _next_up(brief):
    item = brief.plan.next_up if brief.plan is not None else None
    if item is None or item.state == "overdue":
        return None
    url = reverse("person_onboarding", args=[brief.person.pk]) + f"#item-{item.requirement.pk}"
    if item.due_on:
        text = _("Next on the plan: “%(title)s”, due on %(date)s") % {
            "title": item.requirement.title,
            "date": date_format(item.due_on, "SHORT_DATE_FORMAT"),
        }
    else:
        text = _("Next on the plan: “%(title)s”") % {"title": item.requirement.title}
    return TalkingPoint("next_up", ADMIN, text, url, 80)


RULES = [
    _overdue,
    _ready,
    _stalled,
    _weak_category,
    _failed_quiz,
    lambda brief: _evaluation_change(brief, improved=False),
    _slow_lesson,
    _rushed_lesson,
    _marking,
    lambda brief: _evaluation_change(brief, improved=True),
    _top_score,
    _reacknowledge,
    _unacknowledged,
    _lessons_done,
    _next_up,
]


def all_points(brief):
    """Every point that applies, by priority (then key: never database order)."""
    return sorted(
        (point for point in (rule(brief) for rule in RULES) if point is not None),
        key=lambda point: (point.priority, point.key),
    )


def talking_points(brief, *, limit=MAX_POINTS):
    """Up to ``limit`` points, most pressing first. When none of them is
    praise but some praise applies, the best praise takes the last place:
    a one-on-one should not be only a list of problems."""
    candidates = all_points(brief)
    chosen = candidates[:limit]
    if chosen and not any(point.kind == PRAISE for point in chosen):
        praise = next((point for point in candidates if point.kind == PRAISE), None)
        if praise is not None:
            chosen[-1] = praise
    return chosen
