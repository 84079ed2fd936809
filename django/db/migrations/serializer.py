"""Turn values found in operations into Python source plus the imports that source needs."""

from __future__ import annotations

import builtins
import collections.abc
import datetime
import decimal
import enum
import functools
import math
import operator
import pathlib
import re
import types
import uuid
from typing import Any

from django.conf import SettingsReference
from django.db import models
from django.db.migrations.operations.base import Operation
from django.db.migrations.utils import COMPILED_REGEX_TYPE, RegexObject
from django.utils.functional import LazyObject, Promise

Result = tuple[str, set[str]]


def _path_import(path: str) -> Result:
    """'django.db.models.CharField' -> ('models.CharField', {'from django.db import models'})."""
    module, name = path.rsplit(".", 1)
    if module == "django.db.models":
        return f"models.{name}", {"from django.db import models"}
    if module == "django.db.migrations":
        return f"migrations.{name}", {"from django.db import migrations"}
    return path, {f"import {module}"}


def serialize_deconstructed(path: str, args: Any, kwargs: dict) -> Result:
    name, imports = _path_import(path)
    parts = []
    for arg in args:
        src, arg_imports = serializer_factory(arg).serialize()
        parts.append(src)
        imports |= arg_imports
    for key, value in sorted(kwargs.items()):
        src, arg_imports = serializer_factory(value).serialize()
        parts.append(f"{key}={src}")
        imports |= arg_imports
    return f"{name}({', '.join(parts)})", imports


class BaseSerializer:
    def __init__(self, value: Any) -> None:
        self.value = value

    def serialize(self) -> Result:
        raise NotImplementedError


class ReprSerializer(BaseSerializer):
    def serialize(self) -> Result:
        return repr(self.value), set()


class FloatSerializer(BaseSerializer):
    def serialize(self) -> Result:
        if math.isnan(self.value) or math.isinf(self.value):
            return f'float("{self.value}")', set()
        return repr(self.value), set()


class DecimalSerializer(BaseSerializer):
    def serialize(self) -> Result:
        return repr(self.value), {"from decimal import Decimal"}


class DateTimeSerializer(BaseSerializer):
    def serialize(self) -> Result:
        value = self.value
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            if value.utcoffset() != datetime.timedelta(0):
                value = value.astimezone(datetime.UTC)
            value = value.replace(tzinfo=datetime.UTC)
        text = repr(value)
        return text, {"import datetime"}


class UUIDSerializer(BaseSerializer):
    def serialize(self) -> Result:
        return f"uuid.{self.value!r}", {"import uuid"}


class PathSerializer(BaseSerializer):
    def serialize(self) -> Result:
        cls = (
            "PurePath"
            if isinstance(self.value, pathlib.PurePath) and not isinstance(self.value, pathlib.Path)
            else "Path"
        )
        prefix = "PureWindowsPath" if isinstance(self.value, pathlib.PureWindowsPath) else cls
        return f"pathlib.{prefix}({str(self.value)!r})", {"import pathlib"}


class SequenceSerializer(BaseSerializer):
    open, close = "[", "]"

    def items(self) -> list:
        return list(self.value)

    def serialize(self) -> Result:
        imports: set[str] = set()
        parts = []
        for item in self.items():
            src, item_imports = serializer_factory(item).serialize()
            parts.append(src)
            imports |= item_imports
        return self.format(parts), imports

    def format(self, parts: list[str]) -> str:
        return f"{self.open}{', '.join(parts)}{self.close}"


class TupleSerializer(SequenceSerializer):
    open, close = "(", ")"

    def format(self, parts: list[str]) -> str:
        return f"({parts[0]},)" if len(parts) == 1 else super().format(parts)


class SetSerializer(SequenceSerializer):
    open, close = "{", "}"

    def items(self) -> list:
        return sorted(self.value, key=repr)

    def format(self, parts: list[str]) -> str:
        return super().format(parts) if parts else "set()"


class FrozensetSerializer(SetSerializer):
    def format(self, parts: list[str]) -> str:
        return f"frozenset([{', '.join(parts)}])"


