import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from salesmap.people import groups

DEMO_PASSWORD = "salesmap-demo"  # noqa: S105 - printed for the demo on purpose

# (username, first, last, group, level slug, manager, mentor, days since start, language)
PEOPLE = [
    ("ops.lead", "Olga", "Smirnova", groups.SALES_OPS_LEADS, "sales-ops", None, None, 900, "ru"),
    ("ops.editor", "Ivan", "Petrov", groups.SALES_OPS, "sales-ops", "ops.lead", None, 400, "en"),
    ("maria.manager", "Maria", "Ivanova", groups.MANAGERS, "sales-manager", None, None, 1500, "ru"),
    (
        "daniel.manager",
        "Daniel",
        "Brooks",
        groups.MANAGERS,
        "team-lead",
        "maria.manager",
        None,
        700,
        "en",
    ),
    (
        "anna.sdr",
        "Anna",
        "Kuznetsova",
        groups.NEW_HIRES,
        "sdr-1",
        "maria.manager",
        "elena.sdr",
        12,
        "ru",
    ),
    ("tom.sdr", "Tom", "Walker", groups.NEW_HIRES, "sdr-1", "maria.manager", "elena.sdr", 40, "en"),
    ("elena.sdr", "Elena", "Sokolova", groups.NEW_HIRES, "sdr-2", "maria.manager", None, 75, "ru"),
    ("sam.ae", "Sam", "Carter", groups.NEW_HIRES, "ae-1", "daniel.manager", None, 20, "en"),
    ("pavel.sdr", "Pavel", "Orlov", groups.NEW_HIRES, "sdr-1", "daniel.manager", "sam.ae", 5, "ru"),
]


def load_people(levels):
    """The demo department: a Sales Ops lead and editor, two managers (one
    reporting to the other, so the tree has three levels) and five new hires.

    Existing people are left as they are (their passwords included). Returns
    the list of ``(username, group)`` and the number of people created."""
    User = get_user_model()
    today = timezone.localdate()
    group_objects = {name: Group.objects.get(name=name) for name in groups.LABELS}
    created = 0
    password_hash = None
    by_username = {}
    for username, first, last, group, level_slug, _m, _mt, days, language in PEOPLE:
        role, level = levels[level_slug]
        person, made = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.salesmap.test",
                "role": role,
                "level": level,
                "start_date": today - datetime.timedelta(days=days),
                "preferred_language": language,
            },
        )
        if made:
            # One hash for everyone: the password is public anyway, and hashing it
            # nine times would take most of the command's run time.
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            person.password = password_hash
            person.save(update_fields=["password"])
            person.groups.add(group_objects[group])
            created += 1
        by_username[username] = (person, made)
    for username, *_rest, manager, mentor, _days, _lang in PEOPLE:
        person, made = by_username[username]
        if not made:
            continue
        person.manager = by_username[manager][0] if manager else None
        person.mentor = by_username[mentor][0] if mentor else None
        person.save(update_fields=["manager", "mentor"])
    return [(row[0], row[3]) for row in PEOPLE], created


def demo_people():
    """``{username: person}`` of the demo department, for owners and authors."""
    usernames = [row[0] for row in PEOPLE]
    return {p.username: p for p in get_user_model().objects.filter(username__in=usernames)}
