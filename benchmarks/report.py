"""benchmarks/RESULTS.md from one run's figures (load.json, growth-N.json).

Everything from the heading ``## Before and after`` on is kept from the file
being replaced: it is the hand-written record of what was profiled and fixed.
"""

import json
import os
import platform
import subprocess  # nosec B404: asks local programs for their versions
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from django.db import connection

from .bench import ORDER

KEPT_HEADING = "## Before and after"
TITLES = {
    "floor": "Plain Django JSON view (`/healthz`, signed in): **floor**",
    "reference": "Wagtail content page (knowledge article): **reference**",
    "lesson": "Lesson page",
    "heartbeat": "Heartbeat POST",
    "answer": "Answering a quiz question (POST)",
    "onboarding": "My onboarding",
    "team_manager": "Team table, manager of 12",
    "team_all": "Team table, Sales Ops: whole department",
    "brief": "One-on-one brief",
    "search": "Search",
}
# (scenario, compared with, most allowed p50 ratio)
TARGETS = [
    ("lesson", "reference", 1.3),
    ("heartbeat", "floor", 1.5),
    ("team_all", "reference", 3.0),
]
GROWTH_LIMIT = 10.0  # no page over 10x the reference at the largest size


def _program_version(*command):
    try:
        done = subprocess.run(  # noqa: S603  # nosec B603
            command, capture_output=True, text=True, check=False, timeout=10
        )
    except OSError:
        return "not found"
    # wrk prints its version with its usage and exits 1: read it regardless.
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else "?"


def _cpu():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return "?"


def _database():
    if connection.vendor != "postgresql":
        return connection.vendor
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def _machine():
    return [
        ("Machine", f"{_cpu()}, {os.cpu_count()} cores, {_memory()} memory"),
        ("System", platform.platform()),
        ("Python", platform.python_version()),
        ("Django / Wagtail", f"{version('django')} / {version('wagtail')}"),
        ("gunicorn", f"{version('gunicorn')}, {2 * os.cpu_count()} sync workers"),
        ("PostgreSQL", _database()),
        ("Load tool", _program_version("wrk", "--version")),
    ]


def _ms(microseconds):
    return f"{microseconds / 1000:.1f}"


def _ratio(run, key="p50_us"):
    """The run's figure over the reference page's, measured on either side of it."""
    return run[key] / run[f"reference_{key}"]


def _load_table(load):
    runs = load["runs"]
    refs = [run for run in runs if run["name"] == "reference"]
    reference = {
        key: sum(run[key] for run in refs) / len(refs) for key in ("p50_us", "p95_us", "rps")
    }
    scenarios = {run["name"]: run for run in runs if run["name"] != "reference"}
    lines = [
        "| endpoint | req/s | p50 ms | p95 ms | p50 × reference | req/s ÷ reference | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {TITLES['reference']} | {reference['rps']:.0f} | {_ms(reference['p50_us'])} "
        f"| {_ms(reference['p95_us'])} | 1.00 | 1.00 "
        f"| {sum(run['errors'] for run in refs)} |",
    ]
    for name in ORDER[1:]:
        run = scenarios[name]
        lines.append(
            f"| {TITLES[name]} | {run['rps']:.0f} | {_ms(run['p50_us'])} | {_ms(run['p95_us'])} "
            f"| {_ratio(run):.2f} | {_ratio(run, 'rps'):.2f} | {run['errors']} |"
        )
    p50s = [run["p50_us"] for run in refs]
    drift = (
        f"The reference page was measured {len(refs)} times, before the first endpoint and "
        f"after each one (p50 from {_ms(min(p50s))} to {_ms(max(p50s))} ms; the table gives "
        "the mean). Each endpoint's ratios are to the mean of the two reference runs on "
        "either side of it, so a machine that slows down for a while slows both sides."
    )
    return lines, drift, scenarios


def _targets(runs):
    lines = ["| target | measured | met |", "| --- | ---: | :---: |"]
    for name, base, limit in TARGETS:
        # Both sides relative to their own neighbouring reference runs.
        ratio = (
            _ratio(runs[name]) if base == "reference" else _ratio(runs[name]) / _ratio(runs[base])
        )
        lines.append(
            f"| {TITLES[name].split(':')[0]} ≤ {limit}× {base} (p50) | {ratio:.2f}× "
            f"| {'yes' if ratio <= limit else '**no**'} |"
        )
    return lines


