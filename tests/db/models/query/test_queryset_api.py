"""QuerySet API behaviour on real databases: retrieval, slicing, values, creation, updates, deletion."""

from __future__ import annotations

import datetime
import pickle

import pytest

from django.core.exceptions import FieldError
from django.db.models import Count, F, Prefetch, Q
from django.db.models.query import EmptyQuerySet

from .qapp.models import Author, Book, Entry, Publisher, Tag


@pytest.fixture
def tags(qdb):
    return [Tag.objects.create(name=name) for name in ["d", "b", "a", "c", "e"]]


def test_get_returns_the_single_match(tags):
    assert Tag.objects.get(name="a").name == "a"
    assert Tag.objects.get(pk=tags[0].pk).name == "d"


def test_get_errors_name_the_model(tags):
    with pytest.raises(Tag.DoesNotExist, match="^Tag matching query does not exist.$"):
        Tag.objects.get(name="zzz")
    with pytest.raises(
        Tag.MultipleObjectsReturned, match=r"^get\(\) returned more than one Tag -- it returned 5!$"
    ):
        Tag.objects.get()


def test_get_reports_more_than_the_fetch_limit(qdb):
    Tag.objects.bulk_create([Tag(name=f"t{i}") for i in range(25)])
    with pytest.raises(Tag.MultipleObjectsReturned, match="it returned more than 20!"):
        Tag.objects.get(name__startswith="t")


def test_meta_ordering_reverse_and_order_by(tags):
    assert [t.name for t in Tag.objects.all()] == ["a", "b", "c", "d", "e"]
    assert [t.name for t in Tag.objects.reverse()] == ["e", "d", "c", "b", "a"]
    assert [t.name for t in Tag.objects.order_by("-name")] == ["e", "d", "c", "b", "a"]
    assert Tag.objects.all().ordered and Tag.objects.order_by("name").ordered
    assert not Publisher.objects.all().ordered


def test_slicing_is_limit_offset(tags):
    qs = Tag.objects.all()[1:3]
    assert [t.name for t in qs] == ["b", "c"]
    assert [t.name for t in Tag.objects.all()[3:]] == ["d", "e"]
    assert [t.name for t in Tag.objects.all()[:2]] == ["a", "b"]
    assert Tag.objects.all()[2].name == "c"
    assert [t.name for t in Tag.objects.all()[1:4][1:2]] == ["c"]
    assert [t.name for t in Tag.objects.all()[::2]] == ["a", "c", "e"]
    with pytest.raises(IndexError):
        Tag.objects.all()[10]


def test_slicing_errors(tags):
    with pytest.raises(ValueError, match="Negative indexing is not supported."):
        Tag.objects.all()[-1]
    with pytest.raises(TypeError, match="QuerySet indices must be integers or slices, not str."):
        Tag.objects.all()["a"]
    sliced = Tag.objects.all()[:2]
    with pytest.raises(TypeError, match="Cannot filter a query once a slice has been taken."):
        sliced.filter(name="a")
    with pytest.raises(TypeError, match="Cannot reorder a query once a slice has been taken."):
        sliced.order_by("name")


def test_repr_truncates_after_twenty_items(qdb):
    Tag.objects.bulk_create([Tag(name=f"n{i:02}") for i in range(25)])
    text = repr(Tag.objects.all())
    assert text.startswith("<QuerySet [<Tag: n00>, <Tag: n01>")
    assert text.endswith("<Tag: n19>, '...(remaining elements truncated)...']>")


def test_result_cache_len_bool_and_iteration(qdb, queries):
    Tag.objects.create(name="x")
    qs = Tag.objects.all()
    with queries() as captured:
        assert len(qs) == 1
        assert bool(qs)
        assert [t.name for t in qs] == ["x"]
        assert qs.count() == 1
    assert len(captured) == 1


