"""manage.py test options on the sample project, each run as a subprocess: --buffer, --failfast,
--debug-mode, --debug-sql, --pdb, --keepdb and the existing-database prompt, --parallel auto,
directory labels, TEST_RUNNER, TEST['DEPENDENCIES'] and TEST['TEMPLATE'], a test database that can't be
created."""

import uuid

import pytest

from tests.db_fixtures import DATABASE_ALIASES
from tests.test_client.test_runner_command import manage, project
from tests.test_client.test_sample_project_suite import _drop_postgres_databases

__all__ = ["project"]

pytestmark = pytest.mark.slow


def test_buffer_hides_the_output_of_passing_tests_only(project):
    result = manage(project, "shop.checks_output.Noisy", "--buffer")
    assert result.returncode == 1
    assert "noise from a passing test" not in result.stdout + result.stderr
    assert "Stdout:\nnoise from a failing test" in result.stderr


def test_failfast_stops_at_the_first_failure(project):
    result = manage(project, "shop.checks_output.Noisy", "--failfast")
    assert result.returncode == 1
    assert "Ran 1 test" in result.stderr
    assert "Ran 2 tests" in manage(project, "shop.checks_output.Noisy").stderr


def test_debug_mode_turns_debug_on(project):
    assert "DEBUG is True" in manage(project, "shop.checks_output.ShowsDebug", "--debug-mode").stdout
    assert "DEBUG is False" in manage(project, "shop.checks_output.ShowsDebug").stdout


def test_debug_sql_prints_the_queries_of_a_failing_test(project):
    result = manage(project, "shop.checks_output.QueryThenFail", "--debug-sql")
    assert result.returncode == 1
    assert '"shop_product"."name" = \'needle-in-the-sql\'' in result.stderr
    quiet = manage(project, "shop.checks_output.QueryThenFail")
    assert "needle-in-the-sql" not in quiet.stderr


def test_pdb_opens_the_debugger_on_failure(project):
    result = manage(project, "shop.checks_output.Noisy.test_fails_noisily", "--pdb", stdin="c\n")
    assert result.returncode == 1
    assert "Opening PDB: AssertionError('expected failure')" in result.stdout
    assert "(Pdb)" in result.stdout


def test_keepdb_and_the_existing_test_database_prompt(project):
    test_db = project / "kept_test.sqlite3"
    knob = {"SAMPLE_TEST_DB_FILE": str(test_db)}
    kept = manage(project, "shop.tests.ProductTests", "--keepdb", **knob)
    assert kept.returncode == 0, kept.stderr
    assert "Preserving test database for alias 'default'" in kept.stderr
    assert test_db.exists()
    reused = manage(project, "shop.tests.ProductTests", "--keepdb", **knob)
    assert "Using existing test database for alias 'default'" in reused.stderr
    assert "Ran 3 tests" in reused.stderr

    cancelled = manage(project, "shop.tests.ProductTests", stdin="no\n", **knob)
    assert cancelled.returncode == 1
    assert f"Type 'yes' if you would like to try deleting the test database '{test_db}'" in cancelled.stdout
    assert "Tests cancelled." in cancelled.stderr
    assert test_db.exists()

    confirmed = manage(project, "shop.tests.ProductTests", stdin="yes\n", **knob)
    assert confirmed.returncode == 0, confirmed.stderr
    assert "Destroying old test database for alias 'default'" in confirmed.stderr
    assert not test_db.exists()

    manage(project, "shop.tests.ProductTests", "--keepdb", **knob)
    noinput = manage(project, "shop.tests.ProductTests", "--noinput", **knob)
    assert noinput.returncode == 0, noinput.stderr
    assert "Type 'yes'" not in noinput.stdout
    assert "Destroying old test database for alias 'default'" in noinput.stderr


def test_parallel_without_a_number_uses_django_test_processes(project):
    result = manage(project, "shop.tests", "--parallel", "-v", "2", DJANGO_TEST_PROCESSES="2")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Cloning test database for alias 'default'") == 2
    auto = manage(project, "shop.tests", "--parallel", "auto", "-v", "2", DJANGO_TEST_PROCESSES="2")
    assert auto.stderr.count("Cloning test database for alias 'default'") == 2
    bad = manage(project, "shop.tests", "--parallel", "many")
    assert bad.returncode == 2
    assert "'many' is not an integer or the string 'auto'" in bad.stderr


def test_a_directory_label_is_discovered(project):
    result = manage(project, "shop/", "-p", "tests.py")
    assert result.returncode == 0, result.stderr
    assert "Ran 6 tests" in result.stderr


def test_the_test_runner_setting_picks_the_runner_class(project):
    result = manage(
        project, "shop.checks_output.ShowsDebug", SAMPLE_TEST_RUNNER="shop.runner.AnnouncingRunner"
    )
    assert result.returncode == 0, result.stderr
    assert "AnnouncingRunner found 1 tests" in result.stdout


def test_circular_test_dependencies_are_refused(project):
    result = manage(project, "shop.checks_output.BothDatabases", SAMPLE_CIRCULAR_DEPENDENCIES="1")
    assert result.returncode != 0
    assert "Circular dependency in TEST[DEPENDENCIES]" in result.stderr
    assert "Ran " not in result.stderr


def test_a_test_database_that_cannot_be_created_is_a_clear_error(project):
    result = manage(project, "shop.tests.ProductTests", SAMPLE_TEST_DB_FILE="/nonexistent/dir/test.sqlite3")
    assert result.returncode == 2
    assert "Got an error creating the test database: the directory '/nonexistent/dir' does not exist" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


@pytest.mark.skipif("postgresql" not in DATABASE_ALIASES, reason="PostgreSQL is not reachable")
def test_postgresql_test_database_from_a_template(project):
    name = f"sample_{uuid.uuid4().hex[:8]}"
    knobs = {"SAMPLE_DB_ENGINE": "postgresql", "SAMPLE_DB_NAME": name}
    try:
        made = manage(
            project, "shop.tests.ProductTests", "--noinput", SAMPLE_TEST_TEMPLATE="template0", **knobs
        )
        assert made.returncode == 0, made.stderr
        assert "Ran 3 tests" in made.stderr
        missing = manage(
            project, "shop.tests.ProductTests", "--noinput", SAMPLE_TEST_TEMPLATE="no_such_template", **knobs
        )
        assert missing.returncode == 2
        assert "Got an error creating the test database:" in missing.stderr
        assert 'template database "no_such_template" does not exist' in missing.stderr
    finally:
        _drop_postgres_databases(name)


def test_parallel_clones_of_a_file_test_database_are_files_removed_afterwards(project):
    test_db = project / "file_test.sqlite3"
    result = manage(
        project,
        "shop.tests",
        "shop.tests_database",
        "--parallel",
        "2",
        "-v",
        "2",
        SAMPLE_TEST_DB_FILE=str(test_db),
    )
    assert result.returncode == 0, result.stderr
    for suffix in ("1", "2"):
        clone = project / f"file_test_{suffix}.sqlite3"
        assert f"Destroying test database clone ({suffix}) for alias 'default' ('{clone}')" in result.stderr
        assert not clone.exists()
    assert not test_db.exists()
