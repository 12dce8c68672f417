"""Funnel stages from negotiation to account growth (data for ``funnel.py``).

Same shape as ``stages_to_proposal``.
"""

from .streams import callout, dialogue, paragraph

STAGES_FROM_NEGOTIATION = [
    {
        "slug": "negotiation",
        "title": "Negotiation and closing",
        "summary": (
            "The client wants to buy and discusses terms: price, scope, payment schedule "
            "and start date. The deal leaves the stage with a verbal yes or a loss."
        ),
        "owners": ["ae", "sales-manager"],
        "audience": ["ae", "sales-manager"],
        "owner": "ops.lead",
        "review": 45,
        "statuses": [
            ("Negotiation", "The client is discussing terms, not whether to buy."),
            ("Verbal yes", "The economic buyer has agreed; contract not yet signed."),
        ],
        "tasks": [
            (
                "Negotiate terms",
                [
                    "Trade, never give: every concession gets something back",
                    "Discounts above 5% approved by the manager in the CRM",
                    "Log each concession in the deal comment",
                ],
                "meetings-and-forecast",
            ),
            (
                "Get the verbal yes",
                [
                    "From the economic buyer, not the champion",
                    "Confirm start date and signatory in writing the same day",
                ],
                None,
            ),
        ],
        "days": 14,
        "reminder": "Negotiation has passed two weeks. Agree a decision date with the economic "
        "buyer.",
        "alert_after": 7,
        "alert": "A deal has negotiated for three weeks. Join the next call and decide together "
        "whether to close it as lost.",
        "next": ["paperwork", "proposal"],
        "automations": [
            ("Discount above 5% entered", "Approval request to the manager", "manager"),
            ("Status set to Verbal yes", "Task for the AE: send the contract draft", "rep"),
        ],
        "metrics": [
            ("Deals won", "count", "4 a month per AE"),
            ("Average discount", "percent", "under 7%"),
            ("Revenue closed", "money", "plan"),
        ],
        "card": [
            ("Agreed price and discount", True, "Discount as a percent of the price list"),
            ("Signatory", True, "Name, role and the basis of their authority"),
            ("Planned start date", True, "Confirmed with our project lead"),
        ],
        "logging": [
            ("call", "Every negotiation call with what was asked and conceded"),
            ("comment", "The manager's approval of any discount"),
        ],
        "subtasks": [
            ("Discount approval", "Manager approves in the CRM before it is offered"),
            ("Resource check", "Delivery confirms people for the start date"),
        ],
        "examples": [
            paragraph(
                "<p>When the client asks for a discount, ask what they can give in return: "
                "a longer support term, a case study, or payment up front.</p>"
            ),
            dialogue(
                "Trading a concession",
                ("client", "We need 15% off to get this past our CFO."),
                (
                    "rep",
                    "I can look at 8% if we agree a 12-month support retainer and you "
                    "pay half up front. Would that work for her?",
                ),
                ("client", "Probably. Let me check the retainer with her."),
            ),
        ],
        "mistakes": [
            ("Giving a discount to speed things up", "Trade it for term, volume or a case"),
            ("Negotiating with the champion only", "Get the economic buyer on the call"),
        ],
        "variants": {
            "SMB": (
                7,
                "<p>The AE negotiates alone within a 5% discount; the owner usually "
                "decides on the call.</p>",
            ),
            "Enterprise": (
                30,
                "<p>Procurement joins: expect a price benchmark request and "
                "a second round. The manager attends the final call.</p>",
            ),
        },
    },
    {
        "slug": "paperwork",
        "title": "Paperwork",
        "summary": (
            "Contract, statement of work and first invoice. The deal is won when the "
            "contract is signed; it leaves the stage when the first invoice is paid."
        ),
        "owners": ["ae"],
        "audience": ["ae"],
        "owner": "ops.editor",
        "review": 90,
        "statuses": [
            ("Contract sent", "Draft with the client's legal team."),
            ("Signed", "Both parties signed; invoice issued."),
            ("Paid", "First invoice paid; ready for handover."),
        ],
        "tasks": [
            (
                "Prepare the contract",
                [
                    "From the current template, with no edits to liability clauses",
                    "Client's changes go to our legal team within one working day",
                ],
                None,
            ),
            (
                "Issue and chase the first invoice",
                [
                    "Issued the day the contract is signed",
                    "A reminder call on the due date if it is unpaid",
                ],
                "handovers",
            ),
        ],
        "days": 5,
        "reminder": "Paperwork is open for five days. Check where the contract is stuck.",
        "alert_after": 5,
        "alert": "A signed deal has waited ten days for paperwork or payment. Ask the AE for "
        "the blocker today.",
        "next": ["handover"],
        "automations": [
            ("Status set to Signed", "Invoice request sent to accounting", "system"),
            ("Invoice due date passes unpaid", "Reminder to call the client", "rep"),
            ("Invoice paid", "Handover task created for the AE", "rep"),
        ],
        "metrics": [
            ("Days from verbal yes to signature", "time", "5 days"),
            ("Invoices paid on time", "percent", "90%"),
        ],
        "card": [
            ("Legal entity and tax number", True, "Exactly as on the contract"),
            ("Billing contact", True, "Name and email in accounting"),
            ("Contract number and date", True, ""),
        ],
        "logging": [
            ("document", "Signed contract and statement of work attached"),
            ("email", "Correspondence with the client's legal team"),
        ],
        "subtasks": [
            ("Contract", "Template, client's changes, legal approval, signatures"),
            ("Invoice", "Issued on signature, paid before the kick-off"),
        ],
        "examples": [
            paragraph(
                "<p>Send the contract the same day as the verbal yes, while the decision "
                "is fresh. Every day of delay is a day for second thoughts.</p>"
            ),
            dialogue(
                "Unblocking a contract",
                (
                    "rep",
                    "Your legal team has had the draft for a week. Which clause is holding it up?",
                ),
                ("client", "Liability. They want it unlimited."),
                (
                    "rep",
                    "Let's put our lawyers on a 20-minute call tomorrow; it usually "
                    "takes one conversation.",
                ),
            ),
        ],
        "mistakes": [
            ("Editing the contract template yourself", "Send changes to legal"),
            ("Starting work before the invoice is paid", "Flag it in the handover note"),
        ],
        "variants": {
            "SMB": (3, "<p>Standard contract, e-signature, payment in advance.</p>"),
            "Enterprise": (
                20,
                "<p>The client's paper is common; our legal team reviews it. "
                "Vendor onboarding in their procurement system can add a week.</p>",
            ),
        },
    },
    {
        "slug": "handover",
        "title": "Handover to delivery",
        "summary": (
            "The AE hands the client to the project manager with everything promised and "
            "learned, and introduces them. The stage ends at the kick-off meeting."
        ),
        "owners": ["ae", "sales-manager"],
        "audience": ["ae", "sales-manager"],
        "owner": "ops.lead",
        "review": 60,
        "statuses": [
            ("Handover", "Briefing note written, kick-off being scheduled."),
            ("Kick-off held", "The project manager owns delivery from here."),
        ],
        "tasks": [
            (
                "Write the handover note",
                [
                    "Goals, scope, promises, risks and the people on the client side",
                    "Links to the summary email, proposal and contract",
                ],
                "handovers",
            ),
            (
                "Introduce the project manager",
                [
                    "Joint email the day the invoice is paid",
                    "The AE attends the kick-off meeting",
                ],
                "handovers",
            ),
        ],
        "days": 3,
        "reminder": "The client is waiting for the kick-off. Write the handover note and book it.",
        "alert_after": 2,
        "alert": "A paid client has no kick-off after five days. Sort it out with the project "
        "lead.",
        "next": ["cross-sell-upsell"],
        "automations": [
            ("Handover note saved", "Project created for delivery with the note", "system"),
            ("Kick-off held", "Deal moved to account growth; 30-day check-in booked", "rep"),
        ],
        "metrics": [
            ("Days from payment to kick-off", "time", "3 days"),
            ("Handover notes complete", "percent", "100%"),
        ],
        "card": [
            ("Project manager", True, "Assigned by the delivery lead"),
            ("Promises made during the sale", True, "Anything beyond the contract"),
        ],
        "logging": [
            ("document", "The handover note"),
            ("meeting", "The kick-off meeting with attendees"),
        ],
        "subtasks": [
            ("Internal handover call", "30 minutes between AE and project manager"),
            ("Kick-off", "Client, AE and project manager together"),
        ],
        "examples": [
            paragraph(
                "<p>A good handover note answers the question the project manager would "
                "otherwise ask the client: why did you buy, and what did we promise?</p>"
            ),
            dialogue(
                "Introducing the project manager",
                (
                    "rep",
                    "Marta, meet Oleg: he leads your project from today and knows "
                    "everything we discussed.",
                ),
                ("client", "Will you still be around?"),
                (
                    "rep",
                    "Yes, I join the kick-off and our quarterly reviews. Oleg runs the day-to-day.",
                ),
            ),
        ],
        "mistakes": [
            ("Handing over by forwarding the email thread", "Write the note from the template"),
            ("Disappearing after signature", "Attend the kick-off and the 30-day check-in"),
        ],
        "variants": {},
    },
    {
        "slug": "cross-sell-upsell",
        "title": "Cross-sell and upsell",
        "summary": (
            "Existing clients grow: more seats, new integrations, the sales-process audit "
            "or a support retainer. The AE keeps the relationship after delivery."
        ),
        "owners": ["ae", "sales-manager"],
        "audience": ["ae"],
        "owner": "ops.editor",
        "review": 90,
        "statuses": [
            ("Account growth", "Client live; reviews scheduled."),
            ("Opportunity found", "A concrete new need, ready for discovery."),
        ],
        "tasks": [
            (
                "Hold the quarterly business review",
                [
                    "With the client's head of sales, every quarter",
                    "Bring adoption numbers from their CRM: logins, deals logged",
                ],
                "handovers",
            ),
            (
                "Offer the next step",
                [
                    "One offer at a time, tied to a problem the client named",
                    "Open a new deal for each opportunity; do not reuse the old one",
                ],
                None,
            ),
        ],
        "days": 90,
        "reminder": "This client has not had a review for a quarter. Book one this week.",
        "alert_after": 30,
        "alert": "A live client has had no contact for four months. Check the account with the AE.",
        "next": ["needs-discovery", "proposal"],
        "automations": [
            ("90 days since the last review", "Task: book the quarterly review", "rep"),
            ("Support hours over 80% used", "Notification: offer a larger retainer", "rep"),
            ("Renewal in 60 days", "Renewal deal created", "system"),
        ],
        "metrics": [
            ("Revenue from existing clients", "money", "30% of total"),
            ("Clients with a second deal", "percent", "25% within a year"),
            ("Reviews held", "count", "every client quarterly"),
        ],
        "card": [
            ("Products bought", True, "Launch, audit, retainer, training"),
            ("Renewal date", True, "For retainers"),
            ("Health score", False, "Green, amber or red after each review"),
        ],
        "logging": [
            ("meeting", "Each business review with the agreed actions"),
            ("comment", "Growth signals heard from the client or delivery"),
        ],
        "subtasks": [
            ("Business review", "Quarterly, with adoption numbers"),
            ("Renewal", "Retainer renewal deal 60 days ahead"),
        ],
        "examples": [
            paragraph(
                "<p>The best upsell comes from the client's own numbers: if half the reps "
                "do not log calls, the training package sells itself.</p>"
            ),
            dialogue(
                "Spotting an audit opportunity",
                ("rep", "Your team logs every deal now. What does the data tell you?"),
                ("client", "That we lose most deals after the proposal, and I don't know why."),
                (
                    "rep",
                    "That is exactly what our process audit looks at. Shall I show you "
                    "what we found for a similar team?",
                ),
            ),
            callout(
                "Existing clients skip qualification",
                "<p>A new need from a live client goes straight to discovery with their AE.</p>",
            ),
        ],
        "mistakes": [
            ("Pitching every product at once", "One offer tied to one named problem"),
            ("Letting delivery own the relationship", "The AE books the reviews"),
        ],
        "variants": {
            "SMB": (
                120,
                "<p>Reviews twice a year by video call; upsell is mostly training "
                "and retainer hours.</p>",
            ),
            "Enterprise": (
                60,
                "<p>Quarterly on site, with a written account plan; look for "
                "new departments and countries.</p>",
            ),
        },
    },
]
