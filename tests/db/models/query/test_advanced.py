"""Less common QuerySet features: FilteredRelation, extra(), distinct(fields), locking, Q.check()."""

from __future__ import annotations

import pytest

from django.core.exceptions import FieldError
from django.db import NotSupportedError, transaction
from django.db.models import Count, F, FilteredRelation, Q

from .qapp.models import Author, Book, Publisher, Tag


@pytest.fixture
def shop(qdb):
    acme = Publisher.objects.create(name="Acme")
    zeta = Publisher.objects.create(name="Zeta")
    Book.objects.create(title="long", pages=500, publisher=acme)
    Book.objects.create(title="short", pages=50, publisher=acme)
    Book.objects.create(title="mid", pages=200, publisher=zeta)
    return acme


def test_filtered_relation_joins_with_extra_condition(shop):
    qs = (
        Publisher.objects.annotate(long_books=FilteredRelation("books", condition=Q(books__pages__gt=100)))
        .annotate(n=Count("long_books"))
        .order_by("name")
    )
    assert [(p.name, p.n) for p in qs] == [("Acme", 1), ("Zeta", 1)]
    names = Publisher.objects.annotate(
        short=FilteredRelation("books", condition=Q(books__pages__lt=100))
    ).filter(short__isnull=False)
    assert [p.name for p in names] == ["Acme"]


def test_extra_select_where_and_order(shop):
    table = Book._meta.db_table
    qs = Book.objects.extra(
        select={"double": f"{table}.pages * 2"},
        where=[f"{table}.pages > %s"],
        params=[60],
        order_by=["-double"],
    )
    assert [(b.title, b.double) for b in qs] == [("long", 1000), ("mid", 400)]


def test_distinct_on_fields(shop, qdb):
    if not qdb.features.can_distinct_on_fields:
        with pytest.raises(NotSupportedError):
            list(Book.objects.order_by("publisher", "-pages").distinct("publisher"))
        return
    qs = Book.objects.order_by("publisher", "-pages").distinct("publisher")
    assert sorted(b.title for b in qs) == ["long", "mid"]


def test_select_for_update_locks_inside_a_transaction(shop, qdb):
    if not qdb.features.has_select_for_update:
        pytest.skip("no SELECT ... FOR UPDATE")
    with transaction.atomic(using=qdb.alias):
        titles = sorted(b.title for b in Book.objects.select_for_update().filter(pages__gt=100))
        assert titles == ["long", "mid"]
        if qdb.features.has_select_for_update_of:
            list(Book.objects.select_related("publisher").select_for_update(of=("self",)))
    with pytest.raises(transaction.TransactionManagementError, match="outside of a transaction"):
        list(Book.objects.select_for_update())


def test_select_for_update_of_must_name_followed_relations(shop, qdb):
    if not qdb.features.has_select_for_update_of:
        pytest.skip("no FOR UPDATE OF")
    with (
        transaction.atomic(using=qdb.alias),
        pytest.raises(FieldError, match="Invalid field name\\(s\\) given in select_for_update"),
    ):
        list(Book.objects.select_for_update(of=("editor",)))


def test_q_check_evaluates_conditions_in_the_database(qdb):
    assert Q(pages__gt=10).check({"pages": 20}, using=qdb.alias)
    assert not Q(pages__gt=10).check({"pages": 5}, using=qdb.alias)
    assert Q(title__startswith="a").check({"title": "abc"}, using=qdb.alias)


def test_reverse_and_double_negation(shop):
    assert [b.title for b in Book.objects.order_by("pages").reverse()] == ["long", "mid", "short"]
    assert sorted(b.title for b in Book.objects.exclude(~Q(pages__gt=100))) == ["long", "mid"]


def test_f_on_both_sides_and_update_with_f(shop):
    Book.objects.update(rating=F("pages") / 100)
    assert sorted(Book.objects.filter(rating__gte=F("pages") / 200).values_list("title", flat=True)) == [
        "long", "mid", "short",
    ]  # fmt: skip


def test_self_referencing_relations(qdb):
    root = Tag.objects.create(name="root")
    child = Tag.objects.create(name="child", parent=root)
    Tag.objects.create(name="grandchild", parent=child)
    assert [t.name for t in Tag.objects.filter(parent__parent__name="root")] == ["grandchild"]
    assert [t.name for t in Tag.objects.filter(children__children__name="grandchild")] == ["root"]
    assert [t.name for t in Tag.objects.filter(parent__isnull=True)] == ["root"]


def test_m2m_symmetrical_self_relation(qdb):
    a = Author.objects.create(name="a")
    b = Author.objects.create(name="b")
    a.friends.add(b)
    assert [x.name for x in Author.objects.filter(friends=a)] == ["b"]
    assert [x.name for x in Author.objects.filter(friends__name="a")] == ["b"]
