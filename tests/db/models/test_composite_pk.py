"""CompositePrimaryKey models are saved, fetched and filtered by their tuple pk on each database."""

from __future__ import annotations

import pytest

from django.db import models
from tests.db.models.app_models.models import CompositeItem


@pytest.fixture
def items(using):
    qs = CompositeItem.objects.using(using)
    return [
        qs.create(order_no=1, line=1, qty=5),
        qs.create(order_no=1, line=2),
        qs.create(order_no=2, line=1),
    ]


def test_create_then_get_by_tuple_pk(using, items):
    loaded = CompositeItem.objects.using(using).get(pk=(1, 2))
    assert (loaded.order_no, loaded.line, loaded.pk) == (1, 2, (1, 2))
    assert CompositeItem.objects.using(using).get(pk=(1, 1)).qty == 5


def test_filter_pk_in_and_exclude(using, items):
    qs = CompositeItem.objects.using(using)
    assert sorted(item.pk for item in qs.filter(pk__in=[(1, 1), (2, 1), (9, 9)])) == [(1, 1), (2, 1)]
    assert sorted(item.pk for item in qs.exclude(pk=(1, 1))) == [(1, 2), (2, 1)]
    assert qs.filter(pk__in=[]).count() == 0


def test_save_updates_the_row_with_that_pk(using, items):
    item = CompositeItem.objects.using(using).get(pk=(1, 1))
    item.qty = 42
    item.save(using=using)
    assert CompositeItem.objects.using(using).get(pk=(1, 1)).qty == 42
    assert CompositeItem.objects.using(using).count() == 3


def test_refresh_values_list_and_delete(using, items):
    qs = CompositeItem.objects.using(using)
    item = items[0]
    qs.filter(pk=(1, 1)).update(qty=7)
    item.refresh_from_db(using=using)
    assert item.qty == 7
    item.delete(using=using)
    assert sorted(item.pk for item in qs.all()) == [(1, 2), (2, 1)]
    assert qs.filter(pk=(1, 1)).exists() is False


def test_pk_lookup_needs_a_tuple_of_the_right_length(using, items):
    with pytest.raises(ValueError, match="must be a tuple or a list"):
        list(CompositeItem.objects.using(using).filter(pk=1))
    with pytest.raises(ValueError, match="must have 2 elements"):
        list(CompositeItem.objects.using(using).filter(pk=(1, 2, 3)))


def test_generated_field_column_is_computed_by_the_database(using):
    from tests.db.models.app_models.models import Rectangle

    qs = Rectangle.objects.using(using)
    qs.create(width=3, height=4)
    qs.create(width=2, height=2)
    assert sorted(qs.values_list("area", flat=True)) == [4, 12]
    assert qs.get(area=12).width == 3
    qs.filter(width=2).update(width=5)
    assert qs.get(height=2).area == 10


# -- the composite pk as a selected value, a sort key and a comparable ---------------------------


def test_values_list_pk_is_one_tuple_per_row(using, items):
    qs = CompositeItem.objects.using(using).order_by("pk")
    assert list(qs.values_list("pk")) == [((1, 1),), ((1, 2),), ((2, 1),)]
    assert list(qs.values_list("pk", flat=True)) == [(1, 1), (1, 2), (2, 1)]
    assert list(qs.values_list("qty", "pk")) == [(5, (1, 1)), (1, (1, 2)), (1, (2, 1))]
    rows = list(qs.values_list("pk", "line", named=True))
    assert [(row.pk, row.line) for row in rows] == [((1, 1), 1), ((1, 2), 2), ((2, 1), 1)]


def test_values_pk_is_a_tuple_under_the_name_pk(using, items):
    qs = CompositeItem.objects.using(using).order_by("pk")
    assert list(qs.values("pk")) == [{"pk": (1, 1)}, {"pk": (1, 2)}, {"pk": (2, 1)}]
    assert list(qs.filter(pk=(1, 1)).values("order_no", "pk", "qty")) == [
        {"order_no": 1, "pk": (1, 1), "qty": 5}
    ]
    assert qs.values("pk").get(pk=(2, 1)) == {"pk": (2, 1)}


def test_values_pk_through_first_slicing_iterator_and_annotations(using, items):
    qs = CompositeItem.objects.using(using).order_by("pk")
    assert qs.values_list("pk", flat=True).first() == (1, 1)
    assert qs.values_list("pk", flat=True).last() == (2, 1)
    assert list(qs.values_list("pk", flat=True)[1:2]) == [(1, 2)]
    assert list(qs.values_list("pk", flat=True).iterator(chunk_size=1)) == [(1, 1), (1, 2), (2, 1)]
    assert list(qs.annotate(key=models.F("pk")).values_list("key", flat=True)) == [(1, 1), (1, 2), (2, 1)]
    counted = qs.values("pk").annotate(n=models.Count("qty"))
    assert list(counted) == [{"pk": (1, 1), "n": 1}, {"pk": (1, 2), "n": 1}, {"pk": (2, 1), "n": 1}]
    assert qs.values_list("pk").distinct().count() == 3
    assert list(qs.values_list("pk", flat=True).distinct()) == [(1, 1), (1, 2), (2, 1)]