def test_count_exists_contains_first_last(tags):
    assert Tag.objects.count() == 5
    assert Tag.objects.filter(name__in=["a", "b"]).count() == 2
    assert Tag.objects.filter(name="a").exists() and not Tag.objects.filter(name="q").exists()
    assert Tag.objects.contains(tags[0])
    assert not Tag.objects.filter(name="a").contains(tags[0])
    assert Tag.objects.first().name == "a" and Tag.objects.last().name == "e"
    assert Tag.objects.filter(name="q").first() is None
    assert Publisher.objects.first() is None


def test_latest_and_earliest(qdb):
    utc = datetime.UTC
    Entry.objects.create(headline="old", published=datetime.datetime(2020, 1, 1, tzinfo=utc))
    Entry.objects.create(headline="new", published=datetime.datetime(2023, 1, 1, tzinfo=utc))
    assert Entry.objects.latest().headline == "new"
    assert Entry.objects.earliest().headline == "old"
    assert Entry.objects.latest("headline").headline == "old"
    with pytest.raises(ValueError, match="require either fields as positional arguments"):
        Tag.objects.latest()


def test_in_bulk(tags):
    by_pk = Tag.objects.in_bulk([tags[0].pk, tags[1].pk])
    assert {t.name for t in by_pk.values()} == {"d", "b"}
    assert Tag.objects.in_bulk([]) == {}
    assert len(Tag.objects.in_bulk()) == 5
    with pytest.raises(
        ValueError, match="in_bulk\\(\\)'s field_name must be a unique field but 'name' isn't."
    ):
        Tag.objects.in_bulk(["a"], field_name="name")


def test_values_and_values_list(tags):
    assert list(Tag.objects.filter(name="a").values("name")) == [{"name": "a"}]
    assert list(Tag.objects.values_list("name", flat=True)) == ["a", "b", "c", "d", "e"]
    row = Tag.objects.values_list("name", "id", named=True).get(name="b")
    assert row.name == "b" and row.id == tags[1].pk
    assert Tag.objects.values_list("id", "name").get(name="c") == (tags[3].pk, "c")
    with pytest.raises(
        TypeError, match="'flat' is not valid when values_list is called with more than one field."
    ):
        Tag.objects.values_list("id", "name", flat=True)
    with pytest.raises(TypeError, match="'flat' and 'named' can't be used together."):
        Tag.objects.values_list("name", flat=True, named=True)


def test_values_follow_relations_and_expressions(qdb):
    acme = Publisher.objects.create(name="Acme")
    Book.objects.create(title="T", pages=10, publisher=acme)
    assert list(Book.objects.values("title", "publisher__name")) == [
        {"title": "T", "publisher__name": "Acme"}
    ]
    assert list(Book.objects.values(double=F("pages") * 2)) == [{"double": 20}]
    assert list(Book.objects.values_list("title", F("pages") + 1)) == [("T", 11)]


def test_none_and_empty_queryset(tags, queries):
    qs = Tag.objects.none()
    assert isinstance(qs, EmptyQuerySet)
    assert not isinstance(Tag.objects.all(), EmptyQuerySet)
    with queries() as captured:
        assert list(qs) == [] and qs.count() == 0
    assert len(captured) == 0


def test_union_intersection_difference(tags):
    low = Tag.objects.filter(name__in=["a", "b"])
    mid = Tag.objects.filter(name__in=["b", "c"])
    assert sorted(t.name for t in low.union(mid)) == ["a", "b", "c"]
    assert sorted(t.name for t in low.union(mid, all=True)) == ["a", "b", "b", "c"]
    assert [t.name for t in low.union(mid).order_by("-name")] == ["c", "b", "a"]
    assert list(low.values_list("name", flat=True).union(mid.values_list("name", flat=True)).order_by("name")) == [
        "a", "b", "c",
    ]  # fmt: skip
    assert [t.name for t in low.intersection(mid)] == ["b"]
    assert [t.name for t in low.difference(mid)] == ["a"]


