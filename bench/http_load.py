#!/usr/bin/env python3
"""HTTP benchmarks: the TechEmpower endpoints under gunicorn (2 sync workers) and uvicorn (ASGI,
2 workers) on 127.0.0.1, loaded by wrk, on SQLite and PostgreSQL, Reinhardt against the real Django
interleaved (A B A B ...), with a bare WSGI/ASGI app under the same server as the physical limit.

    python bench/http_load.py                 # everything: 3 rounds of 2 s per endpoint (~6 min)
    python bench/http_load.py --quick         # 1 round of 1 s (~2 min)
    python bench/http_load.py --servers gunicorn --dbs sqlite --rounds 5 /db /fortunes

Each (server, database) pair starts one server per implementation side by side (idle while the
other is loaded). The database is made and filled once per run (PostgreSQL: a database named
bench_http_<pid> that the script creates and drops). After the run the peak RSS (VmHWM) of each
server's workers is read from /proc. Results go to stdout and, as JSON, to bench/.work/http.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, "project")
WORK = os.path.join(HERE, ".work")
PYTHONS = {
    "django": os.path.join(HERE, ".venv-django", "bin", "python"),
    "reinhardt": os.path.join(os.path.dirname(HERE), ".venv", "bin", "python"),
}
ENDPOINTS = ["/plaintext", "/json", "/db", "/queries?queries=20", "/fortunes", "/updates?queries=20"]
# These two touch no database: they run once (in the SQLite pass), next to the bare app.
DB_FREE = {"/plaintext", "/json"}
DBS = ["sqlite", "postgresql"]
SERVERS = ["gunicorn", "uvicorn"]
PG = {
    "host": os.environ.get("BENCH_DB_HOST", "127.0.0.1"),
    "port": os.environ.get("BENCH_DB_PORT", "5432"),
    "user": os.environ.get("BENCH_DB_USER", "postgres"),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(server: str, python: str, app: str, port: int) -> list[str]:
    if server == "gunicorn":
        return [
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
    # uvicorn's own command line, plus TCP_NODELAY for its workers (see uvicorn_nodelay.py).
    return [
        python,
        "uvicorn_nodelay.py",
        "--workers",
        "2",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--lifespan",
        "off",
        *app.split(),
    ]


def app_spec(server: str, impl: str) -> str:
    if impl == "bare":
        return "bare_wsgi:application" if server == "gunicorn" else "bare_asgi:application"
    if server == "gunicorn":
        return "django.core.wsgi:get_wsgi_application()"
    return "--factory django.core.asgi:get_asgi_application"


class Server:
    """One server process tree (master + 2 workers) for one implementation."""

    def __init__(self, server: str, impl: str, env: dict) -> None:
        self.name = impl
        self.port = free_port()
        python = PYTHONS["reinhardt" if impl == "bare" else impl]
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            server_command(server, python, app_spec(server, impl), self.port),
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} server did not start: {self.stderr_tail()}")

    def stderr_tail(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-600:]

    def workers(self) -> list[int]:
        """Descendant pids of the master (the workers), without multiprocessing helpers."""
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
        found, todo = [], [self.proc.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                todo.append(child)
                try:
                    with open(f"/proc/{child}/cmdline", "rb") as fh:
                        if b"resource_tracker" in fh.read():
                            continue
                except OSError:
                    continue
                found.append(child)
        return found

    def cpu_seconds(self) -> float:
        """CPU time (user + system, all threads) used so far by the workers: divided by the requests
        answered, a cost per request that the other load on the machine barely moves."""
        total = 0
        for pid in self.workers():
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def peak_rss_kib(self) -> int | None:
        peaks = []
        for pid in self.workers():
            try:
                with open(f"/proc/{pid}/status") as fh:
                    match = re.search(r"VmHWM:\s+(\d+) kB", fh.read())
            except OSError:
                continue
            if match:
                peaks.append(int(match.group(1)))
        return max(peaks) if peaks else None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def check_endpoint(port: int, path: str, count: int = 10) -> None:
    """A few plain requests first: they warm the workers and turn a broken endpoint into a clear
    error instead of a wrk figure of error pages."""
    for _ in range(count):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as resp:
                body = resp.read()
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{path} answered {exc.code}: {exc.read()[:200]!r}") from None
        problem = wrong_answer(path, body)
        if problem:
            raise RuntimeError(f"{path}: {problem}: {body[:200]!r}")


def wrong_answer(path: str, body: bytes) -> str:
    """What is wrong with an endpoint's answer ("" if nothing): a fast wrong page is no result."""
    endpoint = path.split("?")[0]
    if endpoint == "/plaintext":
        return "" if body == b"Hello, World!" else "not Hello, World!"
    if endpoint == "/fortunes":
        text = body.decode()
        if text.count("<tr>") != 14 or "&lt;script&gt;" not in text or "Additional fortune" not in text:
            return "not the 13 escaped fortunes"
        return ""
    data = json.loads(body)
    if endpoint == "/json":
        return "" if data == {"message": "Hello, World!"} else "not the message object"
    rows = [data] if endpoint == "/db" else data
    expected = 1 if endpoint == "/db" else 20
    if len(rows) != expected or any(set(r) != {"id", "randomNumber"} for r in rows):
        return f"not {expected} world object(s)"
    return ""


