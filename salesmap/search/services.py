"""Writes of the site search: counting the searches that found nothing."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchMiss
from .terms import normalise_query


def record_miss(*, query):
    """Count one search for ``query`` that found nothing; returns the normalised text.

    An ``F()`` increment, and on the first miss an insert guarded by the
    unique query: when two requests insert the same new query at once, the
    loser's insert fails inside its savepoint and it increments the winner's
    row instead, so no count is ever lost. One UPDATE; on a query's first miss
    an INSERT too (and after a lost race, a second UPDATE). A query with no
    words is not counted (returns "").
    """
    text = normalise_query(query)
    if not text:
        return ""
    now = timezone.now()
    increment = {"count": F("count") + 1, "last_searched_at": now}
    with transaction.atomic():
        if SearchMiss.objects.filter(query=text).update(**increment):
            return text
        try:
            with transaction.atomic():
                SearchMiss.objects.create(
                    query=text, count=1, first_searched_at=now, last_searched_at=now
                )
        except IntegrityError:
            SearchMiss.objects.filter(query=text).update(**increment)
    return text


def forget_miss(*, miss_id):
    """Delete a miss (e.g. once the missing article is written); True if it existed."""
    deleted, _ = SearchMiss.objects.filter(pk=miss_id).delete()
    return bool(deleted)
