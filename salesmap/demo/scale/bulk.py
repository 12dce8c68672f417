"""Bulk writing for the scale generator: batched inserts, counted per table."""

import datetime
from collections import Counter

from django.utils import timezone

BATCH_SIZE = 2000


class BulkWriter:
    """Inserts rows in batches and counts what it wrote, per model."""

    def __init__(self, batch_size=BATCH_SIZE):
        self.batch_size = batch_size
        self.counts = Counter()

    def create(self, model, rows):
        """``bulk_create`` in batches; returns the rows with their keys set
        (PostgreSQL and SQLite 3.35+ both return them)."""
        rows = model.objects.bulk_create(rows, batch_size=self.batch_size)
        self.count(model, len(rows))
        return rows

    def count(self, model, number):
        self.counts[model._meta.label] += number

    @staticmethod
    def moment(day, hour, minute=0, second=0):
        """An aware datetime on ``day`` at the given local time."""
        return timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour, minute, second))
        )
