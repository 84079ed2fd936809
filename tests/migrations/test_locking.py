"""Warnings for operations that lock or rewrite big PostgreSQL tables (migrations.W001-W004)."""

from __future__ import annotations

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models
from django.db.migrations.locking import lock_warnings
from django.db.migrations.migration import Migration
from django.db.migrations.state import ModelState, ProjectState
from django.test import override_settings


def existing_state():
    pony = ModelState(
        "farm",
        "Pony",
        [
            ("id", models.AutoField(primary_key=True)),
            ("weight", models.IntegerField()),
            ("owner", models.ForeignKey("farm.Pony", models.CASCADE, null=True, db_constraint=False)),
        ],
    )
    return ProjectState({("farm", "pony"): pony})


def warning_ids(*operations, created=None):
    migration = type("Migration", (Migration,), {"operations": list(operations)})("0002_x", "farm")
    return [w.id for w in lock_warnings(migration, existing_state(), created)]


def test_not_null_column_without_db_default_warns():
    assert warning_ids(migrations.AddField("pony", "age", models.IntegerField(default=1))) == [
        "migrations.W001"
    ]
    assert warning_ids(migrations.AddField("pony", "age", models.IntegerField(db_default=1))) == []
    assert warning_ids(migrations.AddField("pony", "age", models.IntegerField(null=True))) == []


def test_column_type_change_warns_but_other_alterations_do_not():
    assert warning_ids(migrations.AlterField("pony", "weight", models.BigIntegerField())) == [
        "migrations.W002"
    ]
    assert warning_ids(migrations.AlterField("pony", "weight", models.IntegerField(default=3))) == []


def test_index_without_concurrently_warns():
    index = models.Index(fields=["weight"], name="pony_weight_idx")
    assert warning_ids(migrations.AddIndex("pony", index)) == ["migrations.W003"]
    assert warning_ids(AddIndexConcurrently("pony", index)) == []
    field = models.IntegerField(null=True, db_index=True)
    assert warning_ids(migrations.AddField("pony", "rank", field)) == ["migrations.W003"]


def test_validated_foreign_key_warns():
    fk = models.ForeignKey("farm.Pony", models.CASCADE, null=True, related_name="+")
    assert warning_ids(migrations.AddField("pony", "mother", fk)) == ["migrations.W003", "migrations.W004"]
    assert warning_ids(
        migrations.AlterField("pony", "owner", models.ForeignKey("farm.Pony", models.CASCADE, null=True))
    ) == ["migrations.W004"]


def test_tables_created_in_the_same_run_are_empty_and_never_warn():
    create = migrations.CreateModel("Stall", [("id", models.AutoField(primary_key=True))])
    add = migrations.AddField("stall", "size", models.IntegerField(default=1))
    assert warning_ids(create, add) == []
    assert (
        warning_ids(
            migrations.AddField("pony", "age", models.IntegerField(default=1)), created={("farm", "pony")}
        )
        == []
    )


def test_each_warning_has_a_hint_and_is_silenced_by_id():
    migration = type(
        "Migration",
        (Migration,),
        {"operations": [migrations.AddField("pony", "age", models.IntegerField(default=1))]},
    )("0002_x", "farm")
    (warning,) = lock_warnings(migration, existing_state())
    assert "db_default" in warning.hint and "farm.0002_x" in warning.msg
    with override_settings(SILENCED_SYSTEM_CHECKS=["migrations.W001"]):
        assert lock_warnings(migration, existing_state()) == []


ADD_NOT_NULL = """
from django.db import models


class Question(models.Model):
    question_text = models.CharField(max_length=200)
    pub_date = models.DateTimeField("date published")
    rank = models.IntegerField(default=0)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    choice_text = models.CharField(max_length=200)
    votes = models.IntegerField(default=0)
"""


def test_makemigrations_and_migrate_plan_warn_on_postgresql_only(project):
    assert project.manage("makemigrations", "polls").returncode == 0
    assert project.manage("migrate").returncode == 0
    project.write("polls/models.py", ADD_NOT_NULL)
    on_postgresql = "postgresql" in (project.root / "settings.py").read_text()
    made = project.manage("makemigrations", "polls")
    assert made.returncode == 0, made.output
    assert ("migrations.W001" in made.output) is on_postgresql
    plan = project.manage("migrate", "--plan")
    assert "Add field rank to question" in plan.output
    assert ("migrations.W001" in plan.output) is on_postgresql
    if on_postgresql:
        assert "HINT: Give the field a db_default" in plan.output
        with open(project.root / "settings.py", "a") as fh:
            fh.write('SILENCED_SYSTEM_CHECKS = ["migrations.W001"]\n')
        assert "migrations.W001" not in project.manage("migrate", "--plan").output
