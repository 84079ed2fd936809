"""Names shared by the admin's options, views and templates: query-string keys and option values."""

from __future__ import annotations

import enum

IS_POPUP_VAR = "_popup"
TO_FIELD_VAR = "_to_field"
IS_FACETS_VAR = "_facets"
HORIZONTAL, VERTICAL = 1, 2


class ShowFacets(enum.Enum):
    """ModelAdmin.show_facets: facet counts never, on request (``?_facets``), or always."""

    NEVER = "NEVER"
    ALLOW = "ALLOW"
    ALWAYS = "ALWAYS"
