"""RawQuerySet: model instances from raw SQL (Manager.raw()).

Import it from django.db.models.query.
"""

from __future__ import annotations

from django.db import connections, router
from django.db.models import sql
from django.db.models.query_iterables import RawModelIterable, ResultCacheMixin
from django.db.models.query_prefetch import prefetch_related_objects


class RawQuerySet(ResultCacheMixin):
    """Model instances from raw SQL (Manager.raw())."""

    def __init__(
        self, raw_query, model=None, query=None, params=(), translations=None, using=None, hints=None
    ):
        self.raw_query = raw_query
        self.model = model
        self._db = using
        self._hints = hints or {}
        self.query = query or sql.RawQuery(sql=raw_query, using=self.db, params=params)
        self.params = params
        self.translations = translations or {}
        self._result_cache = None
        self._prefetch_related_lookups = ()
        self._prefetch_done = False

    def resolve_model_init_order(self):
        """(field attnames, their column positions, [(extra column, position)])."""
        converter = connections[self.db].introspection.identifier_converter
        model_init_fields = [f for f in self.model._meta.fields if converter(f.column) in self.columns]
        annotation_fields = [
            (column, pos) for pos, column in enumerate(self.columns) if column not in self.model_fields
        ]
        model_init_order = [self.columns.index(converter(f.column)) for f in model_init_fields]
        model_init_names = [f.attname for f in model_init_fields]
        return model_init_names, model_init_order, annotation_fields

    def prefetch_related(self, *lookups):
        clone = self._clone()
        if lookups == (None,):
            clone._prefetch_related_lookups = ()
        else:
            clone._prefetch_related_lookups = clone._prefetch_related_lookups + lookups
        return clone

    def _prefetch_related_objects(self):
        prefetch_related_objects(self._result_cache, *self._prefetch_related_lookups)
        self._prefetch_done = True

    def _clone(self):
        c = self.__class__(
            self.raw_query,
            model=self.model,
            query=self.query,
            params=self.params,
            translations=self.translations,
            using=self._db,
            hints=self._hints,
        )
        c._prefetch_related_lookups = self._prefetch_related_lookups[:]
        return c

    def _fetch_all(self):
        if self._result_cache is None:
            self._result_cache = list(self.iterator())
        if self._prefetch_related_lookups and not self._prefetch_done:
            self._prefetch_related_objects()

    def iterator(self):
        yield from RawModelIterable(self)

    def __repr__(self):
        return f"<{self.__class__.__name__}: {self.query}>"

    def __getitem__(self, k):
        return list(self)[k]

    @property
    def db(self):
        return self._db or router.db_for_read(self.model, **self._hints)

    def using(self, alias):
        return RawQuerySet(
            self.raw_query,
            model=self.model,
            query=self.query.chain(using=alias),
            params=self.params,
            translations=self.translations,
            using=alias,
        )

    @property
    def columns(self):
        """Column names of the result, with translations applied."""
        if "_columns" not in self.__dict__:
            columns = self.query.get_columns()
            for query_name, model_name in self.translations.items():
                if query_name in columns:
                    columns[columns.index(query_name)] = model_name
            self.__dict__["_columns"] = columns
        return self.__dict__["_columns"]

    @property
    def model_fields(self):
        """{column name: field} for the model."""
        if "_model_fields" not in self.__dict__:
            converter = connections[self.db].introspection.identifier_converter
            self.__dict__["_model_fields"] = {converter(f.column): f for f in self.model._meta.fields}
        return self.__dict__["_model_fields"]
