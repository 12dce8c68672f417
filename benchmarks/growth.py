"""How the pages that list people cost as the department grows.

Runs in-process with Django's test client against the loaded database (no
HTTP server, so the figures are the view's own time): each page is requested
once to warm up, then ``repeats`` times; the median time, the query count
and the rows it shows are recorded.
"""

import statistics
import time
from dataclasses import asdict, dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .scenarios import HIRE, MANAGER, OPS, reference_page


@dataclass
class Measure:
    page: str
    people: int
    rows: int
    queries: int
    median_ms: float
    min_ms: float
    status: int


def _count_rows(content):
    # Each person's row in the team table carries this attribute (see
    # templates/review/team.html); other pages show one person.
    return content.count(b'data-person-row="')


def _measure(client, path, *, repeats):
    response = client.get(path)
    timings = []
    queries = 0
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return response, queries, timings


def measure(*, repeats=5):
    """The growth figures for the database loaded now: a list of dicts."""
    users = get_user_model().objects
    people = users.filter(username__startswith="scale.", is_active=True).count()
    ops, manager, hire = (users.get(username=name) for name in (OPS, MANAGER, HIRE))
    pages = [
        ("reference", hire, reference_page().url),
        ("team_all", ops, reverse("my_team")),
        ("team_manager", manager, reverse("my_team")),
        ("onboarding", hire, reverse("my_onboarding")),
        ("brief", manager, reverse("review_brief", kwargs={"person_id": hire.pk})),
    ]
    results = []
    for name, user, path in pages:
        client = Client()
        client.force_login(user)
        response, queries, timings = _measure(client, path, repeats=repeats)
        rows = _count_rows(response.content) if name.startswith("team") else 1
        results.append(
            Measure(
                page=name,
                people=people,
                rows=rows,
                queries=queries,
                median_ms=round(statistics.median(timings), 1),
                min_ms=round(min(timings), 1),
                status=response.status_code,
            )
        )
    return [asdict(result) for result in results]