def test_distinct(qdb):
    ann = Author.objects.create(name="Ann")
    for title in ["x", "y"]:
        Book.objects.create(title=title).authors.add(ann)
    assert Author.objects.filter(books__title__in=["x", "y"]).count() == 2
    assert Author.objects.filter(books__title__in=["x", "y"]).distinct().count() == 1


def test_defer_and_only(qdb, queries):
    Author.objects.create(name="Ann", age=33)
    author = Author.objects.defer("age").get()
    assert author.get_deferred_fields() == {"age"}
    with queries() as captured:
        assert author.age == 33
    assert len(captured) == 1
    only = Author.objects.only("name").get()
    assert only.get_deferred_fields() == {"age", "rating"}


def test_iterator_streams_without_cache(tags):
    qs = Tag.objects.all()
    assert [t.name for t in qs.iterator(chunk_size=2)] == ["a", "b", "c", "d", "e"]
    assert qs._result_cache is None
    with pytest.raises(ValueError, match="Chunk size must be strictly positive."):
        qs.iterator(chunk_size=0)


def test_pickle_round_trip(tags):
    qs = Tag.objects.filter(name__in=["a", "b"])
    restored = pickle.loads(pickle.dumps(qs))
    assert [t.name for t in restored] == ["a", "b"]
    query_only = pickle.loads(pickle.dumps(qs.query))
    fresh = Tag.objects.all()
    fresh.query = query_only
    assert [t.name for t in fresh] == ["a", "b"]


def test_create_get_or_create_update_or_create(qdb):
    pub, created = Publisher.objects.get_or_create(name="Acme", defaults={"num_awards": 2})
    assert created and pub.num_awards == 2
    again, created = Publisher.objects.get_or_create(name="Acme", defaults={"num_awards": 9})
    assert not created and again.pk == pub.pk and again.num_awards == 2
    updated, created = Publisher.objects.update_or_create(name="Acme", defaults={"num_awards": 5})
    assert not created and Publisher.objects.get(pk=pub.pk).num_awards == 5
    made, created = Publisher.objects.update_or_create(
        name="New", defaults={"num_awards": 1}, create_defaults={"num_awards": 7}
    )
    assert created and made.num_awards == 7
    with pytest.raises(FieldError, match="Invalid field name\\(s\\) for model Publisher: 'bogus'."):
        Publisher.objects.get_or_create(name="x", defaults={"bogus": 1})


def test_bulk_create_sets_primary_keys_where_supported(qdb):
    objs = Publisher.objects.bulk_create([Publisher(name=f"p{i}") for i in range(5)], batch_size=2)
    assert Publisher.objects.count() == 5
    if qdb.features.can_return_rows_from_bulk_insert:
        assert all(obj.pk is not None for obj in objs)
        assert {obj.pk for obj in objs} == set(Publisher.objects.values_list("pk", flat=True))
    with pytest.raises(ValueError, match="Batch size must be a positive integer."):
        Publisher.objects.bulk_create([Publisher(name="x")], batch_size=0)


def test_bulk_create_ignore_and_update_conflicts(qdb):
    first = Publisher.objects.create(name="A", num_awards=1)
    if qdb.features.supports_ignore_conflicts:
        Publisher.objects.bulk_create([Publisher(pk=first.pk, name="dup")], ignore_conflicts=True)
        assert Publisher.objects.get(pk=first.pk).name == "A"
    if qdb.features.supports_update_conflicts_with_target:
        Publisher.objects.bulk_create(
            [Publisher(pk=first.pk, name="B", num_awards=9)],
            update_conflicts=True,
            update_fields=["num_awards"],
            unique_fields=["pk"],
        )
        assert Publisher.objects.values_list("name", "num_awards").get(pk=first.pk) == ("A", 9)
    with pytest.raises(ValueError, match="mutually exclusive"):
        Publisher.objects.bulk_create([Publisher(name="z")], ignore_conflicts=True, update_conflicts=True)


