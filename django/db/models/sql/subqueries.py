"""Query subclasses for the statements that are not plain SELECTs."""

from __future__ import annotations

from django.core.exceptions import FieldError
from django.db.models.sql.constants import GET_ITERATOR_CHUNK_SIZE, NO_RESULTS, ROW_COUNT
from django.db.models.sql.query import Query

__all__ = ["DeleteQuery", "UpdateQuery", "InsertQuery", "AggregateQuery"]


class DeleteQuery(Query):
    compiler = "SQLDeleteCompiler"

    def do_query(self, table, where, using) -> int:
        self.alias_map = {table: self.alias_map[table]}
        self.where = where
        return self.get_compiler(using).execute_sql(ROW_COUNT)

    def delete_batch(self, pk_list, using) -> int:
        """Delete the rows with these primary keys, in chunks; return how many went."""
        num_deleted = 0
        field = self.get_meta().pk
        for offset in range(0, len(pk_list), GET_ITERATOR_CHUNK_SIZE):
            self.clear_where()
            self.add_filter(f"{field.attname}__in", pk_list[offset : offset + GET_ITERATOR_CHUNK_SIZE])
            num_deleted += self.do_query(self.get_meta().db_table, self.where, using=using)
        return num_deleted


class UpdateQuery(Query):
    compiler = "SQLUpdateCompiler"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_query()

    def _setup_query(self) -> None:
        # Runs after chain() too: values and related updates start empty.
        self.values: list = []
        self.related_ids = None
        self.related_updates: dict = {}

    def clone(self):
        obj = super().clone()
        obj.related_updates = self.related_updates.copy()
        return obj

    def update_batch(self, pk_list, values, using) -> None:
        self.add_update_values(values)
        for offset in range(0, len(pk_list), GET_ITERATOR_CHUNK_SIZE):
            self.clear_where()
            self.add_filter("pk__in", pk_list[offset : offset + GET_ITERATOR_CHUNK_SIZE])
            self.get_compiler(using).execute_sql(NO_RESULTS)

    def add_update_values(self, values: dict) -> None:
        """Turn {name: value} into (field, model, value) triples, parents' fields aside."""
        values_seq = []
        meta = self.get_meta()
        for name, value in values.items():
            field = meta.get_field(name)
            direct = not (field.auto_created and not field.concrete) or not field.concrete
            model = field.model._meta.concrete_model
            if not direct or (field.is_relation and field.many_to_many) or not field.concrete:
                raise FieldError(
                    f"Cannot update model field {field!r} (only non-relations and foreign keys permitted)."
                )
            if model is not meta.concrete_model:
                self.add_related_update(model, field, value)
                continue
            values_seq.append((field, model, value))
        self.add_update_fields(values_seq)

    def add_update_fields(self, values_seq) -> None:
        for field, model, value in values_seq:
            if getattr(field, "generated", False):
                raise FieldError(f"{field.__class__.__name__} '{field.name}' cannot be updated.")
            if hasattr(value, "resolve_expression"):
                value = value.resolve_expression(self, allow_joins=False, for_save=True)
            self.values.append((field, model, value))

    def add_related_update(self, model, field, value) -> None:
        self.related_updates.setdefault(model, []).append((field, None, value))

    def get_related_updates(self) -> list:
        result = []
        for model, values in self.related_updates.items():
            query = UpdateQuery(model)
            query.values = values
            if self.related_ids is not None:
                query.add_filter("pk__in", self.related_ids[model])
            result.append(query)
        return result


class InsertQuery(Query):
    compiler = "SQLInsertCompiler"

    def __init__(self, *args, on_conflict=None, update_fields=None, unique_fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = []
        self.objs = []
        self.raw = False
        self.on_conflict = on_conflict
        self.update_fields = update_fields or []
        self.unique_fields = unique_fields or []

    def insert_values(self, fields, objs, raw: bool = False) -> None:
        self.fields = fields
        self.objs = objs
        self.raw = raw


class AggregateQuery(Query):
    """``SELECT aggregates FROM (inner_query) subquery``."""

    compiler = "SQLAggregateCompiler"

    def __init__(self, model, inner_query):
        self.inner_query = inner_query
        super().__init__(model)
