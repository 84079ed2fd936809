"""loaddata and dumpdata: discovery, formats, compression, stdin, and bad fixtures loading nothing."""

import gzip
import io
import json
import sys

import pytest

from django.core.management import CommandError, call_command
from django.db import connection
from tests.test_client.testapp.models import Author, Book
from tests.test_client.testapp.tables import created_tables


@pytest.fixture(autouse=True)
def tables():
    with created_tables(connection):
        yield


def load(*labels, **options):
    out = io.StringIO()
    call_command("loaddata", *labels, stdout=out, **options)
    return out.getvalue()


def test_loads_app_fixture_by_name_and_reports_counts():
    assert load("authors") == "Installed 2 object(s) from 1 fixture(s)\n"
    assert list(Author.objects.values_list("name", flat=True)) == ["Ann", "Bob"]


def test_natural_keys_and_m2m_in_fixtures():
    load("authors", "books.json")
    book = Book.objects.get()
    assert book.author.name == "Ann"
    assert [t.label for t in book.tags.all()] == ["red"]


def test_forward_references_by_natural_key_are_resolved():
    load("forward_ref")
    assert Book.objects.get(pk=3).author.name == "Zed"


def test_xml_fixture_and_explicit_path(tmp_path):
    assert "Installed 1 object(s)" in load("writers.xml")
    fixture = tmp_path / "people.json"
    fixture.write_text(json.dumps([{"model": "testapp.author", "pk": 50, "fields": {"name": "Yan"}}]))
    load(str(fixture))
    assert Author.objects.filter(name="Yan").exists()


def test_compressed_fixture(tmp_path):
    path = tmp_path / "zipped.json.gz"
    with gzip.open(path, "wt") as f:
        json.dump([{"model": "testapp.author", "pk": 60, "fields": {"name": "Gz"}}], f)
    load(str(path))
    assert Author.objects.filter(name="Gz").exists()


def test_stdin_needs_format(monkeypatch):
    with pytest.raises(CommandError, match="--format must be specified when reading from stdin."):
        load("-")
    monkeypatch.setattr(
        sys, "stdin", io.StringIO('[{"model": "testapp.author", "pk": 70, "fields": {"name": "In"}}]')
    )
    load("-", format="json")
    assert Author.objects.filter(name="In").exists()


def test_missing_fixture_and_unknown_format():
    with pytest.raises(CommandError, match="No fixture named 'nothing_here' found."):
        load("nothing_here")
    with pytest.raises(CommandError, match="toml is not a known serialization format"):
        load("authors.toml")


def test_exclude_and_ignorenonexistent(tmp_path):
    out = load("authors", "books", exclude=["testapp.book", "testapp.tag"])
    assert "Installed 2 object(s) (of 4) from 2 fixture(s)" in out
    fixture = tmp_path / "extra.json"
    fixture.write_text(
        json.dumps([{"model": "testapp.author", "pk": 80, "fields": {"name": "Ex", "age": 3}}])
    )
    with pytest.raises(Exception, match="age"):
        load(str(fixture))
    load(str(fixture), ignore=True)
    assert Author.objects.filter(name="Ex").exists()


@pytest.mark.parametrize(
    "label, expected",
    [
        ("broken_syntax", "Problem installing fixture '.*broken_syntax.json'"),
        ("unknown_model", "Invalid model identifier: 'testapp.ghost'"),
        ("missing_fk", "(?i)foreign key|Problem installing fixtures"),
        ("duplicate_name", "Could not load testapp.Author\\(pk=8\\)"),
    ],
)
def test_bad_fixture_names_the_problem_and_loads_nothing(label, expected):
    with pytest.raises(Exception, match=expected):
        load(label)
    assert Author.objects.count() == 0
    assert Book.objects.count() == 0


def test_dumpdata_round_trip(tmp_path):
    load("authors", "books")
    out = io.StringIO()
    call_command("dumpdata", "testapp", stdout=out)
    data = json.loads(out.getvalue())
    assert [entry["model"] for entry in data] == [
        "testapp.author",
        "testapp.author",
        "testapp.tag",
        "testapp.book",
    ]
    target = tmp_path / "dump.json.gz"
    call_command("dumpdata", "testapp.author", output=str(target), indent=2, natural_primary=True)
    with gzip.open(target, "rt") as f:
        dumped = json.load(f)
    assert [entry["fields"]["name"] for entry in dumped] == ["Ann", "Bob"]
    assert "pk" not in dumped[0]


def test_dumpdata_options():
    load("authors", "books")
    out = io.StringIO()
    call_command("dumpdata", "testapp.author", pks="2", stdout=out)
    assert [e["pk"] for e in json.loads(out.getvalue())] == [2]
    out = io.StringIO()
    call_command("dumpdata", "testapp.book", natural_foreign=True, stdout=out)
    assert json.loads(out.getvalue())[0]["fields"]["author"] == ["Ann"]
    out = io.StringIO()
    call_command("dumpdata", "testapp", exclude=["testapp.book", "testapp.tag"], format="jsonl", stdout=out)
    assert len(out.getvalue().splitlines()) == 2
    with pytest.raises(CommandError, match="Unknown serialization format: toml"):
        call_command("dumpdata", "testapp", format="toml", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Unknown model: testapp.ghost"):
        call_command("dumpdata", "testapp.ghost", stdout=io.StringIO())
    with pytest.raises(CommandError, match="You can only use --pks option with one model"):
        call_command("dumpdata", "testapp", pks="1", stdout=io.StringIO())
