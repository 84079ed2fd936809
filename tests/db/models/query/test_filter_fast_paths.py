"""The cheap paths of filter() and of WHERE compilation give the same SQL as the general ones.

Plain values (str, int, float, bool, None, bytes) skip expression resolution; anything else,
including subclasses of those types, goes through it. Join promotion counts its votes in a plain
dict. WhereNode answers contains_aggregate/contains_over_clause with a loop over its children.
"""

from __future__ import annotations

import enum

from django.db import connection
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Length
from django.db.models.sql.where import AND, OR, WhereNode

from .qapp.models import Author, Book, Publisher


def sql(qs):
    return qs.query.get_compiler(connection=connection).as_sql()


class Awards(enum.IntEnum):
    FEW = 2


class Title(str):
    """A str subclass: not a plain value, so it takes the general path (and still works)."""


def test_plain_values_bind_as_params_and_none_means_is_null():
    text, params = sql(Publisher.objects.filter(name="x", num_awards__gt=3))
    assert '"query_tests_publisher"."name" = %s' in text and params == ("x", 3)
    text, params = sql(Book.objects.filter(pubdate=None))
    assert text.endswith('WHERE "query_tests_book"."pubdate" IS NULL') and params == ()
    text, params = sql(Book.objects.exclude(pubdate=None))
    assert text.endswith('WHERE NOT ("query_tests_book"."pubdate" IS NULL)') and params == ()


def test_different_values_of_one_shape_give_their_own_params():
    first = sql(Publisher.objects.filter(name="a", num_awards__gt=1))
    second = sql(Publisher.objects.filter(name="b", num_awards__gt=2))
    assert first[0] == second[0]
    assert first[1] == ("a", 1) and second[1] == ("b", 2)


def test_subclassed_values_and_expressions_still_resolve():
    text, params = sql(Publisher.objects.filter(num_awards=Awards.FEW, name=Title("t")))
    assert params == ("t", 2) and type(params[1]) is int
    text, params = sql(Publisher.objects.filter(num_awards=F("id")))
    assert text.endswith('WHERE "query_tests_publisher"."num_awards" = ("query_tests_publisher"."id")')
    assert params == ()
    text, params = sql(Publisher.objects.filter(num_awards=Length("name") + Value(1)))
    assert "LENGTH" in text and params == (1,)


def test_an_f_value_across_a_relation_adds_its_join():
    text, _ = sql(Book.objects.filter(pages=F("publisher__num_awards")))
    assert 'INNER JOIN "query_tests_publisher"' in text


def test_bool_and_bytes_values():
    from .qapp.models import Entry

    text, params = sql(Entry.objects.filter(flags=True))
    assert params == (True,) or params == (1,)
    assert '"query_tests_entry"."flags" = %s' in text


def test_or_promotes_nullable_joins_and_and_keeps_them_inner():
    text, _ = sql(Book.objects.filter(Q(publisher__name="p") | Q(title="t")))
    assert 'LEFT OUTER JOIN "query_tests_publisher"' in text
    text, _ = sql(Book.objects.filter(Q(publisher__name="p") | Q(publisher__num_awards=1)))
    assert 'INNER JOIN "query_tests_publisher"' in text
    text, _ = sql(Book.objects.filter(Q(publisher__name="p") & Q(title="t")))
    assert 'INNER JOIN "query_tests_publisher"' in text
    text, _ = sql(Book.objects.exclude(Q(publisher__name="p") & Q(publisher__num_awards=1)))
    assert 'LEFT OUTER JOIN "query_tests_publisher"' in text


def test_negated_value_lookup_keeps_nulls():
    text, params = sql(Book.objects.exclude(publisher__name="p"))
    assert "IS NOT NULL" in text and params == ("p",)


def test_aggregate_inside_nested_q_goes_to_having():
    qs = Author.objects.annotate(n=Count("books")).filter(Q(Q(n__gt=1) & Q(age__gt=2)) | Q(name="x"))
    text, _ = sql(qs)
    assert "HAVING" in text and "COUNT(" in text.split("HAVING", 1)[1]
    qs = Author.objects.annotate(n=Count("books")).filter(Q(n__gt=1), age__gt=2)
    where, having = sql(qs)[0].split("HAVING", 1)
    assert "age" in where and "COUNT(" in having


def test_where_node_contains_answers_for_nested_nodes():
    leaf = Author.objects.filter(age=1).query.where.children[0]
    aggregate = Sum("age")
    inner = WhereNode([leaf], connector=AND)
    assert WhereNode([inner], connector=OR).contains_aggregate is False
    nested = WhereNode([WhereNode([WhereNode([aggregate], connector=AND)], connector=AND)], connector=OR)
    assert nested.contains_aggregate is True
    assert nested.contains_over_clause is False
    assert WhereNode().contains_aggregate is False
