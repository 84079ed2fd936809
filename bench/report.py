"""Render bench/RESULTS.md from a micro run and an HTTP run (the JSON that run.py and http_load.py
save in bench/.work/), with the targets of issue 11 judged from the figures.

The hand-written analysis below the NOTES heading of the existing RESULTS.md is kept as it is.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "RESULTS.md")
NOTES = "## Where the time goes"
MICRO_HEADER = f"| {'benchmark':38} | {'real Django':>20} | {'Reinhardt':>20} | ratio |"
IMPLS = ("django", "reinhardt")


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def half_spread(values: list[float]) -> float:
    med = median(values)
    return (max(values) - min(values)) / med / 2 if med else 0.0


def fmt_us(us: float) -> str:
    if us >= 100_000:
        return f"{us / 1000:.0f} ms"
    if us >= 1000:
        return f"{us / 1000:.2f} ms"
    return f"{us:.1f} us"


def micro_cells(row: dict) -> list[str]:
    def cell(impl: str) -> str:
        vals = row["samples"].get(impl) or []
        if vals:
            return f"{fmt_us(median(vals)):>10} ±{half_spread(vals) * 100:3.0f}%"
        return row["errors"].get(impl, "n/a")[:60]

    ratio = ""
    dj, us = (row["samples"].get(i) for i in IMPLS)
    if dj and us:
        ratio = f"{median(dj) / median(us):.2f}x"
    return [f"{row['name']:38}", f"{cell('django'):>20}", f"{cell('reinhardt'):>20}", ratio]


class Figures:
    """Medians looked up by benchmark name (micro) or by (server, db, endpoint) (HTTP)."""

    def __init__(self, micro: dict | None, http: dict | None) -> None:
        self.micro = {r["name"]: r for r in (micro or {}).get("rows", [])}
        self.http = {
            (r["server"], r["db"], r["endpoint"]): r for r in (http or {}).get("rows", []) if "endpoint" in r
        }
        self.rss = (http or {}).get("rss", [])

    def us(self, name: str, impl: str) -> float | None:
        row = self.micro.get(name)
        return median(row["samples"].get(impl) or []) if row else None

    def raw(self, name: str) -> float | None:
        """A raw sqlite3 baseline: the same in both interpreters, so both sides' samples count."""
        row = self.micro.get(name)
        return median([v for i in IMPLS for v in row["samples"].get(i) or []]) if row else None

    def speedup(self, name: str) -> float | None:
        dj, us = self.us(name, "django"), self.us(name, "reinhardt")
        return dj / us if dj and us else None

    def speedup_range(self, name: str) -> str:
        """The spread of the ratio: lowest and highest over the rounds (round i of A against round i of B)."""
        row = self.micro.get(name)
        if not row:
            return ""
        pairs = [
            d / r for d, r in zip(row["samples"].get("django") or [], row["samples"].get("reinhardt") or [])
        ]
        return f" ({min(pairs):.2f}-{max(pairs):.2f})" if len(pairs) > 1 else ""

    def rps(self, key: tuple, impl: str) -> float | None:
        row = self.http.get(key)
        return median(row["samples"].get(impl) or []) if row else None

    def cpu(self, key: tuple, impl: str) -> float | None:
        """The workers' CPU microseconds per request."""
        row = self.http.get(key)
        return median((row.get("cpu_us") or {}).get(impl) or []) or None if row else None


# ------------------------------------------------------------------ the targets
def at_least(value: float | None, goal: float, unit: str = "x") -> str:
    if value is None:
        return "not measured"
    if value >= goal:
        return "**met**"
    shown = f"{value:.0f}%" if unit == "%" else f"{value:.2f}x"
    return f"missed: {shown} of {goal:g}{unit} (short by {goal / value:.2f}x)"


def at_most(value: float | None, goal: float) -> str:
    if value is None:
        return "not measured"
    if value <= goal:
        return "**met**"
    return f"missed: {value:.2f}x against at most {goal:g}x (over by {value / goal:.2f}x)"


def x(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}x"


