"""List filters for the changelist sidebar.

Each filter reads its own parameters from the changelist's query string, narrows the queryset
and yields the links of the sidebar (``choices``); ``FieldListFilter.create`` picks the filter class
registered for a model field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.functional import cached_property
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
    """Facet counts: how many rows each choice would show, given the other active filters.

    ``get_facet_counts`` names one aggregate per choice; ``get_facet_queryset`` runs them all in
    one query over the changelist's queryset without this filter's own parameters.
    """

    request: Any

    def get_facet_counts(self, pk_attname: str, filtered_qs: Any) -> dict:
        raise NotImplementedError("subclasses of FacetsMixin must provide a get_facet_counts() method.")

    def get_facet_queryset(self, changelist: Any) -> dict:
        filtered_qs = changelist.get_queryset(self.request, exclude_parameters=self.expected_parameters())  # type: ignore[attr-defined]
        counts = self.get_facet_counts(changelist.pk_attname, filtered_qs)
        return filtered_qs.aggregate(**counts) if counts else {}

    def _facet_counts_for(self, changelist: Any) -> dict:
        return self.get_facet_queryset(changelist) if getattr(changelist, "add_facets", False) else {}


def _with_count(display: Any, counts: dict, key: str) -> Any:
    return f"{display} ({counts[key]})" if key in counts else display


def _count_where(pk_attname: str, condition: Any) -> Any:
    from django.db.models import Count

    return Count(pk_attname, filter=condition)


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

    def get_facet_counts(self, pk_attname: str, filtered_qs: Any) -> dict:
        """One count per lookup: the rows queryset() keeps when that lookup is chosen."""
        from django.db.models import Q

        chosen = self.used_parameters.get(self.parameter_name)
        counts = {}
        try:
            for index, (lookup, _title) in enumerate(self.lookup_choices):
                self.used_parameters[self.parameter_name] = str(lookup)
                narrowed = self.queryset(self.request, filtered_qs)
                if narrowed is not None:
                    counts[f"{index}__c"] = _count_where(pk_attname, Q(pk__in=narrowed.values("pk")))
        finally:
            if chosen is None:
                self.used_parameters.pop(self.parameter_name, None)
            else:
                self.used_parameters[self.parameter_name] = chosen
        return counts

    def choices(self, changelist: Any) -> Any:
        counts = self._facet_counts_for(changelist)
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("All"),
        }
        for index, (lookup, title) in enumerate(self.lookup_choices):
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": _with_count(title, counts, f"{index}__c"),
            }


class FieldListFilter(FacetsMixin, ListFilter):
    """A filter on one model field; ``create`` picks the registered class for the field.

    The built-in subclasses describe their links once, in ``options()``: (label, selected,
    parameters to set, parameter prefixes to remove, the Q a facet counts or None); ``choices``
    and ``get_facet_counts`` both read that list, so a count always sits beside its link.
    """

    _field_list_filters: list = []
    _take_priority_index = 0
    list_separator = ","

    def __init__(
        self, field: Any, request: Any, params: dict, model: Any, model_admin: Any, field_path: str
    ) -> None:
        self.field = field
        self.field_path = field_path
        self.model_admin = model_admin
        self.title = getattr(field, "verbose_name", field_path)
        super().__init__(request, params, model, model_admin)
        for p in self.expected_parameters():
            if p in params:
                value = params.pop(p)
                self.used_parameters[p] = value

    def has_output(self) -> bool:
        return True

    def queryset(self, request: Any, queryset: Any) -> Any:
        """Filter by the used parameters; a value the field cannot take is IncorrectLookupParameters."""
        params = {k: _last(v) for k, v in self.used_parameters.items()}
        for key, value in params.items():
            if key.endswith("__isnull"):
                params[key] = _true(value)
        try:
            return queryset.filter(**params)
        except (ValueError, TypeError, ValidationError) as exc:
            from django.contrib.admin.exceptions import IncorrectLookupParameters

            raise IncorrectLookupParameters(exc) from exc

    def options(self) -> list:
        raise NotImplementedError("subclasses of FieldListFilter must provide choices() or options().")

    def get_facet_counts(self, pk_attname: str, filtered_qs: Any) -> dict:
        return {
            f"{index}__c": _count_where(pk_attname, option[4])
            for index, option in enumerate(self.options())
            if option[4] is not None
        }

    def choices(self, changelist: Any) -> Any:
        counts = self._facet_counts_for(changelist)
        for index, (label, selected, new_params, remove, _condition) in enumerate(self.options()):
            yield {
                "selected": selected,
                "query_string": changelist.get_query_string(new_params, remove),
                "display": _with_count(label, counts, f"{index}__c"),
            }

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


def _true(value: Any) -> bool:
    return str(value) in ("1", "True", "true")


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

    def value_choices(self) -> list:
        """(value, label) pairs; subclasses say where they come from."""
        raise NotImplementedError

    @cached_property
    def lookup_choices(self) -> list:
        return list(self.value_choices())

    def options(self) -> list:
        from django.db.models import Q

        isnull = self.lookup_kwarg_isnull
        options: list[tuple] = [
            (
                _("All"),
                self.lookup_val is None and not self.lookup_val_isnull,
                {},
                [self.lookup_kwarg, isnull],
                None,
            )
        ]
        for value, label in self.lookup_choices:
            selected = self.lookup_val is not None and str(value) == str(self.lookup_val)
            condition = Q(**{self.lookup_kwarg: value})
            options.append((label, selected, {self.lookup_kwarg: value}, [isnull], condition))
        if self.field.null:
            selected = bool(self.lookup_val_isnull) and _true(self.lookup_val_isnull)
            condition = Q(**{isnull: True})
            options.append(
                (self.empty_value_display, selected, {isnull: "True"}, [self.lookup_kwarg], condition)
            )
        return options


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

    def value_choices(self) -> list:
        return self.field_choices(self.field, self.request, self.model_admin)


class RelatedOnlyFieldListFilter(RelatedFieldListFilter):
    """Only the related objects that some row of the changelist points at."""

    def field_choices(self, field: Any, request: Any, model_admin: Any) -> list:
        used = model_admin.get_queryset(request).values_list(f"{self.field_path}__pk", flat=True).distinct()
        return [(obj.pk, str(obj)) for obj in field.related_model._default_manager.filter(pk__in=used)]


class BooleanFieldListFilter(_ExactChoicesFilter):
    def value_choices(self) -> list:
        return [("1", _("Yes")), ("0", _("No"))]


class ChoicesFieldListFilter(_ExactChoicesFilter):
    def value_choices(self) -> list:
        return [(value, label) for value, label in self.field.flatchoices if value is not None]


class AllValuesFieldListFilter(_ExactChoicesFilter):
    def value_choices(self) -> list:
        qs = self.model_admin.get_queryset(self.request).order_by(self.field_path)
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

    def options(self) -> list:
        from django.db.models import Q

        current = {k: str(_last(v)) for k, v in self.used_parameters.items()}
        options = []
        for title, params in self.links:
            condition = Q(**{k: _true(v) if k.endswith("__isnull") else v for k, v in params.items()})
            options.append((title, current == params, params, [self.field_generic], condition))
        return options


class EmptyFieldListFilter(FieldListFilter):
    """Empty / not empty, where empty is NULL or (for text fields) the empty string."""

    def __init__(
        self, field: Any, request: Any, params: dict, model: Any, model_admin: Any, field_path: str
    ) -> None:
        if not (field.empty_strings_allowed or field.null):
            raise ImproperlyConfigured(
                f"The list filter '{type(self).__name__}' cannot be used with field '{field.name}' "
                "which doesn't allow empty strings and nulls."
            )
        self.lookup_kwarg = f"{field_path}__isempty"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_val = _last(self.used_parameters.get(self.lookup_kwarg))

    def expected_parameters(self) -> list:
        return [self.lookup_kwarg]

    def _empty(self) -> Any:
        from django.db.models import Q

        empty = Q()
        if self.field.null:
            empty |= Q(**{f"{self.field_path}__isnull": True})
        if self.field.empty_strings_allowed:
            empty |= Q(**{self.field_path: ""})
        return empty

    def queryset(self, request: Any, queryset: Any) -> Any:
        if self.lookup_val is None:
            return queryset
        if self.lookup_val not in ("0", "1"):
            from django.contrib.admin.exceptions import IncorrectLookupParameters

            raise IncorrectLookupParameters(
                f"{self.lookup_val!r} is not a valid value for {self.lookup_kwarg}."
            )
        empty = self._empty()
        return queryset.filter(empty) if self.lookup_val == "1" else queryset.exclude(empty)

    def options(self) -> list:
        kwarg, empty = self.lookup_kwarg, self._empty()
        return [
            (_("All"), self.lookup_val is None, {}, [kwarg], None),
            (_("Empty"), self.lookup_val == "1", {kwarg: "1"}, [], empty),
            (_("Not empty"), self.lookup_val == "0", {kwarg: "0"}, [], ~empty),
        ]


def _register_defaults() -> None:
    from django.db import models

    FieldListFilter.register(lambda f: f.remote_field, RelatedFieldListFilter)
    FieldListFilter.register(lambda f: isinstance(f, models.BooleanField), BooleanFieldListFilter)
    FieldListFilter.register(lambda f: bool(f.choices), ChoicesFieldListFilter)
    FieldListFilter.register(lambda f: isinstance(f, models.DateField), DateFieldListFilter)
    FieldListFilter.register(lambda f: True, AllValuesFieldListFilter)


_register_defaults()
