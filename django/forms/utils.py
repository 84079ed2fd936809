"""Error containers, the renderable mixin and small helpers shared by forms, fields and widgets."""

from __future__ import annotations

import json
from collections import UserList
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape, format_html_join
from django.utils.safestring import SafeString, mark_safe


def pretty_name(name: str) -> str:
    """'first_name' -> 'First name'."""
    if not name:
        return ""
    return name.replace("_", " ").capitalize()


def flatatt(attrs: dict) -> SafeString:
    """Render a dict of HTML attributes: True means a bare attribute, False/None leaves it out."""
    pairs = []
    flags = []
    for key, value in attrs.items():
        if isinstance(value, bool):
            if value:
                flags.append((key,))
        elif value is not None:
            pairs.append((key, value))
    return mark_safe(format_html_join("", ' {}="{}"', pairs) + format_html_join("", " {}", flags))


class RenderableMixin:
    """Objects rendered through a template of the form renderer (forms, formsets, errors, fields)."""

    template_name: str | None = None

    def get_context(self) -> dict:
        raise NotImplementedError("Subclasses of RenderableMixin must provide a get_context() method.")

    def render(
        self, template_name: str | None = None, context: dict | None = None, renderer: Any = None
    ) -> SafeString:
        renderer = renderer or self.renderer  # type: ignore[attr-defined]
        template = template_name or self.template_name
        context = context or self.get_context()
        return mark_safe(renderer.render(template, context))

    if TYPE_CHECKING:  # str() and __html__() call render() with no arguments

        def __str__(self) -> SafeString: ...
        def __html__(self) -> SafeString: ...

    else:
        __str__ = render
        __html__ = render


class RenderableFieldMixin(RenderableMixin):
    def as_field_group(self) -> SafeString:
        return self.render()

    def as_hidden(self, *args: Any, **kwargs: Any) -> SafeString:
        raise NotImplementedError("Subclasses of RenderableFieldMixin must provide an as_hidden() method.")

    def as_widget(self, *args: Any, **kwargs: Any) -> SafeString:
        raise NotImplementedError("Subclasses of RenderableFieldMixin must provide an as_widget() method.")

    def __str__(self) -> SafeString:
        if self.field.show_hidden_initial:  # type: ignore[attr-defined]
            return self.as_widget() + self.as_hidden(only_initial=True)
        return self.as_widget()

    __html__ = __str__


class RenderableFormMixin(RenderableMixin):
    def as_p(self) -> SafeString:
        return self.render(template_name=self.template_name_p)  # type: ignore[attr-defined]

    def as_table(self) -> SafeString:
        return self.render(template_name=self.template_name_table)  # type: ignore[attr-defined]

    def as_ul(self) -> SafeString:
        return self.render(template_name=self.template_name_ul)  # type: ignore[attr-defined]

    def as_div(self) -> SafeString:
        return self.render(template_name=self.template_name_div)  # type: ignore[attr-defined]


class RenderableErrorMixin(RenderableMixin):
    def as_json(self, escape_html: bool = False) -> str:
        return json.dumps(self.get_json_data(escape_html))  # type: ignore[attr-defined]

    def as_text(self) -> SafeString:
        return self.render(self.template_name_text)  # type: ignore[attr-defined]

    def as_ul(self) -> SafeString:
        return self.render(self.template_name_ul)  # type: ignore[attr-defined]


def _default_renderer() -> Any:
    from django.forms.renderers import get_default_renderer

    return get_default_renderer()


class ErrorDict(dict, RenderableErrorMixin):
    """field name -> ErrorList; renders as a <ul class="errorlist"> by default."""

    template_name = "django/forms/errors/dict/default.html"
    template_name_text = "django/forms/errors/dict/text.txt"
    template_name_ul = "django/forms/errors/dict/ul.html"

    def __init__(self, *args: Any, renderer: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._renderer = renderer

    @property
    def renderer(self) -> Any:
        return self._renderer or _default_renderer()

    def as_data(self) -> dict:
        return {field: errors.as_data() for field, errors in self.items()}

    def get_json_data(self, escape_html: bool = False) -> dict:
        return {field: errors.get_json_data(escape_html) for field, errors in self.items()}

    def get_context(self) -> dict:
        return {"errors": self.items(), "error_class": "errorlist"}

    def __str__(self) -> SafeString:  # dict defines __str__; the mixin's must win
        return self.render()

    __html__ = __str__


class ErrorList(UserList, list, RenderableErrorMixin):  # type: ignore[misc]  # both a UserList and a list
    """A list of errors for one field (or the form's non-field errors)."""

    template_name = "django/forms/errors/list/default.html"
    template_name_text = "django/forms/errors/list/text.txt"
    template_name_ul = "django/forms/errors/list/ul.html"

    def __init__(
        self,
        initlist: Any = None,
        error_class: str | None = None,
        renderer: Any = None,
        field_id: str | None = None,
    ) -> None:
        super().__init__(initlist)
        self.error_class = "errorlist" if error_class is None else "errorlist %s" % error_class
        self._renderer = renderer
        self.field_id = field_id

    @property
    def renderer(self) -> Any:
        return self._renderer or _default_renderer()

    def as_data(self) -> list[ValidationError]:
        return ValidationError(self.data).error_list

    def copy(self) -> ErrorList:
        copy = super().copy()
        copy.error_class = self.error_class
        copy._renderer = self._renderer
        copy.field_id = self.field_id
        return copy

    def get_json_data(self, escape_html: bool = False) -> list[dict]:
        result = []
        for error in self.as_data():
            message = next(iter(error))
            result.append({"message": escape(message) if escape_html else message, "code": error.code or ""})
        return result

    def get_context(self) -> dict:
        return {"errors": self, "error_class": self.error_class}

    def __str__(self) -> SafeString:
        return self.render()

    __html__ = __str__

    def __repr__(self) -> str:
        return repr(list(self))

    def __contains__(self, item: object) -> bool:
        return item in list(self)

    def __eq__(self, other: object) -> bool:
        return list(self) == other

    def __getitem__(self, i: Any) -> Any:
        error = self.data[i]
        if isinstance(error, ValidationError):
            return next(iter(error))
        return error

    def __reduce_ex__(self, *args: Any) -> Any:
        # Pickle as a plain list so the renderer is not dragged along.
        info = super(UserList, self).__reduce_ex__(*args)
        return (info[0], info[1], info[2], None, None)

    __hash__ = None  # type: ignore[assignment]


def from_current_timezone(value: Any) -> Any:
    """A naive datetime in the current time zone -> aware (when USE_TZ)."""
    from django.conf import settings
    from django.utils import timezone

    if settings.USE_TZ and value is not None and timezone.is_naive(value):
        current = timezone.get_current_timezone()
        try:
            if timezone._datetime_ambiguous_or_imaginary(value, current):  # type: ignore[attr-defined]
                raise ValueError("Ambiguous or non-existent time.")
            return timezone.make_aware(value, current)
        except Exception as exc:
            raise ValidationError(
                "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist.",
                code="ambiguous_timezone",
                params={"datetime": value, "current_timezone": current},
            ) from exc
    return value


def to_current_timezone(value: Any) -> Any:
    """An aware datetime -> naive in the current time zone, for display in a widget."""
    from django.conf import settings
    from django.utils import timezone

    if settings.USE_TZ and value is not None and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


__all__ = [
    "ErrorDict",
    "ErrorList",
    "RenderableMixin",
    "conditional_escape",
    "cached_property",
    "flatatt",
    "from_current_timezone",
    "pretty_name",
    "to_current_timezone",
]
