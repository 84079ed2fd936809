"""CompositePrimaryKey models are saved, fetched and filtered by their tuple pk on each database."""

from __future__ import annotations

import pytest

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
