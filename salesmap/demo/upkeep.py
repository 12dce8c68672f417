"""Keeping the demo Sales Map alive: owners, verifications, acknowledgements, suggestions.

Only pages this run created (or claimed) are touched, so a second run adds
no verifications, acknowledgements or suggestions. Verification dates are
in the past so the trust score looks like a real team's: most pages fresh,
a few overdue, a couple never verified since they were published.
"""

import datetime
import zlib

from django.utils import timezone

from salesmap.home.models import SalesMapHomePage
from standards import services
from standards.models import Suggestion

from .pages import publish_revision

# Pages Sales Ops looks after less keenly: verified this many days *past* their interval.
OVERDUE = {"competitor-freelancers": 18, "handover": 9, "email-proposal-follow-up": 26, "ae-3": 40}
# Published recently and not verified yet: fresh by their first publication.
NOT_YET_VERIFIED = {"support-retainer", "konkurent-vnutrenniy-administrator"}
# Role pages owned by the Sales Ops editor; the lead owns the rest.
ROLE_PAGE_OWNERS = {"sdr": "ops.editor", "sdr-1": "ops.editor", "sdr-2": "ops.editor"}

HOME_INTRO = (
    "<p>Welcome to the Sales Map of Brightline: how we sell CRM implementation and "
    "sales-process consulting, stage by stage. Start with the norms, then follow the funnel "
    "of your role.</p>"
)

# (person, page slug, days ago): reps confirming they read a standard.
ACKNOWLEDGEMENTS = [
    ("anna.sdr", "working-with-the-crm", 10),
    ("anna.sdr", "new-request", 9),
    ("tom.sdr", "working-with-the-crm", 36),
    ("tom.sdr", "client-communication", 35),
    ("tom.sdr", "new-request", 33),
    ("tom.sdr", "qualification", 30),
    ("elena.sdr", "working-with-the-crm", 70),
    ("elena.sdr", "client-communication", 70),
    ("elena.sdr", "new-request", 68),
    ("elena.sdr", "qualification", 66),
    ("sam.ae", "working-with-the-crm", 18),
    ("sam.ae", "needs-discovery", 15),
    ("sam.ae", "proposal", 14),
]

# (author, page slug, kind, text, reply as (status, text) or None)
SUGGESTIONS = [
    (
        "elena.sdr",
        "rabota-s-vozrazheniyami",
        Suggestion.Kind.IMPROVEMENT,
        "Добавьте ответ на «У нас уже есть CRM, просто её никто не заполняет» — слышу это "
        "почти на каждом втором звонке.",
        (
            Suggestion.Status.ACCEPTED,
            "Спасибо, Елена! Добавим раздел на этой неделе и попросим вас проверить ответ.",
        ),
    ),
    (
        "anna.sdr",
        "new-request",
        Suggestion.Kind.IMPROVEMENT,
        "Could we add a voicemail script? Most of my third attempts go to voicemail and I "
        "improvise every time.",
        None,
    ),
    (
        "sam.ae",
        "objection-too-expensive",
        Suggestion.Kind.CASE,
        "Won a Growth package against a freelancer quote by comparing scopes line by line: "
        "their quote had no migration and no training. The client's CFO asked for the "
        "comparison table, attach it?",
        None,
    ),
    (
        "tom.sdr",
        "qualification",
        Suggestion.Kind.IMPROVEMENT,
        "The budget question feels awkward on the first call with SMB owners. Could the "
        "script offer the package ranges instead of asking?",
        None,
    ),
]


def _days_ago(now, days):
    return now - datetime.timedelta(days=days)


def claim_unowned(pages, people):
    """Give owners to pages made before the people existed, and publish them.

    ``pages`` are the role and level drafts of this run. The home page comes
    from a migration without an owner; it is claimed once, and never again
    once anyone owns it. Returns the pages claimed.
    """
    home = SalesMapHomePage.objects.get()
    candidates = [*pages, home] if home.content_owner_id is None else list(pages)
    claimed = []
    for page in candidates:
        if page.content_owner_id is not None:
            continue
        owner = people[ROLE_PAGE_OWNERS.get(page.slug, "ops.lead")]
        page.content_owner = owner
        if page.pk == home.pk:
            page.review_interval_days = 180
            page.intro = page.intro or HOME_INTRO
        publish_revision(page, author=owner)
        claimed.append(page)
    return claimed


def verify(pages, *, now):
    """Verify ``pages`` as their owners on past dates; returns how many were verified."""
    verified = 0
    for page in pages:
        if page.slug in NOT_YET_VERIFIED:
            continue
        interval = page.review_interval_days
        if page.slug in OVERDUE:
            days = interval + OVERDUE[page.slug]
        else:
            # Stable spread across the interval, so dates differ between pages.
            days = 1 + zlib.crc32(page.slug.encode()) % max(interval * 2 // 3, 1)
        services.verify_page(page=page, person=page.content_owner, when=_days_ago(now, days))
        verified += 1
    return verified


def acknowledge(pages, people, *, now):
    """Record the demo reps' acknowledgements of the pages in ``pages`` (by slug)."""
    recorded = 0
    for username, slug, days in ACKNOWLEDGEMENTS:
        page = pages.get(slug)
        if page is None:
            continue
        _ack, created = services.acknowledge(
            page=page, person=people[username], when=_days_ago(now, days)
        )
        recorded += created
    return recorded


def collect_suggestions(pages, people):
    """The reps' suggestions on pages in ``pages`` (by slug), one answered by the lead."""
    sent = 0
    for username, slug, kind, text, reply in SUGGESTIONS:
        page = pages.get(slug)
        if page is None:
            continue
        suggestion = services.suggest(page=page, author=people[username], kind=kind, text=text)
        if reply is not None:
            status, reply_text = reply
            services.reply_to_suggestion(
                suggestion=suggestion, status=status, reply=reply_text, by=people["ops.lead"]
            )
        sent += 1
    return sent


def keep_alive(*, role_pages, sections, people):
    """Owners for role pages, then verifications, acknowledgements and suggestions on
    what this run created. Returns ``{"claimed", "verified", "acknowledged", "suggested"}``.
    """
    now = timezone.now()
    claimed = claim_unowned(role_pages, people)
    created = [page for section in sections for page in section.created]
    created_by_slug = {page.slug: page for page in created}
    return {
        "claimed": len(claimed),
        "verified": verify([*claimed, *created], now=now),
        "acknowledged": acknowledge(created_by_slug, people, now=now),
        "suggested": collect_suggestions(created_by_slug, people),
    }
