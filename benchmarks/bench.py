"""The benchmark's steps, called by benchmarks/run.sh (``make bench``).

    python -m benchmarks.bench prepare DIR          sessions, attempts, request files
    python -m benchmarks.bench load DIR URL         wrk against the running server
    python -m benchmarks.bench growth DIR           in-process growth figures of this DB
    python -m benchmarks.bench report DIR OUT.md    the results table

Steps that read the database set Django up with the settings in the
environment (DJANGO_SETTINGS_MODULE, DATABASE_URL).
"""

import argparse
import json
import os
import re
import subprocess  # nosec B404: runs wrk, a fixed local program
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = ROOT / "benchmarks" / "wrk.lua"
RESULT_LINE = re.compile(r"^WRK_RESULT (\{.*\})$", re.MULTILINE)
# Measured in this order, each between two runs of the reference page, so
# that every ratio compares with the reference measured next to it: a shared
# machine that slows down for a minute slows both sides of a ratio.
SCENARIOS = [
    "floor",
    "lesson",
    "onboarding",
    "team_manager",
    "team_all",
    "brief",
    "search",
    "heartbeat",
    "answer",
]
ORDER = ["reference", *SCENARIOS]


def _say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salesmap.settings.production")
    import django

    django.setup()


def wrk(url, request_file, *, duration, connections):
    """One wrk run; the figures it printed, as a dict."""
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "30s",
        "-s",
        str(WRK_SCRIPT),
        url,
        "--",
        str(request_file),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    match = RESULT_LINE.search(done.stdout)
    if done.returncode != 0 or match is None:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stdout}\n{done.stderr}")
    result = json.loads(match.group(1))
    seconds = result["duration_us"] / 1e6
    result["rps"] = round(result["requests"] / seconds, 1) if seconds else 0.0
    result["errors"] = sum(v for k, v in result.items() if k.startswith("errors_"))
    return result


def load(out_dir, url, *, duration, warmup, connections):
    out_dir = Path(out_dir)
    meta = json.loads((out_dir / "scenarios.json").read_text())
    scenarios = {s["name"]: s for s in meta["scenarios"]}

    def measure(name):
        scenario = scenarios[name]
        request_file = out_dir / scenario["file"]
        if warmup and not scenario["writes"]:
            wrk(url, request_file, duration=warmup, connections=connections)
        result = wrk(url, request_file, duration=duration, connections=connections)
        result["name"] = name
        _say(
            f"  {name:<14} {result['rps']:>8.1f} req/s  p50 {result['p50_us'] / 1000:7.1f} ms  "
            f"p95 {result['p95_us'] / 1000:7.1f} ms  errors {result['errors']}"
        )
        return result

    before = measure("reference")
    runs = [before]
    for name in SCENARIOS:
        result = measure(name)
        after = measure("reference")
        for key in ("p50_us", "p95_us", "rps"):
            result[f"reference_{key}"] = (before[key] + after[key]) / 2
        runs += [result, after]
        before = after
    (out_dir / "load.json").write_text(
        json.dumps({"connections": connections, "duration": duration, "runs": runs}, indent=2)
    )
    failed = sorted({run["name"] for run in runs if run["errors"]})
    if failed:
        # A figure made of refusals measures nothing: stop rather than report it.
        raise SystemExit(f"Requests failed (not 2xx/3xx) in: {', '.join(failed)}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="benchmarks.bench")
    steps = parser.add_subparsers(dest="step", required=True)
    prepare = steps.add_parser("prepare")
    prepare.add_argument("dir")
    load_step = steps.add_parser("load")
    load_step.add_argument("dir")
    load_step.add_argument("url")
    load_step.add_argument("--duration", type=int, default=10)
    load_step.add_argument("--warmup", type=int, default=2)
    load_step.add_argument("--connections", type=int, default=4)
    growth = steps.add_parser("growth")
    growth.add_argument("dir")
    growth.add_argument("--repeats", type=int, default=5)
    report = steps.add_parser("report")
    report.add_argument("dir")
    report.add_argument("out")
    report.add_argument("--command", default="make bench")
    args = parser.parse_args(argv)

    if args.step == "prepare":
        _django()
        from .scenarios import build

        for scenario in build(args.dir):
            _say(f"  {scenario.name}: {scenario.file}")
    elif args.step == "load":
        load(
            args.dir,
            args.url,
            duration=args.duration,
            warmup=args.warmup,
            connections=args.connections,
        )
    elif args.step == "growth":
        _django()
        from .growth import measure

        figures = measure(repeats=args.repeats)
        out = Path(args.dir)
        out.mkdir(parents=True, exist_ok=True)
        people = figures[0]["people"]
        (out / f"growth-{people}.json").write_text(json.dumps(figures, indent=2))
        for row in figures:
            _say(
                f"  N={people:<6} {row['page']:<14} rows {row['rows']:>5}  "
                f"queries {row['queries']:>3}  median {row['median_ms']:8.1f} ms"
            )
    elif args.step == "report":
        _django()
        from .report import write

        write(Path(args.dir), Path(args.out), command=args.command)


if __name__ == "__main__":
    main()
