"""Model.save(), refresh_from_db(), from_db(), deferred fields, equality/hashing and pickling."""

import datetime
import pickle

import pytest

from django.db import models
from tests.db.models.app_models.models import (
    Author,
    AuthorProxy,
    Book,
    CompositeItem,
    ItalianRestaurant,
    Place,
    Restaurant,
    SelectOnSave,
    Stamped,
)


def test_save_inserts_then_updates(using, count_queries):
    author = Author(name="Ann")
    assert author._state.adding and author._state.db is None
    with count_queries() as q:
        author.save(using=using)
    assert len(q) == 1 and q.statements[0].upper().startswith("INSERT")
    assert author.pk is not None
    assert not author._state.adding and author._state.db == using
    author.name = "Anna"
    with count_queries() as q:
        author.save(using=using)
    assert len(q) == 1 and q.statements[0].upper().startswith("UPDATE")
    assert Author.objects.using(using).get(pk=author.pk).name == "Anna"


def test_save_with_explicit_pk_of_missing_row_updates_then_inserts(using, count_queries):
    author = Author(pk=777, name="Zed")
    author._state.adding = False
    with count_queries() as q:
        author.save(using=using)
    assert [s.split()[0].upper() for s in q.statements] == ["UPDATE", "INSERT"]
    assert Author.objects.using(using).filter(pk=777).exists()


def test_force_insert_and_force_update(using):
    author = Author.objects.using(using).create(name="A")
    with pytest.raises(ValueError, match="Cannot force both insert and updating in model saving."):
        author.save(using=using, force_insert=True, force_update=True)
    fresh = Author(name="B")
    with pytest.raises(ValueError, match="Cannot force an update in save\\(\\) with no primary key."):
        fresh.save(using=using, force_update=True)
    ghost = Author(pk=424242, name="ghost")
    with pytest.raises(Author.NotUpdated, match="Forced update did not affect any rows."):
        ghost.save(using=using, force_update=True)
    from django.core.exceptions import ObjectNotUpdated
    from django.db import DatabaseError, IntegrityError, transaction

    assert issubclass(Author.NotUpdated, ObjectNotUpdated)
    assert issubclass(Author.NotUpdated, DatabaseError)
    with pytest.raises(IntegrityError):
        with transaction.atomic(using=using):
            Author(pk=author.pk, name="dup").save(using=using, force_insert=True)


def test_update_fields(using, count_queries):
    author = Author.objects.using(using).create(name="A", age=1)
    author.name, author.age = "B", 2
    with count_queries() as q:
        author.save(using=using, update_fields=["age"])
    assert len(q) == 1
    fresh = Author.objects.using(using).get(pk=author.pk)
    assert (fresh.name, fresh.age) == ("A", 2)
    with count_queries() as q:
        author.save(using=using, update_fields=[])
    assert len(q) == 0
    with pytest.raises(ValueError, match="do not exist in this model.*: nope"):
        author.save(using=using, update_fields=["nope"])
    ghost = Author(pk=99999, name="x")
    with pytest.raises(Author.NotUpdated, match="Save with update_fields did not affect any rows."):
        ghost.save(using=using, update_fields=["name"])


def test_update_fields_accepts_attname(using):
    a1 = Author.objects.using(using).create(name="one")
    a2 = Author.objects.using(using).create(name="two")
    book = Book.objects.using(using).create(title="T", author=a1)
    book.author_id = a2.pk
    book.save(using=using, update_fields=["author_id"])
    assert Book.objects.using(using).get(pk=book.pk).author_id == a2.pk


def test_defaults_and_callable_defaults(using):
    author = Author.objects.using(using).create(name="A")
    book = Book(title="T", author=author)
    assert book.tagline == "fresh" and book.pages == 100 and book.genre == "N"
    book.save(using=using)
    assert Book.objects.using(using).get(pk=book.pk).tagline == "fresh"


def test_auto_now_and_auto_now_add(using):
    obj = Stamped(counter=1)
    obj.save(using=using)
    created, updated = obj.created, obj.updated
    assert created is not None and created.tzinfo is not None
    obj.counter = 2
    obj.save(using=using)
    assert obj.created == created
    assert obj.updated >= updated


def test_db_default_is_filled_by_the_database(using):
    obj = Stamped()
    obj.save(using=using)
    obj.refresh_from_db()
    assert obj.note == "db-note"
    other = Stamped(note="mine")
    other.save(using=using)
    assert Stamped.objects.using(using).get(pk=other.pk).note == "mine"


def test_select_on_save_checks_existence_first(using, count_queries):
    obj = SelectOnSave.objects.using(using).create(name="a")
    obj.name = "b"
    with count_queries() as q:
        obj.save(using=using)
    assert [s.split()[0].upper() for s in q.statements] == ["SELECT", "UPDATE"]


