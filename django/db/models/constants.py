"""Constants shared by the query layer."""

from __future__ import annotations

from enum import Enum

# Separator between the parts of a lookup path, e.g. "author__name__iexact".
LOOKUP_SEP = "__"


class OnConflict(Enum):
    """What bulk_create() asks the database to do about a conflicting row."""

    IGNORE = "ignore"
    UPDATE = "update"