def test_ordering_by_pk_sorts_by_each_key_column(using, items):
    qs = CompositeItem.objects.using(using)
    assert [item.pk for item in qs.order_by("-pk")] == [(2, 1), (1, 2), (1, 1)]
    assert [item.pk for item in qs.order_by("pk").reverse()] == [(2, 1), (1, 2), (1, 1)]
    assert [item.pk for item in qs.order_by(models.F("pk").desc())] == [(2, 1), (1, 2), (1, 1)]
    assert (qs.order_by("pk").first().pk, qs.order_by("pk").last().pk) == ((1, 1), (2, 1))
    sql = qs.order_by("-pk").query.get_compiler(using).as_sql()[0]
    assert sql.endswith("ORDER BY {0}.{1} DESC, {0}.{2} DESC".format(*_quoted(using, "order_no", "line")))


def _quoted(using, *columns):
    from django.db import connections

    qn = connections[using].ops.quote_name
    return [qn(CompositeItem._meta.db_table), *(qn(column) for column in columns)]


@pytest.mark.parametrize(
    ("lookup", "expected"),
    [
        ("gt", [(1, 2), (2, 1)]),
        ("gte", [(1, 1), (1, 2), (2, 1)]),
        ("lt", []),
        ("lte", [(1, 1)]),
    ],
)
def test_pk_comparisons_follow_the_key_columns_in_order(using, items, lookup, expected):
    qs = CompositeItem.objects.using(using)
    assert sorted(item.pk for item in qs.filter(**{f"pk__{lookup}": (1, 1)})) == expected


def test_pk_comparisons_across_the_first_column(using, items):
    qs = CompositeItem.objects.using(using)
    assert sorted(item.pk for item in qs.filter(pk__lt=(2, 0))) == [(1, 1), (1, 2)]
    assert sorted(item.pk for item in qs.filter(pk__gte=(1, 2), pk__lte=(2, 1))) == [(1, 2), (2, 1)]
    with pytest.raises(ValueError, match="'gt' lookup of 'pk' must be a tuple or a list"):
        qs.filter(pk__gt=5)
    with pytest.raises(ValueError, match="cannot compare None"):
        qs.filter(pk__lt=(1, None))


def test_pk_in_a_subquery_of_keys(using, items):
    qs = CompositeItem.objects.using(using)
    first_order = qs.filter(order_no=1)
    assert sorted(item.pk for item in qs.filter(pk__in=first_order.values("pk"))) == [(1, 1), (1, 2)]
    assert sorted(item.pk for item in qs.filter(pk__in=first_order.values_list("pk"))) == [(1, 1), (1, 2)]
    # A queryset of the model stands for its keys.
    assert sorted(item.pk for item in qs.exclude(pk__in=qs.filter(qty=5))) == [(1, 2), (2, 1)]
    with pytest.raises(ValueError, match="must select 2 columns, not 1"):
        qs.filter(pk__in=first_order.values("qty"))


def test_pk_tuple_may_hold_expressions(using, items):
    qs = CompositeItem.objects.using(using)
    # line = order_no: (1, 1) only; line = 1 with order_no from the row itself: (1, 1) and (2, 1).
    assert [item.pk for item in qs.filter(pk=(models.F("line"), 1))] == [(1, 1)]
    assert sorted(item.pk for item in qs.filter(pk=(models.F("order_no"), 1))) == [(1, 1), (2, 1)]


def test_key_parts_are_converted_by_their_own_fields(using):
    import datetime
    import uuid

    from tests.db.models.app_models.models import DatedSlot

    refs = [uuid.UUID(int=1), uuid.UUID(int=2)]
    qs = DatedSlot.objects.using(using)
    qs.create(day=datetime.date(2024, 2, 29), ref=refs[1], label="b")
    qs.create(day=datetime.date(2024, 2, 29), ref=refs[0], label="a")
    qs.create(day=datetime.date(2023, 12, 31), ref=refs[1], label="c")
    keys = list(qs.order_by("pk").values_list("pk", flat=True))
    assert keys == [
        (datetime.date(2023, 12, 31), refs[1]),
        (datetime.date(2024, 2, 29), refs[0]),
        (datetime.date(2024, 2, 29), refs[1]),
    ]
    assert all(isinstance(day, datetime.date) and isinstance(ref, uuid.UUID) for day, ref in keys)
    assert qs.values("pk", "label").get(pk=keys[1]) == {"pk": keys[1], "label": "a"}
    assert list(qs.filter(pk__gt=keys[1]).values_list("label", flat=True)) == ["b"]
