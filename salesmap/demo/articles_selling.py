"""Knowledge base articles: objections, scripts and email templates (English).

Same shape as ``articles_product``.
"""

from .streams import callout, dialogue, heading, paragraph, standard_link

SELLING_ARTICLES = [
    {
        "slug": "objection-too-expensive",
        "title": 'Objection: "It\'s too expensive"',
        "summary": "What the price objection usually means and three answers that keep the "
        "conversation on value.",
        "category": "objections",
        "tags": ["objections", "price", "negotiation"],
        "owner": "ops.lead",
        "review": 90,
        "related": ["crm-launch", "competitor-freelancers"],
        "body": [
            paragraph(
                '<p>"Too expensive" is rarely about the number. It usually means the client '
                "does not yet see what they lose by doing nothing, or is comparing us with "
                "something smaller.</p>"
            ),
            heading("Answer 1: compared with what?"),
            dialogue(
                "",
                ("client", "It's too expensive for us."),
                ("rep", "Compared with what you have now, or with another offer?"),
                ("client", "Another partner quoted half."),
                (
                    "rep",
                    "Let's compare the scopes line by line; often training and migration "
                    "are missing.",
                ),
            ),
            heading("Answer 2: the cost of doing nothing"),
            paragraph(
                "<p>Go back to the number from discovery: the deals that went cold when reps "
                "left. One saved deal usually pays for the project.</p>"
            ),
            callout(
                "Never lead with a discount",
                "<p>A discount offered at the first objection tells the client the price was "
                "never real.</p>",
                tone="warning",
            ),
            standard_link("negotiation", "Discounts are traded, never given."),
        ],
    },
    {
        "slug": "objection-we-will-do-it-ourselves",
        "title": 'Objection: "Our admin will set it up"',
        "summary": "When the client plans to implement the CRM in-house: what to ask and when "
        "to let go.",
        "category": "objections",
        "tags": ["objections", "in-house", "SMB"],
        "owner": "ops.editor",
        "review": 120,
        "related": ["objection-too-expensive", "competitor-freelancers"],
        "body": [
            paragraph(
                "<p>Sometimes this is the right answer for the client, and we say so. More "
                "often the admin is strong technically but nobody owns the sales process.</p>"
            ),
            dialogue(
                "Testing the plan",
                ("client", "Our admin will set it up, he's very good."),
                (
                    "rep",
                    "Great. Who decides what the stages are and what a rep must log at each one?",
                ),
                ("client", "I suppose our head of sales, when she has time."),
                ("rep", "That design work is usually what we do; your admin can then run it."),
            ),
            callout(
                "Offer the audit instead",
                "<p>If they insist on doing it themselves, offer the process audit so their "
                "admin builds the right thing.</p>",
            ),
            standard_link("proposal", "A smaller proposal keeps the door open."),
        ],
    },
    {
        "slug": "script-first-call",
        "title": "Script: the first call on an inbound request",
        "summary": "The model first call for SDRs: opening, the trigger question and booking "
        "the next step.",
        "category": "scripts",
        "tags": ["script", "first call", "SDR"],
        "owner": "ops.editor",
        "review": 60,
        "related": ["ideal-customer-profile"],
        "body": [
            heading("Structure"),
            paragraph(
                "<ol><li>Who you are and why you are calling: their request.</li><li>Permission"
                " for three minutes.</li><li>The trigger question: why now?</li><li>Two "
                "profile questions: team size and current tools.</li><li>The next step with a "
                "date.</li></ol>"
            ),
            dialogue(
                "Model call",
                (
                    "rep",
                    "Hello, this is Tom from Brightline. You left a request about a CRM "
                    "setup. Do you have three minutes?",
                ),
                ("client", "Sure."),
                ("rep", "What made you look into it this month?"),
                ("client", "We hired four reps and the spreadsheet is falling apart."),
                (
                    "rep",
                    "How many people sell in total, and what do they use besides the spreadsheet?",
                ),
                ("client", "Fourteen. Email and phones, that's it."),
                (
                    "rep",
                    "Then a 30-minute call with our consultant makes sense. Tomorrow at "
                    "11 or Thursday at 3?",
                ),
            ),
            standard_link("new-request"),
        ],
    },
    {
        "slug": "email-discovery-summary",
        "title": "Email template: summary after discovery",
        "summary": "The email sent within 24 hours of a discovery meeting: what we heard, what "
        "we agreed and what happens next.",
        "category": "email-templates",
        "tags": ["email", "template", "discovery"],
        "owner": "ops.editor",
        "review": 90,
        "related": ["who-decides"],
        "body": [
            paragraph(
                "<p><b>Subject:</b> Our call on [date]: your goals and next steps</p>"
                "<p>Hello [name],</p><p>Thank you for the time today. Here is what I "
                "understood:</p><ul><li>Goal: [in the client's words, with a number];</li>"
                "<li>Today: [tools and process];</li><li>What must change: [two or three "
                "points].</li></ul><p>Next step: [what, who, date]. If I missed anything, "
                "just reply to this email.</p>"
            ),
            callout(
                "Why it works",
                "<p>The champion forwards this email to the people who were not in the "
                "room. Write it so they can understand it alone.</p>",
            ),
            standard_link("needs-discovery", "Sent within 24 hours of the meeting."),
        ],
    },
    {
        "slug": "email-proposal-follow-up",
        "title": "Email template: proposal follow-up",
        "summary": "A short follow-up for a proposal without a reply, with one clear question.",
        "category": "email-templates",
        "tags": ["email", "template", "proposal", "follow-up"],
        "owner": "ops.editor",
        "review": 60,
        "related": ["email-discovery-summary", "objection-too-expensive"],
        "body": [
            paragraph(
                "<p><b>Subject:</b> [Company] CRM plan: one question</p><p>Hello [name],</p>"
                "<p>When we spoke on [date], you planned to discuss the proposal with "
                "[economic buyer]. Which part raised the most questions: scope, timeline or "
                "budget?</p><p>I can adjust it before your next internal meeting.</p>"
            ),
            callout(
                "One question, not 'any news?'",
                "<p>A specific question gets a reply; 'just checking in' gets archived.</p>",
                tone="tip",
            ),
            standard_link("proposal"),
        ],
    },
]
