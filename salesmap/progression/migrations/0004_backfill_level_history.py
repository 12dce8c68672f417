"""Give everyone who already has a level a first entry in their level history
(their start at that level, on their start date or the day they joined), so
due dates and the history read the same for people created before plans."""

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    User = apps.get_model("people", "User")
    LevelChange = apps.get_model("progression", "LevelChange")
    LevelPage = apps.get_model("progression", "LevelPage")
    titles = dict(LevelPage.objects.values_list("pk", "title"))
    have_history = set(LevelChange.objects.values_list("person_id", flat=True))
    now = timezone.now()
    LevelChange.objects.bulk_create(
        [
            LevelChange(
                person_id=person.pk,
                kind="start",
                to_level_id=person.level_id,
                to_title=titles.get(person.level_id, "")[:255],
                effective_on=person.start_date or timezone.localdate(person.date_joined),
                recorded_at=now,
            )
            for person in User.objects.filter(level__isnull=False).exclude(pk__in=have_history)
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("progression", "0003_onboarding_plans"),
        ("people", "0005_quiz_permissions"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
