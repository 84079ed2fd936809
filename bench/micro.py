"""In-process micro-benchmarks. Run by run.py inside one implementation's interpreter.

Usage: python micro.py NAME [NAME ...]   (cwd: bench/project)  -> one JSON line per benchmark:
{"name": ..., "us": median microseconds per call, "spread": (max-min)/median over repeats}
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

BENCHES: dict = {}


def bench(name):
    def register(fn):
        BENCHES[name] = fn
        return fn

    return register


# BENCH_CLOCK=cpu times with the process's CPU clock: on a machine loaded by other work the wall
# clock mostly measures the scheduler; the work measured is the same.
CLOCK = time.process_time if os.environ.get("BENCH_CLOCK") == "cpu" else time.perf_counter


def measure(fn, repeats: int = 7, budget: float = 0.15) -> tuple[float, float]:
    fn()
    n = 1
    while True:
        t = CLOCK()
        for _ in range(n):
            fn()
        if CLOCK() - t > budget / 5 or n > 1_000_000:
            break
        n *= 2
    samples = []
    for _ in range(repeats):
        t = CLOCK()
        for _ in range(n):
            fn()
        samples.append((CLOCK() - t) / n * 1e6)
    med = statistics.median(samples)
    return med, (max(samples) - min(samples)) / med


def scratch_dir() -> str:
    """A temporary folder for this process's database, removed when the process ends."""
    folder = tempfile.mkdtemp(prefix="bench_micro_")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def setup_django(db: bool = False, full: bool = False):
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchsite.settings" if full else "benchsite.settings_min"
    if db:
        os.environ.setdefault("BENCH_SQLITE", os.path.join(scratch_dir(), "bench.sqlite3"))
    import django

    django.setup()
    if db:
        from world.models import Author, Book, Fortune, World

        from django.db import connection

        with connection.schema_editor() as editor:
            for model in (World, Fortune, Author, Book):
                editor.create_model(model)


# ---------------------------------------------------------------- URLs
@bench("url_resolve_first")
def _():
    setup_django()
    from django.urls import resolve

    return lambda: resolve("/section0/5/")


@bench("url_resolve_110th_in_include")
def _():
    setup_django()
    from django.urls import resolve

    return lambda: resolve("/shop/item59/5/")


@bench("url_resolve_first_of_1000")
def _():
    setup_django()
    from django.urls import resolve

    return lambda: resolve("/r0/5/", urlconf="benchsite.urls_1000")


@bench("url_resolve_last_of_1000")
def _():
    setup_django()
    from django.urls import resolve

    return lambda: resolve("/r999/5/", urlconf="benchsite.urls_1000")


@bench("url_reverse")
def _():
    setup_django()
    from django.urls import reverse

    return lambda: reverse("shop:item59", args=[5])


# ---------------------------------------------------------------- request/response
def _wsgi_env(path: str) -> dict:
    import io

    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


@bench("wsgi_plaintext_default_middleware")
def _():
    setup_django(full=True)
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()

    def start_response(status, headers, exc_info=None):
        return None

    def run():
        for _chunk in app(_wsgi_env("/plaintext"), start_response):
            pass

    return run


def _asgi_bench(path: str):
    setup_django()
    import asyncio

    from django.core.asgi import get_asgi_application

    app = get_asgi_application()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 8000),
    }
    loop = asyncio.new_event_loop()

    async def send(message):
        return None

    def run():
        # Like a real server: the body once, then nothing until the client goes away (it never does
        # here; the handler cancels this wait once the response is sent).
        messages = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive():
            if messages:
                return messages.pop()
            await asyncio.Future()

        loop.run_until_complete(app(scope, receive, send))

    return run


@bench("asgi_plaintext")
def _():
    return _asgi_bench("/plaintext")


@bench("asgi_plaintext_async_view")
def _():
    return _asgi_bench("/plaintext-async")


# ---------------------------------------------------------------- templates
@bench("template_page_extends_100_rows")
def _():
    setup_django()
    from django.template.loader import get_template

    tpl = get_template("world/page.html")
    rows = [{"id": i, "name": f"Row <{i}>", "price": i * 1.5, "slug": f"row-{i}"} for i in range(100)]
    ctx = {"rows": rows, "title": "Benchmark & friends"}
    return lambda: tpl.render(ctx)


@bench("jinja2_page_extends_100_rows")
def _():
    """The same page in Jinja2 syntax: the yardstick for the template targets (same on both sides)."""
    setup_django()
    import jinja2

    from django.urls import reverse

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(os.getcwd(), "world", "jinja2")), autoescape=True
    )
    env.globals["url"] = lambda name, *args: reverse(name, args=args)
    tpl = env.get_template("world/page.html")
    rows = [{"id": i, "name": f"Row <{i}>", "price": i * 1.5, "slug": f"row-{i}"} for i in range(100)]
    ctx = {"rows": rows, "title": "Benchmark & friends"}
    return lambda: tpl.render(ctx)


