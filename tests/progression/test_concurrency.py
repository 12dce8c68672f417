"""Several managers at once on one person's map (PostgreSQL: real row locks).

Threads need committed data; serialized rollback restores the data migrations' rows."""

import pytest

from salesmap.progression import services
from salesmap.progression.models import LevelChange, LevelRequirement, SignOff, Waiver
from tests.concurrency import all_at_once
from tests.factories import LevelPageFactory, ManagerFactory

from .conftest import requirement

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Kind = LevelRequirement.Kind


def test_parallel_promotions_move_the_person_once(person, level, next_level, role):
    third = LevelPageFactory(parent=role, title="SDR III")
    managers = [ManagerFactory() for _ in range(10)]

    def promote(index):
        return services.change_level(
            person=type(person).objects.get(pk=person.pk),
            level=next_level if index % 2 else third,
            by=managers[index],
            expected_level_id=level.pk,
            require_ready=False,
        )

    outcomes = all_at_once(promote, count=10)
    moved = [o for o in outcomes if isinstance(o, LevelChange)]
    refused = [o for o in outcomes if isinstance(o, services.LevelChanged)]
    assert len(moved) == 1 and len(refused) == 9, outcomes
    person.refresh_from_db()
    assert person.level_id == moved[0].to_level_id
    assert LevelChange.objects.filter(person=person).count() == 2  # the start and one move


def test_parallel_sign_offs_and_waivers_record_one_each(person, level, manager):
    task = requirement(level, Kind.SIGN_OFF, description="Shadow five calls")
    other = requirement(level, Kind.SIGN_OFF, description="Role-play pricing")

    def act(index):
        if index % 2:
            return services.sign_off(person=person, requirement=task, by=manager)
        return services.waive(person=person, requirement=other, by=manager, reason="Done")

    outcomes = all_at_once(act, count=10)
    assert sum(isinstance(o, SignOff | Waiver) for o in outcomes) == 2, outcomes
    assert sum(isinstance(o, services.AlreadyRecorded) for o in outcomes) == 8
    assert SignOff.objects.count() == Waiver.objects.count() == 1
