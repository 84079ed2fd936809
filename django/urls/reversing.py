"""The reverse side: namespaces, filling templates, quoting, and the error messages."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from django.urls._reverse import Template
from django.urls.exceptions import NoReverseMatch
from django.urls.utils import lookup_str_of

# RFC 3986 sub-delimiters plus the characters a path may hold unescaped.
_SAFE = "!$&'()*+,;=" + "/~:@"
# Text made only of these needs no quoting (the common case): skip quote() for it.
_NEEDS_QUOTING = re.compile(r"[^A-Za-z0-9_.\-!$&'()*+,;=/~:@]")


def reverse_templates(
    templates: list[Template], lookup_view: Any, prefix: str, args: tuple, kwargs: dict
) -> str:
    """Fill the first template that fits the arguments; NoReverseMatch listing them all if none does."""
    if args and kwargs:
        raise ValueError("Don't mix *args and **kwargs in call to reverse()!")
    for template in templates:
        if not template.accepts(args, kwargs):
            continue
        text = template.fill(args, kwargs)
        if text is None:
            continue
        url = prefix + text
        if _NEEDS_QUOTING.search(url) is not None:
            url = quote(url, safe=_SAFE)
        # A leading '//' would make the URL scheme-relative (another host).
        return "/%2F" + url[2:] if url.startswith("//") else url
    raise NoReverseMatch(_no_match_message(templates, lookup_view, args, kwargs))


def _no_match_message(templates: list[Template], lookup_view: Any, args: tuple, kwargs: dict) -> str:
    name = lookup_view if isinstance(lookup_view, str) else lookup_str_of(lookup_view)
    if not templates:
        return f"Reverse for '{name}' not found. '{name}' is not a valid view function or pattern name."
    if args:
        described = f"arguments '{args}'"
    elif kwargs:
        described = f"keyword arguments '{kwargs}'"
    else:
        described = "no arguments"
    tried = [template.display for template in templates]
    return f"Reverse for '{name}' with {described} not found. {len(tried)} pattern(s) tried: {tried}"


def resolve_namespaces(resolver: Any, namespaces: list[str], current_app: str | None) -> tuple[Any, tuple]:
    """Follow ``ns1:ns2:`` from ``resolver``; return the innermost resolver and the path taken.

    An application namespace picks the instance named by ``current_app`` when it is one
    of its instances, else the default instance (named like the app), else the last one
    deployed, as the URL namespace documentation describes.
    """
    current = current_app.split(":") if current_app else []
    resolved: list[str] = []
    for depth, namespace in enumerate(namespaces):
        current_ns = current[depth] if depth < len(current) else None
        instances = resolver.app_dict.get(namespace)
        if instances is not None:
            if current_ns and current_ns in instances:
                namespace = current_ns
            elif namespace not in instances:
                namespace = instances[0]
        if namespace != current_ns:
            current = []
        entry = resolver.namespace_dict.get(namespace)
        if entry is None:
            if resolved:
                raise NoReverseMatch(
                    f"'{namespace}' is not a registered namespace inside '{':'.join(resolved)}'"
                )
            raise NoReverseMatch(f"'{namespace}' is not a registered namespace")
        resolved.append(namespace)
        resolver = entry[1]
    return resolver, tuple(resolved)


def namespaced_templates(root: Any, resolved: tuple, view: Any) -> list[Template]:
    """The templates of ``view`` inside the namespaces ``resolved``, prefixes joined (cached)."""
    data = root._reverse_data()
    key = (resolved, view)
    templates = data.joined.get(key)
    if templates is None:
        prefix: Template | None = None
        resolver = root
        for namespace in resolved:
            ns_prefix, resolver = resolver.namespace_dict[namespace]
            prefix = ns_prefix if prefix is None else prefix.joined(ns_prefix)
        inner = resolver._reverse_data().lookups.get(view, [])
        templates = [prefix.joined(t) for t in inner] if prefix is not None else list(inner)
        data.joined[key] = templates
    return templates
