"""Filtering on real databases: lookups, relations in both directions, Q objects, exclude()."""

from __future__ import annotations

import datetime

import pytest

from django.core.exceptions import FieldError
from django.db.models import F, Q

from .qapp.models import Author, Book, Entry, Publisher, Tag


@pytest.fixture
def shop(qdb):
    """Two publishers, three authors, four books."""
    acme = Publisher.objects.create(name="Acme", num_awards=3)
    zeta = Publisher.objects.create(name="Zeta Press", num_awards=0)
    ann = Author.objects.create(name="Ann", age=40, rating=4.5)
    bob = Author.objects.create(name="Bob", age=25)
    cid = Author.objects.create(name="Cid", age=60, rating=2.0)
    b1 = Book.objects.create(
        title="Alpha",
        pages=100,
        price="10.00",
        rating=4.0,
        publisher=acme,
        pubdate=datetime.date(2020, 5, 17),
        editor=ann,
    )
    b2 = Book.objects.create(
        title="Beta", pages=250, price="25.50", rating=3.0, publisher=acme, pubdate=datetime.date(2021, 1, 1)
    )
    b3 = Book.objects.create(
        title="Gamma",
        pages=50,
        price="5.25",
        rating=5.0,
        publisher=zeta,
        pubdate=datetime.date(2021, 12, 31),
        editor=bob,
    )
    b4 = Book.objects.create(title="delta", pages=400, price="40.00", rating=1.0, publisher=None)
    b1.authors.add(ann, bob)
    b2.authors.add(ann)
    b3.authors.add(cid)
    return {
        "acme": acme,
        "zeta": zeta,
        "ann": ann,
        "bob": bob,
        "cid": cid,
        "b1": b1,
        "b2": b2,
        "b3": b3,
        "b4": b4,
    }


def titles(qs):
    return sorted(b.title for b in qs)


def test_exact_iexact_and_none_means_isnull(shop):
    assert titles(Book.objects.filter(title="Alpha")) == ["Alpha"]
    assert titles(Book.objects.filter(title__iexact="DELTA")) == ["delta"]
    assert titles(Book.objects.filter(publisher=None)) == ["delta"]
    assert titles(Book.objects.filter(publisher__isnull=False)) == ["Alpha", "Beta", "Gamma"]


def test_comparison_and_range_lookups(shop):
    assert titles(Book.objects.filter(pages__gt=100)) == ["Beta", "delta"]
    assert titles(Book.objects.filter(pages__gte=100, pages__lt=300)) == ["Alpha", "Beta"]
    assert titles(Book.objects.filter(pages__lte=50)) == ["Gamma"]
    assert titles(Book.objects.filter(pages__range=(60, 260))) == ["Alpha", "Beta"]
    assert titles(Book.objects.filter(price__gt="20")) == ["Beta", "delta"]


def test_integer_lookups_round_float_values_up(shop):
    """pages >= 99.5 means pages >= 100; pages < 100.5 means pages < 101."""
    assert titles(Book.objects.filter(pages__gte=99.5, pages__lt=100.5)) == ["Alpha"]


def test_pattern_lookups(shop):
    assert titles(Book.objects.filter(title__contains="ta")) == ["Beta", "delta"]
    assert titles(Book.objects.filter(title__icontains="A")) == ["Alpha", "Beta", "Gamma", "delta"]
    assert titles(Book.objects.filter(title__startswith="A")) == ["Alpha"]
    assert titles(Book.objects.filter(title__istartswith="d")) == ["delta"]
    assert titles(Book.objects.filter(title__endswith="ma")) == ["Gamma"]
    assert titles(Book.objects.filter(title__iendswith="TA")) == ["Beta", "delta"]


def test_pattern_lookups_escape_wildcards(qdb):
    Tag.objects.create(name="100% sure")
    Tag.objects.create(name="1000 sure")
    Tag.objects.create(name="a_b")
    Tag.objects.create(name="axb")
    assert [t.name for t in Tag.objects.filter(name__contains="0%")] == ["100% sure"]
    assert [t.name for t in Tag.objects.filter(name__contains="_")] == ["a_b"]
    assert [t.name for t in Tag.objects.filter(name__startswith="a_")] == ["a_b"]


def test_regex_lookups(shop):
    assert titles(Book.objects.filter(title__regex=r"^[AB]")) == ["Alpha", "Beta"]
    assert titles(Book.objects.filter(title__iregex=r"^d.*a$")) == ["delta"]


