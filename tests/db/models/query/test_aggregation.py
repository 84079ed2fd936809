"""Annotations, aggregation, GROUP BY, conditional expressions, subqueries and window functions."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import FieldError
from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    RowRange,
    StdDev,
    Subquery,
    Sum,
    Value,
    Variance,
    When,
    Window,
)
from django.db.models.functions import Coalesce, DenseRank, Lag, Rank, RowNumber

from .qapp.models import Author, Book, Publisher


@pytest.fixture
def shop(qdb):
    acme = Publisher.objects.create(name="Acme", num_awards=3)
    zeta = Publisher.objects.create(name="Zeta", num_awards=1)
    Publisher.objects.create(name="Empty", num_awards=0)
    ann = Author.objects.create(name="Ann", age=40)
    bob = Author.objects.create(name="Bob", age=20)
    Author.objects.create(name="Cid", age=60)
    b1 = Book.objects.create(title="A", pages=100, price=Decimal("10.00"), rating=4.0, publisher=acme)
    b2 = Book.objects.create(title="B", pages=300, price=Decimal("30.00"), rating=2.0, publisher=acme)
    b3 = Book.objects.create(title="C", pages=200, price=Decimal("20.50"), rating=5.0, publisher=zeta)
    b1.authors.add(ann, bob)
    b2.authors.add(ann)
    b3.authors.add(bob)
    return locals()


def test_aggregate_functions(shop):
    result = Book.objects.aggregate(
        Sum("pages"), Avg("pages"), Max("price"), Min("rating"), Count("id"), total=Sum("price")
    )
    assert result == {
        "pages__sum": 600,
        "pages__avg": 200.0,
        "price__max": Decimal("30.00"),
        "rating__min": 2.0,
        "id__count": 3,
        "total": Decimal("60.50"),
    }


def test_aggregate_over_empty_set_and_default(shop):
    empty = Book.objects.filter(pages__gt=1000)
    assert empty.aggregate(n=Count("id"), s=Sum("pages")) == {"n": 0, "s": None}
    assert empty.aggregate(s=Sum("pages", default=0)) == {"s": 0}
    assert Book.objects.none().aggregate(s=Sum("pages", default=5)) == {"s": 5}


def test_count_distinct_and_filter(shop):
    assert Book.objects.aggregate(n=Count("authors", distinct=True)) == {"n": 2}
    assert Book.objects.aggregate(n=Count("authors")) == {"n": 4}
    assert Book.objects.aggregate(n=Count("id", filter=Q(pages__gt=150))) == {"n": 2}


def test_stddev_and_variance(shop):
    result = Book.objects.aggregate(
        sd=StdDev("pages"), var=Variance("pages"), svar=Variance("pages", sample=True)
    )
    assert float(result["var"]) == pytest.approx(20000 / 3, rel=1e-6)
    assert float(result["sd"]) == pytest.approx((20000 / 3) ** 0.5, rel=1e-5)
    assert float(result["svar"]) == pytest.approx(10000.0, rel=1e-6)


def test_annotate_groups_by_model(shop):
    counts = {a.name: a.n for a in Author.objects.annotate(n=Count("books"))}
    assert counts == {"Ann": 2, "Bob": 2, "Cid": 0}
    pubs = {p.name: p.pages for p in Publisher.objects.annotate(pages=Sum("books__pages"))}
    assert pubs == {"Acme": 400, "Zeta": 200, "Empty": None}


def test_filter_on_annotation_becomes_having(shop):
    assert sorted(a.name for a in Author.objects.annotate(n=Count("books")).filter(n__gte=2)) == [
        "Ann",
        "Bob",
    ]
    assert [a.name for a in Author.objects.annotate(n=Count("books")).filter(n=0)] == ["Cid"]


def test_values_annotate_groups_by_values(shop):
    rows = list(
        Book.objects.values("publisher__name")
        .annotate(n=Count("id"), pages=Sum("pages"))
        .order_by("publisher__name")
    )
    assert rows == [
        {"publisher__name": "Acme", "n": 2, "pages": 400},
        {"publisher__name": "Zeta", "n": 1, "pages": 200},
    ]


def test_aggregate_over_annotation_uses_subquery(shop):
    result = Author.objects.annotate(n=Count("books")).aggregate(most=Max("n"), total=Sum("n"))
    assert result == {"most": 2, "total": 4}
    assert Book.objects.all()[:2].aggregate(n=Count("id")) == {"n": 2}


def test_count_of_distinct_and_sliced_querysets(shop):
    assert Author.objects.filter(books__publisher__name="Acme").count() == 3
    assert Author.objects.filter(books__publisher__name="Acme").distinct().count() == 2
    assert Book.objects.all()[1:].count() == 2


def test_aggregate_errors(shop):
    with pytest.raises(TypeError, match="Complex aggregates require an alias"):
        Book.objects.aggregate(Sum("pages") + 1)
    with pytest.raises(TypeError, match="n is not an aggregate expression"):
        Book.objects.aggregate(n=F("pages"))
    with pytest.raises(FieldError, match="Cannot compute Sum\\('n'\\): 'n' is an aggregate"):
        Author.objects.annotate(n=Count("books")).annotate(s=Sum("n"))


def test_f_arithmetic_and_mixed_types(shop):
    rows = {b.title: b.score for b in Book.objects.annotate(score=F("pages") * 2 + 1)}
    assert rows == {"A": 201, "B": 601, "C": 401}
    with pytest.raises(FieldError, match="Expression contains mixed types|Cannot infer type"):
        list(Book.objects.annotate(x=F("price") + F("rating")))
    wrapped = Book.objects.annotate(
        x=ExpressionWrapper(
            F("price") * F("pages"), output_field=DecimalField(max_digits=12, decimal_places=2)
        )
    ).get(title="A")
    assert wrapped.x == Decimal("1000")


def test_bitwise_operators(qdb):
    from .qapp.models import Entry

    Entry.objects.create(headline="x", flags=0b1100)
    row = Entry.objects.annotate(
        a=F("flags").bitand(0b0100),
        o=F("flags").bitor(1),
        x=F("flags").bitxor(0b1000),
        s=F("flags").bitleftshift(1),
    ).get()
    assert (row.a, row.o, row.x, row.s) == (4, 13, 4, 24)
    with pytest.raises(NotImplementedError, match="Use .bitand\\(\\), .bitor\\(\\), and .bitxor\\(\\)"):
        F("flags") & 1


def test_case_when(shop):
    label = Case(
        When(pages__gte=300, then=Value("long")),
        When(pages__gte=150, then=Value("medium")),
        default=Value("short"),
    )
    assert {b.title: b.size for b in Book.objects.annotate(size=label)} == {
        "A": "short",
        "B": "long",
        "C": "medium",
    }
    counts = Book.objects.aggregate(long=Count(Case(When(pages__gt=150, then=1))))
    assert counts == {"long": 2}
    with pytest.raises(TypeError, match="When\\(\\) supports a Q object, a boolean expression, or lookups"):
        When(then=1)


def test_conditional_update_with_case(shop):
    Book.objects.update(rating=Case(When(pages__gt=150, then=Value(1.0)), default=Value(0.0)))
    assert sorted(Book.objects.values_list("title", "rating")) == [("A", 0.0), ("B", 1.0), ("C", 1.0)]


def test_subquery_and_outerref(shop):
    longest = Book.objects.filter(publisher=OuterRef("pk")).order_by("-pages").values("title")[:1]
    rows = {p.name: p.longest for p in Publisher.objects.annotate(longest=Subquery(longest))}
    assert rows == {"Acme": "B", "Zeta": "C", "Empty": None}


def test_exists_filter_and_annotation(shop):
    has_books = Exists(Book.objects.filter(publisher=OuterRef("pk")))
    assert sorted(p.name for p in Publisher.objects.filter(has_books)) == ["Acme", "Zeta"]
    assert [p.name for p in Publisher.objects.filter(~has_books)] == ["Empty"]
    flags = {p.name: p.has for p in Publisher.objects.annotate(has=has_books)}
    assert flags == {"Acme": True, "Zeta": True, "Empty": False}


def test_nested_outerref(shop):
    inner = Book.objects.filter(publisher=OuterRef(OuterRef("pk")), pages__gt=150)
    middle = Author.objects.filter(Exists(inner.filter(authors=OuterRef("pk"))))
    result = Publisher.objects.annotate(
        n=Subquery(middle.values("pk").annotate(c=Count("pk")).values("c")[:1])
    )
    assert {p.name: p.n for p in result} == {"Acme": 1, "Zeta": 1, "Empty": None}


def test_coalesce_and_alias(shop):
    rows = (
        Publisher.objects.alias(pages=Sum("books__pages")).annotate(p=Coalesce("pages", 0)).order_by("name")
    )
    assert [(p.name, p.p) for p in rows] == [("Acme", 400), ("Empty", 0), ("Zeta", 200)]
    assert not hasattr(rows[0], "pages")
    with pytest.raises(
        FieldError, match="Cannot select the 'pages' alias. Use annotate\\(\\) to promote it."
    ):
        Publisher.objects.alias(pages=Sum("books__pages")).values("pages")


def test_order_by_annotation_and_expressions(shop):
    by_count = Author.objects.annotate(n=Count("books")).order_by("-n", "name")
    assert [a.name for a in by_count] == ["Ann", "Bob", "Cid"]
    assert [b.title for b in Book.objects.order_by(F("rating").desc())] == ["C", "A", "B"]
    Book.objects.filter(title="A").update(publisher=None)
    nulls_last = Book.objects.order_by(F("publisher__name").asc(nulls_last=True), "title")
    assert [b.title for b in nulls_last] == ["B", "C", "A"]
    nulls_first = Book.objects.order_by(F("publisher__name").desc(nulls_first=True), "title")
    assert [b.title for b in nulls_first] == ["A", "C", "B"]


def test_window_functions(qdb, shop):
    if not qdb.features.supports_over_clause:
        pytest.skip("no window functions")
    rows = Book.objects.annotate(
        rank=Window(Rank(), order_by=F("pages").desc()),
        row=Window(RowNumber(), partition_by=F("publisher"), order_by="pages"),
        dense=Window(DenseRank(), order_by=F("publisher_id").asc()),
        prev=Window(Lag("pages"), order_by="pages"),
        running=Window(Sum("pages"), order_by="pages", frame=RowRange(start=None, end=0)),
    ).order_by("pages")
    got = [(b.title, b.rank, b.row, b.prev, b.running) for b in rows]
    assert got == [("A", 3, 1, None, 100), ("C", 2, 1, 100, 300), ("B", 1, 2, 200, 600)]


def test_window_rejects_non_window_expressions():
    with pytest.raises(ValueError, match="Expression 'F' isn't compatible with OVER clauses."):
        Window(F("pages"))


def test_annotation_with_date_arithmetic(qdb):
    from .qapp.models import Entry

    utc = datetime.UTC
    Entry.objects.create(headline="x", published=datetime.datetime(2022, 1, 1, 12, tzinfo=utc))
    entry = Entry.objects.annotate(later=F("published") + datetime.timedelta(days=1, hours=1)).get()
    assert entry.later == datetime.datetime(2022, 1, 2, 13, tzinfo=utc)


def test_integer_annotation_types(shop):
    value = Book.objects.annotate(x=Value(5, output_field=IntegerField())).values_list("x", flat=True).first()
    assert value == 5


def test_filtering_against_window_functions(qdb, shop):
    if not qdb.features.supports_over_clause:
        pytest.skip("no window functions")
    ranked = Book.objects.annotate(
        rank=Window(Rank(), partition_by=F("publisher"), order_by=F("pages").desc())
    )
    top = ranked.filter(rank=1).order_by("title")
    assert [(b.title, b.rank) for b in top] == [("B", 1), ("C", 1)]
    # Plain conditions filter rows before the window is computed: A becomes Acme's first.
    assert sorted(b.title for b in ranked.filter(rank=1, pages__lt=250)) == ["A", "C"]
    either = ranked.filter(Q(rank=2) | Q(title="C")).order_by("-title")
    assert [b.title for b in either] == ["C", "A"]
    assert ranked.filter(rank=1).count() == 2
