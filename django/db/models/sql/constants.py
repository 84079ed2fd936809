"""Constants used by Query and the SQL compilers."""

from __future__ import annotations

# Rows fetched per round trip when iterating lazily over a cursor.
GET_ITERATOR_CHUNK_SIZE = 100

# What SQLCompiler.execute_sql() hands back.
MULTI = "multi"
SINGLE = "single"
CURSOR = "cursor"
NO_RESULTS = "no results"
ROW_COUNT = "row count"

ORDER_DIR = {
    "ASC": ("ASC", "DESC"),
    "DESC": ("DESC", "ASC"),
}

# Join types.
INNER = "INNER JOIN"
LOUTER = "LEFT OUTER JOIN"

from collections import namedtuple  # noqa: E402

# QuerySet.explain() options carried by a Query.
ExplainInfo = namedtuple("ExplainInfo", ("format", "options"))
