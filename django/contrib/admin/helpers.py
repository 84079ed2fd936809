"""Helpers shared by the admin's pages (more arrive with the form pages)."""

from __future__ import annotations

from typing import Any

ACTION_CHECKBOX_NAME = "_selected_action"


def flatten(fields: Any) -> list:
    """Field names from a fields option, where a tuple groups fields on one line."""
    flat: list = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            flat.extend(field)
        else:
            flat.append(field)
    return flat


def flatten_fieldsets(fieldsets: Any) -> list:
    """Every field name of a fieldsets option, in order."""
    field_names: list = []
    for _name, opts in fieldsets:
        field_names.extend(flatten(opts["fields"]))
    return field_names
