"""The demo people's progress on their maps, relative to today: level history,
practice evaluations, sign-offs, waivers and the acknowledgements their plans ask for.

The stories, for the dashboards and the browser tests:

- Elena started at SDR I 75 days ago and was promoted to SDR II by Maria
  ``ELENA_PROMOTED_DAYS_AGO`` days ago. Her SDR II plan is done except three
  items: the KPIs lesson (read to just under its required share, so one
  more short visit completes it), its quiz (never taken), and two calls
  scored at 80% since her promotion, of which she has one. With those, she
  is ready for promotion.
- Anna (12 days in) is on track: two scored calls (58%, then 72%), a
  shadowing sign-off, and the CRM walkthrough waived (she used the same CRM
  at her last job).
- Tom (40 days in) stalled: one low call score and several overdue items.
- Sam (20 days in, AE I from the start) has a demo and a proposal meeting
  scored by Daniel, both just under the bar.
- Pavel (5 days in) has only started.

Everyone gets a "started" record at their first level on their start date.
A person who already has any level history is left alone, so a second run
adds nothing; evaluations also carry a fixed submission key.
"""

import datetime
import uuid

from django.utils import timezone

from salesmap.practice.models import Evaluation
from salesmap.practice.services import record_evaluation
from salesmap.progression import services
from salesmap.progression.models import LevelChange, LevelRequirement, SignOff
from standards import services as standards_services

from . import plans
from .people import PEOPLE
from .scorecards import (
    COLD_CALL,
    FOLLOW_UP_EMAIL,
    PRODUCT_DEMO,
    PROPOSAL_MEETING,
    QUALIFICATION_CALL,
)

ELENA_PROMOTED_DAYS_AGO = 28
PROMOTION_NOTE = (
    "Elena met every SDR I target a month early: her last three scored calls were 75-91%, "
    "her cards are clean, and Anna and Tom already bring her their questions. Next focus: "
    "outbound sequences and coaching the new SDRs."
)
# (person, level slug, days ago, decided by, note) for people whose first level
# is not their current one; everyone else started where they are.
EARLIER_LEVELS = {
    "elena.sdr": [("sdr-1", 75, "maria.manager", "Joined the inbound team with Anna's cohort.")],
}
PROMOTIONS = [
    ("elena.sdr", "sdr-1", "sdr-2", ELENA_PROMOTED_DAYS_AGO, "maria.manager", PROMOTION_NOTE),
]
SUBMISSION_KEYS = uuid.UUID("5b1e0c1e-6a59-4c3a-9d55-2f7f0c6f1d10")
LINK = "https://crm.brightline.example/activities/{}"

