"""The benchmark measures what it says: every request it sends succeeds on a
loaded department, the growth figures come from real pages, and the report's
ratios and verdicts follow from the figures."""

import json
from http.cookies import SimpleCookie
from io import StringIO
from urllib.parse import parse_qsl

import pytest
from django.core.management import call_command
from django.test import Client

from benchmarks import growth, report, scenarios
from benchmarks.bench import ORDER


def _replay(line):
    """Send one request line of a scenario file with the test client."""
    method, path, cookie, token, body = line.rstrip("\n").split("\t")
    client = Client()
    for morsel in SimpleCookie(cookie).values():
        client.cookies[morsel.key] = morsel.value
    if method == "GET":
        return client.get(path)
    return client.post(path, dict(parse_qsl(body)), HTTP_X_CSRFTOKEN=token)


@pytest.fixture
def department(db):
    call_command("load_scale", people=40, lessons=6, quizzes=3, days=15, seed=3, stdout=StringIO())


def test_every_benchmark_request_succeeds_on_a_loaded_department(department, tmp_path):
    built = scenarios.build(tmp_path)
    meta = json.loads((tmp_path / "scenarios.json").read_text())
    assert {s.name for s in built} == set(ORDER)
    assert meta["heartbeat_people"] >= 20
    for scenario in built:
        lines = (tmp_path / scenario.file).read_text().splitlines(keepends=True)
        assert lines, scenario.name
        # Stateful scenarios are replayed as wrk sends them, in order; a page
        # scenario's first few lines stand for the rest.
        sample = lines[:60] if scenario.writes else lines[:3]
        for line in sample:
            response = _replay(line)
            assert 200 <= response.status_code < 400, (scenario.name, line[:80], response)
    # The answers really changed: each POST saved (a 302 to the next question).
    answer = _replay((tmp_path / "answer.txt").read_text().splitlines()[60])
    assert answer.status_code == 302


def test_growth_measures_the_pages_with_their_rows_and_queries(department):
    figures = {row["page"]: row for row in growth.measure(repeats=1)}
    assert set(figures) == {"reference", "team_all", "team_manager", "onboarding", "brief"}
    assert all(row["status"] == 200 for row in figures.values())
    assert figures["team_manager"]["rows"] == 12
    # Sales Ops see the whole department (the scale people and the demo's).
    assert figures["team_all"]["rows"] >= figures["team_all"]["people"]
    assert all(row["queries"] > 0 and row["median_ms"] > 0 for row in figures.values())


def _run(name, p50_ms, rps, reference=None):
    run = {"name": name, "p50_us": p50_ms * 1000, "p95_us": p50_ms * 2000, "rps": rps, "errors": 0}
    if reference:  # the mean of the reference runs on either side
        run.update(
            reference_p50_us=reference[0] * 1000,
            reference_p95_us=reference[0] * 2000,
            reference_rps=reference[1],
        )
    return run


def test_report_gives_ratios_to_the_neighbouring_reference_and_judges_targets(tmp_path, db):
    # The reference slows from 10 to 30 ms during the run: each endpoint is
    # compared with the reference measured next to it, not with the mean.
    runs = [_run("reference", 10, 400)]
    for name in ORDER[1:]:
        runs += [_run(name, 5, 800, reference=(10, 400)), _run("reference", 10, 400)]
    runs[ORDER.index("lesson") * 2 - 1] = _run("lesson", 45, 150, reference=(30, 200))  # 1.5x
    runs[ORDER.index("team_all") * 2 - 1] = _run("team_all", 20, 100, reference=(10, 400))
    runs[-1] = _run("reference", 30, 200)
    (tmp_path / "load.json").write_text(json.dumps({"connections": 4, "duration": 5, "runs": runs}))
    (tmp_path / "scenarios.json").write_text(
        json.dumps({"scenarios": [], "heartbeat_people": 40, "answer_requests": 100})
    )
    (tmp_path / "load-seconds.txt").write_text("loaded in 3 s")
    growth_rows = [
        {
            "page": page,
            "people": people,
            "rows": rows,
            "queries": queries,
            "median_ms": ms,
            "min_ms": ms,
            "status": 200,
        }
        for people, rows, ms, queries in ((50, 50, 10.0, 30), (500, 500, 60.0, 31))
        for page in ("reference", "team_all")
    ]
    (tmp_path / "growth-50.json").write_text(json.dumps(growth_rows[:2]))
    (tmp_path / "growth-500.json").write_text(json.dumps(growth_rows[2:]))
    out = tmp_path / "RESULTS.md"
    out.write_text("Stale figures\n\n## Before and after\n\nHand-written history.\n")

    report.write(tmp_path, out, command="make bench")

    text = out.read_text()
    assert "| Lesson page | 150 | 45.0 | 90.0 | 1.50 | 0.75 | 0 |" in text
    assert "| Lesson page ≤ 1.3× reference (p50) | 1.50× | **no** |" in text
    assert "| Team table, Sales Ops ≤ 3.0× reference (p50) | 2.00× | yes |" in text
    # The floor is 0.5x its reference and the heartbeat too: 1.0x the floor.
    assert "| Heartbeat POST ≤ 1.5× floor (p50) | 1.00× | yes |" in text
    assert "p50 from 10.0 to 30.0 ms" in text
    assert "| Team table, Sales Ops | 500 | 500 | 31 | 60.0 | 0.12 | 1.0 |" in text
    # Queries grew from 30 to 31: not flat, and said so.
    assert "| Team table, Sales Ops | 30, 31 | **no** | 1.0 | yes |" in text
    # The hand-written record of fixes survives a new run; the old figures do not.
    assert text.rstrip().endswith("## Before and after\n\nHand-written history.")
    assert "Stale figures" not in text
