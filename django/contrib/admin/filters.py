"""List filters for the changelist sidebar.

Each filter reads its own parameters from the changelist's query string, narrows the queryset
and yields the links of the sidebar (``choices``); ``FieldListFilter.create`` picks the filter class
registered for a model field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _


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
            "display": _("All"),
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


def _last(value: Any) -> Any:
    return value[-1] if isinstance(value, list) else value


class _ExactChoicesFilter(FieldListFilter):
    """A filter whose choices are "All", then one link per value (``<path>__exact``), then empty."""

    def __init__(
        self, field: Any, request: Any, params: dict, model: Any, model_admin: Any, field_path: str
    ) -> None:
        self.lookup_kwarg = self.exact_lookup(field, field_path)
        self.lookup_kwarg_isnull = f"{field_path}__isnull"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_val = _last(self.used_parameters.get(self.lookup_kwarg))
        self.lookup_val_isnull = _last(self.used_parameters.get(self.lookup_kwarg_isnull))
        self.empty_value_display = model_admin.get_empty_value_display()

    def exact_lookup(self, field: Any, field_path: str) -> str:
        return f"{field_path}__exact"

    def expected_parameters(self) -> list:
        return [self.lookup_kwarg, self.lookup_kwarg_isnull]

    def value_choices(self, changelist: Any) -> list:
        """(value, label) pairs; subclasses say where they come from."""
        raise NotImplementedError

    def queryset(self, request: Any, queryset: Any) -> Any:
        params = {k: _last(v) for k, v in self.used_parameters.items()}
        if self.lookup_kwarg_isnull in params:
            params[self.lookup_kwarg_isnull] = params[self.lookup_kwarg_isnull] in ("1", "True", "true")
        try:
            return queryset.filter(**params)
        except (ValueError, TypeError, ValidationError) as exc:
            from django.contrib.admin.options import IncorrectLookupParameters

            raise IncorrectLookupParameters(exc) from exc

    def choices(self, changelist: Any) -> Any:
        both = [self.lookup_kwarg, self.lookup_kwarg_isnull]
        yield {
            "selected": self.lookup_val is None and not self.lookup_val_isnull,
            "query_string": changelist.get_query_string(remove=both),
            "display": _("All"),
        }
        for value, label in self.value_choices(changelist):
            yield {
                "selected": self.lookup_val is not None and str(value) == str(self.lookup_val),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: value}, [self.lookup_kwarg_isnull]
                ),
                "display": label,
            }
        if self.field.null:
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]
                ),
                "display": self.empty_value_display,
            }


class RelatedFieldListFilter(_ExactChoicesFilter):
    def __init__(
        self, field: Any, request: Any, params: dict, model: Any, model_admin: Any, field_path: str
    ) -> None:
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name

    def exact_lookup(self, field: Any, field_path: str) -> str:
        target = field.target_field.name if hasattr(field, "target_field") else "pk"
        return f"{field_path}__{target}__exact"

    def field_choices(self, field: Any, request: Any, model_admin: Any) -> list:
        return [(obj.pk, str(obj)) for obj in field.related_model._default_manager.all()]

    def value_choices(self, changelist: Any) -> list:
        return self.field_choices(self.field, self.request, changelist.model_admin)


class RelatedOnlyFieldListFilter(RelatedFieldListFilter):
    """Only the related objects that some row of the changelist points at."""

    def field_choices(self, field: Any, request: Any, model_admin: Any) -> list:
        used = model_admin.get_queryset(request).values_list(f"{self.field_path}__pk", flat=True).distinct()
        return [(obj.pk, str(obj)) for obj in field.related_model._default_manager.filter(pk__in=used)]


class BooleanFieldListFilter(_ExactChoicesFilter):
    def value_choices(self, changelist: Any) -> list:
        return [("1", _("Yes")), ("0", _("No"))]


class ChoicesFieldListFilter(_ExactChoicesFilter):
    def value_choices(self, changelist: Any) -> list:
        return [(value, label) for value, label in self.field.flatchoices if value is not None]


class AllValuesFieldListFilter(_ExactChoicesFilter):
    def value_choices(self, changelist: Any) -> list:
        qs = changelist.model_admin.get_queryset(self.request).order_by(self.field_path)
        values = qs.values_list(self.field_path, flat=True).distinct()
        return [(v, str(v)) for v in values if v is not None]


class DateFieldListFilter(FieldListFilter):
    """Any date / today / past 7 days / this month / this year, as ``__gte``/``__lt`` ranges."""

    def __init__(
        self, field: Any, request: Any, params: dict, model: Any, model_admin: Any, field_path: str
    ) -> None:
        self.field_generic = f"{field_path}__"
        self.lookup_kwarg_since = f"{field_path}__gte"
        self.lookup_kwarg_until = f"{field_path}__lt"
        self.lookup_kwarg_isnull = f"{field_path}__isnull"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.links = self._links()

    def _links(self) -> list:
        import datetime

        from django.db import models
        from django.utils import timezone

        now = timezone.now()
        today: datetime.date
        if isinstance(self.field, models.DateTimeField):
            if timezone.is_aware(now):
                now = timezone.localtime(now)
            today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        else:
            today = now.date()
        tomorrow = today + datetime.timedelta(days=1)
        month_start = today.replace(day=1)
        next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
        year_start = today.replace(month=1, day=1)
        next_year = year_start.replace(year=year_start.year + 1)

        def span(since: Any, until: Any) -> dict:
            return {self.lookup_kwarg_since: str(since), self.lookup_kwarg_until: str(until)}

        links = [
            (_("Any date"), {}),
            (_("Today"), span(today, tomorrow)),
            (_("Past 7 days"), span(today - datetime.timedelta(days=7), tomorrow)),
            (_("This month"), span(month_start, next_month)),
            (_("This year"), span(year_start, next_year)),
        ]
        if self.field.null:
            links += [
                (_("No date"), {self.lookup_kwarg_isnull: "True"}),
                (_("Has date"), {self.lookup_kwarg_isnull: "False"}),
            ]
        return links

    def expected_parameters(self) -> list:
        params = [self.lookup_kwarg_since, self.lookup_kwarg_until]
        return params + [self.lookup_kwarg_isnull] if self.field.null else params

    def queryset(self, request: Any, queryset: Any) -> Any:
        params = {k: _last(v) for k, v in self.used_parameters.items()}
        if self.lookup_kwarg_isnull in params:
            params[self.lookup_kwarg_isnull] = params[self.lookup_kwarg_isnull] in ("1", "True", "true")
        try:
            return queryset.filter(**params)
        except (ValueError, TypeError, ValidationError) as exc:
            from django.contrib.admin.options import IncorrectLookupParameters

            raise IncorrectLookupParameters(exc) from exc

    def choices(self, changelist: Any) -> Any:
        current = {k: str(_last(v)) for k, v in self.used_parameters.items()}
        for title, params in self.links:
            yield {
                "selected": current == params,
                "query_string": changelist.get_query_string(params, [self.field_generic]),
                "display": title,
            }


class EmptyFieldListFilter(FieldListFilter):
    """Empty / not empty, where empty is NULL or (for text fields) the empty string."""

    def __init__(
        self, field: Any, request: Any, params: dict, model: Any, model_admin: Any, field_path: str
    ) -> None:
        self.lookup_kwarg = f"{field_path}__isempty"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_val = _last(self.used_parameters.get(self.lookup_kwarg))

    def expected_parameters(self) -> list:
        return [self.lookup_kwarg]

    def queryset(self, request: Any, queryset: Any) -> Any:
        from django.db.models import Q

        if self.lookup_val is None:
            return queryset
        if self.lookup_val not in ("0", "1"):
            from django.contrib.admin.options import IncorrectLookupParameters

            raise IncorrectLookupParameters(
                f"{self.lookup_val!r} is not a valid value for {self.lookup_kwarg}."
            )
        empty = Q()
        if self.field.null:
            empty |= Q(**{f"{self.field_path}__isnull": True})
        if self.field.empty_strings_allowed:
            empty |= Q(**{self.field_path: ""})
        return queryset.filter(empty) if self.lookup_val == "1" else queryset.exclude(empty)

    def choices(self, changelist: Any) -> Any:
        for value, title in ((None, _("All")), ("1", _("Empty")), ("0", _("Not empty"))):
            yield {
                "selected": self.lookup_val == value,
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: value} if value else {}, [] if value else [self.lookup_kwarg]
                ),
                "display": title,
            }


def _register_defaults() -> None:
    from django.db import models

    FieldListFilter.register(lambda f: f.remote_field, RelatedFieldListFilter)
    FieldListFilter.register(lambda f: isinstance(f, models.BooleanField), BooleanFieldListFilter)
    FieldListFilter.register(lambda f: bool(f.choices), ChoicesFieldListFilter)
    FieldListFilter.register(lambda f: isinstance(f, models.DateField), DateFieldListFilter)
    FieldListFilter.register(lambda f: True, AllValuesFieldListFilter)


_register_defaults()
