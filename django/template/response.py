"""SimpleTemplateResponse / TemplateResponse: responses rendered lazily, at the last moment."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpResponse


class ContentNotRenderedError(Exception):
    pass


class SimpleTemplateResponse(HttpResponse):
    non_picklable_attrs = HttpResponse.non_picklable_attrs | frozenset(
        ["template_name", "context_data", "_post_render_callbacks"]
    )
    rendering_attrs = ["template_name", "context_data", "_post_render_callbacks"]

    def __init__(
        self,
        template: Any,
        context: dict | None = None,
        content_type: str | None = None,
        status: int | None = None,
        charset: str | None = None,
        using: str | None = None,
        headers: dict | None = None,
    ) -> None:
        # template_name may be a name, a list of names or a Template object.
        self.template_name = template
        self.context_data = context
        self.using = using
        self._post_render_callbacks: list[Callable] = []
        self._request = None
        super().__init__("", content_type, status, charset=charset, headers=headers)
        self._is_rendered = False

    def __getstate__(self) -> dict:
        if not self._is_rendered:
            raise ContentNotRenderedError("The response content must be rendered before it can be pickled.")
        obj_dict = self.__dict__.copy()
        for attr in self.rendering_attrs:
            obj_dict.pop(attr, None)
        return obj_dict

    def resolve_template(self, template: Any) -> Any:
        from django.template.loader import get_template, select_template

        if isinstance(template, (list, tuple)):
            return select_template(template, using=self.using)
        if isinstance(template, str):
            return get_template(template, using=self.using)
        return template

    def resolve_context(self, context: Any) -> Any:
        return context

    @property
    def rendered_content(self) -> str:
        template = self.resolve_template(self.template_name)
        context = self.resolve_context(self.context_data)
        return template.render(context, self._request)

    def add_post_render_callback(self, callback: Callable) -> None:
        if self._is_rendered:
            callback(self)
        else:
            self._post_render_callbacks.append(callback)

    def render(self) -> SimpleTemplateResponse:
        retval: Any = self
        if not self._is_rendered:
            self.content = self.rendered_content
            for post_callback in self._post_render_callbacks:
                newretval = post_callback(retval)
                if newretval is not None:
                    retval = newretval
        return retval

    @property
    def is_rendered(self) -> bool:
        return self._is_rendered

    def __iter__(self) -> Iterator[Any]:
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be iterated over."
            )
        return super().__iter__()

    @property
    def content(self) -> bytes:  # type: ignore[override]
        if not self._is_rendered:
            raise ContentNotRenderedError("The response content must be rendered before it can be accessed.")
        return HttpResponse.content.fget(self)  # type: ignore[attr-defined]

    @content.setter
    def content(self, value: Any) -> None:
        HttpResponse.content.fset(self, value)  # type: ignore[attr-defined]
        self._is_rendered = True


class TemplateResponse(SimpleTemplateResponse):
    rendering_attrs = [*SimpleTemplateResponse.rendering_attrs, "_request"]

    def __init__(
        self,
        request: Any,
        template: Any,
        context: dict | None = None,
        content_type: str | None = None,
        status: int | None = None,
        charset: str | None = None,
        using: str | None = None,
        headers: dict | None = None,
    ) -> None:
        super().__init__(template, context, content_type, status, charset, using, headers=headers)
        self._request = request
