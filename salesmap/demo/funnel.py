"""The demo funnel: eight stages in the order deals move, with SMB and Enterprise variants.

The allowed next stages point at siblings, so new stages are created as
drafts first; once all eight exist, their next stages are set and each is
published in one revision that holds everything.
"""

from salesmap.home.models import SalesMapHomePage
from standards.models import ClientGroup, FunnelPage, FunnelStagePage, StageVariant

from .pages import Section, ensure_child, publish_revision
from .stages_from_negotiation import STAGES_FROM_NEGOTIATION
from .stages_to_proposal import STAGES_TO_PROPOSAL

STAGES = [*STAGES_TO_PROPOSAL, *STAGES_FROM_NEGOTIATION]

CLIENT_GROUPS = [
    (
        "SMB",
        "Companies with up to 50 employees and a sales team of 3-15. The owner or the head "
        "of sales decides; fixed-price packages.",
    ),
    (
        "Enterprise",
        "Companies with 500+ employees or several sales teams. A buying committee, "
        "procurement and IT security take part; custom statements of work.",
    ),
]


def load_client_groups():
    """``{name: ClientGroup}``; existing groups are kept as they are."""
    return {
        name: ClientGroup.objects.get_or_create(name=name, defaults={"description": text})[0]
        for name, text in CLIENT_GROUPS
    }


def stage_fields(data, *, norms, roles, client_groups):
    """The field values of a ``FunnelStagePage`` built from one entry of ``STAGES``."""
    return {
        "title": data["title"],
        "summary": data["summary"],
        "crm_statuses": [("status", {"name": n, "meaning": m}) for n, m in data["statuses"]],
        "tasks": [
            ("task", {"task": task, "key_standards": list(standards), "norm": norms.get(norm)})
            for task, standards, norm in data["tasks"]
        ],
        "recommended_days": data["days"],
        "rep_reminder": data["reminder"],
        "manager_alert_after_days": data["alert_after"],
        "manager_alert": data["alert"],
        "automations": [
            ("automation", {"trigger": when, "action": what, "recipient": who})
            for when, what, who in data["automations"]
        ],
        "metrics": [
            ("metric", {"name": name, "unit": unit, "target": target})
            for name, unit, target in data["metrics"]
        ],
        "client_card_fields": [
            ("field", {"name": name, "required": required, "note": note})
            for name, required, note in data["card"]
        ],
        "logging_rules": [("item", {"kind": k, "rule": rule}) for k, rule in data["logging"]],
        "subtasks": [("subtask", {"title": t, "description": d}) for t, d in data["subtasks"]],
        "examples": data["examples"],
        "common_mistakes": [
            ("mistake", {"mistake": mistake, "instead": instead})
            for mistake, instead in data["mistakes"]
        ],
        "owner_roles": [roles[slug] for slug in data["owners"] if slug in roles],
        "acknowledgement_roles": [roles[slug] for slug in data["audience"] if slug in roles],
        "variants": [
            StageVariant(client_group=client_groups[name], recommended_days=days, differences=text)
            for name, (days, text) in data["variants"].items()
        ],
        "review_interval_days": data["review"],
    }


def load_funnel(people, roles, norms):
    """The funnel page and its eight stages; returns a ``Section`` keyed by stage slug.

    ``norms`` is ``{topic slug: NormsTopicPage}`` for the tasks' norm links.
    """
    home = SalesMapHomePage.objects.get()
    lead = people["ops.lead"]
    client_groups = load_client_groups()
    funnel, made = ensure_child(
        home,
        FunnelPage,
        slug="funnel",
        title="Sales funnel",
        intro=(
            "<p>Every request moves through eight stages, from the first call to account "
            "growth. Each stage says what you do there, how long a deal may stay and where "
            "it may go next. A deal that is lost leaves the funnel from any stage with a "
            "loss reason.</p>"
        ),
        content_owner=lead,
        review_interval_days=120,
        author=lead,
    )
    section = Section(index=funnel, created=[funnel] if made else [])
    for data in STAGES:
        owner = people[data["owner"]]
        stage, made = ensure_child(
            funnel,
            FunnelStagePage,
            slug=data["slug"],
            content_owner=owner,
            publish=False,
            **stage_fields(data, norms=norms, roles=roles, client_groups=client_groups),
        )
        section.pages[data["slug"]] = stage
        if made:
            section.created.append(stage)
    created_stages = {page.pk for page in section.created}
    for data in STAGES:
        stage = section.pages[data["slug"]]
        if stage.pk not in created_stages:
            continue
        stage.next_stages = [section.pages[slug] for slug in data["next"] if slug in section.pages]
        publish_revision(stage, author=stage.content_owner)
    return section
