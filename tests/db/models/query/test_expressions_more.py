"""StringAgg and AnyValue (6.0), RawSQL, Func's template/arg_joiner and FOR NO KEY UPDATE on each database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from django.db import NotSupportedError, transaction
from django.db.models import (
    AnyValue,
    BooleanField,
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    Q,
    StringAgg,
    Value,
)
from django.db.models.expressions import RawSQL

from .qapp.models import Author, Book, Publisher


@pytest.fixture
def shop(qdb):
    acme = Publisher.objects.create(name="Acme", num_awards=3)
    zeta = Publisher.objects.create(name="Zeta", num_awards=1)
    Publisher.objects.create(name="Empty", num_awards=0)
    Book.objects.create(title="b", pages=300, price=Decimal("30.00"), publisher=acme)
    Book.objects.create(title="a", pages=100, price=Decimal("10.00"), publisher=acme)
    Book.objects.create(title="c", pages=200, price=Decimal("20.00"), publisher=zeta)
    Book.objects.create(title="c", pages=250, price=Decimal("25.00"), publisher=zeta)
    return acme, zeta


def _ordered_aggregates(qdb):
    # GROUP_CONCAT's own ORDER BY serves MySQL/MariaDB; SQLite needs 3.44 for an aggregate's ORDER BY.
    return qdb.features.supports_aggregate_order_by_clause or qdb.vendor == "mysql"


def test_string_agg_joins_each_groups_values_in_the_given_order(shop, qdb):
    if not _ordered_aggregates(qdb):
        with pytest.raises(NotSupportedError, match="does not support specifying an order on aggregates"):
            Book.objects.aggregate(titles=StringAgg("title", Value(","), order_by="title"))
        return
    qs = Publisher.objects.annotate(
        titles=StringAgg("books__title", Value(", "), order_by="books__title", default=Value(""))
    ).order_by("name")
    assert [(p.name, p.titles) for p in qs] == [("Acme", "a, b"), ("Empty", ""), ("Zeta", "c, c")]
    newest_first = Publisher.objects.filter(name="Acme").aggregate(
        titles=StringAgg("books__title", Value("|"), order_by=F("books__pages").desc())
    )
    assert newest_first == {"titles": "b|a"}


def test_string_agg_filter_and_empty_default(shop, qdb):
    result = Book.objects.filter(pages__gte=200).aggregate(
        big=StringAgg("title", Value("-"), filter=Q(pages__gte=300)),
        none=StringAgg("title", Value("-"), filter=Q(pages__gt=1000)),
        fallback=StringAgg("title", Value("-"), filter=Q(pages__gt=1000), default=Value("nothing")),
    )
    assert result == {"big": "b", "none": None, "fallback": "nothing"}
    if _ordered_aggregates(qdb):
        ordered = StringAgg("title", Value("-"), filter=Q(pages__gte=250), order_by="pages")
        assert Book.objects.aggregate(big=ordered) == {"big": "c-b"}


def test_string_agg_distinct(shop, qdb):
    aggregate = StringAgg("title", Value(","), distinct=True)
    if qdb.vendor == "sqlite":
        # SQLite's GROUP_CONCAT(DISTINCT x) cannot also take a separator.
        with pytest.raises(NotSupportedError, match="StringAgg\\(distinct=True\\)"):
            Book.objects.aggregate(titles=aggregate)
        return
    assert Book.objects.filter(publisher__name="Zeta").aggregate(titles=aggregate) == {"titles": "c"}


def test_any_value_picks_a_value_of_each_group(shop, qdb):
    qs = (
        Book.objects.values("publisher__name")
        .annotate(some_title=AnyValue("title"), n=Count("id"))
        .order_by("publisher__name")
    )
    if not qdb.features.supports_any_value and qdb.vendor != "sqlite":
        with pytest.raises(NotSupportedError, match="ANY_VALUE is not supported"):
            list(qs)
        return
    rows = list(qs)
    assert [(row["publisher__name"], row["n"]) for row in rows] == [("Acme", 2), ("Zeta", 2)]
    assert rows[0]["some_title"] in {"a", "b"} and rows[1]["some_title"] == "c"


def test_raw_sql_in_annotate_filter_and_order_by(shop):
    table = Book._meta.db_table
    doubled = RawSQL(f"{table}.pages * %s", (2,), output_field=IntegerField())
    qs = Book.objects.annotate(doubled=doubled).filter(doubled__gt=250).order_by("doubled")
    assert [(b.pages, b.doubled) for b in qs] == [(200, 400), (250, 500), (300, 600)]
    # Values stay bound parameters, even hostile ones.
    hostile = "x'; DROP TABLE people; --"
    raw_filter = RawSQL(f"{table}.title <> %s", (hostile,), output_field=BooleanField())
    assert Book.objects.filter(Q(raw_filter)).count() == 4
    by_raw = Book.objects.order_by(RawSQL(f"{table}.pages", ()).desc())
    assert [b.pages for b in by_raw] == [300, 250, 200, 100]


class Summed(Func):
    """A user's Func: its own template, and arguments joined by a custom joiner."""

    template = "(%(expressions)s)"
    arg_joiner = " + "
    output_field = IntegerField()


def test_func_template_and_arg_joiner(shop, qdb):
    qs = Book.objects.annotate(total=Summed(F("pages"), Value(1), F("pages"))).filter(pages=100)
    sql = qs.query.get_compiler(qdb.alias).as_sql()[0]
    assert " + %s + " in sql
    assert qs.get().total == 201
    upper = Func(F("title"), function="UPPER", output_field=CharField())
    assert Book.objects.annotate(u=upper).get(pages=300).u == "B"
    coalesced = Func(
        F("editor_id"),
        F("pages"),
        template="%(function)s(%(expressions)s)",
        function="COALESCE",
        arg_joiner=", ",
        output_field=IntegerField(),
    )
    assert Book.objects.annotate(c=coalesced).get(pages=200).c == 200


def test_select_for_no_key_update(shop, qdb):
    qs = Author.objects.select_for_update(no_key=True)
    if not qdb.features.has_select_for_update:
        return  # SQLite: locking clauses are dropped, as the docs say
    with transaction.atomic(using=qdb.alias):
        if not qdb.features.has_select_for_no_key_update:
            with pytest.raises(NotSupportedError, match="FOR NO KEY UPDATE is not supported"):
                list(qs)
            return
        sql = qs.query.get_compiler(qdb.alias).as_sql()[0]
        assert sql.endswith("FOR NO KEY UPDATE")
        assert list(qs) == []
        locked = Book.objects.select_for_update(no_key=True, skip_locked=True).filter(pages__gt=200)
        assert sorted(b.pages for b in locked) == [250, 300]
