"""The autodetector on each kind of model and option: proxies, unmanaged, inheritance, M2M, indexes."""

from __future__ import annotations

import re

from django.apps.registry import Apps
from django.db import models
from django.db.migrations import operations as ops
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.graph import MigrationGraph
from django.db.migrations.questioner import MigrationQuestioner
from django.db.migrations.state import ModelState, ProjectState

APP = "testapp"


def state(*model_states):
    return ProjectState({(m.app_label, m.name_lower): m for m in model_states})


def detect(before, after, **answers):
    questioner = MigrationQuestioner({"ask_initial": True, **answers})
    graph = MigrationGraph()
    if before.models:
        graph.add_node((APP, "0001_initial"), None)
    return MigrationAutodetector(before, after, questioner).changes(graph)


def operations_of(result, app=APP):
    return result[app][0].operations if app in result else []


def kinds(result, app=APP):
    return [type(op).__name__ for op in operations_of(result, app)]


class Named(models.Manager):
    use_in_migrations = True


def model_states(body: str) -> list[ModelState]:
    """ModelStates of the models defined by ``body`` in a private registry (as makemigrations sees them)."""
    registry = Apps()
    namespace = {"models": models, "registry": registry, "__name__": "testapp.models", "Named": Named}
    meta = "\\1class Meta:\n\\1    app_label = 'testapp'\n\\1    apps = registry"
    source = re.sub(r"(?m)^( *)class Meta:", meta, body)
    exec(compile(source, "<models>", "exec"), namespace)
    defined = registry.all_models[APP].values()
    return [ModelState.from_model(m) for m in defined if not m._meta.auto_created and not m._meta.abstract]


def models_state(body: str) -> ProjectState:
    return state(*model_states(body))


AUTHOR = """
class Author(models.Model):
    name = models.CharField(max_length=20)
    class Meta:
        pass
"""


def test_proxy_model_is_created_without_fields_with_its_base():
    after = models_state(
        AUTHOR
        + """
class Pen(Author):
    class Meta:
        proxy = True
"""
    )
    op = operations_of(detect(models_state(AUTHOR), after))[0]
    assert isinstance(op, ops.CreateModel) and op.name == "Pen"
    assert op.fields == [] and op.options.get("proxy") is True
    assert op.bases == ("testapp.author",)


def test_proxy_model_deleted():
    before = models_state(AUTHOR + "\nclass Pen(Author):\n    class Meta:\n        proxy = True\n")
    assert kinds(detect(before, models_state(AUTHOR))) == ["DeleteModel"]


def test_unmanaged_model_created_without_indexes_and_its_fields_are_not_diffed():
    body = """
class Legacy(models.Model):
    code = models.CharField(max_length=5, db_index=True)
    class Meta:
        managed = False
        db_table = "legacy_codes"
        indexes = [models.Index(fields=["code"], name="legacy_code_idx")]
"""
    result = detect(state(), models_state(body))
    assert kinds(result) == ["CreateModel"]
    assert operations_of(result)[0].options["managed"] is False
    changed = body.replace("code = models.CharField(max_length=5", "code = models.CharField(max_length=9")
    assert detect(models_state(body), models_state(changed)) == {}
    managed = body.replace("managed = False", "managed = True")
    result = detect(models_state(body), models_state(managed))
    assert "AlterModelOptions" in kinds(result)


def test_multi_table_inheritance_keeps_the_parent_link_first_and_depends_on_the_parent():
    body = (
        AUTHOR
        + """
class Poet(Author):
    rhyme = models.CharField(max_length=5)
    class Meta:
        pass
"""
    )
    result = detect(state(), models_state(body))
    creates = operations_of(result)
    assert [op.name for op in creates] == ["Author", "Poet"]
    poet = creates[1]
    assert poet.bases == ("testapp.author",)
    assert [name for name, _ in poet.fields] == ["author_ptr", "rhyme"]
    ptr = dict(poet.fields)["author_ptr"]
    assert ptr.remote_field.parent_link and ptr.primary_key


