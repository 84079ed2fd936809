"""ChangeList: turns a changelist request's query string into filters, search, ordering and a page."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.constants import IS_FACETS_VAR, IS_POPUP_VAR, TO_FIELD_VAR, ShowFacets
from django.contrib.admin.exceptions import (
    DisallowedModelAdminLookup,
    DisallowedModelAdminToField,
    IncorrectLookupParameters,
)
from django.core.exceptions import (
    FieldDoesNotExist,
    FieldError,
    ImproperlyConfigured,
    SuspiciousOperation,
    ValidationError,
)
from django.core.paginator import InvalidPage
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils.http import urlencode
from django.utils.translation import gettext

ALL_VAR = "all"
ORDER_VAR = "o"
PAGE_VAR = "p"
SEARCH_VAR = "q"
ERROR_FLAG = "e"
IGNORED_PARAMS = {
    ALL_VAR,
    ORDER_VAR,
    SEARCH_VAR,
    IS_POPUP_VAR,
    TO_FIELD_VAR,
    IS_FACETS_VAR,
    "_changelist_filters",
}


class ChangeList:
    """The state of one changelist page: which rows, in which order, on which page."""

    def __init__(
        self,
        request: Any,
        model: Any,
        list_display: Any,
        list_display_links: Any,
        list_filter: Any,
        date_hierarchy: Any,
        search_fields: Any,
        list_select_related: Any,
        list_per_page: int,
        list_max_show_all: int,
        list_editable: Any,
        model_admin: Any,
        sortable_by: Any,
        search_help_text: Any = None,
    ) -> None:
        self.model = model
        self.opts = model._meta
        self.lookup_opts = self.opts
        self.root_queryset = model_admin.get_queryset(request)
        self.list_display = list(list_display)
        self.list_display_links = list_display_links
        self.list_filter = list_filter
        self.has_filters = False
        self.date_hierarchy = date_hierarchy
        self.search_fields = search_fields
        self.list_select_related = list_select_related
        self.list_per_page = list_per_page
        self.list_max_show_all = list_max_show_all
        self.list_editable = list_editable
        self.model_admin = model_admin
        self.sortable_by = sortable_by
        self.search_help_text = search_help_text
        self.preserved_filters = model_admin.get_preserved_filters(request)
        self.request = request
        self.params = {key: request.GET.getlist(key)[-1] for key in request.GET}
        self.page_num = self._page_number(self.params.get(PAGE_VAR, "1"))
        self.show_all = ALL_VAR in self.params
        self.is_popup = IS_POPUP_VAR in self.params
        self.to_field = self.params.get(TO_FIELD_VAR)
        if self.to_field and not model_admin.to_field_allowed(request, self.to_field):
            raise DisallowedModelAdminToField(f"The field {self.to_field} cannot be referenced.")
        self.query = self.params.get(SEARCH_VAR, "")
        self.params.pop(PAGE_VAR, None)
        self.params.pop(ERROR_FLAG, None)
        self._setup_facets(model_admin.show_facets)
        self.queryset = self.get_queryset(request)
        self.get_results(request)
        self.title = (
            gettext("Select %s")
            if self.is_popup
            else gettext("Select %s to change")
            if model_admin.has_change_permission(request)
            else gettext("Select %s to view")
        ) % self.opts.verbose_name
        self.pk_attname = self.opts.pk.attname

    def _setup_facets(self, show_facets: Any) -> None:
        """Whether the sidebar shows facet counts, and the links that switch them on and off."""
        self.is_facets_optional = show_facets is ShowFacets.ALLOW
        self.add_facets = show_facets is ShowFacets.ALWAYS or (
            self.is_facets_optional and IS_FACETS_VAR in self.params
        )
        self.add_facet_link = self.get_query_string({IS_FACETS_VAR: "True"})
        self.remove_facet_link = self.get_query_string(remove=[IS_FACETS_VAR])

    @staticmethod
    def _page_number(raw: str) -> int:
        try:
            number = int(raw)
        except ValueError:
            raise IncorrectLookupParameters(f"Invalid page number {raw!r}.")
        if number < 1:
            raise IncorrectLookupParameters(f"Invalid page number {raw!r}.")
        return number

    # ---------------------------------------------------------------- query strings
    def get_query_string(self, new_params: dict | None = None, remove: Any = None) -> str:
        """The current query string with new_params set and every key starting with a ``remove`` item gone."""
        params = dict(self.params)
        for prefix in remove or ():
            for key in list(params):
                if key.startswith(prefix):
                    del params[key]
        for key, value in (new_params or {}).items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return "?" + urlencode(sorted(params.items()))

    # ---------------------------------------------------------------- filters
    def get_filters_params(self, params: dict | None = None) -> dict:
        lookup_params = dict(params if params is not None else self.params)
        for ignored in IGNORED_PARAMS:
            lookup_params.pop(ignored, None)
        return lookup_params

    def get_filters(self, request: Any) -> tuple[list, bool, dict, bool, bool]:
        """(filter objects, whether any is used, remaining lookups, may_have_duplicates, has_active_filters)."""
        from django.contrib.admin.filters import FieldListFilter, ListFilter

        lookup_params = self.get_filters_params()
        for key in lookup_params:
            if not self.model_admin.lookup_allowed(key, lookup_params[key], request):
                raise DisallowedModelAdminLookup(f"Filtering by {key} not allowed")
        specs, may_have_duplicates, has_active = [], False, False
        for entry in self.list_filter:
            used_before = len(lookup_params)
            if isinstance(entry, type) and issubclass(entry, ListFilter):
                spec = entry(request, lookup_params, self.model, self.model_admin)
            else:
                if isinstance(entry, (tuple, list)):
                    field_path, filter_class = entry
                else:
                    field_path, filter_class = entry, FieldListFilter.create
                if not isinstance(field_path, models.Field):
                    field = self._field_for_path(field_path)
                else:
                    field, field_path = field_path, field_path.name
                spec = filter_class(
                    field, request, lookup_params, self.model, self.model_admin, field_path=field_path
                )
                may_have_duplicates |= self._spans_many(field_path)
            if spec and spec.has_output():
                specs.append(spec)
                has_active |= used_before != len(lookup_params)
        if self.date_hierarchy:
            has_active |= any(k.startswith(self.date_hierarchy + "__") for k in lookup_params)
        for key in lookup_params:
            may_have_duplicates |= self._spans_many(key)
        return specs, bool(specs), lookup_params, may_have_duplicates, has_active

    def _field_for_path(self, path: str) -> Any:
        model, field = self.model, None
        for part in path.split("__"):
            field = model._meta.get_field(part)
            model = field.related_model or model
        return field

    def _spans_many(self, path: str) -> bool:
        from django.contrib.admin.utils import lookup_spawns_duplicates

        return lookup_spawns_duplicates(self.opts, path)

    # ---------------------------------------------------------------- ordering
    def get_ordering_field(self, field_name: Any) -> Any:
        """The ORM ordering for a list_display item, or None when it cannot be sorted."""
        try:
            return self.opts.get_field(field_name).name
        except (FieldDoesNotExist, TypeError):
            if callable(field_name):
                attr = field_name
            elif hasattr(self.model_admin, field_name):
                attr = getattr(self.model_admin, field_name)
            elif LOOKUP_SEP in field_name and not hasattr(self.model, field_name):
                return field_name  # a related lookup such as "question__question_text"
            else:
                attr = getattr(self.model, field_name, None)
            if isinstance(attr, property):
                attr = attr.fget
            return getattr(attr, "admin_order_field", None)

    def _order_params(self) -> list[tuple[int, str]]:
        """(list_display index, 'asc'|'desc') pairs from ``?o=2.-1``, ignoring malformed parts."""
        pairs = []
        for part in self.params.get(ORDER_VAR, "").split("."):
            index = part.removeprefix("-")
            if not index.isdigit() or int(index) >= len(self.list_display):
                continue
            pairs.append((int(index), "desc" if part.startswith("-") else "asc"))
        return pairs

    def get_ordering(self, request: Any, queryset: Any) -> list:
        ordering = list(self.model_admin.get_ordering(request) or self._default_ordering())
        if ORDER_VAR in self.params:
            ordering = []
            for index, direction in self._order_params():
                field = self.get_ordering_field(self.list_display[index])
                if not field:
                    continue
                if hasattr(field, "as_sql"):
                    ordering.append(field.desc() if direction == "desc" else field.asc())
                else:
                    field = field.lstrip("-") if field.startswith("-") and direction == "asc" else field
                    ordering.append(("-" + field) if direction == "desc" else field)
        ordering.extend(queryset.query.order_by)
        return self._deterministic(ordering)

    def _default_ordering(self) -> list:
        return list(self.opts.ordering or [])

    def _deterministic(self, ordering: list) -> list:
        """Add -pk unless some ordering item is already the primary key."""
        names = {o.lstrip("-") for o in ordering if isinstance(o, str)}
        pk = self.opts.pk
        if not names & {"pk", pk.name, pk.attname}:
            ordering.append("-pk")
        return ordering

    def get_ordering_field_columns(self) -> dict[int, str]:
        """{list_display index: 'asc' | 'desc'} for the columns the page is sorted by."""
        if ORDER_VAR in self.params:
            return dict(self._order_params())
        columns = {}
        for item in self.model_admin.get_ordering(self.request) or self._default_ordering():
            if not isinstance(item, str):
                continue
            name, direction = item.lstrip("-"), "desc" if item.startswith("-") else "asc"
            for index, attr in enumerate(self.list_display):
                if self.get_ordering_field(attr) == name:
                    columns[index] = direction
                    break
        return columns

    # ---------------------------------------------------------------- queryset and results
    def get_queryset(self, request: Any, exclude_parameters: Any = None) -> Any:
        """The filtered, searched and ordered rows.

        With ``exclude_parameters`` (a filter's expected_parameters(), for its facet counts) the
        filters already built are reused and the one owning those parameters is left out.
        """
        if exclude_parameters is None or not hasattr(self, "filter_specs"):
            (self.filter_specs, self.has_filters, remaining, filters_duplicate, self.has_active_filters) = (
                self.get_filters(request)
            )
            self._remaining_lookups, self._filters_duplicate = remaining, filters_duplicate
        excluded = list(exclude_parameters or ())
        remaining = {k: v for k, v in self._remaining_lookups.items() if k not in excluded}
        qs = self.root_queryset
        try:
            for spec in self.filter_specs:
                if excluded and list(spec.expected_parameters()) == excluded:
                    continue
                narrowed = spec.queryset(request, qs)
                if narrowed is not None:
                    qs = narrowed
            qs = qs.filter(**remaining)
        except (SuspiciousOperation, ImproperlyConfigured, IncorrectLookupParameters):
            raise
        except (ValueError, TypeError, ValidationError, FieldDoesNotExist, FieldError) as exc:
            raise IncorrectLookupParameters(exc) from exc
        qs, search_duplicates = self.model_admin.get_search_results(request, qs, self.query)
        if exclude_parameters is not None:
            return qs.distinct() if self._filters_duplicate or search_duplicates else qs
        self.clear_all_filters_qs = self.get_query_string(
            remove=list(self.get_filters_params()) + [SEARCH_VAR]
        )
        qs = self.apply_select_related(qs)
        qs = qs.order_by(*self.get_ordering(request, qs))
        if self._filters_duplicate or search_duplicates:
            qs = qs.distinct()
        return qs

    def apply_select_related(self, qs: Any) -> Any:
        if self.list_select_related is True:
            return qs.select_related()
        if self.list_select_related is False:
            related = [
                name for name in self.list_display if isinstance(name, str) and self._is_forward_fk(name)
            ]
            return qs.select_related(*related) if related else qs
        if self.list_select_related:
            return qs.select_related(*self.list_select_related)
        return qs

    def _is_forward_fk(self, name: str) -> bool:
        try:
            field = self.opts.get_field(name)
        except FieldDoesNotExist:
            return False
        return bool(field.many_to_one or field.one_to_one) and field.concrete

    def get_results(self, request: Any) -> None:
        paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        try:
            result_count = paginator.count
        except (ValueError, TypeError, ValidationError, FieldError) as exc:
            raise IncorrectLookupParameters(exc) from exc
        if self.model_admin.show_full_result_count:
            self.full_result_count = (
                self.root_queryset.count() if self.has_filters or self.query or self.params else result_count
            )
        else:
            self.full_result_count = None
        self.result_count = result_count
        self.can_show_all = result_count <= self.list_max_show_all
        self.multi_page = result_count > self.list_per_page
        if (self.show_all and self.can_show_all) or not self.multi_page:
            self.result_list = list(self.queryset._clone())
        else:
            try:
                self.result_list = list(paginator.page(self.page_num).object_list)
            except InvalidPage:
                raise IncorrectLookupParameters(f"Page {self.page_num} does not exist.")
        self.show_full_result_count = self.model_admin.show_full_result_count
        self.show_admin_actions = not self.show_full_result_count or bool(self.full_result_count)
        self.paginator = paginator

    def url_for_result(self, result: Any) -> str:
        from django.contrib.admin.utils import quote
        from django.urls import reverse

        pk = getattr(result, self.pk_attname)
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=(quote(pk),),
            current_app=self.model_admin.admin_site.name,
        )