def test_in_lookup_with_list_empty_list_and_none(shop):
    assert titles(Book.objects.filter(pages__in=[50, 100, 999])) == ["Alpha", "Gamma"]
    assert titles(Book.objects.filter(pages__in=[])) == []
    assert titles(Book.objects.filter(pages__in=[None, 50])) == ["Gamma"]
    assert titles(Book.objects.exclude(pages__in=[])) == ["Alpha", "Beta", "Gamma", "delta"]


def test_in_lookup_with_subquery(shop):
    editors = Book.objects.filter(editor__isnull=False).values("editor")
    assert sorted(a.name for a in Author.objects.filter(pk__in=editors)) == ["Ann", "Bob"]
    assert sorted(a.name for a in Author.objects.filter(pk__in=Author.objects.filter(age__gt=30))) == [
        "Ann",
        "Cid",
    ]


def test_date_transforms(shop):
    assert titles(Book.objects.filter(pubdate__year=2021)) == ["Beta", "Gamma"]
    assert titles(Book.objects.filter(pubdate__year__gte=2021)) == ["Beta", "Gamma"]
    assert titles(Book.objects.filter(pubdate__month=5)) == ["Alpha"]
    assert titles(Book.objects.filter(pubdate__day=31)) == ["Gamma"]
    assert titles(Book.objects.filter(pubdate__quarter=4)) == ["Gamma"]
    # 2020-05-17 was a Sunday: week_day 1, iso_week_day 7.
    assert titles(Book.objects.filter(pubdate__week_day=1)) == ["Alpha"]
    assert titles(Book.objects.filter(pubdate__iso_week_day=7)) == ["Alpha"]
    assert titles(Book.objects.filter(pubdate__week=20)) == ["Alpha"]
    # 2021-01-01 belongs to ISO year 2020 (week 53).
    assert titles(Book.objects.filter(pubdate__iso_year=2020)) == ["Alpha", "Beta"]


def test_datetime_transforms(qdb):
    utc = datetime.UTC
    Entry.objects.create(headline="morning", published=datetime.datetime(2022, 3, 4, 9, 15, 30, tzinfo=utc))
    Entry.objects.create(headline="evening", published=datetime.datetime(2022, 3, 5, 21, 45, 5, tzinfo=utc))
    names = lambda qs: sorted(e.headline for e in qs)  # noqa: E731
    assert names(Entry.objects.filter(published__date=datetime.date(2022, 3, 4))) == ["morning"]
    assert names(Entry.objects.filter(published__hour__gte=12)) == ["evening"]
    assert names(Entry.objects.filter(published__minute=15)) == ["morning"]
    assert names(Entry.objects.filter(published__second=5)) == ["evening"]
    assert names(Entry.objects.filter(published__time__lt=datetime.time(12))) == ["morning"]
    assert names(Entry.objects.filter(published__year=2022, published__month=3)) == ["evening", "morning"]


def test_forward_and_reverse_relation_lookups(shop):
    assert titles(Book.objects.filter(publisher__name="Acme")) == ["Alpha", "Beta"]
    assert titles(Book.objects.filter(authors__name="Cid")) == ["Gamma"]
    assert sorted(p.name for p in Publisher.objects.filter(books__title="Gamma")) == ["Zeta Press"]
    assert sorted(a.name for a in Author.objects.filter(books__publisher__name="Acme").distinct()) == [
        "Ann",
        "Bob",
    ]
    assert titles(Book.objects.filter(publisher=shop["acme"])) == ["Alpha", "Beta"]
    assert titles(Book.objects.filter(publisher__in=[shop["zeta"]])) == ["Gamma"]


def test_q_objects_and_or_xor_not(shop):
    assert titles(Book.objects.filter(Q(pages__lt=60) | Q(pages__gt=300))) == ["Gamma", "delta"]
    assert titles(Book.objects.filter(Q(pages__gt=60) & Q(rating__gte=3))) == ["Alpha", "Beta"]
    assert titles(Book.objects.filter(~Q(publisher__name="Acme"))) == ["Gamma", "delta"]
    assert titles(Book.objects.filter(Q(pages__gt=90) ^ Q(rating__gt=2))) == ["Gamma", "delta"]
    three = Q(pages__gt=90) ^ Q(rating__gt=2) ^ Q(title__startswith="A")
    assert titles(Book.objects.filter(three)) == ["Alpha", "Gamma", "delta"]


