"""Shortcuts views use every day: render, redirect, resolve_url and the get-or-404 helpers."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


def render(
    request: Any,
    template_name: Any,
    context: dict | None = None,
    content_type: str | None = None,
    status: int | None = None,
    using: str | None = None,
) -> HttpResponse:
    """An HttpResponse whose content is ``template_name`` rendered with ``context``."""
    from django.template import loader

    content = loader.render_to_string(template_name, context, request, using=using)
    return HttpResponse(content, content_type, status)


def redirect(
    to: Any, *args: Any, permanent: bool = False, preserve_request: bool = False, **kwargs: Any
) -> Any:
    """Redirect to a model (its get_absolute_url), a view name with arguments, or a URL."""
    redirect_class = HttpResponsePermanentRedirect if permanent else HttpResponseRedirect
    return redirect_class(resolve_url(to, *args, **kwargs), preserve_request=preserve_request)


def resolve_url(to: Any, *args: Any, **kwargs: Any) -> str:
    """A URL for ``to``: ``get_absolute_url()``, a reversed view name, or ``to`` itself."""
    if hasattr(to, "get_absolute_url"):
        return to.get_absolute_url()
    if isinstance(to, Promise):
        to = str(to)
    if isinstance(to, str) and to.startswith(("./", "../")):
        return to
    try:
        return reverse(to, args=args, kwargs=kwargs)
    except NoReverseMatch:
        # Not a view name: a callable must have been one; a string with no '/' or '.'
        # looks like a mistyped name rather than a URL.
        if callable(to) or not isinstance(to, str) or ("/" not in to and "." not in to):
            raise
    return to


def _get_queryset(klass: Any, function_name: str) -> Any:
    queryset = klass._default_manager.all() if hasattr(klass, "_default_manager") else klass
    if not hasattr(queryset, "get"):
        name = klass.__name__ if isinstance(klass, type) else klass.__class__.__name__
        raise ValueError(
            f"First argument to {function_name}() must be a Model, Manager, or QuerySet, not '{name}'."
        )
    return queryset


def get_object_or_404(klass: Any, *args: Any, **kwargs: Any) -> Any:
    """``klass.get(...)``, raising Http404 instead of DoesNotExist."""
    queryset = _get_queryset(klass, "get_object_or_404")
    try:
        return queryset.get(*args, **kwargs)
    except queryset.model.DoesNotExist:
        raise Http404(f"No {queryset.model._meta.object_name} matches the given query.")


async def aget_object_or_404(klass: Any, *args: Any, **kwargs: Any) -> Any:
    queryset = _get_queryset(klass, "aget_object_or_404")
    if not hasattr(queryset, "aget"):
        raise ValueError("First argument to aget_object_or_404() must be a Model, Manager, or QuerySet.")
    try:
        return await queryset.aget(*args, **kwargs)
    except queryset.model.DoesNotExist:
        raise Http404(f"No {queryset.model._meta.object_name} matches the given query.")


def get_list_or_404(klass: Any, *args: Any, **kwargs: Any) -> list:
    """``list(klass.filter(...))``, raising Http404 when it is empty."""
    queryset = _get_queryset(klass, "get_list_or_404")
    if not hasattr(queryset, "filter"):
        raise ValueError("First argument to get_list_or_404() must be a Model, Manager, or QuerySet.")
    objects = list(queryset.filter(*args, **kwargs))
    if not objects:
        raise Http404(f"No {queryset.model._meta.object_name} matches the given query.")
    return objects


async def aget_list_or_404(klass: Any, *args: Any, **kwargs: Any) -> list:
    queryset = _get_queryset(klass, "aget_list_or_404")
    if not hasattr(queryset, "filter"):
        raise ValueError("First argument to aget_list_or_404() must be a Model, Manager, or QuerySet.")
    objects = [obj async for obj in queryset.filter(*args, **kwargs)]
    if not objects:
        raise Http404(f"No {queryset.model._meta.object_name} matches the given query.")
    return objects