def test_abstract_base_is_flattened_into_the_child():
    body = """
class Stamped(models.Model):
    created = models.DateTimeField(null=True)
    class Meta:
        abstract = True

class Note(Stamped):
    text = models.TextField()
    class Meta:
        pass
"""
    ops_ = operations_of(detect(state(), models_state(body)))
    assert [op.name for op in ops_] == ["Note"]
    assert ops_[0].bases == (models.Model,)
    assert [name for name, _ in ops_[0].fields] == ["id", "created", "text"]


def test_create_model_puts_relations_after_plain_fields():
    body = (
        AUTHOR
        + """
class Book(models.Model):
    author = models.ForeignKey(Author, models.CASCADE)
    tags = models.ManyToManyField(Author, related_name="tagged")
    title = models.CharField(max_length=20)
    class Meta:
        pass
"""
    )
    book = operations_of(detect(state(), models_state(body)))[1]
    assert [name for name, _ in book.fields] == ["id", "title", "author", "tags"]


M2M_BASE = (
    AUTHOR
    + """
class Book(models.Model):
    title = models.CharField(max_length=20)
    class Meta:
        pass
"""
)


def test_m2m_added_removed_and_altered():
    with_m2m = M2M_BASE.replace(
        "title = models", "authors = models.ManyToManyField(Author, blank=True)\n    title = models"
    )
    added = operations_of(detect(models_state(M2M_BASE), models_state(with_m2m)))
    assert [type(o).__name__ for o in added] == ["AddField"] and added[0].field.many_to_many
    assert kinds(detect(models_state(with_m2m), models_state(M2M_BASE))) == ["RemoveField"]
    altered = with_m2m.replace("blank=True", "blank=True, related_name='books'")
    assert kinds(detect(models_state(with_m2m), models_state(altered))) == ["AlterField"]


def test_m2m_through_model_is_created_before_the_field_that_uses_it():
    body = (
        M2M_BASE.replace(
            "title = models",
            "authors = models.ManyToManyField(Author, through='Credit')\n    title = models",
        )
        + """
class Credit(models.Model):
    book = models.ForeignKey(Book, models.CASCADE)
    author = models.ForeignKey(Author, models.CASCADE)
    class Meta:
        pass
"""
    )
    result = detect(state(), models_state(body))
    names = [(type(o).__name__, getattr(o, "name", None)) for o in operations_of(result)]
    credit_at = names.index(("CreateModel", "Credit"))
    through_field_at = next(
        i for i, o in enumerate(operations_of(result)) if isinstance(o, ops.AddField) and o.name == "authors"
    )
    assert credit_at < through_field_at


def test_model_rename_asked_and_accepted():
    before = models_state(AUTHOR)
    after = models_state(AUTHOR.replace("class Author", "class Writer"))
    assert kinds(detect(before, after, ask_rename_model=True)) == ["RenameModel"]
    assert sorted(kinds(detect(before, after, ask_rename_model=False))) == ["CreateModel", "DeleteModel"]


def test_index_renamed_when_only_its_name_changed():
    body = AUTHOR.replace("pass", "indexes = [models.Index(fields=['name'], name='old_idx')]")
    result = detect(models_state(body), models_state(body.replace("old_idx", "new_idx")))
    op = operations_of(result)[0]
    assert isinstance(op, ops.RenameIndex) and (op.old_name, op.new_name) == ("old_idx", "new_idx")
    assert result[APP][0].name == "0002_rename_old_idx_new_idx"


def test_index_with_other_fields_is_removed_and_added():
    body = AUTHOR.replace("pass", "indexes = [models.Index(fields=['name'], name='n_idx')]")
    result = detect(models_state(body), models_state(body.replace("fields=['name']", "fields=['-name']")))
    assert kinds(result) == ["RemoveIndex", "AddIndex"]


