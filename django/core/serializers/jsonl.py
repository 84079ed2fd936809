"""The "jsonl" format: one JSON object per line (streams well for big dumps)."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.base import DeserializationError
from django.core.serializers.base import Serializer as BaseSerializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.core.serializers.python import Serializer as PythonSerializer


class Serializer(PythonSerializer):
    internal_use_only = False

    def start_serialization(self) -> None:
        self._current = None
        self.json_kwargs = {k: v for k, v in self.options.items() if k not in ("stream", "fields", "indent")}
        self.json_kwargs.setdefault("cls", DjangoJSONEncoder)
        self.json_kwargs.setdefault("ensure_ascii", False)

    def end_serialization(self) -> None:
        pass

    def end_object(self, obj: Any) -> None:
        json.dump(self.get_dump_object(obj), self.stream, **self.json_kwargs)
        self.stream.write("\n")
        self._current = None

    def getvalue(self) -> Any:
        return BaseSerializer.getvalue(self)


def Deserializer(stream_or_string: Any, **options: Any) -> Any:
    if isinstance(stream_or_string, bytes):
        stream_or_string = stream_or_string.decode()
    lines = stream_or_string.split("\n") if isinstance(stream_or_string, str) else stream_or_string
    for line in lines:
        if isinstance(line, bytes):
            line = line.decode()
        if not line.strip():
            continue
        try:
            yield from PythonDeserializer([json.loads(line)], **options)
        except (GeneratorExit, DeserializationError):
            raise
        except Exception as exc:
            raise DeserializationError() from exc
