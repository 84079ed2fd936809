"""Each operation changes the state and the real database forwards, and undoes it backwards."""

import pytest

from django.db import IntegrityError, migrations, models, transaction
from django.db.migrations.exceptions import IrreversibleError

from .helpers import applier_leaving_no_tables

APP = "mig_ops"


@pytest.fixture
def applier(connection):
    yield from applier_leaving_no_tables(connection, APP)


def create_pony(applier, **options):
    return applier.apply(
        migrations.CreateModel(
            "Pony",
            [
                ("id", models.AutoField(primary_key=True)),
                ("pink", models.IntegerField(default=3)),
                ("weight", models.FloatField(null=True)),
            ],
            options=options,
        )
    )


def insert_pony(connection, pink=1):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO mig_ops_pony (pink, weight) VALUES (%s, %s)", [pink, 1.5])


def test_create_model_then_delete(applier):
    state = create_pony(applier)
    assert ("mig_ops", "pony") in state.models
    assert "mig_ops_pony" in applier.tables()
    assert applier.columns("mig_ops_pony") == {"id", "pink", "weight"}
    applier.apply(migrations.DeleteModel("Pony"))
    assert "mig_ops_pony" not in applier.tables()
    applier.unapply_last()
    assert "mig_ops_pony" in applier.tables()
    applier.unapply_last()
    assert "mig_ops_pony" not in applier.tables()


def test_create_model_with_foreign_key_and_m2m(applier):
    create_pony(applier)
    applier.apply(
        migrations.CreateModel(
            "Rider",
            [
                ("id", models.AutoField(primary_key=True)),
                ("pony", models.ForeignKey("mig_ops.Pony", models.CASCADE)),
                ("friends", models.ManyToManyField("mig_ops.Pony", related_name="+")),
            ],
        )
    )
    assert {"mig_ops_rider", "mig_ops_rider_friends"} <= applier.tables()
    assert "pony_id" in applier.columns("mig_ops_rider")
    fks = [c for c in applier.constraints("mig_ops_rider").values() if c["foreign_key"]]
    assert fks and fks[0]["foreign_key"][0] == "mig_ops_pony"
    applier.unapply_last()
    assert "mig_ops_rider_friends" not in applier.tables()


def test_add_field_fills_existing_rows_with_the_default(applier, connection):
    create_pony(applier)
    insert_pony(connection)
    applier.apply(migrations.AddField("pony", "name", models.CharField(max_length=20, default="Ann")))
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM mig_ops_pony")
        assert list(cursor.fetchall()) == [("Ann",)]
    applier.unapply_last()
    assert "name" not in applier.columns("mig_ops_pony")


def test_add_field_one_off_default_is_not_kept_in_state(applier, connection):
    create_pony(applier)
    insert_pony(connection)
    state = applier.apply(
        migrations.AddField("pony", "code", models.IntegerField(default=7), preserve_default=False)
    )
    assert state.models[APP, "pony"].fields["code"].has_default() is False
    with connection.cursor() as cursor:
        cursor.execute("SELECT code FROM mig_ops_pony")
        assert list(cursor.fetchall()) == [(7,)]


def test_remove_field_keeps_rows_and_comes_back(applier, connection):
    create_pony(applier)
    insert_pony(connection)
    applier.apply(migrations.RemoveField("pony", "weight"))
    assert applier.columns("mig_ops_pony") == {"id", "pink"}
    applier.unapply_last()
    assert "weight" in applier.columns("mig_ops_pony")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM mig_ops_pony")
        assert cursor.fetchone()[0] == 1


def test_alter_field_null_to_not_null_and_back(applier, connection):
    create_pony(applier)
    applier.apply(migrations.AlterField("pony", "weight", models.FloatField(default=1.0)))
    with pytest.raises(IntegrityError), transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO mig_ops_pony (pink, weight) VALUES (1, NULL)")
    applier.unapply_last()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO mig_ops_pony (pink, weight) VALUES (1, NULL)")