def target_rows(f: Figures) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []

    def speed(what: str, name: str, goal: float, note: str = "") -> None:
        s = f.speedup(name)
        dj, us = f.us(name, "django"), f.us(name, "reinhardt")
        detail = x(s) + f.speedup_range(name)
        if dj and us:
            detail += f": {fmt_us(us)} vs Django {fmt_us(dj)}"
        rows.append((what, f">= {goal:g}x faster", detail + note, at_least(s, goal)))

    def vs_raw(what: str, name: str, raw: str, goal: float) -> None:
        us, base = f.us(name, "reinhardt"), f.raw(raw)
        q = us / base if us and base else None
        detail = (
            f"{x(q)} raw ({fmt_us(us)} vs {fmt_us(base)}); {x(f.speedup(name))} faster than Django"
            if q
            else "?"
        )
        rows.append((what, f"within {goal:g}x of raw sqlite3", detail, at_most(q, goal)))

    speed("WSGI request/response, default middleware, in process", "wsgi_plaintext_default_middleware", 5)
    speed("ASGI plaintext, in process (sync view)", "asgi_plaintext", 25)
    speed("ASGI plaintext, in process (async view)", "asgi_plaintext_async_view", 25)
    for path in ("/plaintext", "/json"):
        key = ("gunicorn", "sqlite", path)
        bare, ours, theirs = f.rps(key, "bare"), f.rps(key, "reinhardt"), f.rps(key, "django")
        share = ours / bare if ours and bare else None
        detail = f"req/s: {share:.0%} of bare (Django {theirs / bare:.0%})" if share and theirs else "?"
        # Judged by the workers' CPU per request where measured: no database is involved, and unlike
        # req/s it hardly moves with the other load on the machine.
        cpu_bare, cpu_ours, cpu_theirs = (f.cpu(key, i) for i in ("bare", "reinhardt", "django"))
        if cpu_bare and cpu_ours and cpu_theirs:
            share = cpu_bare / cpu_ours
            detail += f"; CPU per request: {share:.0%} of bare's (Django {cpu_bare / cpu_theirs:.0%})"
        rows.append(
            (
                f"`{path}` under gunicorn, 2 sync workers",
                ">= 90% of a bare WSGI callable",
                detail,
                at_least(share * 100 if share else None, 90, "%"),
            )
        )
    for server in ("gunicorn", "uvicorn"):
        for db in ("sqlite", "postgresql"):
            ratios, cpu_ratios = [], []
            for path in ("/db", "/queries?queries=20", "/fortunes", "/updates?queries=20"):
                key = (server, db, path)
                dj, us = f.rps(key, "django"), f.rps(key, "reinhardt")
                if dj and us:
                    ratios.append((path.split("?")[0], us / dj))
                cpu_dj, cpu_us = f.cpu(key, "django"), f.cpu(key, "reinhardt")
                if cpu_dj and cpu_us:
                    cpu_ratios.append(f"{cpu_dj / cpu_us:.2f}x")
            detail = ", ".join(f"{p} {r:.2f}x" for p, r in ratios) or "?"
            if cpu_ratios:
                detail += f"; less worker CPU per request: {', '.join(cpu_ratios)}"
            worst = min((r for _, r in ratios), default=None)
            short = sum(r < 2 for _, r in ratios)
            status = at_least(worst, 2)
            if short:
                status = f"missed on {short} of {len(ratios)}; worst {worst:.2f}x (short by {2 / worst:.2f}x)"
            rows.append((f"DB endpoints, {server}, {db}", ">= 2x Django's req/s", detail, status))
    speed("URL resolve, 110th pattern inside an include", "url_resolve_110th_in_include", 10)
    first, last = (
        f.us("url_resolve_first_of_1000", "reinhardt"),
        f.us("url_resolve_last_of_1000", "reinhardt"),
    )
    flat = last / first if first and last else None
    dj_first, dj_last = (
        f.us("url_resolve_first_of_1000", "django"),
        f.us("url_resolve_last_of_1000", "django"),
    )
    rows.append(
        (
            "URL resolve cost, 1st vs 1,000th pattern",
            "flat (last/first <= 1.5x)",
            f"{x(flat)} (Django {x(dj_last / dj_first if dj_first and dj_last else None)})",
            at_most(flat, 1.5),
        )
    )
    speed("URL reverse", "url_reverse", 5)
    limit = f.raw("fstring_page_100_rows")
    speed(
        "template render, `extends` + 100-row loop",
        "template_page_extends_100_rows",
        6,
        f" (same page with f-strings: {fmt_us(limit)})" if limit else "",
    )
    ours, jinja = (
        f.us("template_page_extends_100_rows", "reinhardt"),
        f.us("jinja2_page_extends_100_rows", "reinhardt"),
    )
    q = ours / jinja if ours and jinja else None
    rows.append(("same page against Jinja2", "within 3x of Jinja2", f"{x(q)} Jinja2's time", at_most(q, 3)))
    vs_raw(
        "10,000 rows -> instances (`all()`, 2 columns)",
        "orm_10000_rows_to_instances",
        "raw_sqlite_10000_rows",
        3,
    )
    speed("`get(pk=...)`", "orm_get_pk", 5)
    speed("build + compile a filter/join/order/limit query", "orm_build_compile_query", 5)
    vs_raw("`bulk_create` of 10,000", "orm_bulk_create_10000", "raw_sqlite_bulk_insert_10000", 2)
    speed("1,000 `save()` in `atomic()`", "orm_1000_saves_in_atomic", 4)
    vs_raw("`select_related`, 1,000 rows", "orm_select_related_1000", "raw_sqlite_select_join_1000", 3)
    vs_raw("`prefetch_related`, 100 x 100", "orm_prefetch_related_100x100", "raw_sqlite_prefetch_100x100", 3)
    speed("form `is_valid()`, 7 fields", "form_is_valid_7_fields", 3)
    speed("form render `as_div`", "form_render_as_div", 3)
    dj, us = f.us("startup_to_wsgi_app", "django"), f.us("startup_to_wsgi_app", "reinhardt")
    q = us / dj if dj and us else None
    rows.append(
        (
            "process start to a ready WSGI app",
            "<= 0.5x Django's time",
            f"{x(q)} Django's ({fmt_us(us) if us else '?'} vs {fmt_us(dj) if dj else '?'})",
            at_most(q, 0.5),
        )
    )
    for entry in f.rss:
        dj, us = entry.get("django"), entry.get("reinhardt")
        q = us / dj if dj and us else None
        detail = f"{us / 1024:.1f} MiB vs {dj / 1024:.1f} MiB" if q else "?"
        rows.append(
            (f"peak RSS of a worker, {entry['server']} {entry['db']}", "<= Django's", detail, at_most(q, 1))
        )
    return rows


