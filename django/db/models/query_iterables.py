"""What a QuerySet yields per row: model instances, dicts, tuples, named tuples or scalars.

Import these from django.db.models.query; this module keeps query.py readable.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from asgiref.sync import sync_to_async

from django.db.models.sql.constants import GET_ITERATOR_CHUNK_SIZE
from django.db.models.utils import create_namedtuple_class


class ResultCacheMixin:
    """Sequence behaviour over ``_fetch_all()``/``_result_cache`` (QuerySet, RawQuerySet)."""

    if TYPE_CHECKING:  # provided by QuerySet and RawQuerySet
        _result_cache: Any

        def _fetch_all(self) -> None: ...

    def __len__(self):
        self._fetch_all()
        return len(self._result_cache)

    def __bool__(self):
        self._fetch_all()
        return bool(self._result_cache)

    def __iter__(self):
        self._fetch_all()
        return iter(self._result_cache)

    def __aiter__(self):
        async def generator():
            await sync_to_async(self._fetch_all)()
            for item in self._result_cache:
                yield item

        return generator()


class BaseIterable:
    if TYPE_CHECKING:  # each subclass yields its rows

        def __iter__(self) -> Iterator[Any]: ...

    def __init__(self, queryset, chunked_fetch: bool = False, chunk_size: int = GET_ITERATOR_CHUNK_SIZE):
        self.queryset = queryset
        self.chunked_fetch = chunked_fetch
        self.chunk_size = chunk_size

    async def _async_generator(self):
        # Build the sync generator in a worker thread and pull chunks from it there.
        sync_generator = self.__iter__()

        def next_slice(gen):
            return list(islice(gen, self.chunk_size))

        while True:
            chunk = await sync_to_async(next_slice)(sync_generator)
            for item in chunk:
                yield item
            if len(chunk) < self.chunk_size:
                break

    def __aiter__(self):
        return self._async_generator()


class ModelIterable(BaseIterable):
    """One model instance per row (with select_related objects and annotations)."""

    def __iter__(self):
        queryset = self.queryset
        db = queryset.db
        compiler = queryset.query.get_compiler(using=db)
        results = compiler.execute_sql(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
        select, klass_info, annotation_col_map = (
            compiler.select,
            compiler.klass_info,
            compiler.annotation_col_map,
        )
        model_cls = klass_info["model"]
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        related_populators = get_related_populators(klass_info, select, db)
        known_related_objects = [
            (
                field,
                related_objs,
                operator.attrgetter(
                    *[
                        field.attname
                        if from_field == "self"
                        else queryset.model._meta.get_field(from_field).attname
                        for from_field in field.from_fields
                    ]
                ),
            )
            for field, related_objs in queryset._known_related_objects.items()
        ]
        build = model_cls._row_builder(db, init_list)
        rows = compiler.results_iter(results)
        if not (related_populators or annotation_col_map or known_related_objects):
            # The common case: the row is exactly the model's columns.
            if start == 0 and end == len(select):
                yield from map(build, rows)
            else:
                for row in rows:
                    yield build(row[start:end])
            return
        for row in rows:
            obj = build(row[start:end])
            for populator in related_populators:
                populator.populate(row, obj)
            if annotation_col_map:
                for attr_name, col_pos in annotation_col_map.items():
                    setattr(obj, attr_name, row[col_pos])
            for field, rel_objs, rel_getter in known_related_objects:
                # Objects loaded by select_related() win over known ones.
                if field.is_cached(obj):
                    continue
                rel_obj = rel_objs.get(rel_getter(obj))
                if rel_obj is not None:
                    setattr(obj, field.name, rel_obj)
            yield obj


class RawModelIterable(BaseIterable):
    """Model instances from a raw SQL query (RawQuerySet)."""

    def __iter__(self):
        from django.core.exceptions import FieldDoesNotExist
        from django.db import connections

        db = self.queryset.db
        query = self.queryset.query
        connection = connections[db]
        compiler = connection.ops.compiler("SQLCompiler")(query, connection, db)
        query_iterator = iter(query)
        try:
            model_init_names, model_init_pos, annotation_fields = self.queryset.resolve_model_init_order()
            model_cls = self.queryset.model
            if model_cls._meta.pk.attname not in model_init_names:
                raise FieldDoesNotExist("Raw query must include the primary key")
            fields = [self.queryset.model_fields.get(c) for c in self.queryset.columns]
            converters = compiler.get_converters(
                [f.get_col(f.model._meta.db_table) if f else None for f in fields]
            )
            if converters:
                query_iterator = compiler.apply_converters(query_iterator, converters)
            for values in query_iterator:
                init_values = [values[pos] for pos in model_init_pos]
                instance = model_cls.from_db(db, model_init_names, init_values)
                for column, pos in annotation_fields:
                    setattr(instance, column, values[pos])
                yield instance
        finally:
            if getattr(query, "cursor", None):
                query.cursor.close()


def _selected_names(query) -> list[str]:
    return [*query.extra_select, *query.values_select, *query.annotation_select]


def _requested_order(queryset, names: list[str]):
    """Positions reordering the SQL's columns into the order values()/values_list() named them."""
    fields = queryset._fields
    if not fields:
        return None
    wanted = [*fields, *(name for name in queryset.query.annotation_select if name not in fields)]
    if wanted == names or set(wanted) != set(names):
        return None
    index = {name: pos for pos, name in enumerate(names)}
    return wanted, [index[name] for name in wanted]


