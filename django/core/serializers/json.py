"""JSON serialization helpers; ``DjangoJSONEncoder`` is the encoder JsonResponse and the test client use."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from typing import Any

from django.core.serializers.base import DeserializationError
from django.core.serializers.base import Serializer as BaseSerializer
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.core.serializers.python import Serializer as PythonSerializer
from django.utils.duration import duration_iso_string
from django.utils.functional import Promise

__all__ = ["DjangoJSONEncoder", "Deserializer", "Serializer"]


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


class Serializer(PythonSerializer):
    """Serializes a QuerySet to JSON (a list of objects; ``indent`` pretty-prints)."""

    internal_use_only = False

    def _init_options(self) -> None:
        self._current = None
        self.json_kwargs = self.options.copy()
        self.json_kwargs.pop("stream", None)
        self.json_kwargs.pop("fields", None)
        if self.options.get("indent"):
            self.json_kwargs["separators"] = (",", ": ")
        self.json_kwargs.setdefault("cls", DjangoJSONEncoder)
        self.json_kwargs.setdefault("ensure_ascii", False)

    def start_serialization(self) -> None:
        self._init_options()
        self.stream.write("[")

    def end_serialization(self) -> None:
        if self.options.get("indent"):
            self.stream.write("\n")
        self.stream.write("]")
        if self.options.get("indent"):
            self.stream.write("\n")

    def end_object(self, obj: Any) -> None:
        indent = self.options.get("indent")
        if not self.first:
            self.stream.write(",")
            if not indent:
                self.stream.write(" ")
        if indent:
            self.stream.write("\n")
        json.dump(self.get_dump_object(obj), self.stream, **self.json_kwargs)
        self._current = None

    def getvalue(self) -> Any:
        # The text written to the stream, not the Python serializer's object list.
        return BaseSerializer.getvalue(self)


def Deserializer(stream_or_string: Any, **options: Any) -> Any:
    """Deserialize a stream or string of JSON data (DeserializationError on bad JSON)."""
    if not isinstance(stream_or_string, (bytes, str)):
        stream_or_string = stream_or_string.read()
    if isinstance(stream_or_string, bytes):
        stream_or_string = stream_or_string.decode()
    try:
        objects = json.loads(stream_or_string)
    except Exception as exc:
        raise DeserializationError() from exc
    try:
        yield from PythonDeserializer(objects, **options)
    except (GeneratorExit, DeserializationError):
        raise
    except Exception as exc:
        raise DeserializationError() from exc
