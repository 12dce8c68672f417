"""Norms and rules of the demo department: what is always, and never, done.

Each topic is a ``NormsTopicPage`` whose rules are ``(kind, rule, why, good
example, bad example)``. ``audience`` names the roles asked to acknowledge the
topic (empty: everyone).
"""

from salesmap.home.models import SalesMapHomePage
from standards.models import NormRule, NormsIndexPage, NormsTopicPage

from .pages import Section, ensure_child

ALWAYS, NEVER = NormRule.Kind.ALWAYS, NormRule.Kind.NEVER

TOPICS = [
    {
        "slug": "working-with-the-crm",
        "title": "Working with the CRM",
        "intro": (
            "<p>We sell CRM implementation, so our own CRM has to be the cleanest one our "
            "clients have seen. If it is not in the CRM, it did not happen.</p>"
        ),
        "owner": "ops.lead",
        "review": 90,
        "audience": [],
        "rules": [
            (
                ALWAYS,
                "Log every call, email and meeting on the deal the same day.",
                "Managers coach from the log and colleagues cover holidays from it; a "
                "deal with an empty history cannot be forecast or handed over.",
                "After the discovery call the AE adds a three-line outcome and the next "
                "step with a date before lunch.",
                "The AE keeps notes in a notebook and types them in on Friday, after the "
                "client has already called the office twice.",
            ),
            (
                ALWAYS,
                "Keep exactly one next step with a due date on every open deal.",
                "A deal without a next step is a deal nobody is moving; the overdue "
                "reminders only work when the date is there.",
                "Next step: 'Call Marta to agree the pilot scope', due Thursday.",
                "Next step: 'follow up', no date.",
            ),
            (
                NEVER,
                "Never move a deal to the next stage before its exit criteria are met.",
                "Stages drive the forecast and the automations. A deal pushed to "
                "Proposal without a known budget inflates the pipeline and the plan.",
                "The SDR leaves the deal in Qualification until the decision maker is named.",
                "The deal jumps to Negotiation because the client 'sounded keen'.",
            ),
            (
                NEVER,
                "Never create a second company card when one already exists.",
                "Duplicates split the history, so two reps call the same client with "
                "different offers.",
                "The SDR searches by domain and tax number before adding a company.",
                "A new card for 'Acme Ltd' next to the existing 'ACME Limited'.",
            ),
            (
                ALWAYS,
                "Close lost deals with a loss reason from the list and a comment.",
                "Loss reasons are how we find growth points in the funnel and update "
                "the objection answers in the knowledge base.",
                "Lost - chose a competitor: vendor's services team, 20% cheaper.",
                "Lost - other, no comment.",
            ),
        ],
    },
    {
        "slug": "client-communication",
        "title": "Communication with clients",
        "intro": (
            "<p>How we talk and write to clients, from the first call to the renewal. "
            "Clients judge our consulting by how we run our own conversations.</p>"
        ),
        "owner": "ops.editor",
        "review": 120,
        "audience": ["sdr", "ae"],
        "rules": [
            (
                ALWAYS,
                "Call back an inbound request within 15 minutes in working hours.",
                "A buyer who filled in a form is comparing several partners right now; "
                "the first one to call sets the frame of the conversation.",
                "The request arrives at 10:02, the SDR calls at 10:09 and books discovery.",
                "The SDR answers the next morning by email with the price list attached.",
            ),
            (
                NEVER,
                "Never send a price before the needs discovery call.",
                "Our price depends on integrations, data volume and team size. A number "
                "without context anchors the client to the cheapest package.",
                "'The range is wide; after a 30-minute call I can give you a real figure.'",
                "Sending the full price list to a cold contact who asked 'how much?'.",
            ),
            (
                ALWAYS,
                "Send a written summary within 24 hours of every meeting.",
                "A summary confirms what we heard, catches misunderstandings early and "
                "is what the champion forwards to the people who were not in the room.",
                "Summary email with the client's goals, agreed scope and next step.",
                "'Thanks for the call, talk soon!'",
            ),
            (
                NEVER,
                "Never promise a go-live date or integration the delivery team has not confirmed.",
                "Delivery inherits every promise we make; a date made up to close the "
                "deal becomes the first complaint of the project.",
                "'I will confirm the date with our project lead and come back tomorrow.'",
                "'Sure, we can go live in two weeks, including the telephony integration.'",
            ),
            (
                ALWAYS,
                "Agree the next contact before ending any call.",
                "Chasing a client for a slot costs days; agreeing it on the call costs "
                "ten seconds.",
                "'Shall we look at the proposal together on Tuesday at 11?'",
                "'I will send it over, let me know what you think.'",
            ),
        ],
    },
    {
        "slug": "handovers",
        "title": "Handovers",
        "intro": (
            "<p>Deals change hands twice: from SDR to AE after qualification, and from AE "
            "to the project manager after signature. The client must not notice either.</p>"
        ),
        "owner": "ops.lead",
        "review": 60,
        "audience": ["ae", "sales-manager"],
        "rules": [
            (
                ALWAYS,
                "Hand over with a filled client card and a short briefing note.",
                "The next person must be able to continue without asking the client the "
                "same questions again.",
                "Briefing: goals, current tools, decision makers, risks, promises made.",
                "'Here is a new one, they want a CRM.'",
            ),
            (
                ALWAYS,
                "Introduce the new owner to the client in a joint email or call.",
                "Clients buy from people; an unannounced change of contact feels like "
                "being passed around.",
                "The AE copies the project lead and explains who does what from now on.",
                "The project lead cold-calls the client who has never heard the name.",
            ),
            (
                NEVER,
                "Never hand over a deal with an unpaid first invoice without flagging it.",
                "Delivery plans people against paid projects; an unflagged unpaid invoice "
                "means work starts at our risk.",
                "Handover note: 'Invoice 2024-118 due on the 15th, CFO confirmed.'",
                "Delivery finds out about the unpaid invoice in the first steering meeting.",
            ),
            (
                ALWAYS,
                "Stay on the account for cross-sell after the handover.",
                "The AE owns the relationship; the project team owns delivery. Growth "
                "opportunities are lost when nobody feels responsible for them.",
                "The AE joins the 30-day check-in and books the quarterly review.",
                "The AE closes the deal and never calls the client again.",
            ),
        ],
    },
    {
        "slug": "meetings-and-forecast",
        "title": "Meetings, one-on-ones and the forecast",
        "intro": (
            "<p>The rhythm of the team: a short daily stand-up, a monthly one-on-one with "
            "every rep and a forecast built from the funnel.</p>"
        ),
        "owner": "ops.lead",
        "review": 180,
        "audience": ["sales-manager", "ae"],
        "rules": [
            (
                ALWAYS,
                "Keep the daily stand-up to 15 minutes: yesterday, today, blockers.",
                "Long stand-ups eat calling time; detailed deal reviews belong in one-on-ones.",
                "Each rep speaks for two minutes; blocked deals are taken offline.",
                "A 45-minute stand-up going through every deal in the pipeline.",
            ),
            (
                ALWAYS,
                "Hold a one-on-one with every rep at least once a month.",
                "You cannot develop what you do not measure; the one-on-one is where "
                "call scores and quiz results turn into a development plan.",
                "The manager opens the rep's scorecard and lesson progress beforehand.",
                "One-on-ones are cancelled three months in a row because of 'end of quarter'.",
            ),
            (
                NEVER,
                "Never commit a deal to the forecast without a confirmed next step from the "
                "client.",
                "Forecasts built on hope miss the plan; the client's own action is the "
                "only reliable signal.",
                "Committed: the CFO has scheduled the contract review for Monday.",
                "Committed: 'they liked the demo a lot'.",
            ),
            (
                ALWAYS,
                "Weigh old deals by their cycle, not by the rep's feeling.",
                "With an average cycle of four months, a deal one month in has about a "
                "one-in-four chance; the forecast should say so.",
                "A month-old $20k deal enters the forecast at $5k weighted.",
                "Every open deal is counted at full value in the monthly commit.",
            ),
        ],
    },
]