def test_bulk_update(tags):
    for tag in tags:
        tag.name = tag.name.upper()
    assert Tag.objects.bulk_update(tags, ["name"], batch_size=2) == 5
    assert list(Tag.objects.values_list("name", flat=True)) == ["A", "B", "C", "D", "E"]
    with pytest.raises(ValueError, match="Field names must be given to bulk_update\\(\\)."):
        Tag.objects.bulk_update(tags, [])
    with pytest.raises(ValueError, match="bulk_update\\(\\) cannot be used with primary key fields."):
        Tag.objects.bulk_update(tags, ["id"])


def test_update_returns_row_count_and_accepts_expressions(qdb):
    Publisher.objects.create(name="A", num_awards=1)
    Publisher.objects.create(name="B", num_awards=2)
    assert Publisher.objects.filter(num_awards__gte=2).update(num_awards=F("num_awards") + 10) == 1
    assert sorted(Publisher.objects.values_list("num_awards", flat=True)) == [1, 12]
    assert Publisher.objects.update(name="same") == 2
    with pytest.raises(TypeError, match="Cannot update a query once a slice has been taken."):
        Publisher.objects.all()[:1].update(name="x")


def test_update_across_a_relation_filter(qdb):
    acme = Publisher.objects.create(name="Acme")
    Book.objects.create(title="x", publisher=acme)
    Book.objects.create(title="y")
    assert Book.objects.filter(publisher__name="Acme").update(pages=7) == 1
    assert Book.objects.get(title="x").pages == 7


def test_delete_returns_counts_including_cascades(qdb):
    acme = Publisher.objects.create(name="Acme")
    Book.objects.create(title="x", publisher=acme)
    Book.objects.create(title="y", publisher=acme)
    total, per_model = Publisher.objects.filter(name="Acme").delete()
    assert total == 3
    assert per_model == {"query_tests.Book": 2, "query_tests.Publisher": 1}
    with pytest.raises(TypeError, match="Cannot use 'limit' or 'offset' with delete\\(\\)."):
        Publisher.objects.all()[:1].delete()


def test_prefetch_object_validation(qdb):
    with pytest.raises(
        ValueError, match="Prefetch querysets cannot use raw\\(\\), values\\(\\), and values_list\\(\\)."
    ):
        Prefetch("books", queryset=Book.objects.values("id"))


def test_annotation_name_conflicts(qdb):
    with pytest.raises(ValueError, match="The annotation 'name' conflicts with a field on the model."):
        Author.objects.annotate(name=Count("books"))
    with pytest.raises(TypeError, match="Complex annotations require an alias"):
        Author.objects.annotate(Count("books") + 1)


def test_raw_queryset(tags):
    table = Tag._meta.db_table
    raw = Tag.objects.raw(f"SELECT id, name, 1 AS extra FROM {table} WHERE name = %s", ["b"])
    (tag,) = list(raw)
    assert tag.name == "b" and tag.extra == 1


def test_explain_returns_text(tags):
    assert isinstance(Tag.objects.filter(name="a").explain(), str)


def test_complex_filter_and_q_negation(tags):
    assert [t.name for t in Tag.objects.complex_filter(~Q(name__in=["a", "b", "c"]))] == ["d", "e"]
    assert [t.name for t in Tag.objects.complex_filter({"name": "e"})] == ["e"]


def test_distinct_with_ordering_on_unselected_column_is_stable_across_runs(qdb):
    """The ORDER BY column that DISTINCT must select is trimmed from rows, first run and cached runs."""
    Tag.objects.create(name="b")
    Tag.objects.create(name="a")
    for _ in range(3):
        rows = list(Tag.objects.values_list("id", flat=False).distinct().order_by("name"))
        assert all(len(row) == 1 for row in rows)
