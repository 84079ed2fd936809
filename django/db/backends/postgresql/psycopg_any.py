"""psycopg 3 adapters as Django's fields expect them, and re-exports used elsewhere."""

from __future__ import annotations

import datetime
import functools
import ipaddress
import json
from typing import Any

from psycopg import IsolationLevel, adapt, adapters, sql
from psycopg.postgres import types as pg_types
from psycopg.types.datetime import TimestamptzLoader
from psycopg.types.json import Jsonb
from psycopg.types.string import TextLoader

__all__ = ["IsolationLevel", "Jsonb", "get_adapters_template", "sql", "mogrify"]


class _NaiveTimestamptzLoader(TimestamptzLoader):
    """With USE_TZ = False, datetimes come back naive in the session's time zone."""

    def load(self, data: Any) -> datetime.datetime:
        return super().load(data).replace(tzinfo=None)


class _InetTextDumper(adapt.Dumper):
    oid = pg_types["inet"].oid

    def dump(self, obj: Any) -> bytes:
        return str(obj).encode()


@functools.lru_cache
def get_adapters_template(use_tz: bool, timezone: Any) -> adapt.AdaptersMap:
    """An adapters map shared by every connection with the same time zone settings."""
    ctx = adapt.AdaptersMap(adapters)
    # Django's JSONField decodes the text itself (with the field's decoder).
    ctx.register_loader("jsonb", TextLoader)
    ctx.register_loader("json", TextLoader)
    # GenericIPAddressField works with strings.
    ctx.register_loader("inet", TextLoader)
    ctx.register_loader("cidr", TextLoader)
    for address_class in (ipaddress.IPv4Address, ipaddress.IPv6Address):
        ctx.register_dumper(address_class, _InetTextDumper)
    if not use_tz:
        ctx.register_loader("timestamptz", _NaiveTimestamptzLoader)
    return ctx


def mogrify(sql_text: str, params: Any, connection: Any) -> str:
    """The statement with its parameters merged in, as the server would see it."""
    from psycopg import ClientCursor

    with ClientCursor(connection) as cursor:
        return cursor.mogrify(sql_text, params)


def json_dumps(encoder: Any) -> Any:
    return functools.partial(json.dumps, cls=encoder) if encoder else json.dumps
