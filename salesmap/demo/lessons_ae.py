"""The AE onboarding course: five lessons from discovery to the forecast.

Same shape as ``lessons_sdr``.
"""

from .lessons_builders import checklist, page_link, takeaways
from .lessons_ru import CLOSING_RU
from .streams import callout, dialogue, heading, paragraph

DISCOVERY = {
    "slug": "discovery-meeting",
    "title": "The discovery meeting",
    "summary": "How to run the meeting that decides the deal: the trigger, the pain in "
    "numbers, the buying committee and the summary email within 24 hours.",
    "minutes": 15,
    "rule": "read_and_passed",
    "read_percent": 60,
    "owner": "ops.lead",
    "review": 90,
    "body": [
        heading("What discovery is for"),
        paragraph(
            "<p>Discovery is where you learn how the client sells today, where deals are "
            "lost and what a working CRM must change. Everything later, from the demo to "
            "the price, is built on what you hear here.</p>"
        ),
        heading("The shape of the meeting"),
        paragraph(
            "<ol><li>Agenda and time check (2 minutes).</li><li>The trigger: why now?</li>"
            "<li>Today's process, stage by stage, in their words.</li><li>The pain in "
            "numbers: lost deals, hours on reports, reps who left.</li><li>Who decides and "
            "how.</li><li>The next step, agreed before you hang up.</li></ol>"
        ),
        dialogue(
            "Turning a complaint into a number",
            ("client", "Our reps hate the CRM."),
            ("rep", "What do they have to enter after a call, and who reads it?"),
            ("client", "Ten fields. Nobody reads them; I ask for a spreadsheet on Fridays."),
            ("rep", "How long does that spreadsheet take each rep?"),
            ("client", "An hour, maybe more. Times twelve reps."),
            ("note", "Twelve hours a week of reporting: write it down, it goes in the proposal."),
        ),
        callout(
            "Listen more than you talk",
            "<p>Speak for less than a third of the meeting. Your job is to ask and write "
            "down the client's own words.</p>",
        ),
        takeaways(
            "Start with the trigger; it tells you the pain and the deadline.",
            "Get the pain in numbers: they become the value in the proposal.",
            "Send the summary email within 24 hours.",
        ),
        checklist(
            "After the meeting",
            ("Summary email sent within 24 hours", "Goals, success criteria, next step"),
            "Three price drivers in the deal: users, integrations, data volume",
            "Buying committee listed in the client card",
        ),
        page_link("needs-discovery", "The stage standard for discovery and pre-sale."),
    ],
}

DEMO = {
    "slug": "demo-that-sells",
    "title": "A demo that sells",
    "summary": "Show the client their own process, not our feature list: how to build a "
    "demo from discovery notes and end it with a next step.",
    "minutes": 12,
    "rule": "read_and_passed",
    "read_percent": 50,
    "owner": "ops.editor",
    "review": 90,
    "body": [
        heading("Demo their day, not our product"),
        paragraph(
            "<p>A demo is a story about the client's week after the project: the head of "
            "sales opening the pipeline on Monday, a rep logging a call in ten seconds, a "
            "deal that did not go cold. Build it from the discovery notes.</p>"
        ),
        heading("Three rules"),
        paragraph(
            "<ul><li>No demo before discovery: without the pain there is nothing to show.</li>"
            "<li>Three scenes at most, each tied to a pain the client named.</li><li>Stop "
            "after each scene and ask: how would this change your week?</li></ul>"
        ),
        dialogue(
            "Checking a scene landed",
            ("rep", "That is the Monday pipeline view your head of sales asked for."),
            ("rep", "How would this change your Friday spreadsheet?"),
            ("client", "We wouldn't need it. Can it show the forecast by rep?"),
            ("note", "A buying question: note it and answer it with the next scene."),
        ),
        callout(
            "End with a next step, not with 'any questions?'",
            "<p>Agree who sees the proposal, when, and what they need to decide.</p>",
            tone="important",
        ),
        takeaways(
            "Build the demo from the client's pains, three scenes at most.",
            "Ask after each scene how it changes their week.",
            "Close the demo with an agreed next step.",
        ),
        checklist(
            "Before the demo",
            "Discovery notes re-read; three pains picked",
            ("Demo account filled with the client's stages", "Their names, not 'Stage 1'"),
            "Decision makers invited, and their questions known",
        ),
        page_link("crm-launch", "What our implementation package includes."),
    ],
}

