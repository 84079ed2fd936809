"""Helpers the generated template code calls: variable lookup, calls, output.

One lookup implementation serves compiled templates and the public Variable API, so
Django's documented order (dictionary key, attribute, list index, then call) and the
rules for callables live in exactly one place.
"""

from __future__ import annotations

import inspect
from typing import Any

from django.utils._conf import conf_settings
from django.utils.html import _html_escape as escape_text  # one escaper for the framework
from django.utils.safestring import SafeData, SafeString, mark_safe


class _Missing:
    """Marks a variable that does not exist (distinct from None)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()

_LOOKUP_ERRORS = (TypeError, AttributeError, KeyError, ValueError, IndexError)
_INDEX_ERRORS = (IndexError, ValueError, KeyError, TypeError)
_no_getitem: set[type] = set()


def _is_context(obj: Any) -> bool:
    from django.template.context import BaseContext

    return isinstance(obj, BaseContext)


def lookup_bit(obj: Any, bit: str) -> Any:
    """One step of a dotted lookup: key, then attribute, then integer index."""
    cls = type(obj)
    if cls is dict:
        try:
            return obj[bit]
        except KeyError:
            pass
    elif cls not in _no_getitem:
        if not hasattr(cls, "__getitem__") and not isinstance(obj, type):
            _no_getitem.add(cls)
        else:
            try:
                return obj[bit]
            except _LOOKUP_ERRORS:
                pass
    try:
        return getattr(obj, bit)
    except (TypeError, AttributeError):
        if bit in _safe_dir(obj) and not _is_context(obj):
            raise  # an AttributeError raised inside a property is a real error
    try:
        return obj[int(bit)]
    except _INDEX_ERRORS:
        return MISSING


def _safe_dir(obj: Any) -> list[str]:
    try:
        return dir(obj)
    except Exception:
        return []


def call_value(value: Any, sii: str) -> Any:
    """Call a callable found during lookup, following the documented rules."""
    if getattr(value, "do_not_call_in_templates", False):
        return value
    if getattr(value, "alters_data", False):
        return sii
    try:
        return value()
    except TypeError:
        try:
            signature = inspect.signature(value)
        except (ValueError, TypeError):
            return sii
        try:
            signature.bind()
        except TypeError:
            return sii  # it needs arguments: an invalid call, not an error
        raise


def resolve(value: Any, bits: tuple[str, ...], sii: str) -> Any:
    """Resolve the dotted path `bits` from a base value (already found)."""
    if value is MISSING:
        return MISSING
    try:
        if callable(value):
            value = call_value(value, sii)
        for bit in bits:
            value = lookup_bit(value, bit)
            if value is MISSING:
                return MISSING
            if callable(value):
                value = call_value(value, sii)
    except Exception as exc:
        if getattr(exc, "silent_variable_failure", False):
            return sii
        raise
    return value


def resolve1(value: Any, bit: str, sii: str) -> Any:
    """resolve() specialised for one attribute step (the common `row.name`)."""
    if type(value) is dict:
        try:
            found = value[bit]
        except KeyError:
            return resolve(value, (bit,), sii)
        if callable(found):
            return resolve(found, (), sii)
        return found
    return resolve(value, (bit,), sii)


def resolve0(value: Any, sii: str) -> Any:
    """resolve() for a bare name: only the call rule applies."""
    if callable(value):
        return resolve(value, (), sii)
    return value


def context_get(context: Any, name: str) -> Any:
    """Find a top-level name in the context stack, or MISSING."""
    for d in reversed(context.dicts):
        if name in d:
            return d[name]
    return MISSING


def invalid(sii: str, name: str) -> str:
    if "%s" in sii:
        return sii % name
    return sii


def engine_sii(context: Any) -> str:
    template = getattr(context, "template", None)
    if template is None:
        return ""
    return template.engine.string_if_invalid


def _render_other(value: Any, context: Any, autoescape: bool) -> str:
    if value is MISSING:
        return ""
    from django.utils.formats import localize
    from django.utils.timezone import template_localtime

    value = template_localtime(value, use_tz=context.use_tz)
    value = localize(value, use_l10n=context.use_l10n)
    if autoescape:
        # Like Django, a non-string is turned into text first (a lazy translation or a __str__
        # may give a safe string); only then does a string's __html__ (SafeString, Markup) count.
        text = value if issubclass(type(value), str) else str(value)  # not isinstance: lazy objects
        if hasattr(text, "__html__"):
            return str(text.__html__())
        return escape_text(text)
    return str(value)


def out_escaped(value: Any, context: Any) -> str:
    """Render a value for output with autoescaping on."""
    cls = type(value)
    if cls is str:
        return escape_text(value)
    if cls is SafeString:
        return value
    if cls is int and not _thousands():
        return str(value)
    return _render_other(value, context, True)


def out_raw(value: Any, context: Any) -> str:
    """Render a value for output with autoescaping off."""
    cls = type(value)
    if cls is str or cls is SafeString:
        return value
    if cls is int and not _thousands():
        return str(value)
    return _render_other(value, context, False)


def _thousands() -> bool:
    return conf_settings().USE_THOUSAND_SEPARATOR


def render_value_in_context(value: Any, context: Any) -> str:
    """Public helper: localize, localtime and (if on) escape a value for output."""
    if context.autoescape:
        # Escaped output is safe: a tag storing it (`as var`) must not have it escaped twice.
        return SafeString(out_escaped(value, context))
    return out_raw(value, context)


def apply_filter(func: Any, value: Any, args: tuple, autoescape: bool, context: Any) -> Any:
    """Call one filter with its documented flags (expects_localtime, needs_autoescape, is_safe)."""
    if getattr(func, "expects_localtime", False):
        from django.utils.timezone import template_localtime

        value = template_localtime(value, context.use_tz)
    if getattr(func, "needs_autoescape", False):
        result = func(value, *args, autoescape=autoescape)
    else:
        result = func(value, *args)
    if getattr(func, "is_safe", False) and isinstance(value, SafeData):
        return mark_safe(result)
    return result


def unpack_loop_item(item: Any, count: int) -> list:
    try:
        size = len(item)
    except TypeError:
        size = 1
    if size != count:
        raise ValueError("Need %d values to unpack in for loop; got %d. " % (count, size))
    return list(item)


def loop_sequence(values: Any) -> Any:
    if values is None or values is MISSING:
        return ()
    if not hasattr(values, "__len__"):
        return list(values)
    return values


def safe_join(parts: list[str]) -> SafeString:
    return SafeString("".join(parts))
