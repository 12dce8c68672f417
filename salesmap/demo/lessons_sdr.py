"""The SDR onboarding course: seven lessons for a rep's first month.

Each lesson: slug, title, summary, estimated minutes, completion rule,
minimum share of the estimate to read (percent), owner, review interval and
a body of ``streams`` / ``lessons_builders`` blocks. Its quiz is in
``lessons_quizzes`` under the same slug.
"""

from .lessons_builders import checklist, page_link, takeaways
from .lessons_ru import OBJECTIONS_RU
from .streams import callout, dialogue, heading, paragraph

FUNNEL = {
    "slug": "the-funnel-and-our-stages",
    "title": "The funnel and our stages",
    "summary": "The eight stages every request goes through, what each stage's standard "
    "says, and the two stages an SDR owns.",
    "minutes": 12,
    "rule": "read_and_passed",
    "read_percent": 50,
    "owner": "ops.lead",
    "review": 90,
    "body": [
        heading("Why we sell by stages"),
        paragraph(
            "<p>Every request, from a website form to a referral, travels the same funnel: "
            "<b>new request, qualification, needs discovery, proposal, negotiation and "
            "closing, paperwork, handover to delivery, cross-sell and upsell</b>. A stage "
            "is not a label: it is a promise that certain work has been done and certain "
            "data is in the CRM.</p>"
        ),
        heading("What a stage standard tells you"),
        paragraph(
            "<ul><li>the CRM statuses that belong to the stage;</li><li>your tasks there and "
            "the key standard for each;</li><li>how many days a deal may stay, and who is "
            "told when it stays longer;</li><li>the short list of stages that may come "
            "next;</li><li>what is measured and what must be logged.</li></ul>"
        ),
        callout(
            "The next step is a closed list",
            "<p>A deal in Qualification may move to Needs discovery or to Nurture, nothing "
            "else. If you feel a deal needs a jump the standard does not allow, ask your "
            "manager: the standard may need an update.</p>",
            tone="important",
        ),
        heading("Where the SDR works"),
        paragraph(
            "<p>You own the first two stages. In <b>New request</b> you reach a person within "
            "15 minutes in working hours. In <b>Qualification</b> you score the lead against "
            "the ideal customer profile and book the discovery call for an AE. From then on "
            "the AE owns the deal, but your briefing note travels with it.</p>"
        ),
        callout(
            "Time limits are reminders, not punishments",
            "<p>A request without a conversation after one day reminds you; after two days "
            "your manager is told. That is how no request is forgotten.</p>",
        ),
        takeaways(
            "Eight stages, one funnel for every request.",
            "A stage means work done and data filled in, not a feeling about the deal.",
            "You own New request and Qualification; the AE takes over at discovery.",
        ),
        checklist(
            "In your first week",
            ("Read the standards of New request and Qualification", "Both are linked below"),
            "Open five deals of your mentor and name the stage of each",
            "Find where the CRM shows the days a deal has spent in its stage",
        ),
        page_link("new-request", "The first stage you own, with its time limits."),
    ],
}

QUALIFICATION = {
    "slug": "icp-and-qualification",
    "title": "Ideal customer profile and qualification",
    "summary": "Who we sell to, how to score a lead A, B or C, and the BANT and "
    "MEDDIC-lite questions that decide whether an AE's hour is well spent.",
    "minutes": 15,
    "rule": "read_and_passed",
    "read_percent": 60,
    "owner": "ops.lead",
    "review": 120,
    "body": [
        heading("The profile in one paragraph"),
        paragraph(
            "<p>We win most often with B2B companies of 30 to 300 people that have a sales "
            "team of 5 to 40 and a head of sales, and that run their pipeline in "
            "spreadsheets or in a CRM nobody updates. A trigger makes them ready: a new head "
            "of sales, a funding round, reps leaving, a forecast missed twice.</p>"
        ),
        heading("Scoring: A, B or C"),
        paragraph(
            "<p><b>A</b> fits the profile and has a trigger: book the AE this week. <b>B</b> "
            "fits, but no trigger yet: qualify fully and agree a date. <b>C</b> is outside "
            "the profile: thank them and move the deal to Nurture.</p>"
        ),
        heading("BANT, the quick check", "h3"),
        paragraph(
            "<ul><li><b>Budget</b>: a range, asked last and never guessed;</li>"
            "<li><b>Authority</b>: who signs, not only who filled in the form;</li>"
            "<li><b>Need</b>: what happens if nothing changes;</li><li><b>Timing</b>: when "
            "it must work, and why then.</li></ul>"
        ),
        heading("MEDDIC-lite, for bigger deals", "h3"),
        paragraph(
            "<p>From about 200 employees add three questions: the <b>metrics</b> the client "
            "will judge success by, the <b>decision process</b> (who else, in what order) "
            "and a <b>champion</b> who wants this to happen and will tell you the truth.</p>"
        ),
        dialogue(
            "Asking for the budget without scaring the client",
            ("rep", "Projects like yours usually land between eight and twenty thousand."),
            ("rep", "Is that in the range you had in mind, or should we talk scope first?"),
            ("client", "Below ten would be easier. Above that the CEO has to sign."),
            ("note", "Two answers at once: a budget range and the economic buyer."),
        ),
        callout(
            "Do not book an AE for anyone who picks up",
            "<p>A C lead in the AE's calendar costs a discovery hour that an A lead needed.</p>",
            tone="warning",
        ),
        takeaways(
            "Profile plus trigger makes an A lead.",
            "BANT for every lead; add metrics, decision process and champion for big ones.",
            "Ask for the budget as a range, at the end of the call.",
        ),
        checklist(
            "Before you move a deal to Qualified",
            "Score A, B or C written in the deal with one sentence why",
            ("Economic buyer named", "Name and role, not only the contact"),
            "Need and timing in the client's own words",
            "Discovery slot booked in the AE's calendar within five working days",
        ),
        page_link("ideal-customer-profile", "The full profile and the readiness signals."),
    ],
}

