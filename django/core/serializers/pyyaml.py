"""The "yaml" format (needs PyYAML): the python format's data written as YAML."""

from __future__ import annotations

import collections
import decimal
from io import StringIO
from typing import Any

import yaml

from django.core.serializers.base import DeserializationError
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.core.serializers.python import Serializer as PythonSerializer

try:
    from yaml import CSafeDumper as SafeDumper
    from yaml import CSafeLoader as SafeLoader
except ImportError:
    from yaml import SafeDumper, SafeLoader  # type: ignore[assignment]


class DjangoSafeDumper(SafeDumper):  # type: ignore[misc, valid-type]
    def represent_decimal(self, data: decimal.Decimal) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:str", str(data))

    def represent_ordered_dict(self, data: dict) -> Any:
        return self.represent_mapping("tag:yaml.org,2002:map", data.items())


DjangoSafeDumper.add_representer(decimal.Decimal, DjangoSafeDumper.represent_decimal)
DjangoSafeDumper.add_representer(collections.OrderedDict, DjangoSafeDumper.represent_ordered_dict)


class Serializer(PythonSerializer):
    internal_use_only = False

    def end_serialization(self) -> None:
        self.options.setdefault("allow_unicode", True)
        options = {k: v for k, v in self.options.items() if k not in ("stream", "fields")}
        yaml.dump(self.objects, self.stream, Dumper=DjangoSafeDumper, **options)

    def getvalue(self) -> Any:
        return self.stream.getvalue() if hasattr(self.stream, "getvalue") else None


def Deserializer(stream_or_string: Any, **options: Any) -> Any:
    if isinstance(stream_or_string, bytes):
        stream_or_string = stream_or_string.decode()
    stream = StringIO(stream_or_string) if isinstance(stream_or_string, str) else stream_or_string
    try:
        yield from PythonDeserializer(yaml.load(stream, Loader=SafeLoader), **options)
    except (GeneratorExit, DeserializationError):
        raise
    except Exception as exc:
        raise DeserializationError() from exc
