"""ListView: a (paginated) list of objects."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.views.generic.base import ContextMixin, TemplateResponseMixin, View


class MultipleObjectMixin(ContextMixin):
    """A queryset (``model``/``queryset``/``ordering``) with optional pagination (``paginate_by``)."""

    allow_empty = True
    queryset: Any = None
    model: Any = None
    paginate_by: int | None = None
    paginate_orphans = 0
    context_object_name: str | None = None
    paginator_class: Any = None
    page_kwarg = "page"
    ordering: Any = None

    def get_queryset(self) -> Any:
        if self.queryset is not None:
            queryset = self.queryset
            if hasattr(queryset, "_clone"):
                queryset = queryset.all()
        elif self.model is not None:
            queryset = self.model._default_manager.all()
        else:
            raise ImproperlyConfigured(
                f"{self.__class__.__name__} is missing a QuerySet. Define {self.__class__.__name__}.model, "
                f"{self.__class__.__name__}.queryset, or override {self.__class__.__name__}.get_queryset()."
            )
        ordering = self.get_ordering()
        if ordering:
            if isinstance(ordering, str):
                ordering = (ordering,)
            queryset = queryset.order_by(*ordering)
        return queryset

    def get_ordering(self) -> Any:
        return self.ordering

    def get_paginator_class(self) -> Any:
        if self.paginator_class is not None:
            return self.paginator_class
        from django.core.paginator import Paginator

        return Paginator

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple:
        """(paginator, page, object_list, is_paginated); a bad page number is a 404."""
        from django.core.paginator import InvalidPage

        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page_kwarg = self.page_kwarg
        page = self.kwargs.get(page_kwarg) or self.request.GET.get(page_kwarg) or 1  # type: ignore[attr-defined]
        try:
            page_number = int(page)
        except ValueError:
            if page == "last":
                page_number = paginator.num_pages
            else:
                raise Http404("Page is not “last”, nor can it be converted to an int.")
        try:
            page_obj = paginator.page(page_number)
        except InvalidPage as e:
            raise Http404(f"Invalid page ({page_number}): {e}")
        return paginator, page_obj, page_obj.object_list, page_obj.has_other_pages()

    def get_paginate_by(self, queryset: Any) -> int | None:
        return self.paginate_by

    def get_paginator(
        self,
        queryset: Any,
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
        **kwargs: Any,
    ) -> Any:
        return self.get_paginator_class()(
            queryset, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page, **kwargs
        )

    def get_paginate_orphans(self) -> int:
        return self.paginate_orphans

    def get_allow_empty(self) -> bool:
        return self.allow_empty

    def get_context_object_name(self, object_list: Any) -> str | None:
        if self.context_object_name:
            return self.context_object_name
        if hasattr(object_list, "model"):
            return f"{object_list.model._meta.model_name}_list"
        return None

    def get_context_data(self, *, object_list: Any = None, **kwargs: Any) -> dict:
        queryset = object_list if object_list is not None else self.object_list  # type: ignore[attr-defined]
        page_size = self.get_paginate_by(queryset)
        context_object_name = self.get_context_object_name(queryset)
        if page_size:
            paginator, page, queryset, is_paginated = self.paginate_queryset(queryset, page_size)
            context = {
                "paginator": paginator,
                "page_obj": page,
                "is_paginated": is_paginated,
                "object_list": queryset,
            }
        else:
            context = {"paginator": None, "page_obj": None, "is_paginated": False, "object_list": queryset}
        if context_object_name is not None:
            context[context_object_name] = queryset
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseListView(MultipleObjectMixin, View):
    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object_list = self.get_queryset()
        if not self.get_allow_empty():
            # Checking emptiness without fetching every row when the queryset can say so.
            if self.get_paginate_by(self.object_list) is not None and hasattr(self.object_list, "exists"):
                is_empty = not self.object_list.exists()
            else:
                is_empty = not self.object_list
            if is_empty:
                raise Http404(f"Empty list and “{self.__class__.__name__}.allow_empty” is False.")
        context = self.get_context_data()
        return self.render_to_response(context)  # type: ignore[attr-defined]


class MultipleObjectTemplateResponseMixin(TemplateResponseMixin):
    template_name_suffix = "_list"

    def get_template_names(self) -> list[str]:
        """``template_name`` if set, else ``<app_label>/<model_name>_list.html``."""
        try:
            names = super().get_template_names()
        except ImproperlyConfigured:
            object_list = getattr(self, "object_list", None)
            model = getattr(object_list, "model", None)
            if model is None:
                raise ImproperlyConfigured(
                    "MultipleObjectTemplateResponseMixin requires either a definition of 'template_name' or an "
                    "implementation of 'get_template_names()'"
                )
            names = [f"{model._meta.app_label}/{model._meta.model_name}{self.template_name_suffix}.html"]
        return names


class ListView(MultipleObjectTemplateResponseMixin, BaseListView):
    """Render a list of objects (``object_list``, ``<model_name>_list`` and pagination in the context)."""
