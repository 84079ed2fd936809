"""A JSON encoder for dates, decimals, UUIDs and lazy strings (used when
django.core.serializers is unavailable)."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from typing import Any

from django.utils.duration import duration_iso_string
from django.utils.functional import Promise


class FallbackJSONEncoder(json.JSONEncoder):
    """Encodes the types DjangoJSONEncoder documents: datetimes (ECMA-262
    precision), dates, times, timedeltas (ISO 8601), Decimal, UUID, lazy strings."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            if o.microsecond:
                text = text[:23] + text[26:]
            if text.endswith("+00:00"):
                text = text.removesuffix("+00:00") + "Z"
            return text
        if isinstance(o, datetime.date):
            return o.isoformat()
        if isinstance(o, datetime.time):
            if o.utcoffset() is not None:
                raise ValueError("JSON can't represent timezone-aware times.")
            text = o.isoformat()
            return text[:12] if o.microsecond else text
        if isinstance(o, datetime.timedelta):
            return duration_iso_string(o)
        if isinstance(o, (decimal.Decimal, uuid.UUID, Promise)):
            return str(o)
        return super().default(o)