COLD_CALLING = {
    "slug": "cold-calling-and-first-touch",
    "title": "Cold calling and the first touch",
    "summary": "The first call on a new request and on a cold lead: speed, the opener, "
    "three attempts, and the email that follows an unanswered call.",
    "minutes": 15,
    "rule": "read_and_passed",
    "read_percent": 50,
    "owner": "ops.editor",
    "review": 60,
    "body": [
        heading("Speed beats polish"),
        paragraph(
            "<p>Call an inbound request within <b>15 minutes</b> in working hours, or in the "
            "first hour of the next morning. After an hour the chance to reach the person "
            "drops sharply: they have moved on, or called someone else.</p>"
        ),
        heading("The opener"),
        paragraph(
            "<p>Say who you are, why you call and ask for a short moment. Then ask what "
            "triggered the request. Never start with our packages: the client has not told "
            "you anything yet.</p>"
        ),
        dialogue(
            "A cold call to a company that fits the profile",
            ("rep", "Hello Mr Novak, it's Tom from Brightline. We set up CRMs for sales teams."),
            ("rep", "I saw you are hiring four reps. Do you have two minutes?"),
            ("client", "Two minutes. We already have a CRM."),
            ("rep", "Most of our clients did. How many of your reps update it every day?"),
            ("client", "Honestly, maybe half."),
            ("rep", "Then it's worth 20 minutes with our consultant. Thursday or Friday?"),
        ),
        heading("When nobody answers"),
        paragraph(
            "<p>Three attempts on the first day at different times, each logged. After the "
            "third, send a short email with two concrete call slots. Voicemail: name, "
            "company, one reason to call back, your number twice.</p>"
        ),
        callout(
            "Log every attempt",
            "<p>An unlogged attempt did not happen: the reminders and your manager's report "
            "both count logged calls.</p>",
            tone="important",
        ),
        takeaways(
            "Call within 15 minutes; speed matters more than a perfect script.",
            "Open with the trigger, not with the price list.",
            "Three attempts, then an email with two slots.",
        ),
        checklist(
            "Before you dial",
            "Search the CRM by domain: no duplicate card",
            ("Check headcount and the size of the sales team", "Their site and LinkedIn"),
            "Have two call slots ready to offer",
        ),
        page_link("script-first-call", "The full first-call script with variations."),
    ],
}

CRM_HYGIENE = {
    "slug": "crm-hygiene",
    "title": "CRM hygiene: if it is not in the CRM, it did not happen",
    "summary": "The five CRM rules every rep follows from day one, and why a clean pipeline "
    "is what makes the forecast and your bonus honest.",
    "minutes": 10,
    "rule": "read_and_passed",
    "read_percent": 60,
    "owner": "ops.lead",
    "review": 90,
    "body": [
        paragraph(
            "<p>We sell CRM implementation, so our own CRM must be the cleanest our clients "
            "have seen. Your manager coaches from it, colleagues cover your holidays from it "
            "and the forecast is built on it.</p>"
        ),
        heading("The five rules"),
        paragraph(
            "<ol><li>Log every call, email and meeting the same day.</li><li>Keep exactly "
            "one next step with a due date on every open deal.</li><li>Move a deal only when "
            "its exit criteria are met.</li><li>Search by domain and tax number before adding "
            "a company.</li><li>Close lost deals with a loss reason and a comment.</li></ol>"
        ),
        callout(
            "A next step without a date is a wish",
            "<p>'Follow up' is not a next step. 'Call Marta to agree the pilot scope, "
            "Thursday' is.</p>",
            tone="warning",
        ),
        heading("Why loss reasons matter"),
        paragraph(
            "<p>Loss reasons show Sales Ops where the funnel leaks and which objection "
            "answers need work. 'Lost - other' teaches nobody anything.</p>"
        ),
        takeaways(
            "Same-day logging, one dated next step, honest stages.",
            "No duplicates: search before you create.",
            "Every lost deal gets a reason from the list and a comment.",
        ),
        checklist(
            "End of every day",
            "Every call and email of today is logged on its deal",
            ("No open deal without a next step", "Use the 'No next step' filter"),
            "Deals that waited too long in their stage are moved or closed",
        ),
        page_link("working-with-the-crm", "The norms with good and bad examples."),
    ],
}

