"""DetailView: one object, looked up by pk or slug from the URL."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.views.generic.base import ContextMixin, TemplateResponseMixin, View


class SingleObjectMixin(ContextMixin):
    """Find the object for the URL: ``pk_url_kwarg`` or ``slug_url_kwarg`` within get_queryset()."""

    model: Any = None
    queryset: Any = None
    slug_field = "slug"
    context_object_name: str | None = None
    slug_url_kwarg = "slug"
    pk_url_kwarg = "pk"
    query_pk_and_slug = False

    def get_object(self, queryset: Any = None) -> Any:
        if queryset is None:
            queryset = self.get_queryset()
        pk = self.kwargs.get(self.pk_url_kwarg)  # type: ignore[attr-defined]
        slug = self.kwargs.get(self.slug_url_kwarg)  # type: ignore[attr-defined]
        if pk is not None:
            queryset = queryset.filter(pk=pk)
        if slug is not None and (pk is None or self.query_pk_and_slug):
            queryset = queryset.filter(**{self.get_slug_field(): slug})
        if pk is None and slug is None:
            raise AttributeError(
                f"Generic detail view {self.__class__.__name__} must be called with either an object pk or a slug "
                "in the URLconf."
            )
        try:
            return queryset.get()
        except queryset.model.DoesNotExist:
            raise Http404(f"No {queryset.model._meta.verbose_name} found matching the query")

    def get_queryset(self) -> Any:
        if self.queryset is None:
            if self.model:
                return self.model._default_manager.all()
            raise ImproperlyConfigured(
                f"{self.__class__.__name__} is missing a QuerySet. Define {self.__class__.__name__}.model, "
                f"{self.__class__.__name__}.queryset, or override {self.__class__.__name__}.get_queryset()."
            )
        return self.queryset.all()

    def get_slug_field(self) -> str:
        return self.slug_field

    def get_context_object_name(self, obj: Any) -> str | None:
        if self.context_object_name:
            return self.context_object_name
        if hasattr(obj, "_meta"):
            return obj._meta.model_name
        return None

    def get_context_data(self, **kwargs: Any) -> dict:
        context: dict[str, Any] = {}
        obj = getattr(self, "object", None)
        if obj is not None:
            context["object"] = obj
            name = self.get_context_object_name(obj)
            if name:
                context[name] = obj
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseDetailView(SingleObjectMixin, View):
    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)  # type: ignore[attr-defined]


class SingleObjectTemplateResponseMixin(TemplateResponseMixin):
    template_name_field: str | None = None
    template_name_suffix = "_detail"

    def get_template_names(self) -> list[str]:
        """``template_name`` if set, else ``<app_label>/<model_name>_detail.html``."""
        try:
            names = super().get_template_names()
        except ImproperlyConfigured:
            names = []
            obj = getattr(self, "object", None)
            if obj is not None and self.template_name_field:
                name = getattr(obj, self.template_name_field, None)
                if name:
                    names.insert(0, name)
            model = obj if hasattr(obj, "_meta") else getattr(self, "model", None)
            if model is None and getattr(self, "queryset", None) is not None:
                model = self.queryset.model  # type: ignore[attr-defined]
            if model is not None:
                names.append(
                    f"{model._meta.app_label}/{model._meta.model_name}{self.template_name_suffix}.html"
                )
            if not names:
                raise
        return names


class DetailView(SingleObjectTemplateResponseMixin, BaseDetailView):
    """Render one object (``object`` and ``<model_name>`` in the context)."""
