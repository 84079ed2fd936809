"""Issue 6's "done when": the sample project's own test suite, which uses every tool of django.test,
passes through ``manage.py test`` run as a subprocess, on SQLite and PostgreSQL, serially and with
``--parallel 2``; the output names each test and the counts add up."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.db_fixtures import DATABASE_ALIASES

SAMPLE = Path(__file__).parent / "sample_project"
REPO = Path(__file__).resolve().parents[2]
SUITE = ["tests", "tests_auth", "tests_assertions", "tests_database", "tests_live", "tests_utils"]

# Every tool the issue lists, as it is spelled where the sample suite uses it.
ISSUE_TOOLS = [
    "TestCase",
    "TransactionTestCase",
    "SimpleTestCase",
    "LiveServerTestCase",
    "StaticLiveServerTestCase",
    "live_server_url",
    "setUpTestData",
    "fixtures = ",
    "databases = ",
    "captureOnCommitCallbacks",
    "reset_sequences = True",
    "serialized_rollback = True",
    "available_apps = ",
    "assertNumQueries",
    "CaptureQueriesContext",
    "assertQuerySetEqual",
    "assertTemplateUsed",
    "assertTemplateNotUsed",
    "assertFormError",
    "assertFormSetError",
    "assertRedirects",
    "fetch_redirect_response=False",
    "assertContains",
    "assertNotContains",
    "html=True",
    "assertHTMLEqual",
    "assertHTMLNotEqual",
    "assertInHTML",
    "assertJSONEqual",
    "assertXMLEqual",
    "assertRaisesMessage",
    "assertWarnsMessage",
    "assertFieldOutput",
    "assertMessages",
    "@override_settings",
    "@modify_settings",
    "@isolate_apps",
    "@tag",
    "@skipIfDBFeature",
    "@skipUnlessDBFeature",
    "ignore_warnings",
    "self.client.login",
    "self.client.force_login",
    "self.client.logout",
    "self.client.session",
    "response.context[",
    "response.templates",
    "response.resolver_match",
    ".json()",
    "SimpleUploadedFile",
    "template_rendered",
    "setting_changed",
    "self.async_client",
    "are not allowed in SimpleTestCase subclasses",
]


def _suite_source() -> str:
    return "\n".join((SAMPLE / "shop" / f"{module}.py").read_text() for module in SUITE)


def _declared_tests() -> set[tuple[str, str]]:
    """(module.Class, method) of every test method in the suite's modules."""
    found = set()
    for module in SUITE:
        tree = ast.parse((SAMPLE / "shop" / f"{module}.py").read_text())
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith(
                        "test"
                    ):
                        found.add((f"shop.{module}.{node.name}", item.name))
    return found


def test_the_sample_suite_uses_every_tool_of_the_issue():
    source = _suite_source()
    missing = [tool for tool in ISSUE_TOOLS if tool not in source]
    assert missing == []


def _engines() -> list[str]:
    return ["sqlite"] + (["postgresql"] if "postgresql" in DATABASE_ALIASES else [])


def _drop_postgres_databases(prefix: str) -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
        names = [
            row[0]
            for row in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"%{prefix}%"])
        ]
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=_engines())
def engine_env(request, tmp_path):
    """The sample project copied to a temporary directory, and the environment that picks its engine."""
    target = tmp_path / "project"
    shutil.copytree(SAMPLE, target)
    env = {**os.environ, "PYTHONPATH": f"{target}{os.pathsep}{REPO}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if request.param == "sqlite":
        yield request.param, target, env
        return
    name = f"sample_{uuid.uuid4().hex[:8]}"
    env.update(SAMPLE_DB_ENGINE="postgresql", SAMPLE_DB_NAME=name)
    try:
        yield request.param, target, env
    finally:
        _drop_postgres_databases(name)


RESULT_LINE = re.compile(r"^(test\w*) \((shop\.[\w.]+)\.\1\) \.\.\. (ok|skipped .*|FAIL|ERROR)$", re.M)


@pytest.mark.slow
@pytest.mark.parametrize("parallel", [[], ["--parallel", "2"]], ids=["serial", "parallel2"])
def test_the_sample_suite_passes_through_manage_py_test(engine_env, parallel):
    engine, project, env = engine_env
    labels = [f"shop.{module}" for module in SUITE]
    result = subprocess.run(
        [sys.executable, "manage.py", "test", *labels, "-v", "2", "--noinput", *parallel],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output

    outcomes = {(cls, name): outcome for name, cls, outcome in RESULT_LINE.findall(result.stderr)}
    declared = _declared_tests()
    assert set(outcomes) == declared, output
    skipped = {test for test, outcome in outcomes.items() if outcome.startswith("skipped")}
    # Skipped by feature flag: transactions exist everywhere; SQLite has no sequences to reset.
    expected_skips = {("shop.tests_database.FeatureTests", "test_skipped_where_transactions_exist")}
    if engine == "sqlite":
        expected_skips |= {
            ("shop.tests_database.ResetSequencesTests", "test_first_product_gets_pk_1"),
            ("shop.tests_database.ResetSequencesTests", "test_again_pk_1"),
        }
    assert skipped == expected_skips
    assert f"Ran {len(declared)} tests" in result.stderr
    assert f"OK (skipped={len(expected_skips)})" in result.stderr
    if parallel:
        assert result.stderr.count("Cloning test database for alias 'default'") == 2, output
        assert result.stderr.count("Cloning test database for alias 'other'") == 2, output
