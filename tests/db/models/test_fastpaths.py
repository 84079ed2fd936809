"""get(pk=...) and save() shortcuts behave exactly like the general QuerySet path on each database."""

from __future__ import annotations

import datetime
import decimal

import pytest

from django.db import transaction
from django.db.models import F, signals
from tests.db.models.app_models.models import Author, Everything, HookedAuthor, SelectOnSave


def test_get_by_pk_repeated_returns_fresh_instances_with_converted_values(using):
    moment = datetime.datetime(2024, 2, 29, 23, 59, 58, tzinfo=datetime.UTC)
    obj = Everything.objects.using(using).create(amount=decimal.Decimal("1.50"), moment=moment, data={"a": 1})
    first = Everything.objects.using(using).get(pk=obj.pk)
    second = Everything.objects.using(using).get(id=obj.pk)
    assert first is not second and first == second
    for loaded in (first, second):
        assert loaded.amount == decimal.Decimal("1.50")
        assert loaded.moment == moment
        assert loaded.data == {"a": 1}
        assert loaded._state.db == using and loaded._state.adding is False


def test_get_by_pk_missing_row_raises_does_not_exist_each_time(using):
    for _ in range(3):
        with pytest.raises(Author.DoesNotExist, match="Author matching query does not exist."):
            Author.objects.using(using).get(pk=987654)


@pytest.mark.parametrize("key", [2**63, -(2**63) - 1, 2**70])
def test_get_by_pk_outside_the_column_range_is_does_not_exist(using, key):
    Author.objects.using(using).create(name="ann", age=30)
    Author.objects.using(using).get(pk=Author.objects.using(using).get().pk)  # the statement is cached
    for _ in range(2):  # the first call compiles the general way; the second meets the cached statement
        with pytest.raises(Author.DoesNotExist):
            Author.objects.using(using).get(pk=key)
        assert not Author.objects.using(using).filter(pk=key).exists()


def test_get_by_pk_is_one_query_and_honours_filters_only_and_select_related(using, count_queries):
    author = Author.objects.using(using).create(name="ann", age=30)
    Author.objects.using(using).get(pk=author.pk)  # warm the statement
    with count_queries() as queries:
        assert Author.objects.using(using).get(pk=author.pk).name == "ann"
    assert len(queries) == 1
    with pytest.raises(Author.DoesNotExist):
        Author.objects.using(using).filter(age=5).get(pk=author.pk)
    only = Author.objects.using(using).only("name").get(pk=author.pk)
    assert only.get_deferred_fields() == {"age"}


def test_get_by_pk_bad_value_names_the_field(using):
    Author.objects.using(using).get(pk=Author.objects.using(using).create(name="x").pk)
    with pytest.raises(ValueError, match="Field 'id' expected a number but got 'nope'"):
        Author.objects.using(using).get(pk="nope")


def test_get_by_pk_sends_init_signals_when_connected(using):
    author = Author.objects.using(using).create(name="sig")
    Author.objects.using(using).get(pk=author.pk)
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.name)

    signals.post_init.connect(receiver, sender=Author)
    try:
        Author.objects.using(using).get(pk=author.pk)
    finally:
        signals.post_init.disconnect(receiver, sender=Author)
    assert seen == ["sig"]


def test_save_updates_in_place_and_inserts_when_row_is_gone(using, count_queries):
    author = Author.objects.using(using).create(name="a", age=1)
    with transaction.atomic(using=using):
        with count_queries() as queries:
            for age in range(2, 5):
                author.age = age
                author.save(using=using)
    assert len(queries) == 3
    assert Author.objects.using(using).get(pk=author.pk).age == 4
    Author.objects.using(using).filter(pk=author.pk).delete()
    author.save(using=using)  # the UPDATE matches nothing: the row is inserted again
    assert Author.objects.using(using).filter(pk=author.pk).count() == 1
    with pytest.raises(Author.NotUpdated):
        Author(pk=author.pk + 1000, name="ghost").save(using=using, force_update=True)


def test_save_with_expression_and_select_on_save_take_the_general_path(using):
    author = Author.objects.using(using).create(name="e", age=10)
    author.age = F("age") + 5
    author.save(using=using)
    assert Author.objects.using(using).get(pk=author.pk).age == 15
    row = SelectOnSave.objects.using(using).create(name="s")
    row.name = "t"
    row.save(using=using)
    assert SelectOnSave.objects.using(using).get(pk=row.pk).name == "t"


