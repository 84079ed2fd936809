"""SQL shape, compiled without executing (SQLite's dialect via the default connection)."""

from __future__ import annotations

import pickle

import pytest

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.expressions import Col
from django.db.models.functions import Lower, Upper
from django.db.models.lookups import Transform
from django.db.models.query_utils import Q as QClass

from .qapp.models import Author, Book, Publisher, Tag


def sql(qs):
    text, params = qs.query.get_compiler(connection=connection).as_sql()
    return text, params


def test_simple_filter_binds_values_as_params():
    text, params = sql(Publisher.objects.filter(name="O'Reilly", num_awards__gte=2))
    assert text == (
        'SELECT "query_tests_publisher"."id", "query_tests_publisher"."name", "query_tests_publisher"."num_awards" '
        'FROM "query_tests_publisher" WHERE ("query_tests_publisher"."name" = %s AND '
        '"query_tests_publisher"."num_awards" >= %s)'
    )
    assert params == ("O'Reilly", 2)


def test_limit_offset_and_ordering():
    text, params = sql(Tag.objects.all()[5:15])
    assert text.endswith('ORDER BY "query_tests_tag"."name" ASC LIMIT 10 OFFSET 5')
    text, _ = sql(Tag.objects.order_by("-name", "id"))
    assert text.endswith('ORDER BY "query_tests_tag"."name" DESC, "query_tests_tag"."id" ASC')


def test_foreign_key_id_filter_needs_no_join():
    text, _ = sql(Book.objects.filter(publisher__id=3))
    assert "JOIN" not in text
    assert 'WHERE "query_tests_book"."publisher_id" = %s' in text


def test_or_on_nullable_relation_uses_left_outer_join_and_filter_demotes():
    text, _ = sql(Book.objects.filter(Q(publisher__name="a") | Q(pages=1)))
    assert 'LEFT OUTER JOIN "query_tests_publisher"' in text
    text, _ = sql(Book.objects.filter(publisher__name="a"))
    assert 'INNER JOIN "query_tests_publisher"' in text


def test_multivalued_exclude_is_a_correlated_not_exists():
    text, params = sql(Book.objects.exclude(authors__name="x"))
    assert 'WHERE NOT (EXISTS(SELECT %s AS "a" FROM "query_tests_book" U0' in text
    assert 'U0."id" = ("query_tests_book"."id")' in text
    assert params == (1, "x")


def test_annotate_aggregate_groups_by_selected_columns():
    text, _ = sql(Publisher.objects.annotate(n=Count("books")))
    assert 'COUNT("query_tests_book"."id") AS "n"' in text
    assert (
        text.endswith(
            'GROUP BY "query_tests_publisher"."id", "query_tests_publisher"."name", '
            '"query_tests_publisher"."num_awards"'
        )
        or "GROUP BY" in text
    )


def test_values_annotate_groups_by_values_only():
    text, _ = sql(Book.objects.values("publisher").annotate(s=Sum("pages")))
    assert text.endswith('GROUP BY "query_tests_book"."publisher_id"')


def test_subquery_aliases_use_a_new_prefix():
    inner = Book.objects.filter(publisher=OuterRef("pk")).values("title")[:1]
    text, _ = sql(Publisher.objects.annotate(t=Subquery(inner)))
    assert (
        '(SELECT U0."title" FROM "query_tests_book" U0 WHERE U0."publisher_id" = ("query_tests_publisher"."id") LIMIT 1) AS "t"'
        in text
    )


def test_doubly_nested_subquery_prefixes_do_not_clash():
    innermost = Book.objects.filter(publisher=OuterRef(OuterRef("pk")))
    middle = Author.objects.filter(Exists(innermost.filter(authors=OuterRef("pk"))))
    text, _ = sql(Publisher.objects.filter(Exists(middle)))
    assert " U0" in text and " V0" in text


def test_outerref_outside_subquery_is_an_error():
    qs = Book.objects.filter(publisher=OuterRef("pk"))
    with pytest.raises(ValueError, match="may only be used in a subquery"):
        sql(qs)


def test_in_with_values_queryset_is_a_subquery_and_empty_list_is_no_query():
    text, _ = sql(Author.objects.filter(pk__in=Book.objects.values("editor")))
    assert 'IN (SELECT U0."editor_id" FROM "query_tests_book" U0)' in text
    from django.core.exceptions import EmptyResultSet

    with pytest.raises(EmptyResultSet):
        sql(Author.objects.filter(pk__in=[]))


def test_year_lookup_uses_a_range_so_indexes_apply():
    text, params = sql(Book.objects.filter(pubdate__year=2020))
    assert '"query_tests_book"."pubdate" BETWEEN %s AND %s' in text
    assert [str(p) for p in params] == ["2020-01-01", "2020-12-31"]


def test_query_str_inlines_params():
    assert 'WHERE "query_tests_tag"."name" = a' in str(Tag.objects.filter(name="a").query)


def test_clone_is_independent():
    base = Book.objects.filter(pages=1)
    derived = base.filter(title="x")
    assert len(base.query.where.children) == 1
    assert len(derived.query.where.children) == 2
    assert derived.query.alias_map is not base.query.alias_map