def load_norms(people, roles):
    """The norms index and its topics with their rules; returns a ``Section``."""
    home = SalesMapHomePage.objects.get()
    lead = people["ops.lead"]
    index, made = ensure_child(
        home,
        NormsIndexPage,
        slug="norms",
        title="Norms and rules",
        intro=(
            "<p>The short list of what we always do and never do, with the reason behind "
            "each rule. New hires confirm each topic in their first week; when a rule "
            "changes, you will be asked to read it again.</p>"
        ),
        content_owner=lead,
        review_interval_days=180,
        author=lead,
    )
    section = Section(index=index, created=[index] if made else [])
    for topic in TOPICS:
        owner = people[topic["owner"]]
        page, made = ensure_child(
            index,
            NormsTopicPage,
            slug=topic["slug"],
            title=topic["title"],
            intro=topic["intro"],
            rules=[
                NormRule(kind=kind, rule=rule, rationale=why, good_example=good, bad_example=bad)
                for kind, rule, why, good, bad in topic["rules"]
            ],
            acknowledgement_roles=[roles[slug] for slug in topic["audience"] if slug in roles],
            content_owner=owner,
            review_interval_days=topic["review"],
            author=owner,
        )
        section.pages[topic["slug"]] = page
        if made:
            section.created.append(page)
    return section
