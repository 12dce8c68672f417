"""The data migration that gives people who had a level before plans existed
their first level-history entry."""

import datetime
import importlib

from django.apps import apps

from salesmap.progression.models import LevelChange
from tests.factories import NewHireFactory

backfill = importlib.import_module(
    "salesmap.progression.migrations.0004_backfill_level_history"
).backfill


def test_people_with_a_level_and_no_history_get_their_start(role, level, person):
    earlier = NewHireFactory(role=role, level=level, start_date=datetime.date(2024, 5, 6))
    NewHireFactory()  # no level: nothing to record
    backfill(apps, None)
    (start,) = LevelChange.objects.filter(person=earlier)
    assert (start.kind, start.to_level, start.to_title, start.effective_on) == (
        "start",
        level,
        "SDR I",
        datetime.date(2024, 5, 6),
    )
    # Someone with a history already (``person``) keeps exactly what they had.
    assert LevelChange.objects.filter(person=person).count() == 1
    backfill(apps, None)
    assert LevelChange.objects.count() == 2
