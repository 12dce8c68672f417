"""The demo onboarding plans: each level's requirements as a 30/60/90-day plan.

A plan is a list of items in plan order; each names its target by slug (a
lesson or course slug, a quiz slug, a funnel stage or norms topic slug).
The rows are added to the level page and published as a new revision, so
the page editor shows them. A level that already has requirements is left
as it is, so Sales Ops' edits survive a second run; an item whose target is
gone is skipped.

Sign-off descriptions are constants: the demo history (``progress_history``)
finds the items it signs off or waives by them.
"""

import datetime

from django.utils import timezone

from lessons.models import CoursePage, LessonPage
from quizzes.models import Quiz
from salesmap.practice.models import EvaluationKind
from salesmap.progression.models import LevelPage, LevelRequirement

from .pages import publish_revision

Kind = LevelRequirement.Kind
CALL, EMAIL, PRESENTATION, MEETING = (
    EvaluationKind.CALL,
    EvaluationKind.EMAIL,
    EvaluationKind.PRESENTATION,
    EvaluationKind.MEETING,
)

# Sign-off tasks the demo history refers to.
CRM_WALKTHROUGH = "CRM walkthrough with Sales Ops: log a call, a task and a stage change"
SHADOW_QUALIFICATION = "Shadow five qualification calls of a senior SDR"
TWENTY_REQUESTS = "Handle 20 inbound requests end to end with the mentor reviewing"
OUTBOUND_SEQUENCES = "Run two outbound sequences to target accounts"
COACH_SDR_I = "Coach an SDR I: review two of their calls a week for a month"
UPSELL_SIGNALS = "Spot three upsell signals in existing clients and route them to an AE"
SHADOW_DISCOVERY = "Shadow three discovery meetings of a senior AE"
FIRST_DEAL = "Close the first SMB deal on standard terms"


def lesson(slug, due, *, required=True, note=""):
    return {
        "kind": Kind.LESSON,
        "target": slug,
        "due_day": due,
        "required": required,
        "description": note,
    }


def course(slug, due, *, required=True, note=""):
    return {
        "kind": Kind.COURSE,
        "target": slug,
        "due_day": due,
        "required": required,
        "description": note,
    }


def quiz(slug, due, *, min_percent=None, required=True, note=""):
    return {
        "kind": Kind.QUIZ,
        "target": slug,
        "due_day": due,
        "required": required,
        "min_percent": min_percent,
        "description": note,
    }


def acknowledge(slug, due, *, required=True, note=""):
    return {
        "kind": Kind.ACKNOWLEDGE,
        "target": slug,
        "due_day": due,
        "required": required,
        "description": note,
    }


def evaluations(kind, needed, min_percent, due, *, required=True, note=""):
    return {
        "kind": Kind.EVALUATIONS,
        "evaluation_kind": kind,
        "evaluations_needed": needed,
        "min_percent": min_percent,
        "due_day": due,
        "required": required,
        "description": note,
    }


def sign_off(task, due, *, required=True):
    return {"kind": Kind.SIGN_OFF, "due_day": due, "required": required, "description": task}


