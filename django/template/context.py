"""Context: the stack of dicts a template renders against."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from copy import copy
from typing import Any

# Names every context answers, at the bottom of the stack.
_BUILTINS = {"True": True, "False": False, "None": None}


class ContextPopException(Exception):
    """pop() was called more times than push()."""


class ContextDict(dict):
    """A pushed dict; as a context manager it pops itself on exit."""

    def __init__(self, context: BaseContext, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        context.dicts.append(self)
        self.context = context

    def __enter__(self) -> ContextDict:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.context.pop()


class BaseContext:
    def __init__(self, dict_: dict | None = None) -> None:
        self._reset_dicts(dict_)

    def _reset_dicts(self, value: dict | None = None) -> None:
        self.dicts: list[dict] = [dict(_BUILTINS)]
        if value is not None:
            self.dicts.append(value)

    def __copy__(self) -> BaseContext:
        duplicate = object.__new__(type(self))
        duplicate.__dict__ = self.__dict__.copy()
        duplicate.dicts = self.dicts[:]
        return duplicate

    def __repr__(self) -> str:
        return repr(self.dicts)

    def __iter__(self) -> Iterator[Any]:
        return reversed(self.dicts)

    def push(self, *args: Any, **kwargs: Any) -> ContextDict:
        dicts = []
        for d in args:
            if isinstance(d, BaseContext):
                dicts += d.dicts[1:]
            else:
                dicts.append(d)
        return ContextDict(self, *dicts, **kwargs)

    def pop(self) -> dict:
        if len(self.dicts) == 1:
            raise ContextPopException
        return self.dicts.pop()

    def __setitem__(self, key: str, value: Any) -> None:
        self.dicts[-1][key] = value

    def set_upward(self, key: str, value: Any) -> None:
        """Set in the nearest dict that has the key, else the top one."""
        context = self.dicts[-1]
        for d in reversed(self.dicts):
            if key in d:
                context = d
                break
        context[key] = value

    def __getitem__(self, key: str) -> Any:
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        raise KeyError(key)

    def __delitem__(self, key: str) -> None:
        del self.dicts[-1][key]

    def __contains__(self, key: str) -> bool:
        return any(key in d for d in self.dicts)

    def get(self, key: str, otherwise: Any = None) -> Any:
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        return otherwise

    def setdefault(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default

    def new(self, values: dict | None = None) -> BaseContext:
        """A copy of this context (same settings) with a fresh stack holding `values`."""
        new_context = copy(self)
        new_context._reset_dicts(values)
        return new_context

    def flatten(self) -> dict:
        flat: dict = {}
        for d in self.dicts:
            flat.update(d)
        return flat

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseContext):
            return NotImplemented
        return self.flatten() == other.flatten()

    __hash__ = None  # type: ignore[assignment]


class Context(BaseContext):
    def __init__(
        self,
        dict_: dict | None = None,
        autoescape: bool = True,
        use_l10n: bool | None = None,
        use_tz: bool | None = None,
    ) -> None:
        self.autoescape = autoescape
        self.use_l10n = use_l10n
        self.use_tz = use_tz
        self.template_name = "unknown"
        self.render_context = RenderContext()
        # Set while a Template renders this context (see bind_template()).
        self.template: Any = None
        super().__init__(dict_)

    @contextmanager
    def bind_template(self, template: Any) -> Iterator[Any]:
        if self.template is not None:
            raise RuntimeError("Context is already bound to a template")
        self.template = template
        try:
            yield
        finally:
            self.template = None

    def __copy__(self) -> Context:
        duplicate = super().__copy__()
        duplicate.render_context = copy(self.render_context)  # type: ignore[attr-defined]
        return duplicate  # type: ignore[return-value]

    def update(self, other_dict: Any) -> ContextDict:
        if not hasattr(other_dict, "__getitem__"):
            raise TypeError("other_dict must be a mapping (dictionary-like) object.")
        if isinstance(other_dict, BaseContext):
            other_dict = other_dict.dicts[1:].pop()
        return ContextDict(self, other_dict)


class RenderContext(BaseContext):
    """Per-render state for tags (cycle positions, block context); only the top dict is visible."""

    template: Any = None

    def __iter__(self) -> Iterator[Any]:
        yield from self.dicts[-1]

    def __contains__(self, key: str) -> bool:
        return key in self.dicts[-1]

    def get(self, key: str, otherwise: Any = None) -> Any:
        return self.dicts[-1].get(key, otherwise)

    def __getitem__(self, key: str) -> Any:
        return self.dicts[-1][key]

    @contextmanager
    def push_state(self, template: Any, isolated_context: bool = True) -> Iterator[Any]:
        initial = self.template
        self.template = template
        if isolated_context:
            self.push()
        try:
            yield
        finally:
            self.template = initial
            if isolated_context:
                self.pop()


class RequestContext(Context):
    """A Context that runs the engine's context processors with the request."""

    def __init__(
        self,
        request: Any,
        dict_: dict | None = None,
        processors: Any = None,
        use_l10n: bool | None = None,
        use_tz: bool | None = None,
        autoescape: bool = True,
    ) -> None:
        super().__init__(dict_, use_l10n=use_l10n, use_tz=use_tz, autoescape=autoescape)
        self.request = request
        self._processors = () if processors is None else tuple(processors)
        self._processors_index = len(self.dicts)
        # Placeholder filled by bind_template() with the processors' output.
        self.update({})
        # Dicts pushed later (the view's context) sit above the processors' data.
        self.update({})

    @contextmanager
    def bind_template(self, template: Any) -> Iterator[Any]:
        if self.template is not None:
            raise RuntimeError("Context is already bound to a template")
        self.template = template
        processors = template.engine.template_context_processors + self._processors
        updates: dict = {}
        for processor in processors:
            data = processor(self.request)
            try:
                updates.update(data)
            except TypeError as exc:
                raise TypeError(
                    "Context processor %s didn't return a dictionary."
                    % getattr(processor, "__qualname__", processor)
                ) from exc
        self.dicts[self._processors_index] = updates
        try:
            yield
        finally:
            self.template = None
            self.dicts[self._processors_index] = {}

    def new(self, values: dict | None = None) -> BaseContext:
        new_context = super().new(values)
        if hasattr(new_context, "_processors_index"):
            del new_context._processors_index  # type: ignore[attr-defined]
        return new_context


def make_context(context: Any, request: Any = None, **kwargs: Any) -> Context:
    """Build a Context (or RequestContext when a request is given) from a dict."""
    if context is not None and not isinstance(context, dict):
        raise TypeError("context must be a dict rather than %s." % context.__class__.__name__)
    if request is None:
        return Context(context, **kwargs)
    original = context
    new_context = RequestContext(request, **kwargs)
    if original:
        new_context.push(original)
    return new_context
