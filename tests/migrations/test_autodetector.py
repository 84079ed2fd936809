"""The autodetector: model changes -> operations, named and numbered migrations with dependencies."""

import pytest

from django.apps.registry import Apps
from django.db import models
from django.db.migrations import operations as ops
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.graph import MigrationGraph
from django.db.migrations.questioner import MigrationQuestioner
from django.db.migrations.state import ModelState, ProjectState


def state(*model_states):
    return ProjectState({(m.app_label, m.name_lower): m for m in model_states})


def author(*extra, **options):
    return ModelState(
        "testapp",
        "Author",
        [("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=200)), *extra],
        options=options,
    )


def book(*extra):
    return ModelState(
        "otherapp",
        "Book",
        [
            ("id", models.AutoField(primary_key=True)),
            ("author", models.ForeignKey("testapp.Author", models.CASCADE)),
            ("title", models.CharField(max_length=200)),
            *extra,
        ],
    )


def changes(before, after, questioner=None, graph=None, **kwargs):
    detector = MigrationAutodetector(before, after, questioner or MigrationQuestioner({"ask_initial": True}))
    return detector.changes(graph or MigrationGraph(), **kwargs)


def op_types(result, app):
    return [type(op).__name__ for op in result[app][0].operations]


def test_new_model_is_an_initial_create():
    result = changes(state(), state(author()))
    migration = result["testapp"][0]
    assert migration.name == "0001_initial" and migration.initial
    assert op_types(result, "testapp") == ["CreateModel"]


def test_no_changes_for_equal_states():
    assert changes(state(author()), state(author())) == {}


def test_foreign_key_across_apps_depends_on_the_other_app():
    result = changes(state(), state(author(), book()))
    assert result["otherapp"][0].dependencies == [("testapp", "0001_initial")]
    fields = dict(result["otherapp"][0].operations[0].fields)
    assert "author" in fields


def test_models_created_in_dependency_order_with_relations_last():
    a = ModelState(
        "testapp",
        "A",
        [
            ("id", models.AutoField(primary_key=True)),
            ("b", models.ForeignKey("testapp.B", models.CASCADE)),
            ("x", models.IntegerField()),
        ],
    )
    b = ModelState("testapp", "B", [("id", models.AutoField(primary_key=True))])
    operations = changes(state(), state(a, b))["testapp"][0].operations
    assert [op.name for op in operations] == ["B", "A"]
    assert [name for name, _ in operations[1].fields] == ["id", "x", "b"]


def test_circular_relations_are_split_into_add_field():
    a = ModelState(
        "testapp",
        "A",
        [("id", models.AutoField(primary_key=True)), ("b", models.ForeignKey("testapp.B", models.CASCADE))],
    )
    b = ModelState(
        "testapp",
        "B",
        [("id", models.AutoField(primary_key=True)), ("a", models.ForeignKey("testapp.A", models.CASCADE))],
    )
    names = op_types(changes(state(), state(a, b)), "testapp")
    assert names.count("CreateModel") == 2 and "AddField" in names


def test_add_field_with_default_and_next_number():
    graph = MigrationGraph()
    graph.add_node(("testapp", "0001_initial"), None)
    result = changes(state(author()), state(author(("age", models.IntegerField(default=0)))), graph=graph)
    migration = result["testapp"][0]
    assert migration.name == "0002_author_age"
    assert migration.dependencies == [("testapp", "0001_initial")]
    op = migration.operations[0]
    assert isinstance(op, ops.AddField) and op.model_name == "author" and op.preserve_default


def test_not_null_field_without_default_asks_for_a_one_off_default():
    class Questioner(MigrationQuestioner):
        def ask_not_null_addition(self, field_name, model_name):
            return 42

    result = changes(
        state(author()), state(author(("age", models.IntegerField()))), Questioner({"ask_initial": True})
    )
    op = result["testapp"][0].operations[0]
    assert op.field.default == 42 and op.preserve_default is False


def test_remove_and_alter_field():
    before = state(author(("age", models.IntegerField(null=True)), ("bio", models.TextField())))
    after = state(author(("age", models.IntegerField(null=True, default=1))))
    result = changes(before, after)
    kinds = op_types(result, "testapp")
    assert sorted(kinds) == ["AlterField", "RemoveField"]


def test_rename_field_when_the_questioner_agrees():
    before = state(author(("age", models.IntegerField())))
    after = state(author(("years", models.IntegerField())))
    result = changes(before, after, MigrationQuestioner({"ask_rename": True, "ask_initial": True}))
    assert op_types(result, "testapp") == ["RenameField"]
    result = changes(before, after, MigrationQuestioner({"ask_rename": False, "ask_initial": True}))
    assert sorted(op_types(result, "testapp")) == ["AddField", "RemoveField"]


def test_rename_model_when_the_questioner_agrees():
    writer = ModelState("testapp", "Writer", author().fields.items())
    result = changes(
        state(author()), state(writer), MigrationQuestioner({"ask_rename_model": True, "ask_initial": True})
    )
    assert op_types(result, "testapp") == ["RenameModel"]


def test_delete_model():
    assert op_types(changes(state(author()), state()), "testapp") == ["DeleteModel"]


def test_options_indexes_constraints_unique_together():
    after = state(
        author(
            ordering=["name"],
            unique_together={("name",)},
            indexes=[models.Index(fields=["name"], name="author_name_idx")],
            constraints=[models.CheckConstraint(condition=models.Q(name__gt=""), name="named")],
        )
    )
    kinds = op_types(changes(state(author()), after), "testapp")
    assert sorted(kinds) == ["AddConstraint", "AddIndex", "AlterModelOptions", "AlterUniqueTogether"]


def test_trim_to_apps_keeps_required_dependencies():
    result = changes(state(), state(author(), book()), trim_to_apps={"otherapp"})
    assert set(result) == {"otherapp", "testapp"}
    result = changes(state(), state(author(), book()), trim_to_apps={"testapp"})
    assert set(result) == {"testapp"}


def test_migration_name_option():
    result = changes(state(), state(author()), migration_name="custom")
    assert result["testapp"][0].name == "0001_custom"


def test_initial_only_asked_for_apps_without_migrations():
    result = changes(state(), state(author()), questioner=MigrationQuestioner({"ask_initial": False}))
    assert result == {}


def test_from_model_round_trip_through_state():
    registry = Apps()

    class Shelf(models.Model):
        label = models.CharField(max_length=10, db_index=True)

        class Meta:
            app_label = "testapp"
            apps = registry
            ordering = ["label"]

    model_state = ModelState.from_model(Shelf)
    assert list(model_state.fields) == ["id", "label"]
    assert model_state.options["ordering"] == ["label"]
    rendered = state(model_state).apps.get_model("testapp", "Shelf")
    assert rendered._meta.get_field("label").db_index and rendered is not Shelf
    assert changes(state(model_state), state(ModelState.from_model(Shelf))) == {}


@pytest.mark.parametrize(
    "name,number", [("0001_initial", 1), ("0042_x", 42), ("0001_squashed_0007_y", 7), ("x", None)]
)
def test_parse_number(name, number):
    assert MigrationAutodetector.parse_number(name) == number