class DictSerializer(BaseSerializer):
    def serialize(self) -> Result:
        imports: set[str] = set()
        parts = []
        items = self.value.items()
        try:
            items = sorted(items)
        except TypeError:
            items = list(items)
        for key, value in items:
            key_src, key_imports = serializer_factory(key).serialize()
            value_src, value_imports = serializer_factory(value).serialize()
            parts.append(f"{key_src}: {value_src}")
            imports |= key_imports | value_imports
        return "{%s}" % ", ".join(parts), imports


class EnumSerializer(BaseSerializer):
    def serialize(self) -> Result:
        cls = self.value.__class__
        module = cls.__module__
        ref = f"{module}.{cls.__qualname__}"
        members = [self.value]
        if isinstance(self.value, enum.Flag):
            # A combined flag's name is "A|B", which is no member name: write its members OR-ed.
            members = list(self.value)
            if not members or functools.reduce(operator.or_, members) != self.value:
                return f"{ref}({self.value.value!r})", {f"import {module}"}  # zero or unnamed bits
        return " | ".join(f"{ref}[{m.name!r}]" for m in members), {f"import {module}"}


class ChoicesSerializer(BaseSerializer):
    def serialize(self) -> Result:
        return serializer_factory(self.value.value).serialize()


class FunctionTypeSerializer(BaseSerializer):
    def serialize(self) -> Result:
        value = self.value
        if getattr(value, "__self__", None) and isinstance(value.__self__, type):
            klass = value.__self__
            return f"{klass.__module__}.{klass.__qualname__}.{value.__name__}", {f"import {klass.__module__}"}
        if value.__name__ == "<lambda>":
            raise ValueError("Cannot serialize function: lambda")
        if value.__module__ is None:
            raise ValueError(f"Cannot serialize function {value!r}: No module")
        module = value.__module__
        if "<" not in value.__qualname__:
            return f"{module}.{value.__qualname__}", {f"import {module}"}
        raise ValueError(f"Could not find function {value.__name__} in {module}.\n")


class PartialSerializer(BaseSerializer):
    def serialize(self) -> Result:
        func_src, imports = serializer_factory(self.value.func).serialize()
        args_src, args_imports = serializer_factory(self.value.args).serialize()
        kw_src, kw_imports = serializer_factory(self.value.keywords).serialize()
        name = (
            "functools.partialmethod"
            if isinstance(self.value, functools.partialmethod)
            else "functools.partial"
        )
        return f"{name}({func_src}, *{args_src}, **{kw_src})", imports | args_imports | kw_imports | {
            "import functools"
        }


class RegexSerializer(BaseSerializer):
    def serialize(self) -> Result:
        pattern_src, imports = serializer_factory(self.value.pattern).serialize()
        flags = self.value.flags ^ re.compile("").flags
        if flags:
            flags_src, flag_imports = serializer_factory(re.RegexFlag(flags)).serialize()
            return f"re.compile({pattern_src}, {flags_src})", imports | flag_imports | {"import re"}
        return f"re.compile({pattern_src})", imports | {"import re"}


class TypeSerializer(BaseSerializer):
    def serialize(self) -> Result:
        special = {
            models.Model: ("models.Model", {"from django.db import models"}),
            type(None): ("type(None)", set()),
        }
        if self.value in special:
            src, imports = special[self.value]
            return src, set(imports)
        module = self.value.__module__
        if module == builtins.__name__:
            return self.value.__name__, set()
        return f"{module}.{self.value.__qualname__}", {f"import {module}"}


class DeconstructableSerializer(BaseSerializer):
    def serialize(self) -> Result:
        path, args, kwargs = self.value.deconstruct()
        return serialize_deconstructed(path, args, kwargs)


class ModelFieldSerializer(BaseSerializer):
    def serialize(self) -> Result:
        _, path, args, kwargs = self.value.deconstruct()
        return serialize_deconstructed(path, args, _swappable_target(self.value, kwargs))


def _swappable_target(field_obj: Any, kwargs: dict) -> dict:
    """A relation to a swappable model (the user model) is written through its setting.

    Fields of historical states are not bound to a model, so their own deconstruct() cannot
    tell; the installed apps can.
    """
    target = kwargs.get("to")
    if not isinstance(target, str) or hasattr(target, "setting_name"):
        return kwargs
    if not getattr(field_obj, "swappable", False):
        return kwargs
    from django.apps import apps
    from django.conf import SettingsReference

    setting = apps.get_swappable_settings_name(target) if apps.ready else None
    if setting is None:
        return kwargs
    return {**kwargs, "to": SettingsReference(target, setting)}


