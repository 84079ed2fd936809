"""The JSON view behind autocomplete_fields: search the related ModelAdmin, page the results."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404, JsonResponse
from django.views.generic.list import BaseListView


class AutocompleteJsonView(BaseListView):
    """``?term=&app_label=&model_name=&field_name=&page=`` -> ``{"results": [...], "pagination": {...}}``."""

    paginate_by = 20
    admin_site: Any = None

    def get(self, request: Any, *args: Any, **kwargs: Any) -> JsonResponse:
        self.term, self.model_admin, self.source_field, to_field_name = self.process_request(request)
        if not self.has_perm(request):
            raise PermissionDenied
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        return JsonResponse(
            {
                "results": [self.serialize_result(obj, to_field_name) for obj in context["object_list"]],
                "pagination": {"more": context["page_obj"].has_next()},
            }
        )

    def serialize_result(self, obj: Any, to_field_name: str) -> dict:
        return {"id": str(getattr(obj, to_field_name)), "text": str(obj)}

    def get_paginator(self, *args: Any, **kwargs: Any) -> Any:
        return self.model_admin.get_paginator(self.request, *args, **kwargs)

    def get_queryset(self) -> Any:
        qs = self.model_admin.get_queryset(self.request)
        qs = qs.complex_filter(self.source_field.get_limit_choices_to())
        qs, search_use_distinct = self.model_admin.get_search_results(self.request, qs, self.term)
        if not qs.ordered:  # pages must not overlap: fall back to the primary key
            qs = qs.order_by("pk")
        return qs.distinct() if search_use_distinct else qs

    def process_request(self, request: Any) -> tuple[str, Any, Any, str]:
        """Validate the query parameters; anything wrong is a 403, as the admin documents."""
        from django.apps import apps

        term = request.GET.get("term", "")
        try:
            app_label = request.GET["app_label"]
            model_name = request.GET["model_name"]
            field_name = request.GET["field_name"]
        except KeyError as exc:
            raise PermissionDenied from exc
        try:
            source_model = apps.get_model(app_label, model_name)
            source_field = source_model._meta.get_field(field_name)
            remote_model = source_field.remote_field.model
        except (LookupError, FieldDoesNotExist, AttributeError) as exc:
            raise PermissionDenied from exc
        try:
            model_admin = self.admin_site.get_model_admin(remote_model)
        except Exception as exc:  # NotRegistered
            raise PermissionDenied from exc
        if not model_admin.get_search_fields(request):
            raise Http404(
                f"{type(model_admin).__qualname__} must have search_fields for the autocomplete_view."
            )
        to_field_name = getattr(source_field.remote_field, "field_name", remote_model._meta.pk.attname)
        to_field_name = remote_model._meta.get_field(to_field_name).attname
        if not model_admin.to_field_allowed(request, to_field_name):
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name

    def has_perm(self, request: Any, obj: Any = None) -> bool:
        return self.model_admin.has_view_permission(request, obj=obj)
