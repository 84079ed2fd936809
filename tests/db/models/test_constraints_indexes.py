"""CheckConstraint, UniqueConstraint and Index: arguments, deconstruct, names and DDL."""

import pytest

from django.db import models
from django.db.models import Q
from tests.db.models.app_models.models import Ticket


def test_check_constraint_deconstruct_eq_repr():
    c = models.CheckConstraint(condition=Q(low__lte=models.F("high")), name="range")
    path, args, kwargs = c.deconstruct()
    assert path == "django.db.models.CheckConstraint"
    assert args == ()
    assert kwargs == {"condition": Q(low__lte=models.F("high")), "name": "range"}
    assert c == models.CheckConstraint(condition=Q(low__lte=models.F("high")), name="range")
    assert c != models.CheckConstraint(condition=Q(low__lt=1), name="range")
    assert repr(c) == "<CheckConstraint: condition=(AND: ('low__lte', F(high))) name='range'>"
    custom = models.CheckConstraint(
        condition=Q(low__gte=0), name="c", violation_error_code="neg", violation_error_message="No"
    )
    assert custom.deconstruct()[2] == {
        "condition": Q(low__gte=0),
        "name": "c",
        "violation_error_code": "neg",
        "violation_error_message": "No",
    }
    assert custom.clone() == custom


def test_unique_constraint_arguments_are_validated():
    with pytest.raises(ValueError, match="A unique constraint must be named."):
        models.UniqueConstraint(fields=["a"])
    with pytest.raises(ValueError, match="At least one field or expression is required"):
        models.UniqueConstraint(name="u")
    with pytest.raises(ValueError, match="UniqueConstraint.fields and expressions are mutually exclusive."):
        models.UniqueConstraint("a", fields=["a"], name="u")
    with pytest.raises(ValueError, match="UniqueConstraint with conditions cannot be deferred."):
        models.UniqueConstraint(
            fields=["a"], name="u", condition=Q(a=1), deferrable=models.Deferrable.DEFERRED
        )
    with pytest.raises(ValueError, match="UniqueConstraint.deferrable must be a Deferrable instance."):
        models.UniqueConstraint(fields=["a"], name="u", deferrable="deferred")
    with pytest.raises(ValueError, match="UniqueConstraint.condition must be a Q instance."):
        models.UniqueConstraint(fields=["a"], name="u", condition="a=1")
    with pytest.raises(ValueError, match="UniqueConstraint.nulls_distinct must be a bool."):
        models.UniqueConstraint(fields=["a"], name="u", nulls_distinct="no")
    with pytest.raises(ValueError, match="must have the same number of elements"):
        models.UniqueConstraint(fields=["a", "b"], name="u", opclasses=["x"])


def test_unique_constraint_deconstruct_and_repr():
    c = models.UniqueConstraint(
        fields=["a", "b"], name="u", condition=Q(a__gt=0), include=["c"], nulls_distinct=False
    )
    assert c.deconstruct() == (
        "django.db.models.UniqueConstraint",
        (),
        {
            "fields": ("a", "b"),
            "name": "u",
            "condition": Q(a__gt=0),
            "include": ("c",),
            "nulls_distinct": False,
        },
    )
    assert repr(c) == (
        "<UniqueConstraint: fields=('a', 'b') name='u' condition=(AND: ('a__gt', 0)) include=('c',) "
        "nulls_distinct=False>"
    )
    d = models.UniqueConstraint(fields=["a"], name="d", deferrable=models.Deferrable.DEFERRED)
    assert repr(d) == "<UniqueConstraint: fields=('a',) name='d' deferrable=Deferrable.DEFERRED>"
    e = models.UniqueConstraint(models.F("a"), name="e")
    assert e.contains_expressions and e.deconstruct()[1] == (models.F("a"),)
    assert c == c.clone() and c != d


def test_index_arguments_are_validated():
    with pytest.raises(ValueError, match="Index.fields must be a list or tuple."):
        models.Index(fields="a")
    with pytest.raises(ValueError, match="At least one field or expression is required to define an index."):
        models.Index()
    with pytest.raises(ValueError, match="An index must be named to use opclasses."):
        models.Index(fields=["a"], opclasses=["x"])
    with pytest.raises(ValueError, match="An index must be named to use condition."):
        models.Index(fields=["a"], condition=Q(a=1))
    with pytest.raises(ValueError, match="Index.fields and expressions are mutually exclusive."):
        models.Index("a", fields=["a"], name="i")
    with pytest.raises(ValueError, match="An index must be named to use expressions."):
        models.Index(models.F("a"))
    with pytest.raises(ValueError, match="A covering index must be named."):
        models.Index(fields=["a"], include=["b"])


def test_index_deconstruct_repr_and_name_generation():
    index = models.Index(fields=["-low", "high"], name="i", db_tablespace="ts")
    assert index.deconstruct() == (
        "django.db.models.Index",
        (),
        {"name": "i", "fields": ["-low", "high"], "db_tablespace": "ts"},
    )
    assert index.fields_orders == [("low", "DESC"), ("high", "")]
    assert repr(index) == "<Index: fields=['-low', 'high'] name='i' db_tablespace='ts'>"
    unnamed = models.Index(fields=["-low", "high"])
    unnamed.set_name_with_model(Ticket)
    assert unnamed.name == Ticket._meta.indexes[0].name
    assert unnamed.name.startswith("model_tests_low_") and unnamed.name.endswith("_idx")
    assert len(unnamed.name) <= models.Index.max_name_length
    other = models.Index(fields=["low", "high"])
    other.set_name_with_model(Ticket)
    assert other.name != unnamed.name  # ordering is part of the hash


def test_index_and_constraint_names_expand_placeholders():
    assert Ticket._meta.constraints[0].name == "model_tests_ticket_range"


def test_constraints_are_enforced_by_the_database(db, using):
    from django.db import IntegrityError, transaction

    Ticket.objects.using(using).create(name="a", low=1, high=2)
    if db.features.supports_table_check_constraints:
        with pytest.raises(IntegrityError):
            with transaction.atomic(using=using):
                Ticket.objects.using(using).create(name="b", low=3, high=2)
    with pytest.raises(IntegrityError):
        with transaction.atomic(using=using):
            Ticket.objects.using(using).create(name="a", low=1, high=2)


def test_constraint_and_index_ddl(db):
    with db.schema_editor(collect_sql=True) as editor:
        check_sql = str(Ticket._meta.constraints[0].create_sql(Ticket, editor))
        unique_sql = str(Ticket._meta.constraints[1].create_sql(Ticket, editor))
        index_sql = str(Ticket._meta.indexes[0].create_sql(Ticket, editor))
    assert "model_tests_ticket_range" in check_sql and "CHECK" in check_sql.upper()
    assert "ticket_name_uniq" in unique_sql and "UNIQUE" in unique_sql.upper()
    assert Ticket._meta.indexes[0].name in index_sql
