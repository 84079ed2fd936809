"""The changelist's search box: turn ``search_fields`` and the typed words into one filter.

Every word must match at least one search field. A field name's prefix picks the lookup:
``^`` starts with, ``=`` exact (both case-insensitive), ``@`` full-text search, none: contains.
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils.text import smart_split, unescape_string_literal

PREFIX_LOOKUPS = {"^": "istartswith", "=": "iexact", "@": "search"}


def search_lookup(opts: Any, field_name: str) -> str:
    """The ORM lookup for one search_fields entry (an explicit trailing lookup is kept)."""
    if field_name[:1] in PREFIX_LOOKUPS:
        return f"{field_name[1:]}__{PREFIX_LOOKUPS[field_name[0]]}"
    previous = None
    for part in field_name.split(LOOKUP_SEP):
        if part == "pk":
            part = opts.pk.name
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            if previous is not None and previous.get_lookup(part):
                return field_name  # e.g. "name__exact": the user chose the lookup
            continue
        previous = field
        if hasattr(field, "path_infos"):
            opts = field.path_infos[-1].to_opts
    return f"{field_name}__icontains"


def search_words(search_term: str) -> list[str]:
    """The words of a search; a quoted phrase stays one word."""
    words = []
    for word in smart_split(search_term):
        if word[:1] in ('"', "'") and word[0] == word[-1] and len(word) > 1:
            word = unescape_string_literal(word)
        words.append(word)
    return words


def search_queryset(queryset: Any, search_fields: Any, search_term: str) -> tuple[Any, bool]:
    """(filtered queryset, whether it may hold duplicates and so needs distinct())."""
    if not search_fields or not search_term:
        return queryset, False
    opts = queryset.model._meta
    paths = [str(name).lstrip("^=@") for name in search_fields]
    lookups = [search_lookup(opts, str(name)) for name in search_fields]
    clauses = [
        models.Q.create([(lookup, word) for lookup in lookups], connector=models.Q.OR)
        for word in search_words(search_term)
    ]
    if not clauses:
        return queryset, False
    queryset = queryset.filter(reduce(operator.and_, clauses))
    return queryset, any(lookup_spawns_duplicates(opts, path) for path in paths)