KPIS = {
    "slug": "kpis-and-your-numbers",
    "title": "KPIs and your numbers",
    "summary": "What an SDR is measured by, where to see your numbers, and how result, "
    "process and efficiency metrics fit together.",
    "minutes": 10,
    "rule": "read",
    "read_percent": 50,
    "owner": "ops.editor",
    "review": 120,
    "body": [
        paragraph(
            "<p>You can't develop what you don't measure. Your numbers are not a verdict: "
            "they show your manager what to coach, and you what to practise.</p>"
        ),
        heading("Three kinds of metrics"),
        paragraph(
            "<ul><li><b>Result</b>: qualified leads passed to AEs, request-to-qualified "
            "conversion, deals your leads turned into.</li><li><b>Process</b>: time to first "
            "call, requests reached on day one, call quality scores, CRM hygiene.</li>"
            "<li><b>Efficiency</b>: plan attainment, and how much of the AE's discovery time "
            "your leads deserved.</li></ul>"
        ),
        callout(
            "The SDR I targets",
            "<p>First call within 15 minutes, 80% of requests reached on day one, 40% of "
            "requests qualified and 12 qualified leads a month.</p>",
            tone="important",
        ),
        heading("Process numbers lead, results follow"),
        paragraph(
            "<p>When results lag, look at the process numbers first. Slow first calls or "
            "skipped attempts show up a month before a missed plan.</p>"
        ),
        takeaways(
            "Result, process and efficiency metrics tell different stories.",
            "Process numbers predict results: fix them first.",
            "Check your dashboard before every one-on-one.",
        ),
        checklist(
            "Every Monday",
            "Open your dashboard and note last week's time to first call",
            "Compare qualified leads with the monthly target",
            "Pick one number to improve this week",
        ),
        page_link("qualification", "The stage where your main numbers are measured."),
    ],
}

ONE_ON_ONES = {
    "slug": "one-on-ones-with-your-manager",
    "title": "One-on-ones with your manager",
    "summary": "What the monthly one-on-one is for, what your manager looks at beforehand, "
    "and how to come prepared.",
    "minutes": 5,
    "rule": "opened",
    "read_percent": 0,
    "owner": "ops.lead",
    "review": 180,
    "body": [
        paragraph(
            "<p>Daily stand-ups are short: yesterday, today, blockers. The deep conversation "
            "happens in the <b>one-on-one</b>, at least once a month, with every rep.</p>"
        ),
        heading("What your manager prepares"),
        paragraph(
            "<p>Your KPI dashboard, scores of your recent calls against the standard, your "
            "quiz results and the time you spent on lessons. Nothing here is hidden: you see "
            "the same numbers in My learning.</p>"
        ),
        callout(
            "Bring one question",
            "<p>The best one-on-ones start with the rep's question: a deal that is stuck, an "
            "objection you could not answer, a skill you want to build next.</p>",
        ),
        takeaways(
            "Monthly one-on-one, short daily stand-up.",
            "Your manager looks at numbers, call scores and learning before the meeting.",
            "Come with a question and leave with one thing to practise.",
        ),
        checklist(
            "Before the one-on-one",
            "Look at your dashboard and your lesson progress",
            ("Pick a deal you want advice on", "Open it in the CRM during the meeting"),
            "Write down one skill you want to improve",
        ),
        page_link("meetings-and-forecast", "The team's meeting rhythm."),
    ],
}

SDR_COURSE = {
    "slug": "sdr-onboarding",
    "title": "SDR onboarding",
    "description": (
        "<p>Your first month as a sales development rep: the funnel, our ideal customer, "
        "the first call, objections, the CRM and your numbers. Take the lessons in order; "
        "each ends with a short quiz.</p>"
    ),
    "audience": ["sdr"],
    "lessons": [FUNNEL, QUALIFICATION, COLD_CALLING, OBJECTIONS_RU, CRM_HYGIENE, KPIS, ONE_ON_ONES],
}
