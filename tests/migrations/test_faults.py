"""Faults: a failing migration leaves schema and history as they were; broken files, cycles and
disabled migrations give clean errors."""

import pytest

pytestmark = pytest.mark.slow

FAILING_0002 = """
from django.db import migrations, models


def explode(apps, schema_editor):
    raise RuntimeError("data migration failed half way")


class Migration(migrations.Migration):
    dependencies = [("polls", "0001_initial")]
    operations = [
        migrations.AddField("choice", "note", models.CharField(max_length=10, default="")),
        migrations.RunPython(explode),
    ]
"""


def columns(project, table):
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        f"    print('COLS', sorted(col.name for col in connection.introspection.get_table_description(c, '{table}')))\n"
    )
    out = project.manage("shell", "-c", code).out
    return [line for line in out.splitlines() if line.startswith("COLS")][0]


def test_failed_migration_is_rolled_back_with_its_history(project):
    project.manage("makemigrations", "polls")
    project.manage("migrate")
    before = columns(project, "polls_choice")
    project.write("polls/migrations/0002_broken.py", FAILING_0002)
    result = project.manage("migrate")
    assert result.returncode != 0
    assert "data migration failed half way" in result.err
    shown = project.manage("showmigrations", "polls").out
    assert " [ ] 0002_broken" in shown
    # Transactional DDL: the added column is gone again; SQLite and PostgreSQL both roll back DDL.
    assert columns(project, "polls_choice") == before


def test_syntax_error_in_a_migration_file(sqlite_project):
    p = sqlite_project
    p.manage("makemigrations", "polls")
    p.write("polls/migrations/0002_typo.py", "from django.db import migrations\nclass Migration(\n")
    result = p.manage("migrate")
    assert result.returncode == 1
    assert "0002_typo.py" in result.err and "SyntaxError" in result.err


def test_circular_dependency_is_named(sqlite_project):
    p = sqlite_project
    p.write(
        "polls/migrations/0001_a.py",
        "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [('polls', '0002_b')]\n",
    )
    p.write(
        "polls/migrations/0002_b.py",
        "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [('polls', '0001_a')]\n",
    )
    result = p.manage("migrate")
    assert result.returncode == 1
    assert "CircularDependencyError" in result.err and "polls.0001_a" in result.err


def test_migration_modules_none_disables_an_apps_migrations(sqlite_project):
    p = sqlite_project
    with open(p.root / "settings.py", "a") as fh:
        fh.write("\nMIGRATION_MODULES = {'polls': None}\n")
    result = p.manage("makemigrations", "polls")
    assert result.returncode == 0 and p.migration_files() == []
    result = p.manage("migrate", "polls")
    assert result.returncode == 1 and "App 'polls' does not have migrations." in result.err
    synced = p.manage("migrate", "--run-syncdb")
    assert "Creating table polls_question" in synced.out, synced.output


def test_dry_run_verbosity_3_prints_the_file_and_scriptable_prints_paths(sqlite_project):
    p = sqlite_project
    dry = p.manage("makemigrations", "polls", "--dry-run", "-v", "3")
    assert "class Migration(migrations.Migration):" in dry.out and p.migration_files() == []
    scripted = p.manage("makemigrations", "polls", "--scriptable")
    assert scripted.out.strip().endswith("polls/migrations/0001_initial.py")
    assert "Migrations for 'polls':" in scripted.err


def test_fake_initial_detects_existing_tables(sqlite_project):
    p = sqlite_project
    p.manage("makemigrations", "polls")
    p.manage("migrate")
    p.manage("migrate", "polls", "zero", "--fake")
    result = p.manage("migrate", "--fake-initial")
    assert "Applying polls.0001_initial... FAKED" in result.out, result.output
