from salesmap.home.models import SalesMapHomePage
from salesmap.progression.models import LevelPage, RolePage, RolesIndexPage

from .levels import LEVEL_CONTENT
from .pages import ensure_child

ROLES = [
    {
        "slug": "sdr",
        "title": "Sales development rep",
        "short_name": "SDR",
        "summary": (
            "First contact on every request, within minutes. Qualifies the lead, "
            "scores and prioritises it, and books the discovery call for an AE."
        ),
        "levels": [
            ("sdr-1", "SDR I", "Works inbound requests to the standard with a mentor's review."),
            (
                "sdr-2",
                "SDR II",
                "Runs outbound sequences alone and coaches SDR I on qualification.",
            ),
        ],
    },
    {
        "slug": "ae",
        "title": "Account executive",
        "short_name": "AE",
        "summary": (
            "Owns the deal from discovery to signature: needs analysis, value "
            "proposal, negotiation and a clean handover to delivery."
        ),
        "levels": [
            ("ae-1", "AE I", "Closes SMB deals with standard terms."),
            ("ae-2", "AE II", "Runs enterprise deals with several decision makers."),
            ("ae-3", "Senior AE", "Leads strategic accounts and mentors AEs."),
        ],
    },
    {
        "slug": "sales-manager",
        "title": "Sales manager",
        "short_name": "Manager",
        "summary": (
            "Leads a group of five to ten reps: daily stand-ups, monthly one-on-ones, "
            "forecast and coaching against the Sales Map."
        ),
        "levels": [
            ("team-lead", "Team lead", "Leads up to five reps while still closing deals."),
            ("sales-manager", "Sales manager", "Leads a full team and owns its plan."),
        ],
    },
    {
        "slug": "sales-ops",
        # A separate track: not a next step on the reps' path.
        "on_career_path": False,
        "title": "Sales operations",
        "short_name": "Ops",
        "summary": (
            "Keeps the Sales Map alive: writes standards and scripts, trains new and "
            "existing staff, and finds growth points in the funnel."
        ),
        "levels": [("sales-ops", "Sales Ops specialist", "Maintains the standards and training.")],
    },
]


def load_roles():
    """The roles index with SDR, AE, sales manager and Sales Ops, each with levels
    that carry their expectations, KPIs and typical time.

    New pages are drafts without an owner: the owners are demo people, who
    need the levels first; ``upkeep.claim_unowned`` gives them an owner and
    publishes them, in the same transaction. Returns
    ``{level_slug: (RolePage, LevelPage)}`` and the list of pages created."""
    home = SalesMapHomePage.objects.get()
    created = []
    index, made = ensure_child(
        home,
        RolesIndexPage,
        slug="roles",
        title="Roles and levels",
        intro=(
            "<p>Every role has its own development map: what to know and show to move "
            "to the next level. Start at the first level of your role.</p>"
        ),
        search_description="The path from SDR to AE to sales manager, level by level.",
        review_interval_days=180,
        publish=False,
    )
    if made:
        created.append(index)
    levels = {}
    for role_data in ROLES:
        role, made = ensure_child(
            index,
            RolePage,
            slug=role_data["slug"],
            title=role_data["title"],
            short_name=role_data["short_name"],
            summary=role_data["summary"],
            on_career_path=role_data.get("on_career_path", True),
            review_interval_days=180,
            publish=False,
        )
        if made:
            created.append(role)
        for slug, title, summary in role_data["levels"]:
            content = LEVEL_CONTENT[slug]
            low, high = content["months"]
            level, made = ensure_child(
                role,
                LevelPage,
                slug=slug,
                title=title,
                short_name=title,
                summary=summary,
                expectations=content["expectations"],
                kpis=content["kpis"],
                typical_months_min=low,
                typical_months_max=high,
                review_interval_days=content["review"],
                publish=False,
            )
            if made:
                created.append(level)
            levels[slug] = (role, level)
    return levels, created


def role_pages():
    """``{role slug: RolePage}``, for owner and audience fields.

    Not only live ones: on a first run the roles are still drafts at this point."""
    return {role.slug: role for role in RolePage.objects.all()}
