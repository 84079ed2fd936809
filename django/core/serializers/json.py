"""JSON serialization helpers; ``DjangoJSONEncoder`` is the encoder JsonResponse and the test client use."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from typing import Any

from django.utils.duration import duration_iso_string
from django.utils.functional import Promise


class DjangoJSONEncoder(json.JSONEncoder):
    """Also encodes datetimes/dates/times (ISO 8601, millisecond precision), timedeltas,
    Decimal, UUID and lazy strings."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            return _datetime_text(o)
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


def _datetime_text(value: datetime.datetime) -> str:
    # ECMA-262 dates carry milliseconds, not microseconds; UTC is spelt 'Z'.
    text = value.isoformat()
    if value.microsecond:
        text = text[:23] + text[26:]
    if text.endswith("+00:00"):
        text = text[: -len("+00:00")] + "Z"
    return text
