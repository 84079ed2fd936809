"""Query: a plain description of an SQL query (what to fetch, never how to say it).

A Query holds the model, the FROM entries (alias_map), the where tree,
annotations, ordering, limits and selection. It never builds SQL text; that is
the compiler's job (get_compiler()). Cloning is a shallow copy plus copies of
the few containers that are changed in place.
"""

from __future__ import annotations

import copy
from string import ascii_uppercase
from typing import Any, Self

from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import (
    BaseExpression,
    Col,
    Exists,
    F,
    OuterRef,
    Ref,
    ResolvedOuterRef,
    Value,
)
from django.db.models.query_utils import Q, check_rel_lookup_compatibility
from django.db.models.sql import filters, joins, selection
from django.db.models.sql import names as name_resolution
from django.db.models.sql.constants import INNER, LOUTER
from django.db.models.sql.datastructures import BaseTable, Join
from django.db.models.sql.where import AND, OR, WhereNode

__all__ = ["Query", "RawQuery"]


class RawQuery:
    """A raw SQL query (QuerySet.raw())."""

    def __init__(self, sql: str, using: str, params=()):
        self.params = params
        self.sql = sql
        self.using = using
        self.cursor: Any = None
        self.low_mark, self.high_mark = 0, None
        self.extra_select: dict = {}
        self.annotation_select: dict = {}

    def chain(self, using: str) -> RawQuery:
        return self.clone(using)

    def clone(self, using: str) -> RawQuery:
        return RawQuery(self.sql, using, params=self.params)

    def get_columns(self) -> list[str]:
        if self.cursor is None:
            self._execute_query()
        converter = self._connection().introspection.identifier_converter
        return [converter(column_meta[0]) for column_meta in self.cursor.description]

    def __iter__(self):
        self._execute_query()
        if not self._connection().features.can_use_chunked_reads:
            # Fetch everything before handing out rows on backends that cannot interleave.
            result = list(self.cursor)
        else:
            result = self.cursor
        return iter(result)

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: {self}>"

    @property
    def params_type(self):
        if self.params is None:
            return None
        return dict if isinstance(self.params, dict) else tuple

    def __str__(self) -> str:
        if self.params_type is None:
            return self.sql
        return self.sql % self.params_type(self.params)

    def _connection(self):
        from django.db import connections

        return connections[self.using]

    def _execute_query(self) -> None:
        connection = self._connection()
        params_type = self.params_type
        params: tuple | dict | None
        if params_type is tuple:
            params = (
                tuple(connection.ops.adapt_unknown_value(val) for val in self.params)
                if hasattr(connection.ops, "adapt_unknown_value")
                else tuple(self.params)
            )
        elif params_type is dict:
            params = dict(self.params)
        else:
            params = None
        self.cursor = connection.cursor()
        self.cursor.execute(self.sql, params)


def _prefixes_after(prefix: str):
    """Alias prefixes after ``prefix``: U, V, ..., Z, AA, AB, ..."""
    start = ascii_uppercase.index(prefix[-1]) + 1 if len(prefix) == 1 else 0
    yield from ascii_uppercase[start:]
    for first in ascii_uppercase:
        for second in ascii_uppercase:
            yield first + second