PLANS = {
    "sdr-1": [
        sign_off(CRM_WALKTHROUGH, 5),
        acknowledge("working-with-the-crm", 7),
        lesson("the-funnel-and-our-stages", 10),
        quiz(
            "lesson-the-funnel-and-our-stages",
            14,
            min_percent=90,
            note="Aim for 90%: every later stage builds on the funnel.",
        ),
        lesson("icp-and-qualification", 14),
        sign_off(SHADOW_QUALIFICATION, 14),
        acknowledge("qualification", 21),
        lesson("cold-calling-and-first-touch", 21),
        sign_off(TWENTY_REQUESTS, 30),
        evaluations(EMAIL, 2, 70, 45, required=False, note="Follow-up emails after a missed call."),
        evaluations(CALL, 3, 70, 60, note="The SDR I call quality target is 70 of 100."),
        course(
            "sdr-onboarding",
            90,
            required=False,
            note="The whole course; KPIs and one-on-ones come again at SDR II.",
        ),
    ],
    "sdr-2": [
        acknowledge("client-communication", 7, note="Re-read before your first outbound sequence."),
        acknowledge("needs-discovery", 14, note="What the AE needs from the leads you pass on."),
        sign_off(OUTBOUND_SEQUENCES, 21),
        lesson("kpis-and-your-numbers", 30),
        quiz("lesson-kpis-and-your-numbers", 30),
        lesson("one-on-ones-with-your-manager", 30, required=False),
        evaluations(EMAIL, 2, 75, 45),
        evaluations(CALL, 2, 80, 60, note="The SDR II call quality target is 80 of 100."),
        sign_off(COACH_SDR_I, 60),
        sign_off(UPSELL_SIGNALS, 90, required=False),
    ],
    "ae-1": [
        acknowledge("working-with-the-crm", 7),
        acknowledge("needs-discovery", 7),
        lesson("discovery-meeting", 14),
        sign_off(SHADOW_DISCOVERY, 14),
        acknowledge("proposal", 14),
        quiz(
            "lesson-discovery-meeting",
            21,
            min_percent=90,
            note="Aim for 90%: discovery is where our deals are won.",
        ),
        lesson("demo-that-sells", 21),
        quiz("discovery-call-basics", 30, required=False),
        evaluations(PRESENTATION, 2, 75, 45),
        evaluations(MEETING, 2, 75, 60, note="Proposal meetings, scored by your manager."),
        course("ae-onboarding", 60),
        sign_off(FIRST_DEAL, 90),
    ],
    "ae-2": [
        acknowledge("negotiation", 7),
        acknowledge("handovers", 14),
        acknowledge("meetings-and-forecast", 14),
        lesson("pipeline-forecasting", 21),
        quiz("lesson-pipeline-forecasting", 21),
        quiz("price-objection-practice", 30, min_percent=80),
        sign_off("Map the buying committee of an enterprise deal with your manager", 30),
        evaluations(PRESENTATION, 2, 85, 60, note="Pre-sale workshops count as presentations."),
        evaluations(MEETING, 3, 80, 60),
        sign_off("Lead a pre-sale workshop together with a solution architect", 90),
    ],
    "ae-3": [
        acknowledge("cross-sell-upsell", 14),
        lesson("zakrytie-sdelki-i-peredacha", 21, required=False),
        sign_off("Write an account plan for each strategic client", 30),
        sign_off("Mentor an AE: join two key calls and review one proposal", 60),
        evaluations(MEETING, 3, 85, 90),
        sign_off("Turn one of your best emails or calls into Sales Map material", 90),
    ],
    "team-lead": [
        acknowledge("meetings-and-forecast", 7),
        lesson("one-on-ones-with-your-manager", 7),
        acknowledge("handovers", 14),
        lesson("pipeline-forecasting", 21),
        quiz("lesson-pipeline-forecasting", 21),
        sign_off("Run the daily stand-up for two weeks with the sales manager watching", 30),
        sign_off("Hold a one-on-one with every rep using their dashboard", 30),
        sign_off("Score two calls per rep a week for a month", 60),
        evaluations(MEETING, 2, 80, 60, note="Your own deal meetings, scored by your manager."),
        course("sdr-onboarding", 90, required=False, note="Know what your new SDRs learn."),
    ],
    "sales-manager": [
        acknowledge("meetings-and-forecast", 7),
        acknowledge("handovers", 14),
        sign_off("Build the monthly forecast from the funnel and defend it with the CEO", 30),
        sign_off("Bring one growth point from the funnel to Sales Ops", 60),
        evaluations(MEETING, 2, 85, 60, note="One-on-ones with your reps, scored by Sales Ops."),
        sign_off("Hire and onboard a rep together with Sales Ops", 90),
        course("ae-onboarding", 90, required=False),
    ],
    # Sales Ops write the plans; their own level has none in the demo.
}

# How long ago each plan was written. The reps' plans are old; the managers'
# plans are new, so the established managers are not shown years overdue
# (an item falls due no earlier than its days after it was added).
WRITTEN_DAYS_AGO = {"team-lead": 10, "sales-manager": 10}
DEFAULT_WRITTEN_DAYS_AGO = 180


def load_plans(levels, sales_map):
    """Add each demo level's plan, if it has no requirements yet, and publish it.

    ``levels`` is ``{level slug: (RolePage, LevelPage)}`` (from ``load_roles``);
    ``sales_map`` is ``{slug: page}`` of the norms topics and funnel stages.
    Runs after the level pages are published and owned. Returns the levels
    given a plan in this run."""
    targets = _targets(sales_map)
    planned = []
    for slug, items in PLANS.items():
        if slug not in levels:
            continue
        level = LevelPage.objects.get(pk=levels[slug][1].pk)
        if LevelRequirement.objects.filter(level=level).exists():
            continue
        rows = []
        written = timezone.localdate() - datetime.timedelta(
            days=WRITTEN_DAYS_AGO.get(slug, DEFAULT_WRITTEN_DAYS_AGO)
        )
        for item in items:
            row = _requirement(item, targets)
            if row is not None:
                row.sort_order = len(rows)
                row.added_on = written
                rows.append(row)
        if not rows:
            continue
        level.requirements = rows
        level.save()
        publish_revision(level, author=level.content_owner)
        planned.append(level)
    return planned


def _targets(sales_map):
    """``{kind: {slug: target}}`` for every slug the plans name. Three queries."""
    wanted = {kind: set() for kind in (Kind.LESSON, Kind.COURSE, Kind.QUIZ)}
    for items in PLANS.values():
        for item in items:
            if item["kind"] in wanted:
                wanted[item["kind"]].add(item["target"])
    return {
        Kind.LESSON: {
            p.slug: p for p in LessonPage.objects.live().filter(slug__in=wanted[Kind.LESSON])
        },
        Kind.COURSE: {
            p.slug: p for p in CoursePage.objects.live().filter(slug__in=wanted[Kind.COURSE])
        },
        Kind.QUIZ: {q.slug: q for q in Quiz.objects.filter(slug__in=wanted[Kind.QUIZ], live=True)},
        Kind.ACKNOWLEDGE: {slug: page for slug, page in sales_map.items() if page.live},
    }


def _requirement(item, targets):
    """The unsaved requirement for ``item``, validated; None when its target is gone."""
    fields = {key: value for key, value in item.items() if key != "target"}
    field = LevelRequirement.TARGET_FIELDS.get(item["kind"])
    if field is not None:
        target = targets[item["kind"]].get(item["target"])
        if target is None:
            return None
        fields[field] = target
    row = LevelRequirement(**fields)
    row.full_clean(exclude=["level", "sort_order"])
    return row