def test_constraint_message_change_is_an_alter_constraint():
    body = AUTHOR.replace(
        "pass",
        "constraints = [models.CheckConstraint(condition=models.Q(name__gt=''), name='named',"
        " violation_error_message='old')]",
    )
    result = detect(models_state(body), models_state(body.replace("'old'", "'new'")))
    op = operations_of(result)[0]
    assert isinstance(op, ops.AlterConstraint) and op.constraint.violation_error_message == "new"
    changed = body.replace("name__gt=''", "name__gt='a'")
    assert kinds(detect(models_state(body), models_state(changed))) == ["RemoveConstraint", "AddConstraint"]


def test_db_table_and_comment_changes():
    body = AUTHOR.replace("pass", "db_table = 'writers'")
    result = detect(models_state(body), models_state(body.replace("writers", "authors")))
    assert kinds(result) == ["AlterModelTable"] and operations_of(result)[0].table == "authors"
    commented = AUTHOR.replace("pass", "db_table_comment = 'people who write'")
    result = detect(models_state(AUTHOR), models_state(commented))
    assert kinds(result) == ["AlterModelTableComment"]
    assert result[APP][0].name == "0002_alter_author_table_comment"


def test_managers_used_in_migrations_are_detected():
    body = """
class Author(models.Model):
    name = models.CharField(max_length=20)
    people = Named()
    class Meta:
        pass
"""
    result = detect(models_state(AUTHOR), models_state(body))
    op = operations_of(result)[0]
    assert isinstance(op, ops.AlterModelManagers)
    assert [name for name, _ in op.managers] == ["people"]
    # A plain default manager called "objects" is no migration matter.
    plain = body.replace("people = Named()", "objects = models.Manager()")
    assert detect(models_state(AUTHOR), models_state(plain)) == {}


def test_order_with_respect_to_added_and_removed():
    body = M2M_BASE.replace(
        "title = models", "author = models.ForeignKey(Author, models.CASCADE)\n    title = models"
    )
    ordered = body.replace(
        "class Meta:\n        pass\n", "class Meta:\n        order_with_respect_to = 'author'\n", 2
    )
    ordered = ordered.replace(
        "class Author(models.Model):\n    name = models.CharField(max_length=20)\n    class Meta:\n"
        "        order_with_respect_to = 'author'\n",
        "class Author(models.Model):\n    name = models.CharField(max_length=20)\n    class Meta:\n        pass\n",
    )
    result = detect(models_state(body), models_state(ordered))
    op = operations_of(result)[0]
    assert isinstance(op, ops.AlterOrderWithRespectTo) and op.order_with_respect_to == "author"
    back = operations_of(detect(models_state(ordered), models_state(body)))[0]
    assert back.order_with_respect_to is None


def test_auto_name_when_an_operation_has_no_fragment():
    before = models_state(AUTHOR)
    migration = detect(before, before)
    assert migration == {}
    from django.db.migrations.migration import Migration

    run_sql = type("Migration", (Migration,), {"operations": [ops.RunSQL("SELECT 1")]})("x", APP)
    assert re.fullmatch(r"auto_\d{8}_\d{4}", run_sql.suggest_name())


def test_several_fragments_join_in_order_and_long_names_end_with_and_more():
    from django.db.migrations.migration import Migration

    two = [
        ops.AddField("author", "b", models.IntegerField()),
        ops.AddField("author", "a", models.IntegerField()),
    ]
    migration = type("Migration", (Migration,), {"operations": two})("x", APP)
    assert migration.suggest_name() == "author_b_author_a"
    many = [ops.AddField("author", f"field_number_{i}", models.IntegerField()) for i in range(5)]
    migration = type("Migration", (Migration,), {"operations": many})("x", APP)
    assert migration.suggest_name() == "author_field_number_0_author_field_number_1_and_more"