def run_wrk(port: int, path: str, seconds: int, connections: int) -> tuple[float, int]:
    """Requests/s and the number of requests answered."""
    proc = subprocess.run(
        [
            "wrk",
            "-t",
            "1",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    out = proc.stdout
    if proc.returncode:
        raise RuntimeError(f"wrk failed on {path}: {proc.stderr.strip() or out.strip()}")
    if "Non-2xx" in out:
        raise RuntimeError(f"non-2xx answers from {path}: {out.strip().splitlines()[-3]}")
    count = int(re.search(r"(\d+) requests in", out).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), max(count, 1)


# ------------------------------------------------------------------ databases
def pg_admin(*statements: str) -> None:
    """Run statements on PostgreSQL's maintenance database (psycopg of the real Django's venv, so
    that the script itself needs only the standard library)."""
    code = (
        "import sys, psycopg\n"
        "with psycopg.connect(sys.argv[1], autocommit=True) as conn:\n"
        "    for sql in sys.argv[2:]:\n"
        "        conn.execute(sql)\n"
    )
    dsn = f"host={PG['host']} port={PG['port']} user={PG['user']} dbname=postgres connect_timeout=5"
    proc = subprocess.run([PYTHONS["django"], "-c", code, dsn, *statements], capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError((proc.stderr.strip().splitlines() or ["PostgreSQL failed"])[-1])


def make_database(db: str) -> tuple[dict, object]:
    """Environment for a fresh, filled database of this kind, and a function that removes it."""
    env = {
        **os.environ,
        "PYTHONPATH": PROJECT,
        "DJANGO_SETTINGS_MODULE": "benchsite.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
        "BENCH_DB": db,
    }
    env.pop("BENCH_ADMIN", None)
    if db == "sqlite":
        # On tmpfs where there is one: /updates then measures the framework, not the disk's fsync.
        folder = tempfile.mkdtemp(prefix="bench_http_", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
        env["BENCH_SQLITE"] = os.path.join(folder, "bench.sqlite3")

        def drop() -> None:
            shutil.rmtree(folder, ignore_errors=True)
    else:
        name = f"bench_http_{os.getpid()}"
        # Without a WAL flush per commit: /updates then measures the framework, not the disk (the
        # same reason the SQLite file sits on tmpfs).
        pg_admin(
            f'DROP DATABASE IF EXISTS "{name}"',
            f'CREATE DATABASE "{name}"',
            f'ALTER DATABASE "{name}" SET synchronous_commit = off',
        )
        env.update(
            BENCH_DB_NAME=name, BENCH_DB_HOST=PG["host"], BENCH_DB_PORT=PG["port"], BENCH_DB_USER=PG["user"]
        )

        def drop() -> None:
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    seed = subprocess.run(
        [PYTHONS["django"], "-P", "seed_http.py"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    if seed.returncode:
        drop()
        raise RuntimeError(f"seeding {db} failed: {seed.stderr.strip()[-400:]}")
    return env, drop


# ------------------------------------------------------------------ the run
def run_pass(server: str, db: str, env: dict, paths: list[str], args) -> tuple[list[dict], dict]:
    """Every endpoint on one (server, database) pair, implementations interleaved."""
    # Sync workers keep their connection (as production does); under ASGI each request runs in a
    # thread of its own, where Django's documentation says persistent connections must be off.
    env = {**env, "BENCH_CONN_MAX_AGE": "none" if server == "gunicorn" else "0"}
    impls = list(args.impls)
    wants_bare = any(p in DB_FREE for p in paths)
    names = (["bare"] if wants_bare else []) + impls
    servers = {name: Server(server, name, env) for name in names}
    rows: list[dict] = []
    rss: dict = {}
    try:
        for srv in servers.values():
            srv.wait_ready()
        for path in paths:
            loaded = [n for n in names if n != "bare" or path in DB_FREE]
            samples: dict[str, list[float]] = {n: [] for n in loaded}
            cpu: dict[str, list[float]] = {n: [] for n in loaded}
            errors: dict[str, str] = {}
            for name in loaded:
                try:
                    check_endpoint(servers[name].port, "/plaintext" if name == "bare" else path)
                except (RuntimeError, OSError) as exc:
                    errors[name] = str(exc)[:300]
            for r in range(args.rounds):
                shift = r % len(loaded)
                for name in loaded[shift:] + loaded[:shift]:
                    if name in errors:
                        continue
                    srv = servers[name]
                    try:
                        cpu_before = srv.cpu_seconds()
                        rps, count = run_wrk(
                            srv.port, "/plaintext" if name == "bare" else path, args.seconds, args.connections
                        )
                        samples[name].append(rps)
                        cpu[name].append((srv.cpu_seconds() - cpu_before) / count * 1e6)
                    except (RuntimeError, subprocess.TimeoutExpired) as exc:
                        errors[name] = str(exc)[:300]
            row = {
                "server": server,
                "db": db,
                "endpoint": path,
                "samples": samples,
                "cpu_us": cpu,
                "errors": errors,
            }
            rows.append(row)
            print(format_row(row), flush=True)
        for name in impls:
            rss[name] = servers[name].peak_rss_kib()
    finally:
        for srv in servers.values():
            srv.stop()
    return rows, rss


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def spread(values: list[float]) -> float:
    med = median(values)
    return (max(values) - min(values)) / med if med else 0.0


def format_row(row: dict) -> str:
    from report import http_cells

    text = "| " + " | ".join(http_cells(row)) + " |"
    for name, err in row["errors"].items():
        text += f"\n|   {name}: {err}"
    return text


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, capture_output=True)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")


def run(args) -> dict:
    ensure_wrk()
    for impl in args.impls:
        if not os.path.exists(PYTHONS[impl]):
            sys.exit(f"{PYTHONS[impl]} is missing (bench/setup_django.sh makes the real Django's venv)")
    paths = args.paths or ENDPOINTS
    from report import HTTP_HEADER

    print(HTTP_HEADER)
    result: dict = {
        "rows": [],
        "rss": [],
        "rounds": args.rounds,
        "seconds": args.seconds,
        "connections": args.connections,
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "loadavg_before": os.getloadavg(),
    }
    t0 = time.monotonic()
    for db in args.dbs:
        db_paths = [p for p in paths if db == args.dbs[0] or p not in DB_FREE]
        if not db_paths:
            continue
        try:
            env, drop = make_database(db)
        except Exception as exc:  # noqa: BLE001 - a missing PostgreSQL must not sink the SQLite figures
            print(f"| {db}: skipped: {exc}", flush=True)
            result["rows"].append({"db": db, "skipped": str(exc)[:300]})
            continue
        try:
            for server in args.servers:
                rows, rss = run_pass(server, db, env, db_paths, args)
                result["rows"] += rows
                result["rss"].append({"server": server, "db": db, **rss})
        finally:
            drop()
    result["elapsed_s"] = time.monotonic() - t0
    result["loadavg_after"] = os.getloadavg()
    print("\nPeak RSS of one worker (VmHWM, MiB) after the run:")
    for entry in result["rss"]:
        cells = "  ".join(f"{n}: {entry[n] / 1024:.1f}" if entry.get(n) else f"{n}: ?" for n in args.impls)
        print(f"  {entry['server']:8} {entry['db']:10} {cells}")
    print(f"({result['elapsed_s']:.0f} s)")
    os.makedirs(WORK, exist_ok=True)
    with open(os.path.join(WORK, "http.json"), "w") as fh:
        json.dump(result, fh, indent=1)
    return result


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="*", help=f"endpoints (default: {' '.join(ENDPOINTS)})")
    p.add_argument("--seconds", type=int, default=2, help="wrk duration per load (default 2)")
    p.add_argument("--rounds", type=int, default=3, help="interleaved rounds per endpoint (default 3)")
    p.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    p.add_argument("--servers", nargs="+", choices=SERVERS, default=SERVERS)
    p.add_argument("--dbs", nargs="+", choices=DBS, default=DBS)
    p.add_argument("--impls", nargs="+", choices=sorted(PYTHONS), default=["django", "reinhardt"])
    p.add_argument("--quick", action="store_true", help="1 round of 1 s per endpoint")
    return p


def main() -> None:
    args = parser().parse_args()
    if args.quick:
        args.rounds, args.seconds = 1, 1
    run(args)


if __name__ == "__main__":
    main()
