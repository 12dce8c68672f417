"""The scale department's people, written in bulk from the planned tree."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from salesmap.people import groups

from .tree import plan_department

GROUP_OF_KIND = {
    "head": groups.MANAGERS,
    "manager": groups.MANAGERS,
    "rep": groups.NEW_HIRES,
    "ops": groups.SALES_OPS,
}


def load_people(*, people, days, today, rng, password, levels, bulk):
    """Create the planned department; returns ``(members, users)``, both in
    plan order (``users[i]`` is ``members[i]``).

    ``levels`` is ``{level slug: (RolePage, LevelPage)}`` of the demo. One
    password hash for everyone (hashing thousands would take minutes)."""
    User = get_user_model()
    members = plan_department(people, days, today, rng)
    password_hash = make_password(password)
    users = [
        User(
            username=member.username,
            first_name=member.first_name,
            last_name=member.last_name,
            email=f"{member.username}@scale.salesmap.test",
            password=password_hash,
            role=levels[member.level][0],
            level=levels[member.level][1],
            start_date=member.start_date,
            preferred_language=member.language,
            date_joined=bulk.moment(member.start_date, 9),
        )
        for member in members
    ]
    users = bulk.create(User, users)
    # Managers and mentors point at rows that now have keys.
    for member, user in zip(members, users, strict=True):
        user.manager_id = users[member.manager].pk if member.manager is not None else None
        user.mentor_id = users[member.mentor].pk if member.mentor is not None else None
    User.objects.bulk_update(
        [user for user in users if user.manager_id or user.mentor_id],
        ["manager", "mentor"],
        batch_size=bulk.batch_size,
    )
    group_ids = dict(
        Group.objects.filter(name__in=GROUP_OF_KIND.values()).values_list("name", "pk")
    )
    Membership = User.groups.through
    bulk.create(
        Membership,
        [
            Membership(user_id=user.pk, group_id=group_ids[GROUP_OF_KIND[member.kind]])
            for member, user in zip(members, users, strict=True)
        ],
    )
    return members, users