# ------------------------------------------------------------------ the page
def machine() -> str:
    model = "?"
    try:
        with open("/proc/cpuinfo") as fh:
            model = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), "?")
        with open("/proc/meminfo") as fh:
            mem = int(fh.readline().split()[1]) / 1024 / 1024
    except OSError:
        mem = 0
    return f"{model}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} {platform.release()}"


def ask(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=HERE).stdout.strip() or "?"
    except OSError:
        return "?"


HTTP_HEADER = (
    "| server | database | endpoint | bare app req/s | Django req/s | Reinhardt req/s "
    "| Reinhardt/Django req/s (per-round range) | Django CPU/req | Reinhardt CPU/req | CPU ratio |"
)


def http_cells(row: dict) -> list[str]:
    """One HTTP row: medians ± half the spread, the req/s ratio with its per-round range, and the
    workers' CPU time per request (Django's / Reinhardt's: above 1, Reinhardt needs less)."""

    def cell(impl: str) -> str:
        vals = row["samples"].get(impl) or []
        if vals:
            return f"{median(vals):.0f} ±{half_spread(vals) * 100:.0f}%"
        return f"error: {row['errors'][impl][:80]}" if impl in row["errors"] else ""

    def cpu(impl: str) -> str:
        vals = (row.get("cpu_us") or {}).get(impl) or []
        return f"{fmt_us(median(vals))} ±{half_spread(vals) * 100:.0f}%" if vals else ""

    dj, us = row["samples"].get("django"), row["samples"].get("reinhardt")
    ratio = ""
    if dj and us:
        per_round = [b / a for a, b in zip(dj, us)]
        ratio = f"{median(us) / median(dj):.2f}x ({min(per_round):.2f}-{max(per_round):.2f})"
    cpu_dj, cpu_us = ((row.get("cpu_us") or {}).get(i) for i in IMPLS)
    cpu_ratio = f"{median(cpu_dj) / median(cpu_us):.2f}x" if cpu_dj and cpu_us and median(cpu_us) else ""
    return [
        row["server"],
        row["db"],
        f"`{row['endpoint']}`",
        cell("bare"),
        cell("django"),
        cell("reinhardt"),
        ratio,
        cpu("django"),
        cpu("reinhardt"),
        cpu_ratio,
    ]


def http_lines(http: dict) -> list[str]:
    lines = [HTTP_HEADER, "|---" * 10 + "|"]
    for row in http.get("rows", []):
        if "skipped" in row:
            lines.append(f"| | {row['db']} | skipped: {row['skipped']} | | | | | | | |")
            continue
        lines.append("| " + " | ".join(http_cells(row)) + " |")
    lines += [
        "",
        "Peak RSS of one worker (VmHWM) after the run:",
        "",
        "| server | database | Django | Reinhardt | Reinhardt/Django |",
        "|---|---|---|---|---|",
    ]
    for e in http.get("rss", []):
        dj, us = e.get("django"), e.get("reinhardt")
        lines.append(
            f"| {e['server']} | {e['db']} | {dj / 1024:.1f} MiB | {us / 1024:.1f} MiB | {us / dj:.2f}x |"
            if dj and us
            else f"| {e['server']} | {e['db']} | ? | ? | |"
        )
    return lines


