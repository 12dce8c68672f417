"""The same note form sent by several requests at once (PostgreSQL: real
concurrent transactions) records one note.

Threads need committed data; serialized rollback restores the data migrations' rows."""

import datetime
import uuid

import pytest
from django.utils import timezone

from salesmap.review import notes
from salesmap.review.models import OneOnOneNote
from tests.concurrency import all_at_once
from tests.factories import ManagerFactory, NewHireFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_form_sent_ten_times_at_once_records_one_note():
    manager = ManagerFactory()
    hire = NewHireFactory(manager=manager)
    key = uuid.uuid4()

    def send(_index):
        return notes.record_note(
            person=hire,
            author=manager,
            met_on=timezone.localdate() - datetime.timedelta(days=1),
            notes="Discussed discovery calls",
            actions="Shadow two calls",
            submission_key=key,
        )

    outcomes = all_at_once(send, count=10)
    assert all(isinstance(o, OneOnOneNote) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    assert OneOnOneNote.objects.count() == 1
