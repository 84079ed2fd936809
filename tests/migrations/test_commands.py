"""makemigrations, sqlmigrate, migrate and showmigrations in a real project, and their bad input."""

import pytest

pytestmark = pytest.mark.slow

CHOICE_NOTE = """
from django.db import models


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published")


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)
    note = models.CharField(max_length=120, blank=True, default="")
"""


def test_the_tutorial_cycle(project):
    made = project.manage("makemigrations", "polls")
    assert made.returncode == 0, made.output
    assert "Migrations for 'polls':" in made.out and "0001_initial.py" in made.out
    assert "+ Create model Question" in made.out and "+ Create model Choice" in made.out
    assert project.migration_files() == ["0001_initial.py"]

    sql = project.manage("sqlmigrate", "polls", "0001")
    assert sql.returncode == 0, sql.output
    upper = sql.out.upper()
    assert "CREATE TABLE" in upper and "REFERENCES" in upper and "CREATE INDEX" in upper
    assert upper.startswith("BEGIN;") and upper.rstrip().endswith("COMMIT;")
    assert '"polls_choice"' in sql.out and "question_id" in sql.out

    migrated = project.manage("migrate")
    assert migrated.returncode == 0, migrated.output
    assert "Apply all migrations: polls" in migrated.out
    assert "Applying polls.0001_initial... OK" in migrated.out

    shown = project.manage("showmigrations")
    assert shown.out.splitlines() == ["polls", " [X] 0001_initial"]

    again = project.manage("migrate")
    assert "No migrations to apply." in again.out and "Applying" not in again.out
    assert "No changes detected" in project.manage("makemigrations").out


def test_schema_change_forward_back_and_forward(project):
    project.manage("makemigrations", "polls")
    project.manage("migrate")
    project.write("polls/models.py", CHOICE_NOTE)
    made = project.manage("makemigrations", "polls")
    assert "0002_choice_note.py" in made.out and "+ Add field note to choice" in made.out
    sql = project.manage("sqlmigrate", "polls", "0002")
    assert "note" in sql.out and "polls_choice" in sql.out
    assert "Applying polls.0002_choice_note... OK" in project.manage("migrate").out
    back = project.manage("migrate", "polls", "0001")
    assert back.returncode == 0, back.output
    assert "Target specific migration: 0001_initial, from polls" in back.out
    assert "Unapplying polls.0002_choice_note... OK" in back.out
    assert project.manage("showmigrations", "polls").out.splitlines() == [
        "polls",
        " [X] 0001_initial",
        " [ ] 0002_choice_note",
    ]
    assert "Applying polls.0002_choice_note" in project.manage("migrate").out
    zero = project.manage("migrate", "polls", "zero")
    assert "Unapply all migrations: polls" in zero.out
    assert "Unapplying polls.0001_initial... OK" in zero.out


def test_plan_and_check(sqlite_project):
    p = sqlite_project
    p.manage("makemigrations", "polls")
    plan = p.manage("migrate", "--plan")
    assert "Planned operations:" in plan.out and "polls.0001_initial" in plan.out
    assert "Create model Question" in plan.out
    assert p.manage("migrate", "--check").returncode == 1
    p.manage("migrate")
    assert p.manage("migrate", "--check").returncode == 0
    p.write("polls/models.py", CHOICE_NOTE)
    check = p.manage("makemigrations", "--check")
    assert check.returncode == 1 and p.migration_files() == ["0001_initial.py"]
    dry = p.manage("makemigrations", "--dry-run")
    assert "0002_choice_note" in dry.out and p.migration_files() == ["0001_initial.py"]
    named = p.manage("makemigrations", "polls", "--name", "add_note")
    assert p.migration_files() == ["0001_initial.py", "0002_add_note.py"], named.output


def test_empty_migration_and_fake(sqlite_project):
    p = sqlite_project
    p.manage("makemigrations", "polls")
    empty = p.manage("makemigrations", "polls", "--empty")
    assert empty.returncode == 0 and "0002_auto_" in " ".join(p.migration_files())
    faked = p.manage("migrate", "--fake")
    assert "Applying polls.0001_initial... FAKED" in faked.out


@pytest.mark.parametrize(
    "args,needle",
    [
        (("sqlmigrate", "polls", "9999"), "9999"),
        (("sqlmigrate", "nosuchapp", "0001"), "nosuchapp"),
        (("migrate", "nosuchapp"), "nosuchapp"),
        (("migrate", "polls", "0042"), "0042"),
        (("makemigrations", "--name", "not valid"), "valid Python identifier"),
    ],
)
def test_bad_input_is_a_clean_error(sqlite_project, args, needle):
    sqlite_project.manage("makemigrations", "polls")
    result = sqlite_project.manage(*args)
    assert result.returncode != 0
    assert needle in result.err
    assert "Traceback" not in result.output


def test_makemigrations_unknown_app_exits_2(sqlite_project):
    result = sqlite_project.manage("makemigrations", "nosuchapp")
    assert result.returncode == 2 and "nosuchapp" in result.err and "Traceback" not in result.err


def test_ambiguous_prefix(sqlite_project):
    p = sqlite_project
    p.manage("makemigrations", "polls")
    p.manage("makemigrations", "polls", "--empty", "--name", "first")
    p.manage("makemigrations", "polls", "--empty", "--name", "second")
    result = p.manage("sqlmigrate", "polls", "000")
    assert result.returncode == 1 and "More than one migration matches '000'" in result.err


def test_non_interactive_not_null_field_exits_3(sqlite_project):
    p = sqlite_project
    p.manage("makemigrations", "polls")
    p.write("polls/models.py", CHOICE_NOTE.replace('blank=True, default=""', ""))
    result = p.manage("makemigrations", "--noinput")
    assert result.returncode == 3
    assert "impossible to add a non-nullable field" in result.output


def test_interactive_one_off_default(sqlite_project):
    p = sqlite_project
    p.manage("makemigrations", "polls")
    p.write("polls/models.py", CHOICE_NOTE.replace('blank=True, default=""', ""))
    result = p.manage("makemigrations", stdin="1\n'n/a'\n")
    assert result.returncode == 0, result.output
    text = (p.root / "polls" / "migrations" / "0002_choice_note.py").read_text()
    assert "default='n/a'" in text and "preserve_default=False" in text