class Query(BaseExpression):
    """What to fetch: see the module docstring."""

    alias_prefix = "T"
    empty_result_set_value = None
    subq_aliases = frozenset([alias_prefix])
    compiler = "SQLCompiler"
    base_table_class = BaseTable
    join_class = Join
    default_cols = True
    default_ordering = True
    standard_ordering = True
    filter_is_sticky = False
    subquery = False
    # SELECT contents.
    select: tuple = ()
    group_by: Any = None  # None, True (all select columns) or a tuple of expressions
    order_by: tuple = ()
    distinct = False
    distinct_fields: tuple = ()
    select_for_update = False
    select_for_update_nowait = False
    select_for_update_skip_locked = False
    select_for_update_of: tuple = ()
    select_for_no_key_update = False
    select_related: Any = False
    has_select_fields_from_values = False
    max_depth = 5
    values_select: tuple = ()
    annotation_select_mask = None
    _annotation_select_cache = None
    combinator = None
    combinator_all = False
    combined_queries: tuple = ()
    extra_select_mask = None
    _extra_select_cache = None
    extra_tables: tuple = ()
    extra_order_by: tuple = ()
    deferred_loading: tuple[frozenset, bool] = (frozenset(), True)
    explain_info: Any = None
    low_mark = 0
    high_mark = None

    def __init__(self, model, alias_cols: bool = True):
        self.model = model
        self.alias_refcount: dict[str, int] = {}
        self.alias_map: dict[str, Any] = {}
        self.alias_cols = alias_cols
        self.external_aliases: dict[str, bool] = {}
        self.table_map: dict[str, list[str]] = {}
        self.used_aliases: set[str] = set()
        self.where = WhereNode()
        self.annotations: dict[str, Any] = {}
        self.extra: dict[str, Any] = {}
        self._filtered_relations: dict[str, Any] = {}

    # ----- basics -------------------------------------------------------------------

    @property
    def output_field(self):
        if len(self.select) == 1:
            select = self.select[0]
            return getattr(select, "target", None) or select.field
        if len(self.annotation_select) == 1:
            return next(iter(self.annotation_select.values())).output_field
        raise FieldError("Cannot resolve expression type of a subquery selecting several columns.")

    @property
    def has_select_fields(self) -> bool:
        return bool(self.select or self.annotation_select_mask or self.extra_select_mask)

    @property
    def base_table(self):
        for alias in self.alias_map:
            return alias
        return None

    def __str__(self) -> str:
        sql, params = self.sql_with_params()
        return sql % tuple(params)

    def sql_with_params(self):
        from django.db import DEFAULT_DB_ALIAS

        return self.get_compiler(DEFAULT_DB_ALIAS).as_sql()

    def __deepcopy__(self, memo):
        result = self.clone()
        memo[id(self)] = result
        return result

    def get_compiler(self, using=None, connection=None, elide_empty: bool = True):
        if using is None and connection is None:
            raise ValueError("Need either using or connection")
        if using:
            from django.db import connections

            connection = connections[using]
        else:
            # django.db.connection is a proxy: resolve it once, not on every attribute use.
            proxied = connection.__dict__.get("_connections")
            if proxied is not None:
                connection = proxied[connection.__dict__["_alias"]]
        return connection.ops.compiler(self.compiler)(self, connection, using, elide_empty)

    def get_meta(self):
        if self.model:
            return self.model._meta
        return None

    def clone(self) -> Self:
        """A copy sharing everything immutable; changed-in-place containers are copied."""
        obj = self.__class__.__new__(self.__class__)
        obj.__dict__ = self.__dict__.copy()
        obj.alias_refcount = self.alias_refcount.copy()
        obj.alias_map = self.alias_map.copy()
        obj.external_aliases = self.external_aliases.copy()
        obj.table_map = self.table_map.copy()
        obj.where = self.where.clone()
        obj.annotations = self.annotations.copy()
        if self.annotation_select_mask is not None:
            obj.annotation_select_mask = self.annotation_select_mask.copy()
        if self.combined_queries:
            obj.combined_queries = tuple(query.clone() for query in self.combined_queries)
        obj._annotation_select_cache = None
        obj.extra = self.extra.copy()
        if self.extra_select_mask is not None:
            obj.extra_select_mask = self.extra_select_mask.copy()
        obj._extra_select_cache = None
        if isinstance(self.select_related, dict):
            obj.select_related = copy.deepcopy(self.select_related)
        if "subq_aliases" in self.__dict__:
            obj.subq_aliases = self.subq_aliases.copy()
        obj.used_aliases = self.used_aliases.copy()
        obj._filtered_relations = self._filtered_relations.copy()
        obj.__dict__.pop("base_table", None)
        return obj

    def chain(self, klass=None) -> Query:
        """A clone ready for the next QuerySet operation (optionally of another Query class)."""
        obj = self.clone()
        if klass and obj.__class__ != klass:
            obj.__class__ = klass
        if not obj.filter_is_sticky:
            obj.used_aliases = set()
        obj.filter_is_sticky = False
        if hasattr(obj, "_setup_query"):
            obj._setup_query()
        return obj

    def relabeled_clone(self, change_map: dict) -> Query:
        clone = self.clone()
        clone.change_aliases(change_map)
        return clone

    def _get_col(self, target, field, alias):
        if not self.alias_cols:
            alias = None
        return target.get_col(alias, field)

    # ----- aliases and joins ------------------------------------------------------------

    def table_alias(self, table_name: str, create: bool = False, filtered_relation=None):
        """Return (alias, created) for a table, making a new alias when asked."""
        alias_list = self.table_map.get(table_name)
        if not create and alias_list:
            alias = alias_list[0]
            self.alias_refcount[alias] += 1
            return alias, False
        if alias_list:
            alias = f"{self.alias_prefix}{len(self.alias_map) + 1}"
            self.table_map[table_name] = [*alias_list, alias]
        else:
            alias = filtered_relation.alias if filtered_relation is not None else table_name
            self.table_map[table_name] = [alias]
        self.alias_refcount[alias] = 1
        return alias, True

    def ref_alias(self, alias: str) -> None:
        self.alias_refcount[alias] += 1

    def unref_alias(self, alias: str, amount: int = 1) -> None:
        self.alias_refcount[alias] -= amount

    def promote_joins(self, aliases) -> None:
        joins.promote_joins(self, aliases)

    def demote_joins(self, aliases) -> None:
        joins.demote_joins(self, aliases)

    def reset_refcounts(self, to_counts: dict) -> None:
        for alias, cur_refcount in self.alias_refcount.copy().items():
            unref_amount = cur_refcount - to_counts.get(alias, 0)
            self.unref_alias(alias, unref_amount)

    def get_initial_alias(self) -> str | None:
        if self.alias_map:
            alias = next(iter(self.alias_map))  # the base table
            self.alias_refcount[alias] += 1
        elif self.model:
            alias = self.join(self.base_table_class(self.get_meta().db_table, None))
        else:
            alias = None
        return alias

    def count_active_tables(self) -> int:
        return len([1 for count in self.alias_refcount.values() if count])

    def join(self, join, reuse=None) -> str:
        """Return the alias for ``join``, reusing an equal join where ``reuse`` allows."""
        reusable = [
            alias
            for alias, existing in self.alias_map.items()
            if (reuse is None or alias in reuse) and existing.equals(join)
        ]
        if reusable:
            reuse_alias = join.table_alias if join.table_alias in reusable else reusable[-1]
            self.ref_alias(reuse_alias)
            return reuse_alias
        alias, _ = self.table_alias(join.table_name, create=True, filtered_relation=join.filtered_relation)
        if join.join_type:
            parent = self.alias_map[join.parent_alias]
            join_type = LOUTER if parent.join_type == LOUTER or join.nullable else INNER
            join.join_type = join_type
        join.table_alias = alias
        self.alias_map[alias] = join
        if getattr(join, "filtered_relation", None) is not None:
            join.filtered_relation.alias = alias
        return alias

    def join_parent_model(self, opts, model, alias: str, seen: dict) -> str:
        """Join from ``opts``' model up to its parent ``model`` (multi-table inheritance)."""
        if model in seen:
            return seen[model]
        chain = opts.get_base_chain(model)
        if not chain:
            return alias
        curr_opts = opts
        for int_model in chain:
            if int_model in seen:
                curr_opts = int_model._meta
                alias = seen[int_model]
                continue
            if not curr_opts.parents[int_model]:
                curr_opts = int_model._meta
                continue
            link_field = curr_opts.get_ancestor_link(int_model)
            join_info = self.setup_joins([link_field.name], curr_opts, alias)
            curr_opts = int_model._meta
            alias = seen[int_model] = join_info.joins[-1]
        return alias or seen[None]

    def is_nullable(self, field) -> bool:
        return field.null

    # ----- name resolution (see names.py) ----------------------------------------------

    def names_to_path(self, names, opts, allow_many=True, fail_on_missing=False):
        return name_resolution.names_to_path(self, names, opts, allow_many, fail_on_missing)

    def setup_joins(self, names_list, opts, alias, can_reuse=None, allow_many=True):
        return name_resolution.setup_joins(self, names_list, opts, alias, can_reuse, allow_many)

    def trim_joins(self, targets, joins_list, path):
        return name_resolution.trim_joins(self, targets, joins_list, path)

    def resolve_ref(self, name: str, allow_joins: bool = True, reuse=None, summarize: bool = False):
        """Resolve an F() name to a Col (setting up joins) or an annotation."""
        annotation = self.annotations.get(name)
        if annotation is not None:
            if not allow_joins:
                for alias in self._gen_col_aliases([annotation]):
                    if isinstance(self.alias_map[alias], Join):
                        raise FieldError("Joined field references are not permitted in this query")
            if summarize:
                # Summarize currently means we are doing an aggregate() query on an
                # existing annotation: refer to it by its select alias.
                if name not in self.annotation_select:
                    raise FieldError(
                        f"Cannot aggregate over the '{name}' alias. Use annotate() to promote it."
                    )
                return Ref(name, self.annotation_select[name])
            return annotation
        field_list = name.split(LOOKUP_SEP)
        annotation = self.annotations.get(field_list[0])
        if annotation is not None:
            for transform in field_list[1:]:
                annotation = self.try_transform(annotation, transform)
            return annotation
        join_info = self.setup_joins(field_list, self.get_meta(), self.get_initial_alias(), can_reuse=reuse)
        targets, final_alias, join_list = self.trim_joins(join_info.targets, join_info.joins, join_info.path)
        if not allow_joins and len(join_list) > 1:
            raise FieldError("Joined field references are not permitted in this query")
        if len(targets) > 1:
            raise FieldError("Referencing multicolumn fields with F() objects isn't supported")
        # Verify the join is usable: reused joins must not be promoted later.
        if reuse is not None:
            reuse.update(join_list)
        # Expressions for generated columns, constraints and indexes name bare columns.
        return join_info.transform_function(targets[0], final_alias if self.alias_cols else None)

    @staticmethod
    def _gen_cols(exprs, include_external: bool = False, resolve_refs: bool = True):
        for expr in exprs:
            if isinstance(expr, Col):
                yield expr
            elif include_external and callable(getattr(expr, "get_external_cols", None)):
                yield from expr.get_external_cols()
            elif hasattr(expr, "get_source_expressions"):
                if not resolve_refs and isinstance(expr, Ref):
                    continue
                yield from Query._gen_cols(expr.get_source_expressions(), include_external, resolve_refs)

    @staticmethod
    def _gen_col_aliases(exprs):
        yield from (expr.alias for expr in Query._gen_cols(exprs))

    # ----- filtering (see filters.py) -----------------------------------------------------

    def build_filter(self, filter_expr, branch_negated=False, current_negated=False, can_reuse=None,
                     allow_joins=True, split_subq=True, check_filterable=True, summarize=False,
                     update_join_types=True):  # fmt: skip
        return filters.build_filter(
            self, filter_expr, branch_negated, current_negated, can_reuse, allow_joins,
            split_subq, check_filterable, summarize, update_join_types,
        )  # fmt: skip

    def _add_q(self, q_object, used_aliases, branch_negated=False, current_negated=False,
               allow_joins=True, split_subq=True, check_filterable=True, summarize=False,
               update_join_types=True):  # fmt: skip
        return filters.add_q_node(
            self, q_object, used_aliases, branch_negated, current_negated, allow_joins,
            split_subq, check_filterable, summarize, update_join_types,
        )  # fmt: skip

    def add_q(self, q_object) -> None:
        """Add a Q to the where clause, keeping existing INNER joins INNER."""
        existing_inner = {alias for alias, join in self.alias_map.items() if join.join_type == INNER}
        clause, _ = self._add_q(q_object, self.used_aliases)
        if clause:
            self.where.add(clause, AND)
        self.demote_joins(existing_inner)

    def add_filter(self, filter_lhs, filter_rhs) -> None:
        self.add_q(Q((filter_lhs, filter_rhs)))

    def build_where(self, filter_expr):
        return self.build_filter(filter_expr, allow_joins=False)[0]

    def build_lookup(self, lookups, lhs, rhs):
        return filters.build_lookup(self, lookups, lhs, rhs)

    def try_transform(self, lhs, name: str):
        return filters.try_transform(lhs, name)

    def solve_lookup_type(self, lookup: str, summarize: bool = False):
        return filters.solve_lookup_type(self, lookup, summarize)

    def resolve_lookup_value(self, value, can_reuse, allow_joins, summarize=False):
        return filters.resolve_lookup_value(self, value, can_reuse, allow_joins, summarize)

    def check_filterable(self, expression) -> None:
        filters.check_filterable(expression)

    def check_related_objects(self, field, value, opts) -> None:
        """A model instance used as a filter value must be of the right model."""
        if not field.is_relation:
            return
        if (
            isinstance(value, Query)
            and not value.has_select_fields
            and not check_rel_lookup_compatibility(value.model, opts, field)
        ):
            raise ValueError(
                f'Cannot use QuerySet for "{value.model._meta.object_name}": Use a QuerySet for '
                f'"{opts.object_name}".'
            )
        if hasattr(value, "_meta"):
            self.check_query_object_type(value, opts, field)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                self.check_query_object_type(item, opts, field)

    def check_query_object_type(self, value, opts, field) -> None:
        if hasattr(value, "_meta"):
            if not check_rel_lookup_compatibility(value._meta.model, opts, field):
                raise ValueError(f'Cannot query "{value}": Must be "{opts.object_name}" instance.')

    def split_exclude(self, filter_expr, can_reuse, names_with_path):
        return filters.split_exclude(self, filter_expr, can_reuse, names_with_path)

    def build_filtered_relation_q(self, q_object, reuse, branch_negated=False, current_negated=False):
        target_clause = WhereNode(connector=q_object.connector, negated=q_object.negated)
        for child in q_object.children:
            if isinstance(child, Q):
                child_clause = self.build_filtered_relation_q(child, reuse, branch_negated, current_negated)
            else:
                child_clause, _ = self.build_filter(
                    child, can_reuse=reuse, branch_negated=branch_negated, current_negated=current_negated,
                    allow_joins=True, split_subq=False,
                )  # fmt: skip
            target_clause.add(child_clause, AND)
        return target_clause

    def add_filtered_relation(self, filtered_relation, alias: str) -> None:
        filtered_relation.alias = alias
        relation_lookup_parts, relation_field_parts, _ = self.solve_lookup_type(
            filtered_relation.relation_name
        )
        if relation_lookup_parts:
            raise ValueError(
                f"FilteredRelation's relation_name cannot contain lookups (got {filtered_relation.relation_name!r})."
            )
        for lookup in filtered_relation.condition.flatten():
            if not isinstance(lookup, Q):
                continue
            for child in lookup.children:
                if not isinstance(child, tuple):
                    continue
                lookup_parts, lookup_field_parts, _ = self.solve_lookup_type(child[0])
                shift = 2 if not lookup_parts else 1
                lookup_field_path = lookup_field_parts[:-shift]
                for idx, lookup_field_part in enumerate(lookup_field_path):
                    if len(relation_field_parts) > idx:
                        if relation_field_parts[idx] != lookup_field_part:
                            raise ValueError(
                                "FilteredRelation's condition doesn't support relations outside the "
                                f"{filtered_relation.relation_name!r} (got {child[0]!r})."
                            )
                    else:
                        raise ValueError(
                            f"FilteredRelation's condition doesn't support nested relations deeper than "
                            f"the relation_name (got {child[0]!r} for {filtered_relation.relation_name!r})."
                        )
        self._filtered_relations[filtered_relation.alias] = filtered_relation

    # ----- emptiness and limits ------------------------------------------------------------

    def has_filters(self):
        return self.where

    def clear_where(self) -> None:
        self.where = WhereNode()

    def set_empty(self) -> None:
        from django.db.models.sql.where import NothingNode

        self.where.add(NothingNode(), AND)
        for query in self.combined_queries:
            query.set_empty()

    def is_empty(self) -> bool:
        from django.db.models.sql.where import NothingNode

        return any(isinstance(child, NothingNode) for child in self.where.children)

    def set_limits(self, low=None, high=None) -> None:
        """Narrow the current LIMIT/OFFSET window (slicing a slice slices within it)."""
        if high is not None:
            if self.high_mark is not None:
                self.high_mark = min(self.high_mark, self.low_mark + high)
            else:
                self.high_mark = self.low_mark + high
        if low is not None:
            if self.high_mark is not None:
                self.low_mark = min(self.high_mark, self.low_mark + low)
            else:
                self.low_mark = self.low_mark + low
        if self.low_mark == self.high_mark:
            self.set_empty()

    def clear_limits(self) -> None:
        self.low_mark, self.high_mark = 0, None

    @property
    def is_sliced(self) -> bool:
        return self.low_mark != 0 or self.high_mark is not None

    def has_limit_one(self) -> bool:
        return self.high_mark is not None and (self.high_mark - self.low_mark) == 1

    def can_filter(self) -> bool:
        return not self.is_sliced

    # ----- selection, ordering, annotations (see selection.py) -----------------------------

    def clear_select_clause(self) -> None:
        self.select = ()
        self.default_cols = False
        self.select_related = False
        self.set_extra_mask(())
        self.set_annotation_mask(())

    def clear_select_fields(self) -> None:
        self.select = ()
        self.values_select = ()

    def add_select_col(self, col, name: str) -> None:
        self.select += (col,)
        self.values_select += (name,)

    def set_select(self, cols) -> None:
        self.default_cols = False
        self.select = tuple(cols)

    def add_distinct_fields(self, *field_names) -> None:
        self.distinct_fields = field_names
        self.distinct = True

    def add_fields(self, field_names, allow_m2m: bool = True) -> None:
        selection.add_fields(self, field_names, allow_m2m)

    def add_ordering(self, *ordering) -> None:
        selection.add_ordering(self, ordering)

    def clear_ordering(self, force: bool = False, clear_default: bool = True) -> None:
        """Drop ORDER BY unless it matters for a slice or distinct(fields) (or force)."""
        if not force and (self.is_sliced or self.distinct_fields or self.select_for_update):
            return
        self.order_by = ()
        self.extra_order_by = ()
        if clear_default:
            self.default_ordering = False

    def add_select_related(self, fields) -> None:
        field_dict = self.select_related if isinstance(self.select_related, dict) else {}
        for field in fields:
            level = field_dict
            for part in field.split(LOOKUP_SEP):
                level = level.setdefault(part, {})
        self.select_related = field_dict

    def add_extra(self, select, select_params, where, params, tables, order_by) -> None:
        selection.add_extra(self, select, select_params, where, params, tables, order_by)

    def clear_deferred_loading(self) -> None:
        self.deferred_loading = (frozenset(), True)

    def add_deferred_loading(self, field_names) -> None:
        existing, defer = self.deferred_loading
        if defer:
            self.deferred_loading = existing.union(field_names), True
        else:
            # Remove from the "only" set; if nothing is left, defer them instead.
            remaining = existing.difference(field_names)
            if remaining:
                self.deferred_loading = frozenset(remaining), False
            else:
                self.clear_deferred_loading()
                if new_only := set(field_names).difference(existing):
                    self.deferred_loading = frozenset(new_only), True

    def add_immediate_loading(self, field_names) -> None:
        field_names = set(field_names)
        if "pk" in field_names:
            field_names.remove("pk")
            field_names.add(self.get_meta().pk.name)
        existing, defer = self.deferred_loading
        if defer:
            self.deferred_loading = frozenset(field_names.difference(existing)), False
        else:
            self.deferred_loading = frozenset(field_names), False

    def get_select_mask(self) -> dict:
        return selection.get_select_mask(self)

    def set_annotation_mask(self, names) -> None:
        self.annotation_select_mask = None if names is None else list(dict.fromkeys(names))
        self._annotation_select_cache = None

    def append_annotation_mask(self, names) -> None:
        if self.annotation_select_mask is not None:
            self.set_annotation_mask([*self.annotation_select_mask, *names])

    def set_extra_mask(self, names) -> None:
        self.extra_select_mask = None if names is None else set(names)
        self._extra_select_cache = None

    def set_values(self, fields) -> None:
        selection.set_values(self, fields)

    @property
    def annotation_select(self) -> dict:
        """The annotations that appear in SELECT, in order."""
        if self._annotation_select_cache is not None:
            return self._annotation_select_cache
        if not self.annotations:
            return {}
        if self.annotation_select_mask is not None:
            self._annotation_select_cache = {
                name: self.annotations[name]
                for name in self.annotation_select_mask
                if name in self.annotations
            }
            return self._annotation_select_cache
        return self.annotations

    @property
    def extra_select(self) -> dict:
        if self._extra_select_cache is not None:
            return self._extra_select_cache
        if not self.extra:
            return {}
        if self.extra_select_mask is not None:
            self._extra_select_cache = {k: v for k, v in self.extra.items() if k in self.extra_select_mask}
            return self._extra_select_cache
        return self.extra

    def check_alias(self, alias: str) -> None:
        selection.check_alias(alias)

    def add_annotation(self, annotation, alias: str, select: bool = True) -> None:
        """Resolve and add an annotation (select=False makes it an alias())."""
        self.check_alias(alias)
        annotation = annotation.resolve_expression(self, allow_joins=True, reuse=None)
        if select:
            self.append_annotation_mask([alias])
        else:
            mask = self.annotation_select_mask
            if mask is None:
                mask = list(self.annotations)
            self.set_annotation_mask([name for name in mask if name != alias])
        self.annotations[alias] = annotation
        self._annotation_select_cache = None

    def set_group_by(self, allow_aliases: bool = True) -> None:
        """GROUP BY the selected columns and the non-aggregate annotations."""
        group_by = list(self.select)
        for annotation in self.annotation_select.values():
            group_by.extend(annotation.get_group_by_cols())
        self.group_by = tuple(group_by)

    # ----- subqueries ---------------------------------------------------------------------

    def bump_prefix(self, other_query, exclude=None) -> None:
        """Give this query's aliases a prefix unused by ``other_query`` (the outer query)."""
        if self.alias_prefix != other_query.alias_prefix:
            return  # no clash possible
        for prefix in _prefixes_after(self.alias_prefix):
            if prefix not in self.subq_aliases and (exclude is None or prefix not in exclude):
                self.alias_prefix = prefix
                break
        self.subq_aliases = self.subq_aliases.union([self.alias_prefix])
        other_query.subq_aliases = other_query.subq_aliases.union(self.subq_aliases)
        exclude = exclude or {}
        self.change_aliases(
            {
                alias: f"{self.alias_prefix}{pos}"
                for pos, alias in enumerate(self.alias_map)
                if alias not in exclude
            }
        )

    def change_aliases(self, change_map: dict) -> None:
        """Rename table aliases everywhere in this query (in place; call on a clone)."""
        if not change_map:
            return
        if set(change_map).intersection(change_map.values()):
            # A chain like T1->T2, T2->T3 would rename twice; go through temporaries.
            raise AssertionError("change_map keys and values must be disjoint")
        self.where = self.where.relabeled_clone(change_map)
        self.select = tuple(col.relabeled_clone(change_map) for col in self.select)
        if isinstance(self.group_by, tuple):
            self.group_by = tuple(col.relabeled_clone(change_map) for col in self.group_by)
        self.annotations = {key: value.relabeled_clone(change_map) for key, value in self.annotations.items()}
        self._annotation_select_cache = None
        new_alias_map = {}
        for alias, join in self.alias_map.items():
            new_alias = change_map.get(alias, alias)
            new_alias_map[new_alias] = join.relabeled_clone(change_map)
            if new_alias != alias:
                self.alias_refcount[new_alias] = self.alias_refcount.pop(alias)
        self.alias_map = new_alias_map
        self.table_map = {
            table: [change_map.get(alias, alias) for alias in aliases]
            for table, aliases in self.table_map.items()
        }
        self.external_aliases = {
            change_map.get(alias, alias): (aliased or alias in change_map)
            for alias, aliased in self.external_aliases.items()
        }
        self.__dict__.pop("base_table", None)

    def resolve_expression(self, query, *args, **kwargs) -> Query:  # type: ignore[override]  # needs the outer query
        """Use this query as a subquery of ``query``."""
        clone = self.clone()
        clone.bump_prefix(query)
        clone.subquery = True
        clone.where = clone.where.resolve_expression(query, *args, **kwargs)
        clone.where.resolved = False
        for key, value in clone.annotations.items():
            resolved = value.resolve_expression(query, *args, **kwargs)
            if hasattr(resolved, "external_aliases"):
                resolved.external_aliases.update(clone.external_aliases)
            clone.annotations[key] = resolved
        clone._annotation_select_cache = None
        # The outer query's aliases are external to this one.
        for alias, table in query.alias_map.items():
            clone.external_aliases[alias] = (
                isinstance(table, Join) and table.join_field.related_model._meta.db_table != alias
            ) or (isinstance(table, BaseTable) and table.table_name != table.table_alias)
        return clone

    def get_external_cols(self) -> list:
        exprs = [*self.where.leaves(), *self.annotations.values()]
        return [
            col for col in self._gen_cols(exprs, include_external=True) if col.alias in self.external_aliases
        ]

    def get_group_by_cols(self, wrapper=None) -> list:
        external_cols = self.get_external_cols()
        if any(getattr(col, "possibly_multivalued", False) for col in external_cols):
            return [wrapper or self]
        return external_cols

    def as_sql(self, compiler, connection):
        # An ORDER BY in a subquery is only kept when it decides which rows a slice keeps.
        if self.subquery and not getattr(
            connection.features, "ignores_unnecessary_order_by_in_subqueries", True
        ):
            self.clear_ordering(force=False)
        sql, params = self.get_compiler(connection=connection).as_sql()
        if self.subquery:
            sql = f"({sql})"
        return sql, params

    def get_refs(self) -> set:
        return set()

    def contains_outer_ref_check(self) -> bool:
        return any(
            isinstance(leaf.rhs, ResolvedOuterRef) for leaf in self.where.leaves() if hasattr(leaf, "rhs")
        )

    # ----- results ------------------------------------------------------------------------

    def exists(self, limit: bool = True) -> Query:
        """A copy of this query that selects a constant and stops at one row."""
        q = self.clone()
        if not (q.distinct and q.is_sliced):
            if q.group_by is True:
                q.add_fields((f.attname for f in self.model._meta.concrete_fields), False)
                q.set_group_by(allow_aliases=False)
            q.clear_select_clause()
        if q.combined_queries and q.combinator == "union":
            q.combined_queries = tuple(combined.exists(limit=False) for combined in q.combined_queries)
        q.clear_ordering(force=True)
        if limit:
            q.set_limits(high=1)
        q.add_annotation(Value(1), "a")
        return q

    def has_results(self, using: str) -> bool:
        q = self.exists()
        compiler = q.get_compiler(using=using)
        return compiler.has_results()

    def get_count(self, using: str) -> int:
        from django.db.models.aggregates import Count

        obj = self.clone()
        return obj.get_aggregation(using, {"__count": Count("*")})["__count"]

    def get_aggregation(self, using: str, aggregate_exprs: dict) -> dict:
        from django.db.models.sql.aggregation import get_aggregation

        return get_aggregation(self, using, aggregate_exprs)

    def explain(self, using: str, format=None, **options) -> str:
        from django.db.models.sql.constants import ExplainInfo

        q = self.clone()
        for option_name in options:
            if not option_name.replace("_", "").isalnum() or any(c.isspace() for c in option_name):
                raise ValueError(f"Invalid option name: {option_name!r}.")
        q.explain_info = ExplainInfo(format, options)
        compiler = q.get_compiler(using=using)
        return "\n".join(compiler.explain_query())

    def combine(self, rhs: Query, connector: str) -> None:
        """Merge ``rhs`` into this query for ``qs1 & qs2`` / ``qs1 | qs2`` / ``qs1 ^ qs2``."""
        filters.combine(self, rhs, connector)


def get_order_dir(field: str, default: str = "ASC") -> tuple[str, str]:
    """Split ``"-name"`` into ("name", "DESC") relative to the default direction."""
    from django.db.models.sql.constants import ORDER_DIR

    dirn = ORDER_DIR[default]
    if field[0] == "-":
        return field[1:], dirn[1]
    return field, dirn[0]


__all__ += ["get_order_dir", "OR", "AND", "F", "OuterRef", "Exists", "FieldDoesNotExist"]