def test_or_across_nullable_relation_keeps_rows_without_relation(shop):
    qs = Book.objects.filter(Q(publisher__name="Zeta Press") | Q(pages=400))
    assert titles(qs) == ["Gamma", "delta"]


def test_queryset_operators(shop):
    a = Book.objects.filter(pages__lt=200)
    b = Book.objects.filter(rating__gte=4)
    assert titles(a & b) == ["Alpha", "Gamma"]
    assert titles(a | b) == ["Alpha", "Gamma"]
    assert titles(Book.objects.filter(pages=250) | Book.objects.filter(pages=400)) == ["Beta", "delta"]
    assert titles(a ^ Book.objects.filter(title="Alpha")) == ["Gamma"]


def test_f_expressions_in_filters(shop):
    assert titles(Book.objects.filter(rating__gt=F("pages") / 50)) == ["Alpha", "Gamma"]
    assert sorted(a.name for a in Author.objects.filter(edited__pages__lt=F("age") * 3)) == ["Ann", "Bob"]


def test_exclude_multivalued_relation_excludes_any_match(shop):
    """exclude(authors__name="Ann") drops every book that has Ann among its authors."""
    assert titles(Book.objects.exclude(authors__name="Ann")) == ["Gamma", "delta"]
    # Within one exclude() call, conditions need not match the same author.
    assert titles(Book.objects.exclude(authors__name="Ann", authors__age=25)) == ["Beta", "Gamma", "delta"]


def test_filter_chaining_on_multivalued_relations(shop):
    """One filter() call: same related row; chained filter() calls: possibly different rows."""
    same = Book.objects.filter(authors__name="Bob", authors__age=40)
    assert titles(same) == []
    chained = Book.objects.filter(authors__name="Bob").filter(authors__age=40)
    assert titles(chained) == ["Alpha"]


def test_exclude_nullable_field_keeps_nulls(shop):
    assert titles(Book.objects.exclude(editor__name="Ann")) == ["Beta", "Gamma", "delta"]
    assert sorted(a.name for a in Author.objects.exclude(rating=4.5)) == ["Bob", "Cid"]


def test_unknown_field_error_lists_choices(qdb):
    with pytest.raises(FieldError) as info:
        list(Publisher.objects.filter(nme="x"))
    message = str(info.value)
    assert message.startswith("Cannot resolve keyword 'nme' into field. Choices are: ")
    assert "books, id, name, num_awards" in message


def test_unknown_lookup_suggests_close_names(qdb):
    with pytest.raises(FieldError) as info:
        Publisher.objects.filter(name__icontain="x")
    assert str(info.value) == (
        "Unsupported lookup 'icontain' for CharField or join on the field not permitted, perhaps you meant "
        "icontains or contains?"
    )


def test_bad_lookup_values(qdb):
    with pytest.raises(ValueError, match="Cannot use None as a query value"):
        Publisher.objects.filter(num_awards__gt=None)
    with pytest.raises(ValueError, match="isnull lookup must be True or False"):
        list(Publisher.objects.filter(name__isnull="yes"))
    with pytest.raises(ValueError, match="Field 'num_awards' expected a number"):
        Publisher.objects.filter(num_awards="many")


def test_hostile_text_is_bound_not_interpolated(qdb):
    hostile = "x'); DROP TABLE query_tests_tag; --"
    Tag.objects.create(name=hostile)
    assert Tag.objects.get(name=hostile).name == hostile
    assert Tag.objects.filter(name__contains="'); DROP").count() == 1


def test_exclude_multivalued_with_f_refers_to_the_outer_row(qdb):
    ann = Author.objects.create(name="Same")
    other = Author.objects.create(name="Other")
    Book.objects.create(title="Same").authors.add(ann)
    Book.objects.create(title="Different").authors.add(other)
    assert titles(Book.objects.exclude(authors__name=F("title"))) == ["Different"]
    assert titles(Book.objects.filter(authors__name=F("title"))) == ["Same"]


def test_filter_on_annotation_with_transform_and_ordering_by_it(shop):
    from django.db.models import Count

    qs = Publisher.objects.annotate(n=Count("books")).filter(n__gte=1).order_by("-n", "name")
    assert [(p.name, p.n) for p in qs] == [("Acme", 2), ("Zeta Press", 1)]
    assert Publisher.objects.annotate(n=Count("books")).filter(n__in=[0]).count() == 0