PROPOSAL = {
    "slug": "proposal-and-negotiation",
    "title": "Proposal and negotiation",
    "summary": "A proposal that restates the client's goals and prices the scope, and a "
    "negotiation where every concession is traded, never given.",
    "minutes": 15,
    "rule": "read_and_passed",
    "read_percent": 50,
    "owner": "ops.lead",
    "review": 60,
    "body": [
        heading("The proposal"),
        paragraph(
            "<p>Open with the client's goals in their own words and the numbers from "
            "discovery. Then the scope, the package (Start, Growth or Custom) and the price. "
            "Walk the client through it on a call; never just email a PDF.</p>"
        ),
        heading("Negotiation: trade, never give"),
        paragraph(
            "<p>When the client asks for a discount, ask what they can give in return: a "
            "longer support term, a case study, payment up front. Discounts above 5% need "
            "your manager's approval in the CRM before you offer them.</p>"
        ),
        dialogue(
            "Trading a concession",
            ("client", "We need 15% off to get this past our CFO."),
            ("rep", "I can look at 8% with a 12-month retainer and half paid up front."),
            ("client", "Let me check the retainer with her."),
            ("note", "Log the concession and the manager's approval on the deal."),
        ),
        callout(
            "Negotiate with the person who signs",
            "<p>Terms agreed with the champion only are reopened by the CFO. Get the "
            "economic buyer on the final call.</p>",
            tone="warning",
        ),
        takeaways(
            "The proposal starts with the client's goals, not our price list.",
            "Every concession gets something back.",
            "Discounts above 5% are approved before they are offered.",
        ),
        checklist(
            "Before sending the proposal",
            "Goals and numbers from discovery on the first page",
            "Scope matches the three price drivers",
            ("Walk-through call booked", "Within two days of sending"),
        ),
        page_link("proposal", "The proposal stage standard."),
    ],
}

FORECASTING = {
    "slug": "pipeline-forecasting",
    "title": "Pipeline and forecasting",
    "summary": "How we weigh deals by their age in the cycle, what may be committed to the "
    "forecast, and why the client's own action is the only reliable signal.",
    "minutes": 10,
    "rule": "read",
    "read_percent": 50,
    "owner": "ops.lead",
    "review": 120,
    "body": [
        heading("Weigh deals by the cycle"),
        paragraph(
            "<p>Our average cycle is about four months. A deal one month in has roughly a "
            "one-in-four chance, so a 20,000 deal that young enters the forecast at 5,000 "
            "weighted, however keen the client sounded.</p>"
        ),
        heading("What may be committed"),
        paragraph(
            "<p>Commit a deal only when the client has taken a step of their own: the CFO "
            "booked the contract review, procurement asked for the draft. 'They liked the "
            "demo' is hope, not a commit.</p>"
        ),
        callout(
            "Stale deals hide misses",
            "<p>A deal past its stage's time limit is a question for your one-on-one: "
            "revive it with a dated next step or close it as lost.</p>",
            tone="warning",
        ),
        takeaways(
            "Weigh every deal by its age in the cycle.",
            "Commit only on the client's own action.",
            "Clean out stale deals before the monthly forecast.",
        ),
        checklist(
            "Before the monthly forecast",
            "Every open deal has a dated next step",
            "Deals past their time limit moved or closed",
            ("Committed deals have a client action noted", "Who, what, when"),
        ),
        page_link("meetings-and-forecast", "The forecast norms with examples."),
    ],
}

AE_COURSE = {
    "slug": "ae-onboarding",
    "title": "AE onboarding",
    "description": (
        "<p>For new account executives: discovery, the demo, the proposal and negotiation, "
        "closing and handover, and an honest forecast. Each lesson ends with a quiz.</p>"
    ),
    "audience": ["ae"],
    "lessons": [DISCOVERY, DEMO, PROPOSAL, CLOSING_RU, FORECASTING],
}
