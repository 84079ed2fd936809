"""The dbshell and flush management commands, against real databases and real client programs."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models.signals import post_migrate
from tests.db.backends.flushapp.models import FlushChild, FlushParent


def run(connection, sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchall() if cursor.description else None


@pytest.fixture
def flush_tables(connection, create_tables):
    create_tables(FlushParent, FlushChild)
    qn = connection.ops.quote_name
    parent, child = FlushParent._meta.db_table, FlushChild._meta.db_table
    run(connection, f"INSERT INTO {qn(parent)} ({qn('id')}, {qn('name')}) VALUES (1, 'p')")
    run(
        connection,
        f"INSERT INTO {qn(child)} ({qn('id')}, {qn('parent_id')}, {qn('note')}) VALUES (1, 1, 'n')",
    )
    return parent, child


def count(connection, table):
    return run(connection, f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")[0][0]


@pytest.fixture
def migrated(connection, create_tables):
    """Every installed model's table exists, as after migrate (post_migrate handlers need them)."""
    from django.apps import apps

    existing = set(connection.introspection.table_names())
    missing = [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table not in existing
    ]
    create_tables(*missing)


def test_flush_empties_every_model_table_and_emits_post_migrate(connection, flush_tables, migrated):
    received = []

    def receiver(sender, **kwargs):
        received.append((sender.label, kwargs["using"]))

    post_migrate.connect(receiver)
    try:
        call_command("flush", interactive=False, database=connection.alias, verbosity=0)
    finally:
        post_migrate.disconnect(receiver)
    assert [count(connection, table) for table in flush_tables] == [0, 0]
    assert ("flushapp", connection.alias) in received


def test_flush_resets_sequences(connection, flush_tables):
    call_command(
        "flush", interactive=False, database=connection.alias, verbosity=0, inhibit_post_migrate=True
    )
    qn = connection.ops.quote_name
    parent = flush_tables[0]
    run(connection, f"INSERT INTO {qn(parent)} ({qn('name')}) VALUES ('again')")
    assert run(connection, f"SELECT {qn('id')} FROM {qn(parent)}")[0][0] == 1


def test_flush_cancelled_keeps_data(connection, flush_tables, monkeypatch, capsys):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    call_command("flush", database=connection.alias, verbosity=0)
    assert "Flush cancelled." in capsys.readouterr().out
    assert count(connection, flush_tables[0]) == 1


def test_flush_confirmed_interactively(connection, flush_tables, monkeypatch):
    prompts = []
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or "yes")
    call_command("flush", database=connection.alias, verbosity=0, inhibit_post_migrate=True)
    assert "IRREVERSIBLY" not in prompts[0] and "deleted" in prompts[0]
    assert count(connection, flush_tables[0]) == 0


def test_flush_unknown_database_is_refused():
    with pytest.raises(CommandError, match="invalid choice: 'nope'"):
        call_command("flush", "--noinput", "--database=nope")


def test_client_arguments_for_each_backend(connection):
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, ["--extra"])
    assert args[-1] == "--extra"
    assert shutil.which(args[0]) is not None or args[0] == connection.client.executable_name
    if connection.settings_dict["PASSWORD"]:
        assert str(connection.settings_dict["PASSWORD"]) not in args  # passwords go through the environment


def test_postgresql_client_options_become_libpq_variables():
    from django.db.backends.postgresql.client import DatabaseClient

    args, env = DatabaseClient.settings_to_cmd_args_env(
        {
            "NAME": "db",
            "USER": "u",
            "PASSWORD": "secret",
            "HOST": "h",
            "PORT": 5433,
            "OPTIONS": {"sslmode": "require"},
        },
        ["-c", "SELECT 1"],
    )
    assert args == ["psql", "-U", "u", "-h", "h", "-p", "5433", "db", "-c", "SELECT 1"]
    assert env == {"PGPASSWORD": "secret", "PGSSLMODE": "require"}


def test_mysql_client_uses_mysql_pwd_and_socket():
    pytest.importorskip("MySQLdb")
    from django.db.backends.mysql.client import DatabaseClient

    args, env = DatabaseClient.settings_to_cmd_args_env(
        {"NAME": "db", "USER": "u", "PASSWORD": "pw", "HOST": "/run/mysqld.sock", "PORT": "", "OPTIONS": {}},
        [],
    )
    assert args[1:] == ["--user=u", "--socket=/run/mysqld.sock", "db"]
    assert env == {"MYSQL_PWD": "pw"}


@pytest.mark.slow
def test_dbshell_runs_the_real_client_with_extra_arguments(connection, tmp_path):
    """dbshell -- <args> passes the arguments through to the client, which really runs."""
    code = (
        "import os, sys\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'tests.settings'\n"
        "import django; django.setup()\n"
        "from tests import db_fixtures\n"
        "from django.core.management import call_command\n"
        f"alias = {connection.alias!r}\n"
        f"from django.db import connections; connections[alias].settings_dict['NAME'] = {connection.settings_dict['NAME']!r}\n"
        "extra = {'default': [\"SELECT 'shell-ok';\"], 'postgresql': ['-At', '-c', \"SELECT 'shell-ok'\"], "
        "'mysql': ['-N', '-e', \"SELECT 'shell-ok'\"]}[alias]\n"
        "call_command('dbshell', '--database', alias, '--', *extra)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=str(_root())
    )
    assert result.returncode == 0, result.stderr
    assert "shell-ok" in result.stdout


def test_dbshell_reports_a_missing_client_program(connection, monkeypatch):
    monkeypatch.setattr(type(connection.client), "executable_name", "no-such-db-client-program")
    monkeypatch.setattr(
        type(connection.client),
        "settings_to_cmd_args_env",
        classmethod(lambda cls, settings_dict, parameters: (["no-such-db-client-program"], None)),
    )
    with pytest.raises(CommandError, match="no-such-db-client-program"):
        call_command("dbshell", database=connection.alias)


def test_dbshell_reports_a_failing_client(connection, monkeypatch):
    monkeypatch.setattr(
        type(connection.client),
        "settings_to_cmd_args_env",
        classmethod(
            lambda cls, settings_dict, parameters: ([sys.executable, "-c", "raise SystemExit(3)"], None)
        ),
    )
    with pytest.raises(CommandError, match="exit status 3") as info:
        call_command("dbshell", database=connection.alias)
    assert info.value.returncode == 3


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[3]