def test_multi_table_inheritance_save(using):
    r = Restaurant(name="Pizzeria", serves_pizza=True)
    r.save(using=using)
    assert r.pk == r.place_ptr_id == r.id
    place = Place.objects.using(using).get(pk=r.pk)
    assert place.name == "Pizzeria"
    assert place.restaurant.serves_pizza is True
    i = ItalianRestaurant(name="Nonna", serves_gnocchi=True)
    i.save(using=using)
    assert Restaurant.objects.using(using).filter(pk=i.pk).exists()
    assert Place.objects.using(using).count() == 2
    i.name = "Nonna 2"
    i.save(using=using)
    assert Place.objects.using(using).get(pk=i.pk).name == "Nonna 2"


def test_force_insert_with_parent_tuple(using):
    place = Place.objects.using(using).create(name="Existing")
    r = Restaurant(place_ptr=place, name="Existing", serves_pizza=False)
    r.save(using=using, force_insert=(Restaurant,))
    assert Restaurant.objects.using(using).get(pk=place.pk).name == "Existing"
    with pytest.raises(TypeError, match="force_insert must be a bool or tuple."):
        r.save(using=using, force_insert=[Place])
    with pytest.raises(TypeError, match="Invalid force_insert member. Author must be a base of Restaurant."):
        r.save(using=using, force_insert=(Author,))


def test_proxy_save_and_query(using):
    a = AuthorProxy.objects.using(using).create(name="zed")
    Author.objects.using(using).create(name="amy")
    assert isinstance(Author.objects.using(using).get(pk=a.pk), Author)
    assert a.shout() == "ZED"
    assert [x.name for x in AuthorProxy.sorted_objects.using(using).all()] == ["zed", "amy"]
    assert a == Author.objects.using(using).get(pk=a.pk)


def test_refresh_from_db(using):
    author = Author.objects.using(using).create(name="A", age=3)
    Author.objects.using(using).filter(pk=author.pk).update(name="B", age=4)
    author.refresh_from_db(fields=["name"])
    assert (author.name, author.age) == ("B", 3)
    author.refresh_from_db()
    assert author.age == 4
    with pytest.raises(ValueError, match='Found "__" in fields argument'):
        author.refresh_from_db(fields=["books__title"])
    Author.objects.using(using).filter(pk=author.pk).delete()
    with pytest.raises(Author.DoesNotExist):
        author.refresh_from_db()


def test_refresh_clears_cached_relations(using):
    a1 = Author.objects.using(using).create(name="one")
    a2 = Author.objects.using(using).create(name="two")
    book = Book.objects.using(using).create(title="T", author=a1)
    assert book.author == a1
    Book.objects.using(using).filter(pk=book.pk).update(author=a2)
    book.refresh_from_db()
    assert book.author == a2


def test_refresh_from_queryset(using):
    author = Author.objects.using(using).create(name="A")
    Author.objects.using(using).filter(pk=author.pk).update(name="B")
    author.refresh_from_db(from_queryset=Author.objects.using(using).only("name"))
    assert author.name == "B"


def test_deferred_fields_load_on_access_and_save_only_loaded(using, count_queries):
    Author.objects.using(using).create(name="A", age=30)
    author = Author.objects.using(using).only("name").get()
    assert author.get_deferred_fields() == {"age"}
    with count_queries() as q:
        assert author.age == 30
    assert len(q) == 1
    other = Author.objects.using(using).defer("age").get()
    other.name = "B"
    with count_queries() as q:
        other.save(using=using)
    assert "age" not in q.statements[0]


def test_from_db_builds_instances_without_init(using):
    calls = []
    original = Author.__init__

    instance = Author.from_db(using, ["id", "name", "age"], (1, "n", None))
    assert (instance.pk, instance.name, instance.age) == (1, "n", None)
    assert instance._state.adding is False and instance._state.db == using
    deferred = Author.from_db(using, ["id", "name"], (2, "m"))
    assert deferred.get_deferred_fields() == {"age"}
    assert original is Author.__init__ and calls == []


def test_from_db_runs_init_signals_when_connected(using):
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.name)

    models.signals.post_init.connect(receiver, sender=Author)
    try:
        Author.from_db(using, ["id", "name", "age"], (1, "n", None))
    finally:
        models.signals.post_init.disconnect(receiver, sender=Author)
    assert seen == ["n"]


def test_init_argument_errors():
    with pytest.raises(TypeError, match="Author\\(\\) got unexpected keyword arguments: 'nope'"):
        Author(nope=1)
    with pytest.raises(TypeError, match="got both positional and keyword arguments for field 'name'"):
        Author(1, "x", name="y")
    with pytest.raises(IndexError, match="Number of args exceeds number of fields"):
        Author(1, "a", 2, 3)
    author = Author(None, "pos", 5)
    assert (author.name, author.age) == ("pos", 5)