def load_text(run: dict) -> str:
    before, after = run.get("loadavg_before"), run.get("loadavg_after")
    if not before or not after:
        return "?"
    return f"{before[0]:.1f} at the start, {after[0]:.1f} at the end"


def kept_notes() -> list[str]:
    try:
        with open(RESULTS) as fh:
            text = fh.read()
    except FileNotFoundError:
        return []
    at = text.find(NOTES)
    return text[at:].rstrip("\n").splitlines() if at >= 0 else []


def write(micro: dict | None, http: dict | None) -> None:
    figures = Figures(micro, http)
    django_version = ask(
        [
            os.path.join(HERE, ".venv-django", "bin", "python"),
            "-c",
            "import django; print(django.get_version())",
        ]
    )
    python = ask(
        [
            os.path.join(os.path.dirname(HERE), ".venv", "bin", "python"),
            "-c",
            "import platform; print(platform.python_version())",
        ]
    )
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}; Python {python}; real Django {django_version} (bench/.venv-django); "
        f"Reinhardt at commit {ask(['git', 'rev-parse', '--short', 'HEAD'])}.",
        "",
    ]
    if micro:
        lines += [
            "## In-process micro-benchmarks",
            "",
            f"Run {micro['started']}: `BENCH_CLOCK={micro['clock']} python bench/run.py {' '.join(micro['argv'])}`; "
            f"{micro['rounds']} interleaved rounds (A B, B A, ...), each a fresh process timing a median of 7 "
            f"repeats; the table gives the median of the rounds, ± half their spread. Clock: "
            f"{'process CPU time' if micro['clock'] == 'cpu' else 'wall clock'}. Load average (1 min) "
            f"{load_text(micro)} on {os.cpu_count()} cores. Ratio = Django's time / Reinhardt's "
            "(above 1: Reinhardt is faster). `raw_sqlite_*` rows are the same work with the `sqlite3` "
            "module (the physical limit), run in both interpreters.",
            "",
            "| benchmark | real Django | Reinhardt | ratio |",
            "|---|---|---|---|",
        ]
        lines += ["| " + " | ".join(c.strip() for c in micro_cells(r)) + " |" for r in micro["rows"]]
        lines.append("")
    if http:
        lines += [
            "## HTTP benchmarks",
            "",
            f"Run {http['started']}: `python bench/{'run.py ' + ' '.join(http['argv']) if 'argv' in http else 'http_load.py'}`; "
            f"wrk (1 thread, {http['connections']} connections) for {http['seconds']} s per load, "
            f"{http['rounds']} interleaved round(s) per endpoint, servers on 127.0.0.1 with 2 workers each "
            "(gunicorn sync; uvicorn with the workers' TCP_NODELAY set, see project/uvicorn_nodelay.py). "
            "gunicorn keeps database connections (CONN_MAX_AGE=None), uvicorn does not (CONN_MAX_AGE=0, as "
            "Django's documentation asks under ASGI). SQLite on tmpfs; PostgreSQL 127.0.0.1 in a database "
            f"made for the run. Wall clock; load average {load_text(http)}; "
            f"{http.get('elapsed_s', 0):.0f} s in all. `bare` is a bare WSGI callable (gunicorn) / ASGI app "
            "(uvicorn) under the same server: the physical limit.",
            "",
        ]
        lines += http_lines(http)
        lines.append("")
    lines += [
        "## Against the targets of issue 11",
        "",
        "| what | target | measured | status |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in target_rows(figures)]
    extra = [
        ("admin changelist, 100 rows, logged-in superuser", "admin_changelist_100_rows"),
        ("`manage.py check` on a fresh startproject", "manage_check_startproject"),
    ]
    lines += ["", "Without a numeric target in the issue:", ""]
    for what, name in extra:
        dj, us = figures.us(name, "django"), figures.us(name, "reinhardt")
        if dj and us:
            verdict = f"{dj / us:.2f}x faster" if dj >= us else f"{us / dj:.2f}x slower"
            lines.append(
                f"- {what}: Reinhardt {fmt_us(us)}, Django {fmt_us(dj)}: {verdict}{figures.speedup_range(name)}."
            )
    notes = kept_notes() or [NOTES, "", "(profiles and notes to be written)"]
    lines += ["", *notes]
    with open(RESULTS, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {RESULTS}")
