"""List filters for the changelist sidebar.

The base classes and the registry that picks a FieldListFilter for a model field are here; the
concrete filters' choices (rendered by the changelist page) arrive with the admin pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured


class ListFilter:
    title: Any = None
    template = "admin/filter.html"

    def __init__(self, request: Any, params: dict, model: Any, model_admin: Any) -> None:
        self.request = request
        self.used_parameters: dict = {}
        if self.title is None:
            raise ImproperlyConfigured(
                f"The list filter '{self.__class__.__name__}' does not specify a 'title'."
            )

    def has_output(self) -> bool:
        raise NotImplementedError("subclasses of ListFilter must provide a has_output() method")

    def choices(self, changelist: Any) -> Any:
        raise NotImplementedError("subclasses of ListFilter must provide a choices() method")

    def queryset(self, request: Any, queryset: Any) -> Any:
        raise NotImplementedError("subclasses of ListFilter must provide a queryset() method")

    def expected_parameters(self) -> list:
        raise NotImplementedError("subclasses of ListFilter must provide an expected_parameters() method")


class FacetsMixin:
    def get_facet_counts(self, pk_attname: str, filtered_qs: Any) -> dict:
        raise NotImplementedError("subclasses of FacetsMixin must provide a get_facet_counts() method.")

    def get_facet_queryset(self, changelist: Any) -> Any:
        return None


class SimpleListFilter(FacetsMixin, ListFilter):
    """A filter with hand-written lookups() and queryset()."""

    parameter_name: str | None = None

    def __init__(self, request: Any, params: dict, model: Any, model_admin: Any) -> None:
        super().__init__(request, params, model, model_admin)
        if self.parameter_name is None:
            raise ImproperlyConfigured(
                f"The list filter '{self.__class__.__name__}' does not specify a 'parameter_name'."
            )
        if self.parameter_name in params:
            value = params.pop(self.parameter_name)
            self.used_parameters[self.parameter_name] = value[-1] if isinstance(value, list) else value
        lookup_choices = self.lookups(request, model_admin)
        self.lookup_choices = list(lookup_choices) if lookup_choices is not None else []

    def has_output(self) -> bool:
        return len(self.lookup_choices) > 0

    def value(self) -> Any:
        return self.used_parameters.get(self.parameter_name)

    def lookups(self, request: Any, model_admin: Any) -> Any:
        raise NotImplementedError(
            "The SimpleListFilter.lookups() method must be overridden to return a list of tuples (value, "
            "verbose value)."
        )

    def expected_parameters(self) -> list:
        return [self.parameter_name]

    def choices(self, changelist: Any) -> Any:
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "All",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class FieldListFilter(FacetsMixin, ListFilter):
    """A filter on one model field; ``create`` picks the registered class for the field."""

    _field_list_filters: list = []
    _take_priority_index = 0
    list_separator = ","

    def __init__(
        self, field: Any, request: Any, params: dict, model: Any, model_admin: Any, field_path: str
    ) -> None:
        self.field = field
        self.field_path = field_path
        self.title = getattr(field, "verbose_name", field_path)
        super().__init__(request, params, model, model_admin)
        for p in self.expected_parameters():
            if p in params:
                value = params.pop(p)
                self.used_parameters[p] = value

    def has_output(self) -> bool:
        return True

    def queryset(self, request: Any, queryset: Any) -> Any:
        return queryset.filter(
            **{k: v[-1] if isinstance(v, list) else v for k, v in self.used_parameters.items()}
        )

    @classmethod
    def register(cls, test: Callable, list_filter_class: Any, take_priority: bool = False) -> None:
        if take_priority:
            cls._field_list_filters.insert(cls._take_priority_index, (test, list_filter_class))
            cls._take_priority_index += 1
        else:
            cls._field_list_filters.append((test, list_filter_class))

    @classmethod
    def create(
        cls, field: Any, request: Any, params: dict, model: Any, model_admin: Any, field_path: str
    ) -> Any:
        for test, list_filter_class in cls._field_list_filters:
            if test(field):
                return list_filter_class(field, request, params, model, model_admin, field_path=field_path)
        raise ImproperlyConfigured(f"No list filter applies to field {field_path!r}.")


class RelatedFieldListFilter(FieldListFilter):
    def expected_parameters(self) -> list:
        return [f"{self.field_path}__{self.field.target_field.name}__exact", f"{self.field_path}__isnull"]


class BooleanFieldListFilter(FieldListFilter):
    def expected_parameters(self) -> list:
        return [f"{self.field_path}__exact", f"{self.field_path}__isnull"]


class ChoicesFieldListFilter(FieldListFilter):
    def expected_parameters(self) -> list:
        return [f"{self.field_path}__exact", f"{self.field_path}__isnull"]


class DateFieldListFilter(FieldListFilter):
    def expected_parameters(self) -> list:
        return [f"{self.field_path}__gte", f"{self.field_path}__lt", f"{self.field_path}__isnull"]


class AllValuesFieldListFilter(FieldListFilter):
    def expected_parameters(self) -> list:
        return [f"{self.field_path}__exact", f"{self.field_path}__isnull"]


class RelatedOnlyFieldListFilter(RelatedFieldListFilter):
    pass


class EmptyFieldListFilter(FieldListFilter):
    def expected_parameters(self) -> list:
        return [f"{self.field_path}__isempty"]


def _register_defaults() -> None:
    from django.db import models

    FieldListFilter.register(lambda f: f.remote_field, RelatedFieldListFilter)
    FieldListFilter.register(lambda f: isinstance(f, models.BooleanField), BooleanFieldListFilter)
    FieldListFilter.register(lambda f: bool(f.choices), ChoicesFieldListFilter)
    FieldListFilter.register(lambda f: isinstance(f, models.DateField), DateFieldListFilter)
    FieldListFilter.register(lambda f: True, AllValuesFieldListFilter)


_register_defaults()
