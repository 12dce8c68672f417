"""Funnel stages from a new request to the proposal (data for ``funnel.py``).

Tuples are, by field: statuses ``(name, meaning)``; tasks ``(task, [key
standards], norms topic slug or None)``; automations ``(when, what, who)``;
metrics ``(name, unit, target)``; client card ``(field, required, note)``;
logging ``(kind, rule)``; sub-tasks ``(title, description)``; mistakes
``(mistake, instead)``; variants ``{client group: (days, differences)}``.
"""

from .streams import callout, dialogue, paragraph

STAGES_TO_PROPOSAL = [
    {
        "slug": "new-request",
        "title": "New request",
        "summary": (
            "A company has asked about a CRM implementation or a sales-process audit. "
            "The deal sits here until the SDR has spoken to a person."
        ),
        "owners": ["sdr"],
        "audience": ["sdr"],
        "owner": "ops.lead",
        "review": 30,
        "statuses": [
            ("New", "Created from the website form, a chat or an incoming call."),
            ("Contact attempted", "At least one call made, nobody reached yet."),
        ],
        "tasks": [
            (
                "Call the new lead",
                [
                    "Within 15 minutes in working hours, within the first hour next morning",
                    "Three attempts on the first day at different times",
                    "If nobody answers, an email with two proposed call slots",
                ],
                "client-communication",
            ),
            (
                "Check the company before the call",
                [
                    "Search the CRM by domain: no duplicate cards",
                    "Look up headcount, industry and the size of the sales team",
                ],
                "working-with-the-crm",
            ),
        ],
        "days": 1,
        "reminder": "This request is still without a conversation. Call now and log the attempt.",
        "alert_after": 1,
        "alert": (
            "A request has waited two days without contact. Reassign it or call it yourself today."
        ),
        "next": ["qualification"],
        "automations": [
            ("A request arrives from the website", "Deal created and assigned by rota", "system"),
            ("No call logged 15 minutes after assignment", "Push reminder to call", "rep"),
            ("Request created", "Auto-reply with the SDR's name and photo", "client"),
        ],
        "metrics": [
            ("Time to first call", "time", "15 minutes"),
            ("New requests a week", "count", "60"),
            ("Requests reached on day one", "percent", "80%"),
        ],
        "card": [
            ("Company name and website", True, "Check the domain for duplicates"),
            ("Contact name, role and phone", True, ""),
            ("Request source", True, "Form, chat, call, referral or event"),
        ],
        "logging": [
            ("call", "Every attempt, answered or not, with the time"),
            ("email", "The follow-up email if the call was not answered"),
        ],
        "subtasks": [
            ("Duplicate check", "Merge with an existing card before calling"),
            ("Source tagging", "Pick the source so marketing can count MQLs"),
        ],
        "examples": [
            paragraph(
                "<p>A good first call is short: thank them, confirm what they asked for, ask "
                "two or three questions and agree a proper qualification slot if the person "
                "is busy.</p>"
            ),
            dialogue(
                "First call on a website request",
                (
                    "rep",
                    "Hello Marta, it's Anna from Brightline. You asked about a CRM setup "
                    "ten minutes ago. Is now a good moment for three minutes?",
                ),
                (
                    "client",
                    "Yes, briefly. We have twelve reps and everything lives in spreadsheets.",
                ),
                ("rep", "Understood. What made you look at this now rather than last year?"),
                ("client", "Our new head of sales cannot see the pipeline."),
                ("rep", "Then let's book 20 minutes with you both tomorrow to go through it."),
            ),
        ],
        "mistakes": [
            ("Replying by email only", "Call first; email is the fallback, not the opener"),
            ("Pitching packages on the first call", "Ask what triggered the request"),
        ],
        "variants": {},
    },
    {
        "slug": "qualification",
        "title": "Qualification",
        "summary": (
            "The SDR checks the company against the ideal customer profile and learns the "
            "need, budget range, decision makers and timing before booking an AE."
        ),
        "owners": ["sdr"],
        "audience": ["sdr"],
        "owner": "ops.lead",
        "review": 45,
        "statuses": [
            ("Qualifying", "Conversation started, profile questions in progress."),
            ("Qualified", "Need, budget range, decision maker and timing known."),
            ("Nurture", "Fits the profile, but no need in the next six months."),
        ],
        "tasks": [
            (
                "Run the qualification call",
                [
                    "Use the qualification script; all four questions answered",
                    "Score the lead A, B or C against the ideal customer profile",
                    "Name the economic buyer, not only the contact",
                ],
                "client-communication",
            ),
            (
                "Book the discovery call for the AE",
                [
                    "Slot in the AE's calendar within five working days",
                    "Invite the decision maker, not only the contact",
                    "Briefing note in the deal before the invitation goes out",
                ],
                "handovers",
            ),
        ],
        "days": 3,
        "reminder": "Qualification is taking longer than three days. Book the call or move the "
        "deal to Nurture.",
        "alert_after": 2,
        "alert": "A lead has been in qualification for five days. Check the SDR's notes in the "
        "one-on-one.",
        "next": ["needs-discovery", "cross-sell-upsell"],
        "automations": [
            ("Deal moved to Qualified", "Task for the AE: read the briefing note", "rep"),
            ("Deal moved to Nurture", "Added to the monthly newsletter sequence", "system"),
        ],
        "metrics": [
            ("Request-to-qualified conversion", "percent", "40%"),
            ("Qualified leads passed to AEs", "count", "12 a month per SDR"),
            ("Time in qualification", "time", "3 days"),
        ],
        "card": [
            ("Number of sales reps", True, "The main driver of scope and price"),
            ("Current CRM or tools", True, "Spreadsheets, a neglected CRM, none"),
            ("Economic buyer", True, "Name and role of the person who signs"),
            ("Budget range", False, "Only if the client says it; never guess"),
        ],
        "logging": [
            ("call", "The qualification call with the four answers in the comment"),
            ("comment", "Lead score A, B or C with one sentence why"),
        ],
        "subtasks": [
            ("Lead scoring", "A: fits the profile and has a trigger; C: outside it"),
            ("Existing client check", "Existing clients go to the account's AE directly"),
        ],
        "examples": [
            paragraph(
                "<p>The four questions: what happens if nothing changes, who else decides, "
                "what the team uses today and when they need it working. The budget "
                "question comes last, as a range.</p>"
            ),
            dialogue(
                "Finding the economic buyer",
                ("rep", "Besides you, who will say the final yes on a project like this?"),
                ("client", "Our CEO signs anything over ten thousand."),
                ("rep", "Would it make sense for her to join the first 30 minutes with our AE?"),
                ("client", "She joins if the agenda is clear."),
            ),
        ],
        "mistakes": [
            ("Booking an AE for anyone who picks up", "Score first; C leads go to Nurture"),
            ("Skipping the budget question", "Ask for a range at the end of the call"),
        ],
        "variants": {},
    },
    {
        "slug": "needs-discovery",
        "title": "Needs discovery and pre-sale",
        "summary": (
            "The AE learns how the client sells today, where deals are lost and what a "
            "working CRM must change. For bigger scopes a solution architect joins."
        ),
        "owners": ["ae"],
        "audience": ["ae"],
        "owner": "ops.lead",
        "review": 60,
        "statuses": [
            ("Discovery booked", "The meeting is in both calendars."),
            ("Discovery held", "Summary email sent, scope being agreed."),
            ("Pre-sale", "Workshop or audit sample in progress."),
        ],
        "tasks": [
            (
                "Hold the discovery meeting",
                [
                    "Follow the discovery checklist: process, tools, team, pains, goals",
                    "Speak less than a third of the time",
                    "Agree the next step and its date before the end of the meeting",
                ],
                "client-communication",
            ),
            (
                "Send the summary email",
                [
                    "Within 24 hours, using the summary template",
                    "Goals in the client's own words, with numbers where given",
                ],
                "client-communication",
            ),
        ],
        "days": 10,
        "reminder": "Discovery has run for ten days. Confirm the scope or agree a pre-sale step.",
        "alert_after": 5,
        "alert": "A deal has been in discovery for over two weeks. Join the next call or "
        "qualify it out.",
        "next": ["proposal", "qualification"],
        "automations": [
            ("Discovery meeting ends", "Task: send the summary email within 24 hours", "rep"),
            ("Pre-sale status set", "Request created for a solution architect", "system"),
        ],
        "metrics": [
            ("Discovery meetings held", "count", "12 a month per AE"),
            ("Discovery-to-proposal conversion", "percent", "60%"),
            ("Pipeline value entering proposal", "money", "$120k a month"),
        ],
        "card": [
            ("Current sales process", True, "Stages as the client describes them"),
            ("Integrations needed", True, "Telephony, email, accounting, website"),
            ("Records to migrate", True, "Rough count of companies and deals"),
            ("Success criteria", True, "What the client will measure after go-live"),
        ],
        "logging": [
            ("meeting", "Discovery meeting with attendees and outcome"),
            ("email", "The summary email, sent from the CRM"),
            ("document", "Workshop notes or the audit sample, attached"),
        ],
        "subtasks": [
            ("Pre-sale workshop", "Two hours with the solution architect for complex scopes"),
            ("Audit sample", "Five recorded calls of the client scored free of charge"),
        ],
        "examples": [
            paragraph(
                "<p>Dig for the cost of doing nothing: lost deals, reps who left, hours spent "
                "on reports. That number makes the proposal easy to defend later.</p>"
            ),
            dialogue(
                "Quantifying the pain",
                ("rep", "When a rep leaves, what happens to their deals?"),
                ("client", "Honestly, most of them go cold. Nobody knows where they stood."),
                ("rep", "How many reps left last year, and roughly how big were their pipelines?"),
                ("client", "Three people, maybe forty open deals each."),
            ),
            callout(
                "Bring the architect early",
                "<p>More than two integrations or over 50,000 records: book the "
                "pre-sale workshop before promising anything.</p>",
                tone="important",
            ),
        ],
        "mistakes": [
            ("Demoing the CRM in the first meeting", "Learn their process first, demo later"),
            ("Talking to the contact only", "Bring the head of sales and the economic buyer"),
        ],
        "variants": {
            "SMB": (
                7,
                "<p>One meeting is usually enough; skip the workshop unless there are "
                "integrations.</p>",
            ),
            "Enterprise": (
                21,
                "<p>Plan two or three meetings and a paid pre-sale workshop; "
                "IT and security join the second one.</p>",
            ),
        },
    },
    {
        "slug": "proposal",
        "title": "Proposal",
        "summary": (
            "The AE sends a proposal that restates the client's goals, the agreed scope, "
            "the plan and the price, and walks the client through it on a call."
        ),
        "owners": ["ae"],
        "audience": ["ae"],
        "owner": "ops.editor",
        "review": 60,
        "statuses": [
            ("Proposal in progress", "Scope agreed, proposal being written."),
            ("Proposal sent", "Sent and presented; waiting for the client's feedback."),
        ],
        "tasks": [
            (
                "Write the proposal",
                [
                    "From the proposal template, in the client's language",
                    "Goals and success criteria copied from the summary email",
                    "Two options at most: the recommended one first",
                ],
                None,
            ),
            (
                "Present the proposal",
                [
                    "On a call, never as a cold attachment",
                    "The economic buyer on the call or a date agreed with them",
                ],
                "client-communication",
            ),
        ],
        "days": 7,
        "reminder": "The proposal has had no reply for a week. Call the champion and ask what "
        "is blocking it.",
        "alert_after": 3,
        "alert": "A proposal has been silent for ten days. Decide with the AE: push, revise or "
        "close as lost.",
        "next": ["negotiation", "needs-discovery"],
        "automations": [
            ("Proposal sent without a follow-up task", "Follow-up task created for day 3", "rep"),
            ("Client opens the proposal three times", "Notification to call now", "rep"),
        ],
        "metrics": [
            ("Proposals sent", "count", "10 a month per AE"),
            ("Proposal-to-win rate", "percent", "30%"),
            ("Value of proposals sent", "money", "$200k a month"),
        ],
        "card": [
            ("Proposal amount", True, "Exactly as in the document"),
            ("Options offered", True, ""),
            ("Expected decision date", True, "Confirmed by the client, not guessed"),
        ],
        "logging": [
            ("document", "The proposal PDF attached to the deal"),
            ("meeting", "The presentation call with the client's reaction"),
        ],
        "subtasks": [
            ("Delivery estimate", "Project lead confirms hours and timeline"),
            ("Manager approval", "Any discount above 5% before the proposal goes out"),
        ],
        "examples": [
            paragraph(
                "<p>Open the presentation with the client's goals, not with our company. "
                "Price comes after the plan, when they already see what they get.</p>"
            ),
            dialogue(
                "Closing the presentation call",
                (
                    "rep",
                    "Does this plan solve the problem you described: deals going cold "
                    "when someone leaves?",
                ),
                ("client", "Mostly. The telephony part is less urgent for us."),
                (
                    "rep",
                    "Then we can move it to phase two. Who else needs to see the revised version?",
                ),
                ("client", "Our CFO. Send it and I'll set up a call on Thursday."),
            ),
        ],
        "mistakes": [
            ("Sending a proposal nobody asked for", "Agree the scope on a call first"),
            ("Three or four options", "Two at most, with a clear recommendation"),
        ],
        "variants": {
            "SMB": (
                5,
                "<p>A two-page proposal with a fixed-price package; no custom "
                "statement of work.</p>",
            ),
            "Enterprise": (
                14,
                "<p>Full statement of work with a project plan; security "
                "questionnaire answered with the proposal.</p>",
            ),
        },
    },
]