@bench("fstring_page_100_rows")
def _():
    """The same table written with f-strings and html.escape: the physical limit of the template
    rows (URLs formatted directly, no reverse)."""
    setup_django()
    from html import escape

    rows = [{"id": i, "name": f"Row <{i}>", "price": i * 1.5, "slug": f"row-{i}"} for i in range(100)]
    title = "Benchmark & friends"

    def run():
        body = "".join(
            f'<tr class="{"odd" if n % 2 else "even"}"><td>{n}</td><td>{escape(r["name"].title())}</td>\n'
            f'  <td>{r["price"]:.2f}</td><td><a href="/article/{escape(r["slug"])}/">{escape(r["slug"] or "-")}</a>'
            "</td></tr>\n"
            for n, r in enumerate(rows, 1)
        )
        return (
            f"<!DOCTYPE html>\n<html><head><title>{escape(title.upper())}</title></head>\n<body><header>"
            f"<h1>Site</h1></header>\n<main>\n<table>\n{body}</table>\n</main><footer>(c) bench</footer>"
            "</body></html>\n"
        )

    return run


@bench("template_loop_1000")
def _():
    setup_django()
    from django.template import engines

    tpl = engines["django"].from_string("{% for x in items %}<li>{{ x.name }} {{ x.value }}</li>{% endfor %}")
    ctx = {"items": [{"name": f"n{i}", "value": i} for i in range(1000)]}
    return lambda: tpl.render(ctx)


# ---------------------------------------------------------------- ORM
def _seed_worlds(n: int):
    from world.models import World

    World.objects.bulk_create([World(randomnumber=i) for i in range(n)])


@bench("orm_10000_rows_to_instances")
def _():
    setup_django(db=True)
    from world.models import World

    _seed_worlds(10000)
    return lambda: list(World.objects.all())


@bench("raw_sqlite_10000_rows")
def _():
    setup_django(db=True)
    import sqlite3

    from django.db import connection

    _seed_worlds(10000)
    raw = sqlite3.connect(connection.settings_dict["NAME"])
    return lambda: raw.execute("SELECT id, randomnumber FROM world_world").fetchall()


def _raw_connection():
    """The benchmark database opened with the sqlite3 module directly: the physical limit."""
    import sqlite3

    from django.db import connection

    return sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)


@bench("raw_sqlite_get_pk")
def _():
    setup_django(db=True)
    _seed_worlds(100)
    raw = _raw_connection()
    return lambda: raw.execute("SELECT id, randomnumber FROM world_world WHERE id = ?", (50,)).fetchone()


@bench("orm_get_pk")
def _():
    setup_django(db=True)
    from world.models import World

    _seed_worlds(100)
    return lambda: World.objects.get(pk=50)


@bench("orm_filter_count")
def _():
    setup_django(db=True)
    from world.models import World

    _seed_worlds(1000)
    return lambda: World.objects.filter(randomnumber__gt=500).count()


@bench("orm_build_compile_query")
def _():
    setup_django(db=True)
    from world.models import Book

    from django.db import connection

    def run():
        qs = Book.objects.filter(author__name__startswith="A", price__gt=10).order_by("-price")[:20]
        qs.query.get_compiler(connection=connection).as_sql()

    return run


@bench("orm_bulk_create_10000")
def _():
    setup_django(db=True)
    from world.models import World

    objs = [World(randomnumber=i) for i in range(10000)]

    def run():
        World.objects.bulk_create([World(randomnumber=o.randomnumber) for o in objs])
        World.objects.all().delete()

    return run


@bench("raw_sqlite_bulk_insert_10000")
def _():
    setup_django(db=True)
    raw = _raw_connection()
    rows = [(i,) for i in range(10000)]

    def run():
        raw.execute("BEGIN")
        raw.executemany("INSERT INTO world_world (randomnumber) VALUES (?)", rows)
        raw.execute("COMMIT")
        raw.execute("DELETE FROM world_world")

    return run


@bench("orm_1000_saves_in_atomic")
def _():
    setup_django(db=True)
    from world.models import World

    from django.db import transaction

    _seed_worlds(1000)
    worlds = list(World.objects.all())

    def run():
        with transaction.atomic():
            for w in worlds:
                w.randomnumber += 1
                w.save()

    return run


@bench("raw_sqlite_1000_updates_in_transaction")
def _():
    setup_django(db=True)
    _seed_worlds(1000)
    raw = _raw_connection()
    rows = raw.execute("SELECT id, randomnumber FROM world_world").fetchall()
    state = {"n": 0}

    def run():
        state["n"] += 1
        raw.execute("BEGIN")
        for pk, number in rows:
            raw.execute("UPDATE world_world SET randomnumber = ? WHERE id = ?", (number + state["n"], pk))
        raw.execute("COMMIT")

    return run


