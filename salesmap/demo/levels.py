"""What each demo level expects: day-to-day expectations, KPIs and typical time there.

Keyed by level slug (see ``roles.ROLES``). KPIs are ``(kind, name, target,
how it is measured)`` with kind result, process or efficiency.
"""


def kpis(*rows):
    """KpiBlock values for a level's ``kpis`` StreamField."""
    return [
        ("kpi", {"kind": kind, "name": name, "target": target, "how_measured": how})
        for kind, name, target, how in rows
    ]


LEVEL_CONTENT = {
    "sdr-1": {
        "expectations": (
            "<p>Handles inbound requests to the standard, with a mentor listening to "
            "a sample of calls every week.</p><ul>"
            "<li>Calls every new request back within 15 minutes in working hours.</li>"
            "<li>Fills the client card completely before asking for a discovery slot.</li>"
            "<li>Knows the three service lines and the ideal customer profile by heart.</li>"
            "<li>Uses the qualification script without skipping the budget question.</li></ul>"
        ),
        "kpis": kpis(
            ("process", "Speed of first response", "under 15 minutes", "CRM: request to call"),
            ("process", "Requests qualified per week", "25", "Deals leaving Qualification"),
            ("result", "Discovery calls booked", "8 a month", "Meetings created for an AE"),
            ("process", "CRM hygiene", "95% complete cards", "Weekly card audit by Sales Ops"),
            ("process", "Call quality score", "70 of 100", "Mentor scores 5 calls a week"),
        ),
        "months": (3, 6),
        "review": 120,
    },
    "sdr-2": {
        "expectations": (
            "<p>Works inbound and outbound alone and is the first person SDR I asks.</p><ul>"
            "<li>Runs two outbound sequences a month to target accounts.</li>"
            "<li>Spots upsell signals in existing clients and routes them to the AE.</li>"
            "<li>Reviews two calls of a new SDR every week against the standard.</li></ul>"
        ),
        "kpis": kpis(
            ("result", "Qualified opportunities passed to AEs", "12 a month", "CRM: SQL count"),
            ("result", "Request-to-discovery conversion", "35%", "Discovery held / requests"),
            ("process", "Outbound touches", "150 a week", "Calls and emails logged"),
            ("process", "Call quality score", "80 of 100", "Manager scores 3 calls a week"),
            ("efficiency", "Plan attainment", "100%", "Booked discoveries against the plan"),
        ),
        "months": (6, 12),
        "review": 120,
    },
    "ae-1": {
        "expectations": (
            "<p>Closes SMB deals on standard terms and price list.</p><ul>"
            "<li>Holds discovery with the pre-sale checklist and writes the summary "
            "email the same day.</li>"
            "<li>Sends proposals only after the client has agreed the scope on a call.</li>"
            "<li>Asks the manager before any discount above 5%.</li></ul>"
        ),
        "kpis": kpis(
            ("result", "Revenue closed", "$40k a quarter", "Signed contracts in the CRM"),
            ("result", "Win rate from proposal", "30%", "Won / proposals sent"),
            ("process", "Proposals sent", "10 a month", "CRM: deals entering Proposal"),
            ("process", "Deal-handling compliance", "90%", "Monthly audit of 10 deals"),
            ("result", "Average sales cycle", "under 45 days", "Request date to signature"),
        ),
        "months": (6, 12),
        "review": 150,
    },
    "ae-2": {
        "expectations": (
            "<p>Runs enterprise deals with several decision makers and a procurement "
            "step.</p><ul>"
            "<li>Maps the buying committee: economic buyer, champion, IT and legal.</li>"
            "<li>Leads pre-sale workshops together with a solution architect.</li>"
            "<li>Keeps the forecast honest: a deal's stage matches the client's actions.</li>"
            "</ul>"
        ),
        "kpis": kpis(
            ("result", "Revenue closed", "$90k a quarter", "Signed contracts in the CRM"),
            ("result", "Average deal size", "$25k", "Revenue / deals won"),
            ("process", "Forecast accuracy", "within 15%", "Commit vs. actual each month"),
            ("process", "Pre-sale workshops held", "4 a month", "Meetings of type workshop"),
            ("efficiency", "Discount given", "under 7% on average", "Price list vs. contract"),
            ("result", "Cross-sell within 6 months", "25% of clients", "Second deal per client"),
        ),
        "months": (12, 24),
        "review": 150,
    },
    "ae-3": {
        "expectations": (
            "<p>Leads the strategic accounts and grows them year after year.</p><ul>"
            "<li>Writes an account plan for each strategic client every quarter.</li>"
            "<li>Mentors two AEs: joins their key calls and reviews their proposals.</li>"
            "<li>Turns their best emails and calls into Sales Map material with Sales Ops.</li>"
            "</ul>"
        ),
        "kpis": kpis(
            ("result", "Revenue closed", "$150k a quarter", "Signed contracts in the CRM"),
            ("result", "Net revenue retention", "115%", "Year-on-year revenue of accounts"),
            ("process", "Account plans current", "all strategic accounts", "Plan reviewed <90d"),
            ("efficiency", "Mentees promoted", "1 a year", "Level changes of mentees"),
            ("result", "Customer lifetime", "3+ years", "Years since the first contract"),
        ),
        "months": (18, 36),
        "review": 180,
    },
    "team-lead": {
        "expectations": (
            "<p>Leads up to five reps while still closing a share of deals.</p><ul>"
            "<li>Runs a 15-minute stand-up every morning and a one-on-one with every rep "
            "at least monthly.</li>"
            "<li>Scores two calls per rep per week against the standard.</li>"
            "<li>Reacts to every overdue-deal alert within one working day.</li></ul>"
        ),
        "kpis": kpis(
            ("result", "Team plan attainment", "100%", "Team revenue against the plan"),
            ("process", "One-on-ones held", "every rep monthly", "Meetings in the calendar"),
            ("process", "Calls scored", "2 per rep a week", "Scorecards saved"),
            ("process", "Overdue deals", "under 10%", "Deals past recommended days"),
            ("result", "Own revenue closed", "$30k a quarter", "Signed contracts"),
        ),
        "months": (12, 24),
        "review": 120,
    },
    "sales-manager": {
        "expectations": (
            "<p>Owns the plan of a full team of up to ten reps and its forecast.</p><ul>"
            "<li>Builds the monthly forecast from the funnel, not from promises.</li>"
            "<li>Hires with Sales Ops and signs off each new hire's onboarding.</li>"
            "<li>Brings growth points from the funnel to Sales Ops every month.</li></ul>"
        ),
        "kpis": kpis(
            ("result", "Department revenue", "plan +/- 5%", "Monthly revenue against the plan"),
            ("result", "Lead-to-deal conversion", "12%", "Won deals / new requests"),
            ("efficiency", "Rep cost to revenue", "under 15%", "Payroll / revenue brought in"),
            ("process", "Ramp time of new hires", "under 90 days", "Start to first closed deal"),
            ("efficiency", "Rep churn", "under 20% a year", "Leavers / average headcount"),
        ),
        "months": (24, 60),
        "review": 180,
    },
    "sales-ops": {
        "expectations": (
            "<p>Keeps the Sales Map true and turns the best practice into standards.</p><ul>"
            "<li>Answers every suggestion from reps within a week.</li>"
            "<li>Re-verifies owned pages before their review date.</li>"
            "<li>Builds lessons and quizzes for every change of substance.</li></ul>"
        ),
        "kpis": kpis(
            ("process", "Sales Map trust score", "90% pages fresh", "Pages within review date"),
            ("process", "Suggestions answered", "within 5 working days", "Reply date"),
            ("result", "New-hire ramp time", "under 90 days", "Start to first closed deal"),
            ("efficiency", "Standards compliance", "85% of audited deals", "Monthly audit"),
        ),
        "months": (12, 36),
        "review": 180,
    },
}
