#!/usr/bin/env python3
"""Run the benchmarks on Reinhardt and on the real Django, interleaved (A B A B ...), print ratios.

    python bench/run.py                 # every micro-benchmark, 3 rounds
    python bench/run.py --rounds 5 url_reverse template_loop_1000
    python bench/run.py --results       # also rewrite bench/RESULTS.md

The real Django lives in bench/.venv-django (made by bench/setup_django.sh), never on the tests'
path; each measurement runs in a fresh subprocess with bench/project as its working directory.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROJECT = os.path.join(HERE, "project")
IMPLS = {
    "django": os.path.join(HERE, ".venv-django", "bin", "python"),
    "reinhardt": os.path.join(ROOT, ".venv", "bin", "python"),
}
STARTUP = (
    "import django; django.setup(); from django.core.wsgi import get_wsgi_application; get_wsgi_application()"
)


def run_micro(impl: str, name: str) -> dict | str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchsite.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": PROJECT,
    }
    proc = subprocess.run(
        [IMPLS[impl], "-P", os.path.join(HERE, "micro.py"), name],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return f"error: {tail[:120]}"


def run_startup(impl: str) -> dict | str:
    import time

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchsite.settings", "PYTHONPATH": PROJECT}
    t = time.perf_counter()
    proc = subprocess.run(
        [IMPLS[impl], "-P", "-c", STARTUP], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    elapsed = (time.perf_counter() - t) * 1e6
    if proc.returncode:
        return f"error: {(proc.stderr.strip().splitlines() or ['?'])[-1][:120]}"
    return {"name": "startup_to_wsgi_app", "us": elapsed, "spread": 0.0}


def collect(names: list[str], rounds: int) -> list[tuple[str, dict]]:
    rows = []
    for name in names:
        samples: dict[str, list[float]] = {impl: [] for impl in IMPLS}
        errors: dict[str, str] = {}
        for r in range(rounds):
            order = list(IMPLS) if r % 2 == 0 else list(reversed(IMPLS))
            for impl in order:
                res = run_startup(impl) if name == "startup_to_wsgi_app" else run_micro(impl, name)
                if isinstance(res, str):
                    errors[impl] = res
                else:
                    samples[impl].append(res["us"])
        rows.append((name, {"samples": samples, "errors": errors}))
        print(format_row(name, samples, errors), flush=True)
    return rows


def format_row(name: str, samples: dict, errors: dict) -> str:
    def cell(impl: str) -> str:
        if samples[impl]:
            vals = samples[impl]
            med = statistics.median(vals)
            spread = (max(vals) - min(vals)) / med if med else 0.0
            return f"{med:12.1f} us ±{spread * 50:4.0f}%"
        return f"{errors.get(impl, 'n/a')[:40]:>20}"

    ratio = ""
    if samples["django"] and samples["reinhardt"]:
        ratio = f"{statistics.median(samples['django']) / statistics.median(samples['reinhardt']):6.2f}x"
    return f"| {name:36} | {cell('django')} | {cell('reinhardt')} | {ratio} |"


def write_results(rows: list, rounds: int, argv: list[str]) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Date: {datetime.date.today()}; machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; command: `python bench/run.py {' '.join(argv)}`; "
        f"{rounds} interleaved rounds, median per implementation; ratio = Django time / Reinhardt time "
        "(above 1 means Reinhardt is faster); ± is half the spread between rounds.",
        "",
        "| benchmark | real Django | Reinhardt | ratio |",
        "|---|---|---|---|",
    ]
    lines += [format_row(name, d["samples"], d["errors"]) for name, d in rows]
    with open(os.path.join(HERE, "RESULTS.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results", action="store_true")
    args = parser.parse_args()
    if not os.path.exists(IMPLS["django"]):
        sys.exit("bench/.venv-django is missing: run bench/setup_django.sh first")
    sys.path.insert(0, HERE)
    from micro import BENCHES

    names = args.names or [*BENCHES, "startup_to_wsgi_app"]
    print(f"| {'benchmark':36} | {'real Django':>20} | {'Reinhardt':>20} | ratio |")
    rows = collect(names, args.rounds)
    if args.results:
        write_results(rows, args.rounds, sys.argv[1:])


if __name__ == "__main__":
    main()