def test_save_stores_null_and_prepared_values(using):
    obj = Everything.objects.using(using).create(maybe=True, amount=decimal.Decimal("2.00"))
    obj.maybe = None
    obj.amount = "3.25"
    obj.save(using=using)
    loaded = Everything.objects.using(using).get(pk=obj.pk)
    assert loaded.maybe is None and loaded.amount == decimal.Decimal("3.25")


def test_instances_from_rows_keep_deferred_fields_and_custom_from_db(using):
    Author.objects.using(using).create(name="d", age=3)
    loaded = list(Author.objects.using(using).defer("age"))
    assert [a.get_deferred_fields() for a in loaded] == [{"age"}]
    assert loaded[0].age == 3

    assert all(obj.loaded_by_hook for obj in HookedAuthor.objects.using(using).all())
    assert HookedAuthor.objects.using(using).get(pk=loaded[0].pk).loaded_by_hook


def test_get_by_pk_goes_through_a_custom_querysets_filter(using):
    from django.db.models.query import QuerySet

    calls = []

    class RecordingQuerySet(QuerySet):
        def filter(self, *args, **kwargs):
            calls.append(kwargs)
            return super().filter(*args, **kwargs)

    author = Author.objects.using(using).create(name="custom")
    queryset = RecordingQuerySet(model=Author, using=using)
    for _ in range(2):
        assert queryset.get(pk=author.pk).name == "custom"
    assert calls == [{"pk": author.pk}, {"pk": author.pk}]


def test_compiled_row_builder_stores_any_attribute_name_as_data():
    from django.db.models.base import ModelState
    from django.db.models.row_builders import compiled_row_builder

    names = ("id", "name", "odd'name\"with\\quotes")
    build = compiled_row_builder(Author, "other", names, ModelState)
    assert compiled_row_builder(Author, "other", names, ModelState) is build  # compiled once
    obj = build([7, "Ann", "x"])
    assert (obj.id, obj.name, obj.__dict__["odd'name\"with\\quotes"]) == (7, "Ann", "x")
    assert obj._state.db == "other" and obj._state.adding is False
    single = compiled_row_builder(Author, "default", ("id",), ModelState)((3,))
    assert single.pk == 3 and "name" not in single.__dict__
    with pytest.raises(ValueError):
        build((1, 2))  # a row of the wrong width is an error, never a half-filled instance


def test_instances_from_rows_with_deferred_fields_and_several_databases(using):
    Author.objects.using(using).create(name="Ann", age=3)
    loaded = Author.objects.using(using).only("name").get()
    assert loaded.get_deferred_fields() == {"age"}
    assert loaded._state.db == using and not loaded._state.adding
    assert loaded.age == 3  # fetched on access


def test_resolved_lookup_names_are_remembered_per_model_and_bounded(using, monkeypatch):
    from django.core.exceptions import FieldError
    from django.db.models.sql import names

    opts = Author._meta
    opts._expire_cache()
    assert "_resolved_name_paths" not in opts.__dict__
    Author.objects.using(using).create(name="Ann", age=3)
    assert Author.objects.using(using).filter(name__startswith="A").count() == 1
    assert Author.objects.using(using).filter(name__startswith="A").count() == 1  # from the cache
    assert opts.__dict__["_resolved_name_paths"]
    # Unknown names still raise the full error, every time.
    for _ in range(2):
        with pytest.raises(FieldError, match="Cannot resolve keyword 'nmae' into field. Choices are:"):
            Author.objects.using(using).filter(nmae="x")
    # An annotation may shadow nothing but is resolved against the query, never cached.
    annotated = Author.objects.using(using).annotate(years=F("age")).filter(years=3)
    assert [a.name for a in annotated] == ["Ann"]
    monkeypatch.setattr(names, "_MAX_CACHED_PATHS", 2)
    lookups = {"age": 3, "age__gt": 1, "name__in": ["Ann"], "name__endswith": "n"}
    for lookup, value in lookups.items():
        assert Author.objects.using(using).filter(**{lookup: value}).count() == 1
    assert len(opts.__dict__["_resolved_name_paths"]) <= 2
    opts._expire_cache()
    assert "_resolved_name_paths" not in opts.__dict__