# (person, evaluator, scorecard, days ago, ratings in criterion order (None: not
# applicable), {criterion position: note}, feedback)
EVALUATIONS = [
    (
        "elena.sdr",
        "maria.manager",
        QUALIFICATION_CALL,
        66,
        [3, 2, 2, 2, 3, 3],
        {3: "Came at the very end, as a number."},
        "A solid first scored call: the profile check was thorough and you let the client "
        "talk. The budget question came too late and too bluntly; offer the package ranges "
        "instead. The card was missing the decision maker.",
    ),
    (
        "elena.sdr",
        "maria.manager",
        COLD_CALL,
        52,
        [4, 2, 3, 3, 3, 2],
        {1: "Six minutes from request to call."},
        "Fast and friendly, with a clear reason for calling and a slot for the next day. Ask "
        "about the trigger before you agree the slot: it makes the qualification call shorter.",
    ),
    (
        "elena.sdr",
        "maria.manager",
        QUALIFICATION_CALL,
        41,
        [4, 3, 3, 3, 3, 4],
        {},
        "This is the standard: trigger, budget range, decision maker and timing in fourteen "
        "minutes, and the discovery booked with Daniel. I am using this recording in Anna's "
        "onboarding.",
    ),
    (
        "elena.sdr",
        "maria.manager",
        QUALIFICATION_CALL,
        33,
        [4, 4, 3, 4, 3, 4],
        {3: "Held the ranges when the client pushed for a price."},
        "Excellent. The client tried to get a price on the call; you explained the ranges "
        "and kept the discovery slot. Let's talk about SDR II at our one-on-one.",
    ),
    (
        "elena.sdr",
        "maria.manager",
        FOLLOW_UP_EMAIL,
        20,
        [3, 3, 3, 4, 3, 4],
        {1: '"Brightline follow-up" says nothing about them.'},
        "A clear recap in the client's own words, and short. The subject line is still about "
        "us: make it about their goal.",
    ),
    (
        "elena.sdr",
        "maria.manager",
        QUALIFICATION_CALL,
        12,
        [4, 4, 3, 3, 3, 3],
        {2: "Opened with their hiring news: great."},
        "An outbound call that sounded like an inbound one: you opened with their hiring "
        "news and had the decision maker in the discovery invite. Confirm the timing before "
        "you close, it was left open.",
    ),
    (
        "elena.sdr",
        "maria.manager",
        FOLLOW_UP_EMAIL,
        9,
        [3, 4, 3, 4, 3, 4],
        {},
        "Exactly what we want: their numbers, one next step, sent within the hour. I'm "
        "suggesting it as an example for the Communication page.",
    ),
    (
        "anna.sdr",
        "maria.manager",
        QUALIFICATION_CALL,
        8,
        [3, 2, 1, 3, 2, 3],
        {3: "Skipped; came back to it by email.", 5: 'Ended with "I\'ll send some info".'},
        "Good energy, and you got the trigger out of the client quickly. Two things to fix: "
        "you skipped the budget question (offer the package ranges, it feels far less awkward "
        "than asking for a number) and you ended without booking the AE. Listen to Elena's "
        "call with Vektor Logistics before Thursday.",
    ),
    (
        "anna.sdr",
        "elena.sdr",
        QUALIFICATION_CALL,
        3,
        [4, 2, 2, 3, 3, 3],
        {1: "Headcount and sales team size not confirmed."},
        "Much better: the discovery slot with Sam is booked and the decision maker is invited, "
        "and you asked the budget question with the ranges. Next: confirm headcount and the "
        "size of the sales team before the call ends; the card was missing both.",
    ),
    (
        "tom.sdr",
        "maria.manager",
        COLD_CALL,
        22,
        [1, 2, 1, 1, 2, 3],
        {1: "Two hours ten minutes after the request.", 4: "Not asked."},
        "Tom, the call went to the pitch in the first minute: the client heard about our "
        "packages before we knew why they called, and the request was two hours old. Let's "
        "reset: call within 15 minutes, one sentence on why you call, then ask what made "
        "them look at this now. Book 30 minutes with me and we'll role-play three openings.",
    ),
    (
        "sam.ae",
        "daniel.manager",
        PRODUCT_DEMO,
        11,
        [3, 3, 2, 2, 3, 3],
        {2: "Twenty minutes on reports nobody asked about."},
        "You opened with their goals, good. Then we spent twenty minutes on reports they "
        "never mentioned: pick the two scenarios from discovery and go deep. The migration "
        'question needed a client case, not "it\'s easy". Book the next step before you '
        "close the laptop.",
    ),
    (
        "sam.ae",
        "daniel.manager",
        PROPOSAL_MEETING,
        5,
        [3, 3, 3, 3, 3, 2],
        {4: "Gave 7% when pushed, without asking for anything back."},
        "A big step up: scope agreed before the price, and the payback used their own "
        "numbers. The 7% discount needed my approval, and always ask for something in return. "
        "The decision date is still unknown: call the CFO's assistant this week.",
    ),
]

# (person, level slug, task, signed by, days ago, comment)
SIGN_OFFS = [
    ("elena.sdr", "sdr-1", plans.CRM_WALKTHROUGH, "maria.manager", 73, "Done with Ivan."),
    (
        "elena.sdr",
        "sdr-1",
        plans.SHADOW_QUALIFICATION,
        "maria.manager",
        68,
        "Shadowed two senior SDRs for two days; sharp notes on the nurture status.",
    ),
    (
        "elena.sdr",
        "sdr-1",
        plans.TWENTY_REQUESTS,
        "maria.manager",
        45,
        "23 requests, every one called within 15 minutes, cards complete.",
    ),
    (
        "elena.sdr",
        "sdr-2",
        plans.OUTBOUND_SEQUENCES,
        "maria.manager",
        10,
        "Two sequences to 40 logistics companies: six conversations, two discovery meetings.",
    ),
    (
        "elena.sdr",
        "sdr-2",
        plans.COACH_SDR_I,
        "maria.manager",
        3,
        "Reviewed Anna's and Tom's calls every week; her notes are specific and kind.",
    ),
    (
        "elena.sdr",
        "sdr-2",
        plans.UPSELL_SIGNALS,
        "maria.manager",
        5,
        "Three signals routed to Sam and Daniel; one became a training add-on.",
    ),
    (
        "anna.sdr",
        "sdr-1",
        plans.SHADOW_QUALIFICATION,
        "maria.manager",
        6,
        "Shadowed five of Elena's calls; the best notes on the budget question I've seen "
        "from a new SDR.",
    ),
    (
        "tom.sdr",
        "sdr-1",
        plans.CRM_WALKTHROUGH,
        "maria.manager",
        37,
        "Done with Ivan from Sales Ops; all three entries correct.",
    ),
    (
        "tom.sdr",
        "sdr-1",
        plans.SHADOW_QUALIFICATION,
        "maria.manager",
        31,
        "Shadowed Elena for two days.",
    ),
    (
        "sam.ae",
        "ae-1",
        plans.SHADOW_DISCOVERY,
        "daniel.manager",
        12,
        "Joined three of my discovery meetings; his summary of the Apex call was better than mine.",
    ),
]

# (person, level slug, task, waived by, days ago, reason)
WAIVERS = [
    (
        "anna.sdr",
        "sdr-1",
        plans.CRM_WALKTHROUGH,
        "maria.manager",
        11,
        "Anna used the same CRM for two years at her last job. I checked her first ten deal "
        "cards instead: complete and correctly staged.",
    ),
]

