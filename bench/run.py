#!/usr/bin/env python3
"""Run the benchmarks on Reinhardt and on the real Django, interleaved (A B A B ...), print ratios.

    python3 bench/run.py --all            # from a fresh clone: set up, micro + start-up + HTTP, RESULTS.md
    python3 bench/run.py --all --quick    # the same, fewer rounds and 1 s HTTP loads (~5 min)
    python bench/run.py                   # every micro-benchmark, 3 rounds
    python bench/run.py --rounds 5 url_reverse template_loop_1000
    python bench/run.py --results         # also rewrite bench/RESULTS.md (with the last HTTP run)
    python bench/run.py --render          # rewrite RESULTS.md from the last saved runs only

The real Django lives in bench/.venv-django (made by bench/setup.sh), never on the tests' path;
each measurement runs in a fresh subprocess with bench/project as its working directory. This
script needs only the standard library: any Python 3.11+ can start it.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROJECT = os.path.join(HERE, "project")
WORK = os.path.join(HERE, ".work")
IMPLS = {
    "django": os.path.join(HERE, ".venv-django", "bin", "python"),
    "reinhardt": os.path.join(ROOT, ".venv", "bin", "python"),
}
STARTUP = (
    "import django; django.setup(); from django.core.wsgi import get_wsgi_application; get_wsgi_application()"
)
# Benchmarks that time whole processes rather than calls inside one.
PROCESS_BENCHES = ("startup_to_wsgi_app", "manage_check_startproject")
CPU_CLOCK = os.environ.get("BENCH_CLOCK") == "cpu"


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


def time_process(cmd: list[str], cwd: str, env: dict) -> float | str:
    """Microseconds for one process from start to exit: its CPU time under BENCH_CLOCK=cpu (the
    machine is shared), else the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        return f"error: {(proc.stderr.strip().splitlines() or ['?'])[-1][:120]}"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return (cpu if CPU_CLOCK else wall) * 1e6


_PROJECTS: dict[str, str] = {}


def fresh_project(impl: str) -> str:
    """A `startproject` made by this implementation's own django-admin, once per run."""
    if impl not in _PROJECTS:
        folder = tempfile.mkdtemp(prefix=f"bench_startproject_{impl}_")
        subprocess.run(
            [IMPLS[impl], "-m", "django", "startproject", "mysite", folder],
            check=True,
            capture_output=True,
            env=clean_env(),
        )
        _PROJECTS[impl] = folder
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return _PROJECTS[impl]


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BENCH_"))}
    env.pop("PYTHONPATH", None)
    return env


def run_process_bench(impl: str, name: str, repeats: int = 3) -> dict | str:
    if name == "startup_to_wsgi_app":
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchsite.settings", "PYTHONPATH": PROJECT}
        cmd, cwd = [IMPLS[impl], "-P", "-c", STARTUP], PROJECT
    else:
        cwd = fresh_project(impl)
        cmd, env = [IMPLS[impl], "manage.py", "check"], clean_env()
    # Start-up is measured as deployed: with the bytecode cache written. The untimed first run writes
    # it (this environment may set PYTHONDONTWRITEBYTECODE, and an editable install is never compiled
    # by pip, unlike the real Django's wheel), so stale or missing .pyc files are not timed.
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    time_process(cmd, cwd, env)
    samples = []
    for _ in range(repeats):
        res = time_process(cmd, cwd, env)
        if isinstance(res, str):
            return res
        samples.append(res)
    med = statistics.median(samples)
    return {"name": name, "us": med, "spread": (max(samples) - min(samples)) / med}


def collect(names: list[str], rounds: int) -> list[dict]:
    rows = []
    for name in names:
        samples: dict[str, list[float]] = {impl: [] for impl in IMPLS}
        errors: dict[str, str] = {}
        for r in range(rounds):
            order = list(IMPLS) if r % 2 == 0 else list(reversed(IMPLS))
            for impl in order:
                if name in PROCESS_BENCHES:
                    res = run_process_bench(impl, name)
                else:
                    res = run_micro(impl, name)
                if isinstance(res, str):
                    errors[impl] = res
                else:
                    samples[impl].append(res["us"])
        row = {"name": name, "samples": samples, "errors": errors}
        rows.append(row)
        print(format_row(row), flush=True)
    return rows


def format_row(row: dict) -> str:
    from report import micro_cells

    return "| " + " | ".join(micro_cells(row)) + " |"


def ensure_setup() -> None:
    """Make the two virtual environments and install wrk when something is missing."""
    missing = [p for p in IMPLS.values() if not os.path.exists(p)]
    if missing:
        print(f"setting up ({', '.join(missing)} missing): bench/setup.sh", flush=True)
        subprocess.run(["bash", os.path.join(HERE, "setup.sh")], check=True)


def save(name: str, data: object) -> None:
    os.makedirs(WORK, exist_ok=True)
    with open(os.path.join(WORK, name), "w") as fh:
        json.dump(data, fh, indent=1)


def load(name: str) -> object | None:
    try:
        with open(os.path.join(WORK, name)) as fh:
            return json.load(fh)
    except FileNotFoundError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 3; --quick 2)")
    parser.add_argument("--results", action="store_true", help="rewrite bench/RESULTS.md")
    parser.add_argument("--all", action="store_true", help="set up, micro + HTTP benchmarks, RESULTS.md")
    parser.add_argument("--quick", action="store_true", help="with --all: 2 rounds, HTTP 1 round of 1 s")
    parser.add_argument("--render", action="store_true", help="only rewrite RESULTS.md from .work/*.json")
    args = parser.parse_args()
    sys.path.insert(0, HERE)
    import report

    if args.render:
        report.write(load("micro.json"), load("http.json"))
        return
    if args.all:
        ensure_setup()
    elif not os.path.exists(IMPLS["django"]):
        sys.exit("bench/.venv-django is missing: run bench/setup.sh first")
    rounds = args.rounds or (2 if args.quick else 3)
    from micro import BENCHES

    names = args.names or [*BENCHES, *PROCESS_BENCHES]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = os.getloadavg()
    print(report.MICRO_HEADER)
    rows = collect(names, rounds)
    micro = {
        "rows": rows,
        "rounds": rounds,
        "clock": "cpu" if CPU_CLOCK else "wall",
        "argv": sys.argv[1:],
        "started": started,
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
    }
    if not args.names:
        save("micro.json", micro)
    http = load("http.json")
    if args.all:
        import http_load

        http_args = http_load.parser().parse_args(["--quick"] if args.quick else [])
        if args.quick:
            http_args.rounds, http_args.seconds = 1, 1
        http = http_load.run(http_args)
        http["argv"] = sys.argv[1:]
        save("http.json", http)
    if args.results or args.all:
        report.write(micro, http)


if __name__ == "__main__":
    main()
