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


def _reference(runs):
    """The reference page's figures: the mean of its opening and closing runs."""
    refs = [run for run in runs if run["name"] == "reference"]
    return {
        key: sum(run[key] for run in refs) / len(refs) for key in ("p50_us", "p95_us", "rps")
    }, refs


def _load_table(load):
    runs = load["runs"]
    reference, refs = _reference(runs)
    seen = {}
    for run in runs:
        seen.setdefault(run["name"], run)  # the reference's opening run stands for it
    lines = [
        "| endpoint | req/s | p50 ms | p95 ms | p50 × reference | req/s ÷ reference | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in dict.fromkeys(ORDER):
        run = seen[name]
        lines.append(
            f"| {TITLES[name]} | {run['rps']:.0f} | {_ms(run['p50_us'])} | {_ms(run['p95_us'])} "
            f"| {run['p50_us'] / reference['p50_us']:.2f} | {run['rps'] / reference['rps']:.2f} "
            f"| {run['errors']} |"
        )
    drift = ""
    if len(refs) == 2:
        drift = (
            f"The reference page was measured first and last: p50 {_ms(refs[0]['p50_us'])} and "
            f"{_ms(refs[1]['p50_us'])} ms, {refs[0]['rps']:.0f} and {refs[1]['rps']:.0f} req/s; "
            "ratios use their mean."
        )
    return lines, drift, dict(seen), reference


def _targets(runs, reference):
    lines = ["| target | measured | met |", "| --- | ---: | :---: |"]
    for name, base, limit in TARGETS:
        base_p50 = reference["p50_us"] if base == "reference" else runs[base]["p50_us"]
        ratio = runs[name]["p50_us"] / base_p50
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


def write(out_dir, out, *, command):
    load = json.loads((out_dir / "load.json").read_text())
    load_lines, drift, runs, reference = _load_table(load)
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
        *_targets(runs, reference),
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
    ]
    text = "\n".join(parts)
    if kept:
        text += "\n" + kept
    out.write_text(text.rstrip() + "\n")
    return figures