class ValuesIterable(BaseIterable):
    """A dict per row (values())."""

    def __iter__(self):
        queryset = self.queryset
        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        names = _selected_names(query)
        reorder = _requested_order(queryset, names)
        rows = compiler.results_iter(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
        if reorder is None:
            for row in rows:
                yield dict(zip(names, row))
        else:
            wanted, positions = reorder
            for row in rows:
                yield {name: row[pos] for name, pos in zip(wanted, positions)}


class ValuesListIterable(BaseIterable):
    """A tuple per row (values_list())."""

    def __iter__(self):
        queryset = self.queryset
        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        reorder = _requested_order(queryset, _selected_names(query))
        if reorder is not None:
            positions = reorder[1]
            rows = compiler.results_iter(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
            return (tuple(row[pos] for pos in positions) for row in rows)
        return compiler.results_iter(
            tuple_expected=True, chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size
        )


class NamedValuesListIterable(ValuesListIterable):
    """A named tuple (class ``Row``) per row (values_list(named=True))."""

    def __iter__(self):
        queryset = self.queryset
        if queryset._fields:
            names = [
                *queryset._fields,
                *(n for n in queryset.query.annotation_select if n not in queryset._fields),
            ]
        else:
            names = _selected_names(queryset.query)
        tuple_class = create_namedtuple_class(*names)
        new = tuple.__new__
        for row in super().__iter__():
            yield new(tuple_class, row)


class FlatValuesListIterable(BaseIterable):
    """The single selected value per row (values_list(flat=True))."""

    def __iter__(self):
        queryset = self.queryset
        compiler = queryset.query.get_compiler(queryset.db)
        for row in compiler.results_iter(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size):
            yield row[0]


class RelatedPopulator:
    """Builds the select_related() object for one relation from a row and attaches it."""

    def __init__(self, klass_info, select, db):
        self.db = db
        select_fields = klass_info["select_fields"]
        if not klass_info["from_parent"]:
            self.cols_start = select_fields[0]
            self.cols_end = select_fields[-1] + 1
            self.init_list = [f[0].target.attname for f in select[self.cols_start : self.cols_end]]
            self.reorder_for_init = None
        else:
            # A child reached from its parent: its columns are split between both tables.
            attname_indexes = {select[idx][0].target.attname: idx for idx in select_fields}
            model_attnames = (f.attname for f in klass_info["model"]._meta.concrete_fields)
            self.init_list = [attname for attname in model_attnames if attname in attname_indexes]
            positions = [attname_indexes[attname] for attname in self.init_list]
            self.reorder_for_init = lambda row: tuple(row[pos] for pos in positions)
        self.model_cls = klass_info["model"]
        self.pk_idx = self.init_list.index(self.model_cls._meta.pk.attname)
        self.build = self.model_cls._row_builder(db, self.init_list)
        self.related_populators = get_related_populators(klass_info, select, self.db)
        self.local_setter = klass_info["local_setter"]
        self.remote_setter = klass_info["remote_setter"]

    def populate(self, row, from_obj) -> None:
        if self.reorder_for_init:
            obj_data = self.reorder_for_init(row)
        else:
            obj_data = row[self.cols_start : self.cols_end]
        if obj_data[self.pk_idx] is None:
            obj = None
        else:
            obj = self.build(obj_data)
            for populator in self.related_populators:
                populator.populate(row, obj)
        self.local_setter(from_obj, obj)
        if obj is not None:
            self.remote_setter(obj, from_obj)


def get_related_populators(klass_info, select, db) -> list[RelatedPopulator]:
    return [RelatedPopulator(info, select, db) for info in klass_info.get("related_klass_infos", [])]