class ModelManagerSerializer(BaseSerializer):
    def serialize(self) -> Result:
        as_manager, manager_path, qs_path, args, kwargs = self.value.deconstruct()
        if as_manager:
            name, imports = _path_import(qs_path)
            return f"{name}.as_manager()", imports
        return serialize_deconstructed(manager_path, args, kwargs)


class OperationSerializer(BaseSerializer):
    def serialize(self) -> Result:
        from django.db.migrations.writer import OperationWriter

        text, imports = OperationWriter(self.value, indentation=0).serialize()
        return text.rstrip(","), imports


class SettingsReferenceSerializer(BaseSerializer):
    def serialize(self) -> Result:
        return f"settings.{self.value.setting_name}", {"from django.conf import settings"}


class RangeSerializer(BaseSerializer):
    def serialize(self) -> Result:
        return repr(self.value), set()


_REGISTRY: dict[type, type[BaseSerializer]] = {
    frozenset: FrozensetSerializer,
    list: SequenceSerializer,
    set: SetSerializer,
    tuple: TupleSerializer,
    dict: DictSerializer,
    float: FloatSerializer,
    decimal.Decimal: DecimalSerializer,
    datetime.datetime: DateTimeSerializer,
    datetime.date: DateTimeSerializer,
    datetime.time: DateTimeSerializer,
    datetime.timedelta: DateTimeSerializer,
    uuid.UUID: UUIDSerializer,
    pathlib.PurePath: PathSerializer,
    range: RangeSerializer,
    COMPILED_REGEX_TYPE: RegexSerializer,
    types.FunctionType: FunctionTypeSerializer,
    types.BuiltinFunctionType: FunctionTypeSerializer,
    types.MethodType: FunctionTypeSerializer,
    functools.partial: PartialSerializer,
    functools.partialmethod: PartialSerializer,
}


class Serializer:
    """The public registry: Serializer.register(type, serializer_class) for custom types."""

    _registry = _REGISTRY

    @classmethod
    def register(cls, type_: type, serializer: type[BaseSerializer]) -> None:
        if not issubclass(serializer, BaseSerializer):
            raise ValueError("'%s' must inherit from 'BaseSerializer'." % serializer.__name__)
        cls._registry[type_] = serializer

    @classmethod
    def unregister(cls, type_: type) -> None:
        cls._registry.pop(type_)


def serializer_factory(value: Any) -> BaseSerializer:
    """Choose the serializer for a value."""
    if isinstance(value, Promise):
        value = str(value)
    elif isinstance(value, LazyObject):
        value = value.__reduce__()[1][0]
    if isinstance(value, SettingsReference):
        return SettingsReferenceSerializer(value)
    if value is None or isinstance(value, (bool, int, str, bytes)) and not isinstance(value, enum.Enum):
        return ReprSerializer(value)
    if isinstance(value, models.Field):
        return ModelFieldSerializer(value)
    if isinstance(value, models.manager.BaseManager):
        return ModelManagerSerializer(value)
    if isinstance(value, Operation):
        return OperationSerializer(value)
    if isinstance(value, type):
        return TypeSerializer(value)
    if isinstance(value, models.Choices):
        return ChoicesSerializer(value)
    if isinstance(value, enum.Enum):
        return EnumSerializer(value)
    if isinstance(value, RegexObject):
        return RegexSerializer(value)
    if hasattr(value, "deconstruct"):
        return DeconstructableSerializer(value)
    for type_, serializer in _REGISTRY.items():
        if isinstance(value, type_):
            return serializer(value)
    if isinstance(value, collections.abc.Mapping):
        return DictSerializer(value)
    raise ValueError(
        "Cannot serialize: %r\nThere are some values Django cannot serialize into migration files.\n"
        "For more, see https://docs.djangoproject.com/en/6.0/topics/migrations/#migration-serializing" % value
    )
