"""Knowledge base articles: what we sell, to whom, and against whom (English).

Each article: slug, title, summary, category slug, tags, owner, review
interval, related article slugs (only ones listed earlier in the load order)
and a body of ``streams`` blocks.
"""

from .streams import callout, dialogue, heading, paragraph, standard_link

PRODUCT_ARTICLES = [
    {
        "slug": "crm-launch",
        "title": "CRM Launch: our implementation package",
        "summary": "What the client gets in a CRM Launch project, how long it takes and "
        "what drives the price.",
        "category": "product",
        "tags": ["CRM Launch", "price", "scope"],
        "owner": "ops.lead",
        "review": 90,
        "related": [],
        "body": [
            heading("What is included"),
            paragraph(
                "<p>CRM Launch takes a sales team from spreadsheets or a neglected CRM to a "
                "working system in six to ten weeks:</p><ul><li>pipeline and stage design "
                "based on how the team really sells;</li><li>migration of companies, "
                "contacts and open deals;</li><li>email and telephony integration;</li>"
                "<li>two training sessions and a month of hypercare.</li></ul>"
            ),
            heading("What drives the price"),
            paragraph(
                "<p>Three things: the number of users, the number of integrations and the "
                "volume and state of the data to migrate. Never quote before discovery has "
                "established all three.</p>"
            ),
            callout(
                "Packages",
                "<p><b>Start</b> up to 15 users, no custom integrations. <b>Growth</b> up to "
                "50 users and two integrations. <b>Custom</b> for everything bigger.</p>",
                tone="important",
            ),
            standard_link("needs-discovery", "Discovery collects the three price drivers."),
        ],
    },
    {
        "slug": "sales-process-audit",
        "title": "Sales Process Audit",
        "summary": "A two-week diagnostic of the client's funnel, calls and scripts that "
        "ends with a list of growth points.",
        "category": "product",
        "tags": ["audit", "consulting", "cross-sell"],
        "owner": "ops.lead",
        "review": 90,
        "related": ["crm-launch"],
        "body": [
            heading("How the audit works"),
            paragraph(
                "<p>Our consultant reviews the client's CRM data, listens to twenty recorded "
                "calls, reads their scripts and interviews the head of sales and two reps. "
                "The client receives a report with the five biggest growth points and a "
                "90-day plan.</p>"
            ),
            heading("Who buys it", level="h3"),
            paragraph(
                "<p>Heads of sales who see the numbers dropping but cannot say at which stage. "
                "It is also the most common second purchase after a CRM Launch.</p>"
            ),
            callout(
                "A free sample",
                "<p>In pre-sale we may score five calls for free. Offer it only to A-scored "
                "leads.</p>",
            ),
            standard_link("cross-sell-upsell", "Most audits are sold to existing clients."),
        ],
    },
    {
        "slug": "support-retainer",
        "title": "Care retainer and add-ons",
        "summary": "Monthly admin hours, new integrations and refresher training: what we sell "
        "after go-live.",
        "category": "product",
        "tags": ["retainer", "upsell", "renewal"],
        "owner": "ops.editor",
        "review": 120,
        "related": ["crm-launch", "sales-process-audit"],
        "body": [
            paragraph(
                "<p>The Care retainer is a monthly block of 10, 20 or 40 admin hours with a "
                "one-day response time. Unused hours do not roll over.</p>"
            ),
            heading("When to offer a larger block"),
            paragraph(
                "<p>When a client uses more than 80% of their hours two months in a row, "
                "the CRM notifies the AE. Offer the next block at the quarterly review, with "
                "the usage report in hand.</p>"
            ),
            dialogue(
                "Offering the retainer at the end of hypercare",
                (
                    "rep",
                    "Hypercare ends next week. Who will change a pipeline stage or add a "
                    "field after that?",
                ),
                ("client", "I hadn't thought about it. Probably me."),
                ("rep", "Many clients keep ten hours a month with us for exactly that."),
            ),
            standard_link("cross-sell-upsell"),
        ],
    },
    {
        "slug": "ideal-customer-profile",
        "title": "Our ideal customer profile",
        "summary": "The companies we win most often and keep longest: size, team, tools and "
        "the signals that they are ready.",
        "category": "ideal-customer-profile",
        "tags": ["ICP", "qualification", "lead scoring"],
        "owner": "ops.lead",
        "review": 180,
        "related": ["crm-launch"],
        "body": [
            heading("The profile"),
            paragraph(
                "<ul><li>B2B company with 30 to 300 employees;</li><li>a sales team of 5 to 40 "
                "people with a head of sales in place;</li><li>spreadsheets, a CRM nobody "
                "updates, or a CRM they outgrew;</li><li>revenue growing, or a plan to grow "
                "it.</li></ul>"
            ),
            heading("Signals of readiness"),
            paragraph(
                "<p>A new head of sales, a funding round, rep turnover, a forecast that "
                "missed twice, or a founder who can no longer see the pipeline.</p>"
            ),
            callout(
                "Scoring",
                "<p><b>A</b>: profile and a signal. <b>B</b>: profile, no signal yet. "
                "<b>C</b>: outside the profile; send to nurture.</p>",
                tone="important",
            ),
            standard_link("qualification", "Where the score is given."),
        ],
    },
    {
        "slug": "who-decides",
        "title": "Who decides: the buying committee",
        "summary": "The people behind a CRM purchase, what each one cares about and how to "
        "reach them.",
        "category": "ideal-customer-profile",
        "tags": ["decision makers", "enterprise", "discovery"],
        "owner": "ops.lead",
        "review": 120,
        "related": ["ideal-customer-profile"],
        "body": [
            paragraph(
                "<p>In SMB the owner or the head of sales decides alone. From about 200 "
                "employees a committee appears:</p><ul><li><b>head of sales</b> - "
                "visibility of the pipeline, rep productivity;</li><li><b>CFO</b> - total "
                "cost and payback;</li><li><b>IT</b> - security, integrations, who "
                "supports it;</li><li><b>reps</b> - less admin, not more.</li></ul>"
            ),
            callout(
                "Name the economic buyer",
                "<p>The person who signs is rarely the person who filled in the form. Ask "
                "early and politely.</p>",
                tone="warning",
            ),
            standard_link("needs-discovery", "Invite the committee to discovery."),
        ],
    },
    {
        "slug": "competitor-vendor-services",
        "title": "Competitor: the CRM vendor's own services team",
        "summary": "How we win against the implementation team of the CRM vendor itself.",
        "category": "competitors",
        "tags": ["competitors", "vendor", "enterprise"],
        "owner": "ops.editor",
        "review": 60,
        "related": ["crm-launch"],
        "body": [
            heading("Their strengths"),
            paragraph(
                "<p>Deep product knowledge and the brand. Clients assume the vendor knows "
                "the product best, and for pure configuration they are often right.</p>"
            ),
            heading("Where we win"),
            paragraph(
                "<p>They configure software; we design a sales process and then configure it. "
                "We are also independent: we recommend what the client needs, not the "
                "vendor's next module.</p>"
            ),
            dialogue(
                "When the client mentions the vendor",
                ("client", "The vendor also offered to set it up."),
                (
                    "rep",
                    "Good, they know the product. Did they ask how your team qualifies "
                    "leads, or only how many licences you need?",
                ),
            ),
        ],
    },
    {
        "slug": "competitor-freelancers",
        "title": "Competitor: freelance integrators",
        "summary": "Cheap and fast to start; how to show the cost of a project without a "
        "process owner.",
        "category": "competitors",
        "tags": ["competitors", "price", "SMB"],
        "owner": "ops.editor",
        "review": 45,
        "related": ["competitor-vendor-services"],
        "body": [
            paragraph(
                "<p>Freelancers quote 30-50% below us and can start tomorrow. They are a real "
                "option for a five-person team with no integrations.</p>"
            ),
            heading("Questions that show the difference"),
            paragraph(
                "<ul><li>Who supports the system when the freelancer takes another project?"
                "</li><li>Who trains the team and checks that they use it?</li><li>Who "
                "designs the stages before they are configured?</li></ul>"
            ),
            callout(
                "Do not run them down",
                "<p>Agree with what they do well. Win on what happens after go-live.</p>",
            ),
        ],
    },
]