@bench("orm_values_list_10000")
def _():
    setup_django(db=True)
    from world.models import World

    _seed_worlds(10000)
    return lambda: list(World.objects.values_list("id", "randomnumber"))


def _seed_books(authors: int, per_author: int):
    from world.models import Author, Book

    Author.objects.bulk_create([Author(name=f"A{i}") for i in range(authors)])
    ids = list(Author.objects.values_list("id", flat=True))
    Book.objects.bulk_create(
        [Book(title=f"B{a}-{j}", author_id=a, price=j) for a in ids for j in range(per_author)]
    )


@bench("orm_select_related_1000")
def _():
    setup_django(db=True)
    from world.models import Book

    _seed_books(100, 10)
    return lambda: [b.author.name for b in Book.objects.select_related("author")]


@bench("raw_sqlite_select_join_1000")
def _():
    setup_django(db=True)
    _seed_books(100, 10)
    raw = _raw_connection()
    sql = (
        "SELECT b.id, b.title, b.author_id, b.price, a.id, a.name FROM world_book b "
        "INNER JOIN world_author a ON b.author_id = a.id"
    )
    return lambda: [row[5] for row in raw.execute(sql).fetchall()]


@bench("orm_prefetch_related_100x100")
def _():
    setup_django(db=True)
    from world.models import Author

    _seed_books(100, 100)
    return lambda: [len(a.books.all()) for a in Author.objects.prefetch_related("books")]


@bench("raw_sqlite_prefetch_100x100")
def _():
    """Two queries, as prefetch_related does: the authors, then their books grouped in Python."""
    setup_django(db=True)
    _seed_books(100, 100)
    raw = _raw_connection()

    def run():
        authors = raw.execute("SELECT id, name FROM world_author").fetchall()
        ids = [a[0] for a in authors]
        marks = ", ".join("?" * len(ids))
        books: dict = {}
        for row in raw.execute(
            f"SELECT id, title, author_id, price FROM world_book WHERE author_id IN ({marks})", ids
        ).fetchall():
            books.setdefault(row[2], []).append(row)
        return [len(books.get(a[0], ())) for a in authors]

    return run


@bench("orm_aggregate")
def _():
    setup_django(db=True)
    from world.models import Book

    from django.db.models import Avg, Count, Max

    _seed_books(10, 10)
    return lambda: Book.objects.aggregate(Count("id"), Max("price"), Avg("price"))


# ---------------------------------------------------------------- forms
def _contact_form():
    from django import forms

    class ContactForm(forms.Form):
        name = forms.CharField(max_length=100)
        email = forms.EmailField()
        age = forms.IntegerField(min_value=0)
        website = forms.URLField(required=False)
        subscribe = forms.BooleanField(required=False)
        when = forms.DateField()
        message = forms.CharField(widget=forms.Textarea)

    data = {
        "name": "Ann",
        "email": "ann@example.com",
        "age": "33",
        "website": "https://example.com",
        "subscribe": "on",
        "when": "2026-11-25",
        "message": "Hello there",
    }
    return ContactForm, data


@bench("form_is_valid_7_fields")
def _():
    setup_django()
    form_class, data = _contact_form()
    return lambda: form_class(data).is_valid()


@bench("form_render_as_div")
def _():
    setup_django()
    form_class, data = _contact_form()
    return lambda: form_class(data).as_div()


# ---------------------------------------------------------------- admin
@bench("admin_changelist_100_rows")
def _():
    """The Book changelist (100 rows per page, select_related author) for a logged-in superuser,
    through the test client: the full middleware stack, sessions, auth, admin templates."""
    os.environ["BENCH_ADMIN"] = "1"
    os.environ.setdefault("BENCH_SQLITE", os.path.join(scratch_dir(), "bench.sqlite3"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchsite.settings"
    import django

    django.setup()
    from django.apps import apps
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    with connection.schema_editor() as editor:
        for model in apps.get_models():
            editor.create_model(model)
    _seed_books(100, 2)
    user = User.objects.create_superuser("admin", "admin@example.com", "pw")
    client = Client()
    client.force_login(user)
    first = client.get("/admin/world/book/")
    body = first.content.decode()
    if first.status_code != 200 or body.count('class="action-select"') != 100:
        raise SystemExit(f"changelist answered {first.status_code} without 100 rows")
    return lambda: client.get("/admin/world/book/")


def main(names: list[str]) -> None:
    for name in names:
        fn = BENCHES[name]()
        us, spread = measure(fn)
        print(json.dumps({"name": name, "us": us, "spread": spread}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or list(BENCHES))
