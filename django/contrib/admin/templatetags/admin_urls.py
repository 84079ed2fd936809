"""{{ opts|admin_urlname:'change' }}, {{ pk|admin_urlquote }} and {% add_preserved_filters url %}."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from django import template
from django.urls import Resolver404, resolve
from django.utils.http import urlencode

register = template.Library()


@register.filter
def admin_urlname(value: Any, arg: str) -> str:
    return f"admin:{value.app_label}_{value.model_name}_{arg}"


@register.filter
def admin_urlquote(value: Any) -> Any:
    from django.contrib.admin.utils import quote

    return quote(value)


@register.simple_tag(takes_context=True)
def add_preserved_filters(context: Any, url: str, popup: bool = False, to_field: str | None = None) -> str:
    """url with the changelist filters kept: as-is on the changelist, in _changelist_filters elsewhere."""
    opts = context.get("opts")
    preserved_filters = context.get("preserved_filters")
    parts = list(urlsplit(url))
    query = dict(parse_qsl(parts[3]))
    if opts and preserved_filters:
        filters = dict(parse_qsl(preserved_filters))
        try:
            match = resolve(unquote(parts[2]))
        except Resolver404:
            match = None
        changelist = f"{opts.app_label}_{opts.model_name}_changelist"
        if match is not None and match.url_name == changelist:
            filters = dict(parse_qsl(filters.get("_changelist_filters", "")))
        for key, value in filters.items():
            query.setdefault(key, value)
    if popup:
        query["_popup"] = "1"
    if to_field:
        query["_to_field"] = to_field
    parts[3] = urlencode(query)
    return urlunsplit(parts)