def test_same_shape_same_sql_different_params():
    first = sql(Book.objects.filter(title="a", pages__gt=1))
    second = sql(Book.objects.filter(title="b", pages__gt=2))
    assert first[0] == second[0]
    assert first[1] != second[1]


def test_pickled_query_compiles_identically():
    qs = Book.objects.filter(publisher__name="a").annotate(n=Count("authors")).order_by("-n")
    restored = pickle.loads(pickle.dumps(qs.query))
    assert restored.get_compiler(connection=connection).as_sql() == sql(qs)


def test_select_for_update_options_compile(monkeypatch):
    qs = Book.objects.select_for_update(nowait=True)
    assert qs.query.select_for_update and qs.query.select_for_update_nowait
    with pytest.raises(ValueError, match="The nowait option cannot be used with skip_locked."):
        Book.objects.select_for_update(nowait=True, skip_locked=True)


def test_q_combination_and_deconstruct():
    q = Q(a=1) & (Q(b=2) | ~Q(c=3))
    assert q.connector == "AND" and len(q.children) == 2
    path, args, kwargs = (Q(x=1) | Q(y=2)).deconstruct()
    assert path == "django.db.models.Q"
    assert args == (("x", 1), ("y", 2)) and kwargs == {"_connector": "OR"}
    assert (Q(x=1) ^ Q(y=2)).connector == "XOR"
    assert Q(x=1) == Q(x=1) and hash(Q(x=1)) == hash(Q(x=1))
    assert (Q() & Q(x=1)) == Q(x=1)
    with pytest.raises(TypeError):
        Q(x=1) & 5
    assert isinstance(~Q(x=1), QClass) and (~Q(x=1)).negated


def test_expression_deconstruct_and_equality():
    assert F("a").deconstruct() == ("django.db.models.F", ("a",), {})
    assert Value(3).deconstruct() == ("django.db.models.Value", (3,), {})
    assert Lower("name") == Lower("name") and Lower("name") != Upper("name")
    assert Sum("pages") == Sum("pages") and Sum("pages") != Sum("pages", distinct=False, filter=Q(x=1))


def test_custom_transform_registered_on_a_field_class():
    from django.db.models import CharField

    class Reversed(Transform):
        lookup_name = "rev"
        function = "REVERSE"

    CharField.register_lookup(Reversed)
    try:
        text, params = sql(Tag.objects.filter(name__rev="cba"))
        assert 'REVERSE("query_tests_tag"."name") = %s' in text
    finally:
        CharField._unregister_lookup(Reversed)
    assert CharField.get_lookups().get("rev") is None


def test_instance_lookup_registration_only_affects_that_field():
    from django.db.models.lookups import Exact

    class Same(Exact):
        lookup_name = "same"

    field = Tag._meta.get_field("name")
    field.register_lookup(Same)
    try:
        assert field.get_lookup("same") is Same
        assert Publisher._meta.get_field("name").get_lookup("same") is None
    finally:
        field._unregister_lookup(Same)


def test_col_expression_of_field():
    """Generated aliases stay bare; table names are quoted."""
    query = Book.objects.filter(authors__name="x", editor__name="y").query
    compiler = query.get_compiler(connection=connection)
    aliased = [alias for alias in query.alias_map if alias.startswith("T")]
    assert aliased, query.alias_map
    col = Tag._meta.get_field("name").get_col(aliased[0])
    assert isinstance(col, Col)
    assert compiler.compile(col) == (f'{aliased[0]}."name"', [])
    table_col = Tag._meta.get_field("name").get_col("query_tests_tag")
    assert compiler.compile(table_col) == ('"query_tests_tag"."name"', [])


def test_filter_on_non_conditional_expression_errors():
    with pytest.raises(TypeError, match="Cannot filter against a non-conditional expression."):
        Book.objects.filter(F("pages"))


def test_select_from_and_order_are_compiled_once_per_shape():
    from django.db.models.sql import shape_cache

    shape_cache.clear()
    first = sql(
        Book.objects.select_related("publisher").filter(title="a", pages__gt=1).order_by("-pages")[:5]
    )
    assert shape_cache.stats == {"hits": 0, "misses": 1}
    second = sql(
        Book.objects.select_related("publisher").filter(title="b", pages__gt=2).order_by("-pages")[:5]
    )
    assert shape_cache.stats["hits"] == 1
    assert first[0] == second[0]
    assert first[1] == (1, "a") and second[1] == (2, "b")
    # A different shape (another ordering, another slice) is another entry.
    third = sql(Book.objects.select_related("publisher").filter(title="b", pages__gt=2).order_by("pages")[:5])
    assert third[0] != first[0] and shape_cache.stats["misses"] == 2
    # A cached shape with no filter at all still compiles correctly.
    assert sql(Book.objects.order_by("-pages")[:5])[0] == sql(Book.objects.order_by("-pages")[:5])[0]
    assert "WHERE" not in sql(Book.objects.order_by("-pages")[:5])[0]


def test_shape_cache_skips_queries_it_cannot_describe():
    from django.db.models.sql import shape_cache

    assert shape_cache.shape_key(Book.objects.annotate(n=Count("authors")).query) is None
    assert shape_cache.shape_key(Book.objects.order_by(F("pages").desc()).query) is None
    assert shape_cache.shape_key(Book.objects.filter(pages=1).query) is not None
