"""The demo scorecards: how managers score real calls, emails, presentations and meetings.

Each criterion says what a 4 sounds or reads like and points at the funnel
stage or norms topic it checks, so a low score leads the rep to the page to
re-read. Scorecards are found by name: what exists is left as it is.
"""

from salesmap.practice.models import EvaluationKind, Scorecard, ScorecardCriterion

COLD_CALL, QUALIFICATION_CALL, DISCOVERY_CALL = (
    "Cold call / first touch",
    "Qualification call",
    "Discovery call",
)
FOLLOW_UP_EMAIL, PRODUCT_DEMO, PROPOSAL_MEETING = (
    "Follow-up email",
    "Product demo",
    "Proposal meeting",
)

# name, kind, stage slug (or None), description, criteria as
# (name, weight, what good looks like, slug of the standard it checks or None).
SCORECARDS = [
    {
        "name": COLD_CALL,
        "kind": EvaluationKind.CALL,
        "stage": "new-request",
        "description": (
            "The first call on a new request or an outbound target. Listen to the recording "
            "from the first ring: speed and the first thirty seconds decide most of it."
        ),
        "criteria": [
            (
                "Called within 15 minutes",
                3,
                "The call log shows the first attempt within 15 minutes of the request in "
                "working hours, or in the first hour of the next morning.",
                "new-request",
            ),
            (
                "Reason for the call in one sentence",
                2,
                "The rep says who they are and why they call in one plain sentence, without "
                "a company history.",
                "client-communication",
            ),
            (
                "Checked it is a good moment",
                2,
                "Asks for two or three minutes and offers a slot if the person is busy, "
                "instead of talking over them.",
                "client-communication",
            ),
            (
                "Asked what triggered the request",
                4,
                'An open question such as "What made you look at this now?", then listens '
                "and follows up on the answer.",
                "new-request",
            ),
            (
                "Agreed a concrete next slot",
                4,
                "Ends with a day and time for the qualification call, confirmed back to the "
                'client, not with "I\'ll send you some information".',
                "new-request",
            ),
            (
                "Logged the attempt and the outcome",
                1,
                "The CRM shows the call, its outcome and the next step with a due date before "
                "the rep dials the next number.",
                "working-with-the-crm",
            ),
        ],
    },
    {
        "name": QUALIFICATION_CALL,
        "kind": EvaluationKind.CALL,
        "stage": "qualification",
        "description": (
            "The SDR's qualification call before booking an AE. Score whether the AE could "
            "walk into discovery knowing the fit, the need, the budget range and who decides."
        ),
        "criteria": [
            (
                "Checked the fit with the ideal customer profile",
                4,
                "Headcount, industry and the size of the sales team are confirmed on the call "
                "and match the profile, or the lead is moved to nurture with a reason.",
                "qualification",
            ),
            (
                "Found the trigger: why now",
                3,
                "The client names the event behind the request (a new head of sales, a "
                "missed quarter, a CRM contract ending) in their own words.",
                "qualification",
            ),
            (
                "Asked the budget question",
                3,
                "Offers the package ranges and asks which is closest, instead of skipping "
                "the question or asking for a number cold.",
                "qualification",
            ),
            (
                "Named the decision maker and the timing",
                3,
                "Knows who signs, who else is involved and by when they want to decide.",
                "qualification",
            ),
            (
                "Booked the discovery meeting with an AE",
                4,
                "A slot in the AE's calendar, with the decision maker invited, agreed before "
                "the call ends.",
                "qualification",
            ),
            (
                "Client card complete",
                2,
                "Every required field of the client card is filled in the same day, so the "
                "AE does not ask the same questions again.",
                "working-with-the-crm",
            ),
        ],
    },
    {
        "name": DISCOVERY_CALL,
        "kind": EvaluationKind.CALL,
        "stage": "needs-discovery",
        "description": (
            "The AE's discovery meeting. Score the conversation, not the slides: by the end "
            "the AE should be able to retell the client's problem and its cost in numbers."
        ),
        "criteria": [
            (
                "Agenda and time check",
                2,
                "Opens by agreeing the agenda and the time available in under two minutes.",
                "needs-discovery",
            ),
            (
                "The pain and its cost in the client's words",
                5,
                "The client describes the problem and what it costs them (lost deals, hours, "
                "churned reps), and the AE plays it back with their numbers.",
                "needs-discovery",
            ),
            (
                "Decision process and people involved",
                3,
                "Knows the economic buyer, who else has a say (IT, legal) and the steps to a "
                "signature.",
                "needs-discovery",
            ),
            (
                "Success criteria agreed",
                3,
                "The client says how they will measure success, so the proposal can promise it.",
                "needs-discovery",
            ),
            (
                "Listened more than talked",
                2,
                "The AE speaks for less than a third of the time and does not pitch packages "
                "before the need is clear.",
                "client-communication",
            ),
            (
                "Next step with a date",
                4,
                "Ends with one next step (a demo, a workshop, a proposal call) in both calendars.",
                "needs-discovery",
            ),
        ],
    },
    {
        "name": FOLLOW_UP_EMAIL,
        "kind": EvaluationKind.EMAIL,
        "stage": None,
        "description": (
            "Any follow-up email after a call or a meeting. Read it on a phone, as the client will."
        ),
        "criteria": [
            (
                "Subject names the client's goal",
                2,
                'The subject line is about the client ("Pipeline visibility for your new '
                'team"), not about us or "Following up".',
                "client-communication",
            ),
            (
                "Recaps what the client said",
                4,
                "Two or three lines in the client's own words, with their numbers, so they "
                "recognise their problem.",
                "client-communication",
            ),
            (
                "One clear next step with a date",
                4,
                "Exactly one request or proposed slot, with a date; no menu of options.",
                "client-communication",
            ),
            (
                "Short enough to read on a phone",
                2,
                "Under 150 words, short paragraphs, no attachment without a line saying why "
                "it matters.",
                "client-communication",
            ),
            (
                "Sent within 24 hours",
                3,
                "Leaves the same day as the conversation, or the next morning at the latest.",
                "client-communication",
            ),
            (
                "Logged on the deal",
                1,
                "The email is on the deal in the CRM, not only in the rep's mailbox.",
                "working-with-the-crm",
            ),
        ],
    },
    {
        "name": PRODUCT_DEMO,
        "kind": EvaluationKind.PRESENTATION,
        "stage": "needs-discovery",
        "description": (
            "A demo of the CRM set-up or of the audit findings. A good demo shows the "
            "client's own process, not every feature."
        ),
        "criteria": [
            (
                "Opened with the goals agreed at discovery",
                4,
                "The first slide or sentence repeats the client's goals and asks whether they "
                "still hold.",
                "needs-discovery",
            ),
            (
                "Showed only what matters to this client",
                5,
                "Walks through two or three of the client's own scenarios end to end and "
                "skips the rest.",
                "needs-discovery",
            ),
            (
                "Checked understanding along the way",
                2,
                "Pauses after each scenario and asks how it compares with what the team does "
                "today.",
                "client-communication",
            ),
            (
                "Answered questions with facts and cases",
                3,
                "Answers objections with a similar client's numbers instead of promises; "
                "writes down what needs checking.",
                None,
            ),
            (
                "Ended with an agreed next step",
                4,
                "Closes with the next meeting or the proposal call booked, and who will "
                "attend from the client's side.",
                "needs-discovery",
            ),
            (
                "Kept to the time agreed",
                1,
                "Finishes within the slot, leaving ten minutes for questions.",
                None,
            ),
        ],
    },
    {
        "name": PROPOSAL_MEETING,
        "kind": EvaluationKind.MEETING,
        "stage": "proposal",
        "description": (
            "The meeting where the AE presents the proposal. Score whether the client leaves "
            "knowing what they buy, why it pays off, and what happens next."
        ),
        "criteria": [
            (
                "Scope agreed before the price",
                4,
                "Walks through the scope and gets a yes on it before showing any number.",
                "proposal",
            ),
            (
                "Value tied to the client's numbers",
                4,
                "The payback is computed from figures the client gave at discovery, not from "
                "our averages.",
                "proposal",
            ),
            (
                "Two or three options",
                2,
                "Offers packages to choose between instead of one take-it-or-leave-it price.",
                "proposal",
            ),
            (
                "Discount discipline",
                3,
                "No discount above 5% without the manager's approval, and never a discount "
                "without something in return (term, scope, a case study).",
                "negotiation",
            ),
            (
                "Decision process and date confirmed",
                3,
                "Confirms who signs, what the procurement step is and the decision date.",
                "proposal",
            ),
            (
                "Notes and next step in the CRM",
                1,
                "The meeting notes and the next step are on the deal the same day.",
                "working-with-the-crm",
            ),
        ],
    },
]


def load_scorecards(sales_map):
    """The demo scorecards, created with their criteria if missing (found by name).

    ``sales_map`` is ``{slug: page}`` of the funnel stages and norms topics the
    scorecards and criteria point at; a missing page leaves the link empty.
    Returns ``({name: Scorecard}, created count)``."""
    existing = {card.name: card for card in Scorecard.objects.filter(name__in=_names())}
    created = 0
    for spec in SCORECARDS:
        if spec["name"] in existing:
            continue
        criteria = [
            ScorecardCriterion(
                name=name, weight=weight, guide=guide, standard=sales_map.get(slug), sort_order=i
            )
            for i, (name, weight, guide, slug) in enumerate(spec["criteria"])
        ]
        for criterion in criteria:
            criterion.full_clean(exclude=["scorecard"])
        scorecard = Scorecard(
            name=spec["name"],
            kind=spec["kind"],
            stage=sales_map.get(spec["stage"]) if spec["stage"] else None,
            description=spec["description"],
            criteria=criteria,
        )
        scorecard.full_clean()
        scorecard.save()
        existing[scorecard.name] = scorecard
        created += 1
    return existing, created


def _names():
    return [spec["name"] for spec in SCORECARDS]