def test_rename_field_renames_the_column(applier, connection):
    create_pony(applier)
    insert_pony(connection, pink=9)
    state = applier.apply(migrations.RenameField("pony", "pink", "blue"))
    assert "blue" in state.models[APP, "pony"].fields
    assert applier.columns("mig_ops_pony") == {"id", "blue", "weight"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT blue FROM mig_ops_pony")
        assert list(cursor.fetchall()) == [(9,)]
    applier.unapply_last()
    assert "pink" in applier.columns("mig_ops_pony")


def test_rename_model_renames_the_table_and_repoints_fks(applier):
    create_pony(applier)
    applier.apply(
        migrations.CreateModel(
            "Rider",
            [("id", models.AutoField(primary_key=True)), ("pony", models.ForeignKey("Pony", models.CASCADE))],
        )
    )
    state = applier.apply(migrations.RenameModel("Pony", "Horse"))
    assert (APP, "horse") in state.models and (APP, "pony") not in state.models
    assert state.models[APP, "rider"].fields["pony"].remote_field.model == "mig_ops.Horse"
    assert "mig_ops_horse" in applier.tables() and "mig_ops_pony" not in applier.tables()
    applier.unapply_last()
    assert "mig_ops_pony" in applier.tables()


def test_alter_model_table_and_options(applier):
    create_pony(applier)
    applier.apply(migrations.AlterModelTable("pony", "mig_ops_stable"))
    assert "mig_ops_stable" in applier.tables()
    applier.unapply_last()
    state = applier.apply(migrations.AlterModelOptions("pony", {"ordering": ["-pink"], "verbose_name": "P"}))
    assert state.models[APP, "pony"].options["ordering"] == ["-pink"]
    state = applier.apply(migrations.AlterModelOptions("pony", {}))
    assert "ordering" not in state.models[APP, "pony"].options


def test_unique_together_is_enforced_and_removed(applier, connection):
    create_pony(applier)
    applier.apply(migrations.AlterUniqueTogether("pony", {("pink", "weight")}))
    insert_pony(connection)
    with pytest.raises(IntegrityError), transaction.atomic(using=connection.alias):
        insert_pony(connection)
    applier.unapply_last()
    insert_pony(connection)


def test_add_and_remove_index(applier):
    create_pony(applier)
    index = models.Index(fields=["pink"], name="pony_pink_idx")
    applier.apply(migrations.AddIndex("pony", index))
    assert "pony_pink_idx" in applier.constraints("mig_ops_pony")
    applier.apply(migrations.RemoveIndex("pony", "pony_pink_idx"))
    assert "pony_pink_idx" not in applier.constraints("mig_ops_pony")
    applier.unapply_last()
    assert "pony_pink_idx" in applier.constraints("mig_ops_pony")


def test_index_operations_require_a_name():
    with pytest.raises(ValueError, match="require a name"):
        migrations.AddIndex("pony", models.Index(fields=["pink"]))


def test_rename_index(applier):
    create_pony(applier)
    applier.apply(migrations.AddIndex("pony", models.Index(fields=["pink"], name="old_idx")))
    applier.apply(migrations.RenameIndex("pony", new_name="new_idx", old_name="old_idx"))
    names = set(applier.constraints("mig_ops_pony"))
    assert "new_idx" in names and "old_idx" not in names


def test_check_constraint_add_and_remove(applier, connection):
    create_pony(applier)
    constraint = models.CheckConstraint(condition=models.Q(pink__gte=0), name="pink_positive")
    applier.apply(migrations.AddConstraint("pony", constraint))
    with pytest.raises(IntegrityError), transaction.atomic(using=connection.alias):
        insert_pony(connection, pink=-1)
    applier.apply(migrations.RemoveConstraint("pony", "pink_positive"))
    insert_pony(connection, pink=-1)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM mig_ops_pony")  # so that unapplying may add the check again


def test_run_sql_with_params_and_reverse(applier, connection):
    create_pony(applier)
    op = migrations.RunSQL(
        [("INSERT INTO mig_ops_pony (pink, weight) VALUES (%s, %s)", [5, 2.0])],
        reverse_sql=["DELETE FROM mig_ops_pony WHERE pink = 5"],
    )
    applier.apply(op)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM mig_ops_pony WHERE pink = 5")
        assert cursor.fetchone()[0] == 1
    applier.unapply_last()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM mig_ops_pony WHERE pink = 5")
        assert cursor.fetchone()[0] == 0


def test_run_sql_without_reverse_is_irreversible(applier):
    op = migrations.RunSQL("SELECT 1")
    assert op.reversible is False
    applier.apply(op)
    with pytest.raises(IrreversibleError):
        applier.unapply_last()


def test_run_python_uses_historical_models(applier):
    create_pony(applier)
    seen = []

    def forwards(apps, schema_editor):
        Pony = apps.get_model(APP, "Pony")
        Pony.objects.using(schema_editor.connection.alias).create(pink=42)
        seen.append(Pony.objects.using(schema_editor.connection.alias).filter(pink=42).count())

    applier.apply(migrations.RunPython(forwards, migrations.RunPython.noop))
    assert seen == [1]
    applier.unapply_last()


def test_run_python_requires_callables():
    with pytest.raises(ValueError, match="callable"):
        migrations.RunPython("not callable")


def test_separate_database_and_state(applier):
    create_pony(applier)
    op = migrations.SeparateDatabaseAndState(
        database_operations=[migrations.AddField("pony", "x", models.IntegerField(null=True))],
        state_operations=[migrations.AddField("pony", "y", models.IntegerField(null=True))],
    )
    state = applier.apply(op)
    assert "y" in state.models[APP, "pony"].fields and "x" not in state.models[APP, "pony"].fields
    assert "x" in applier.columns("mig_ops_pony")
    applier.unapply_last()
    assert "x" not in applier.columns("mig_ops_pony")


def test_sql_is_collected_not_executed(applier):
    create_pony(applier)
    statements = applier.sql(migrations.AddField("pony", "name", models.CharField(max_length=5, default="a")))
    assert any("name" in s for s in statements)
    assert "name" not in applier.columns("mig_ops_pony")


def test_describe_and_name_fragments():
    assert migrations.CreateModel("Pony", []).describe() == "Create model Pony"
    assert migrations.AddField("pony", "name", models.IntegerField()).migration_name_fragment == "pony_name"
    assert migrations.RemoveField("pony", "name").describe() == "Remove field name from pony"
    assert migrations.RenameModel("Pony", "Horse").migration_name_fragment == "rename_pony_horse"
    assert migrations.CreateModel("Pony", []).formatted_description() == "+ Create model Pony"
    assert migrations.RunPython(migrations.RunPython.noop).formatted_description() == "p Raw Python operation"


def test_create_model_rejects_duplicate_fields():
    with pytest.raises(ValueError, match="duplicate"):
        migrations.CreateModel("Pony", [("a", models.IntegerField()), ("a", models.IntegerField())])


def test_add_constraint_sql_names_the_constraint_once(applier):
    create_pony(applier)
    constraint = models.CheckConstraint(condition=models.Q(pink__gte=0), name="pink_positive")
    statements = " ".join(applier.sql(migrations.AddConstraint("pony", constraint)))
    assert statements.count("pink_positive") == 1


def test_migration_sql_heads_each_operation_and_marks_python_ones(applier, connection):
    from django.db.migrations.migration import Migration
    from django.db.migrations.state import ProjectState

    def noop(apps, schema_editor):
        pass

    migration = Migration("0001_initial", APP)
    migration.operations = [
        migrations.CreateModel("Pony", [("id", models.AutoField(primary_key=True))]),
        migrations.RunPython(noop, noop),
    ]
    with connection.schema_editor(collect_sql=True) as editor:
        state = migration.apply(ProjectState(), editor, collect_sql=True)
    forwards = editor.collected_sql
    assert forwards[:3] == ["--", "-- + Create model Pony", "--"]
    assert any("CREATE TABLE" in s for s in forwards)
    assert forwards[-4:] == [
        "--",
        "-- p Raw Python operation",
        "--",
        "-- THIS OPERATION CANNOT BE WRITTEN AS SQL",
    ]
    assert (APP, "pony") in state.models
    assert "mig_ops_pony" not in applier.tables()
    with connection.schema_editor(collect_sql=True) as editor:
        migration.unapply(state, editor, collect_sql=True)
    backwards = editor.collected_sql
    assert backwards[:4] == [
        "--",
        "-- p Raw Python operation",
        "--",
        "-- THIS OPERATION CANNOT BE WRITTEN AS SQL",
    ]
    assert backwards[4:7] == ["--", "-- + Create model Pony", "--"]
    assert any("DROP TABLE" in s for s in backwards[7:])


def test_fake_initial_checks_created_tables_and_added_columns(applier, connection):
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.migration import Migration
    from django.db.migrations.state import ProjectState

    create = migrations.CreateModel("Pony", [("id", models.AutoField(primary_key=True))])
    add = migrations.AddField("pony", "pink", models.IntegerField(default=3))
    migration = Migration("0001_initial", APP)
    migration.initial = True
    migration.operations = [create, add]
    executor = MigrationExecutor(connection)

    def soft_applied():
        return executor.detect_soft_applied(ProjectState(), migration)[0]

    assert soft_applied() is False  # no table yet
    applier.apply(create)
    assert soft_applied() is False  # the table, without the added column
    applier.apply(add)
    assert soft_applied() is True