def _growth(out_dir):
    figures = []
    for path in sorted(out_dir.glob("growth-*.json")):
        figures.extend(json.loads(path.read_text()))
    reference_ms = {
        row["people"]: row["median_ms"] for row in figures if row["page"] == "reference"
    }
    figures.sort(key=lambda row: (ORDER.index(row["page"]), row["people"]))
    lines = [
        "| page | people | rows shown | queries | median ms | ms per row | × reference |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in figures:
        lines.append(
            f"| {TITLES[row['page']].split(':')[0]} | {row['people']:,} | {row['rows']:,} "
            f"| {row['queries']} | {row['median_ms']:.1f} "
            f"| {row['median_ms'] / max(row['rows'], 1):.2f} "
            f"| {row['median_ms'] / reference_ms[row['people']]:.1f} |"
        )
    return lines, figures


def _growth_verdicts(figures):
    """Whether each page's queries stay flat across the sizes, and how far the
    largest size is from the reference page."""
    largest = max((row["people"] for row in figures), default=None)
    reference = {row["people"]: row["median_ms"] for row in figures if row["page"] == "reference"}
    lines = [
        "| page | queries at each size | flat | × reference at the largest size | ≤ 10× |",
        "| --- | --- | :---: | ---: | :---: |",
    ]
    pages = dict.fromkeys(row["page"] for row in figures if row["page"] != "reference")
    for page in pages:
        rows = [row for row in figures if row["page"] == page]
        queries = [row["queries"] for row in rows]
        top = next(row for row in rows if row["people"] == largest)
        ratio = top["median_ms"] / reference[largest]
        lines.append(
            f"| {TITLES[page].split(':')[0]} | {', '.join(map(str, queries))} "
            f"| {'yes' if len(set(queries)) == 1 else '**no**'} | {ratio:.1f} "
            f"| {'yes' if ratio <= GROWTH_LIMIT else '**no**'} |"
        )
    return lines


def write(out_dir, out, *, command):
    load = json.loads((out_dir / "load.json").read_text())
    load_lines, drift, runs = _load_table(load)
    growth_lines, figures = _growth(out_dir)
    meta = json.loads((out_dir / "scenarios.json").read_text())
    load_seconds = (out_dir / "load-seconds.txt").read_text().strip()
    kept = ""
    if out.exists():
        previous = out.read_text()
        if KEPT_HEADING in previous:
            kept = previous[previous.index(KEPT_HEADING) :]
    parts = [
        "# Benchmark results",
        "",
        f"Written by `{command}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. "
        "Figures are from one run on one machine: compare the ratios, not the milliseconds.",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {key} | {value} |" for key, value in _machine()],
        "",
        "## Under load",
        "",
        f"gunicorn with the production settings (whitenoise, database sessions) on a "
        f"PostgreSQL server on the same machine, holding a department loaded by "
        f"`load_scale` ({load_seconds}). wrk sends each endpoint's requests from one "
        f"thread over {load['connections']} connections for {load['duration']} s; the "
        f"heartbeats rotate over {meta['heartbeat_people']} people and the answers over "
        f"{meta['answer_requests']:,} prepared POSTs, so rate limits and answer revisions "
        "hold. Errors count any response other than 2xx or 3xx.",
        "",
        *load_lines,
        "",
        drift,
        "",
        "### Targets",
        "",
        *_targets(runs),
        "",
        "## Growth with the department",
        "",
        "Each page in-process (Django's test client, no HTTP), median of 5 after a warm-up, "
        "on databases loaded with the same content and the department size given. "
        '"× reference" divides by the reference page measured the same way on the same '
        "database.",
        "",
        *growth_lines,
        "",
        *_growth_verdicts(figures),
        "",
    ]
    text = "\n".join(parts)
    if kept:
        text += "\n" + kept
    out.write_text(text.rstrip() + "\n")
    return figures