# (person, page slug, days ago): acknowledgements their plans ask for, beyond the
# ones the upkeep step records.
ACKNOWLEDGEMENTS = [("elena.sdr", "needs-discovery", 24)]

SIGN_OFF_HOUR = 16


def load_progress_history(people, levels, scorecards, sales_map):
    """Level history, evaluations, sign-offs, waivers and acknowledgements for the
    demo people who have no level history yet.

    ``levels`` is ``{level slug: (RolePage, LevelPage)}``, ``scorecards``
    ``{name: Scorecard}`` and ``sales_map`` ``{slug: page}``. Returns the
    number of evaluations created."""
    now = timezone.now()
    today = timezone.localdate(now)
    started = set(
        LevelChange.objects.filter(person__in=list(people.values())).values_list(
            "person__username", flat=True
        )
    )
    fresh = [row[0] for row in PEOPLE if row[0] in people and row[0] not in started]
    for username in fresh:
        _level_history(people, username, levels, today)
    created = 0
    for number, (username, evaluator, card, days, ratings, notes, comment) in enumerate(
        EVALUATIONS
    ):
        scorecard = scorecards.get(card)
        if username not in fresh or evaluator not in people or scorecard is None:
            continue
        key = uuid.uuid5(SUBMISSION_KEYS, f"{username}:{number}")
        if Evaluation.objects.filter(submission_key=key).exists():
            continue
        # strict=False: Sales Ops may have edited the scorecard since the first run.
        criteria = list(scorecard.criteria.order_by("sort_order", "pk"))
        record_evaluation(
            person=people[username],
            evaluator=people[evaluator],
            scorecard=scorecard,
            occurred_on=today - datetime.timedelta(days=days),
            link=LINK.format(48000 + number * 37),
            comment=comment,
            ratings=[
                (criterion, rating, notes.get(position, ""))
                for position, (criterion, rating) in enumerate(
                    zip(criteria, ratings, strict=False), start=1
                )
            ],
            submission_key=key,
            now=now,
        )
        created += 1
    for username, level_slug, task, by, days, comment in SIGN_OFFS:
        requirement = _sign_off_item(levels, level_slug, task)
        if username in fresh and requirement is not None:
            _sign_off(people[username], requirement, people[by], comment, _at(today, days))
    for username, level_slug, task, by, days, reason in WAIVERS:
        requirement = _sign_off_item(levels, level_slug, task)
        if username in fresh and requirement is not None:
            services.waive(
                person=people[username],
                requirement=requirement,
                by=people[by],
                reason=reason,
                now=_at(today, days),
            )
    for username, slug, days in ACKNOWLEDGEMENTS:
        page = sales_map.get(slug)
        if username in fresh and page is not None and page.live:
            standards_services.acknowledge(
                page=page, person=people[username], when=_at(today, days)
            )
    return created


def _at(today, days, hour=SIGN_OFF_HOUR):
    day = today - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _level_history(people, username, levels, today):
    """The person's start at their first level, then their promotions."""
    person = people[username]
    manager = person.manager
    earlier = EARLIER_LEVELS.get(username)
    if earlier:
        for slug, days, by, note in earlier:
            services.record_start(
                person=person,
                level=levels[slug][1],
                effective_on=today - datetime.timedelta(days=days),
                by=people.get(by),
                note=note,
                now=_at(today, days, hour=9),
            )
    elif person.level_id is not None:
        start = person.start_date or today
        services.record_start(
            person=person,
            level=person.level,
            effective_on=start,
            by=manager,
            now=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9))),
        )
    for who, source, target, days, by, note in PROMOTIONS:
        if who != username:
            continue
        # The person is already at the new level (``people.load_people``), so the
        # promotion is recorded as it was at the time, not made again.
        from_level, to_level = levels[source][1], levels[target][1]
        LevelChange.objects.create(
            person=person,
            kind=LevelChange.Kind.PROMOTION,
            from_level=from_level,
            from_title=from_level.title,
            to_level=to_level,
            to_title=to_level.title,
            effective_on=today - datetime.timedelta(days=days),
            note=note,
            decided_by=people.get(by),
            recorded_at=_at(today, days, hour=11),
        )


def _sign_off_item(levels, level_slug, task):
    if level_slug not in levels:
        return None
    return LevelRequirement.objects.filter(
        level_id=levels[level_slug][1].pk, kind=LevelRequirement.Kind.SIGN_OFF, description=task
    ).first()


def _sign_off(person, requirement, by, comment, at):
    """Through the service on the person's current level; an earlier level's
    sign-off (the service refuses those) is stored as it was recorded then."""
    if requirement.level_id == person.level_id:
        services.sign_off(person=person, requirement=requirement, by=by, comment=comment, now=at)
        return
    SignOff.objects.create(
        person=person,
        requirement=requirement,
        title=requirement.title[:255],
        comment=comment,
        signed_by=by,
        signed_at=at,
    )