def test_equality_and_hash():
    a1, a2 = Author(pk=1), Author(pk=1)
    assert a1 == a2 and hash(a1) == hash(a2)
    assert Author(pk=1) != Book(pk=1)
    assert AuthorProxy(pk=1) == Author(pk=1)
    unsaved = Author()
    assert unsaved == unsaved and unsaved != Author()
    with pytest.raises(TypeError, match="Model instances without primary key value are unhashable"):
        hash(unsaved)


def test_repr_and_str():
    assert repr(Author(name="Ann")) == "<Author: Ann>"
    assert str(Place(pk=4)) == "Place object (4)"


def test_pickle_round_trip(using):
    author = Author.objects.using(using).create(name="P")
    book = Book.objects.using(using).create(title="T", author=author)
    book.author  # noqa: B018 - cache the relation
    clone = pickle.loads(pickle.dumps(book))
    assert clone == book and clone.title == "T"
    assert clone._state.db == using and clone._state.adding is False
    assert clone.author.name == "P"


def test_pickle_version_mismatch_warns():
    author = Author(pk=1, name="x")
    data = pickle.dumps(author)
    state = author.__reduce__()[2]
    state["_django_version"] = "1.0"
    with pytest.warns(RuntimeWarning, match="does not match the current version"):
        Author.__new__(Author).__setstate__(state)
    assert pickle.loads(data).name == "x"


def test_get_next_and_previous_by_date(using):
    from tests.db.models.app_models.models import Event

    e1 = Event.objects.using(using).create(title="a", when=datetime.date(2020, 1, 1), slug="a")
    e2 = Event.objects.using(using).create(title="b", when=datetime.date(2020, 1, 2), slug="b")
    e3 = Event.objects.using(using).create(title="c", when=datetime.date(2020, 1, 2), slug="c")
    assert e1.get_next_by_when() == e2
    assert e2.get_next_by_when() == e3
    assert e3.get_previous_by_when() == e2
    with pytest.raises(Event.DoesNotExist):
        e1.get_previous_by_when()
    assert e1.get_next_by_when(title="c") == e3


def test_get_foo_display(using):
    book = Book(title="x", genre="P")
    assert book.get_genre_display() == "Poetry"
    book.genre = "?"
    assert book.get_genre_display() == "?"


def test_serializable_value():
    book = Book(title="x", author_id=5)
    assert book.serializable_value("author") == 5
    assert book.serializable_value("title") == "x"


def test_unsaved_related_object_blocks_save(using, routed):
    author = Author(name="unsaved")
    book = Book(title="t", author=author)
    with pytest.raises(
        ValueError, match="save\\(\\) prohibited to prevent data loss due to unsaved related object 'author'."
    ):
        book.save(using=using)
    author.save(using=using)
    book.save(using=using)
    assert book.author_id == author.pk


def test_order_with_respect_to(using, routed):
    from tests.db.models.app_models.models import Answer, Question

    q = Question.objects.using(using).create(text="Q")
    a1 = Answer.objects.using(using).create(question=q, text="1")
    a2 = Answer.objects.using(using).create(question=q, text="2")
    a3 = Answer.objects.using(using).create(question=q, text="3")
    assert [a._order for a in (a1, a2, a3)] == [0, 1, 2]
    assert q.get_answer_order() == [a1.pk, a2.pk, a3.pk]
    q.set_answer_order([a3.pk, a1.pk, a2.pk])
    assert list(Answer.objects.using(using).filter(question=q).values_list("text", flat=True)) == [
        "3",
        "1",
        "2",
    ]
    assert a1.get_next_in_order() == a2


def test_composite_primary_key_instance_api():
    item = CompositeItem(order_no=1, line=2, qty=5)
    assert item.pk == (1, 2)
    item.pk = (3, 4)
    assert (item.order_no, item.line) == (3, 4)
    with pytest.raises(ValueError, match="'pk' must have 2 elements."):
        item.pk = (1,)
    meta = CompositeItem._meta
    assert meta.is_composite_pk and [f.name for f in meta.pk_fields] == ["order_no", "line"]
    assert meta.pk.deconstruct() == (
        "pk",
        "django.db.models.CompositePrimaryKey",
        ["order_no", "line"],
        {"serialize": False},
    )
    assert "pk" not in [f.name for f in meta.concrete_fields]


async def _async_save_and_delete(using):
    author = Author(name="async")
    await author.asave(using=using)
    await author.arefresh_from_db()
    count, _ = await author.adelete()
    return count


def test_async_save_refresh_delete(using):
    from asgiref.sync import async_to_sync

    # async_to_sync keeps the thread-sensitive sync work on this thread (and its connection).
    assert async_to_sync(_async_save_and_delete)(using) == 1
