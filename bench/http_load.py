#!/usr/bin/env python3
"""HTTP benchmark: gunicorn (2 sync workers) on 127.0.0.1 loaded by wrk, Reinhardt vs a bare WSGI callable.

    python bench/http_load.py                       # /plaintext and /json, 3 rounds of 5 s each
    python bench/http_load.py --seconds 3 --rounds 5 --impl django   # the real Django instead

Rounds alternate the two servers (A B A B ...); it prints the median requests/s and the ratio.
Needs `wrk` (Debian package wrk) on PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, "project")
PYTHONS = {
    "reinhardt": os.path.join(os.path.dirname(HERE), ".venv", "bin", "python"),
    "django": os.path.join(HERE, ".venv-django", "bin", "python"),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(python: str, app: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchsite.settings", "PYTHONPATH": PROJECT}
    env.setdefault("BENCH_SQLITE", os.path.join(tempfile.mkdtemp(), "bench.sqlite3"))
    cmd = [
        python,
        "-m",
        "gunicorn",
        "-w",
        "2",
        "-k",
        "sync",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        app,
    ]
    proc = subprocess.Popen(cmd, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                sys.exit(f"gunicorn ({app}) exited: {proc.stderr.read().decode()[-400:]}")
            time.sleep(0.1)
    proc.terminate()
    sys.exit(f"gunicorn ({app}) did not start listening")


def run_wrk(port: int, path: str, seconds: int) -> float:
    proc = subprocess.run(
        ["wrk", "-t", "1", "-c", "8", "-d", f"{seconds}s", f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
    )
    out = proc.stdout
    if proc.returncode:
        sys.exit(f"wrk failed on {path}: {proc.stderr.strip() or out.strip()}")
    if "Non-2xx" in out:
        sys.exit(f"non-2xx answers from {path}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--impl", choices=sorted(PYTHONS), default="reinhardt")
    parser.add_argument("paths", nargs="*", default=["/plaintext", "/json"])
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    python = PYTHONS[args.impl]
    servers = {"bare": "bare_wsgi:application", args.impl: "django.core.wsgi:get_wsgi_application()"}
    ports = {name: free_port() for name in servers}
    procs = [start_gunicorn(python, app, ports[name]) for name, app in servers.items()]
    try:
        print(f"| endpoint | bare WSGI req/s | {args.impl} req/s | ratio (spread) |")
        for path in args.paths:
            samples: dict[str, list[float]] = {name: [] for name in servers}
            for name in servers:  # warm up: workers import lazily and fill their caches
                run_wrk(ports[name], "/plaintext" if name == "bare" else path, 1)
            for r in range(args.rounds):
                order = list(servers) if r % 2 == 0 else list(reversed(servers))
                for name in order:
                    samples[name].append(
                        run_wrk(ports[name], "/plaintext" if name == "bare" else path, args.seconds)
                    )
            bare, impl = (statistics.median(samples[n]) for n in servers)
            ratios = [i / b for b, i in zip(samples["bare"], samples[args.impl])]
            print(
                f"| {path} | {bare:.0f} | {impl:.0f} | {impl / bare:.0%} ({min(ratios):.0%}-{max(ratios):.0%}) |",
                flush=True,
            )
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
