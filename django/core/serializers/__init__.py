"""Serializers: model instances to and from json, jsonl, xml, python (and yaml with PyYAML).

from django.core import serializers
text = serializers.serialize("json", Book.objects.all())
for deserialized in serializers.deserialize("json", text):
    deserialized.save()
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.serializers.base import SerializerDoesNotExist

BUILTIN_SERIALIZERS = {
    "xml": "django.core.serializers.xml_serializer",
    "python": "django.core.serializers.python",
    "json": "django.core.serializers.json",
    "yaml": "django.core.serializers.pyyaml",
    "jsonl": "django.core.serializers.jsonl",
}

_serializers: dict[str, Any] = {}


class BadSerializer:
    """Stands in for a format whose module failed to import (e.g. yaml without PyYAML)."""

    internal_use_only = False

    def __init__(self, exception: Exception) -> None:
        self.exception = exception

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise self.exception


def register_serializer(format: str, serializer_module: str, serializers: dict | None = None) -> None:
    """Register ``format`` (a module with Serializer and Deserializer); failures stand in as BadSerializer."""
    if serializers is None and not _serializers:
        _load_serializers()
    module: Any
    try:
        module = importlib.import_module(serializer_module)
    except ImportError as exc:
        bad = BadSerializer(exc)
        module = type("BadSerializerModule", (), {"Deserializer": bad, "Serializer": bad})
    target = _serializers if serializers is None else serializers
    target[format] = module


def unregister_serializer(format: str) -> None:
    if not _serializers:
        _load_serializers()
    if format not in _serializers:
        raise SerializerDoesNotExist(format)
    del _serializers[format]


def get_serializer(format: str) -> Any:
    if not _serializers:
        _load_serializers()
    if format not in _serializers:
        raise SerializerDoesNotExist(format)
    return _serializers[format].Serializer


def get_serializer_formats() -> list[str]:
    if not _serializers:
        _load_serializers()
    return list(_serializers)


def get_public_serializer_formats() -> list[str]:
    if not _serializers:
        _load_serializers()
    return [name for name, module in _serializers.items() if not module.Serializer.internal_use_only]


def get_deserializer(format: str) -> Any:
    if not _serializers:
        _load_serializers()
    if format not in _serializers:
        raise SerializerDoesNotExist(format)
    return _serializers[format].Deserializer


def serialize(format: str, queryset: Any, **options: Any) -> Any:
    """``queryset`` (any iterable of instances) as ``format`` text."""
    serializer = get_serializer(format)()
    serializer.serialize(queryset, **options)
    return serializer.getvalue()


def deserialize(format: str, stream_or_string: Any, **options: Any) -> Any:
    """An iterator of DeserializedObjects; call ``.save()`` on each to store it."""
    return get_deserializer(format)(stream_or_string, **options)


def _load_serializers() -> None:
    from django.conf import settings

    serializers: dict[str, Any] = {}
    for format, module in BUILTIN_SERIALIZERS.items():
        register_serializer(format, module, serializers)
    for format, module in (getattr(settings, "SERIALIZATION_MODULES", None) or {}).items():
        register_serializer(format, module, serializers)
    _serializers.update(serializers)


def sort_dependencies(app_list: list, allow_cycles: bool = False) -> list:
    """Models ordered so that a model's natural-key dependencies come before it."""
    models_by_dependencies = []
    models: set = set()
    for _app_config, model_list in app_list:
        for model in model_list or ():
            models.add(model)
            deps = list(getattr(getattr(model, "natural_key", None), "dependencies", []))
            from django.apps import apps

            deps = [apps.get_model(dep) for dep in deps]
            for field in model._meta.fields:
                rel_model = getattr(field.remote_field, "model", None)
                if rel_model is not None and hasattr(rel_model, "natural_key") and rel_model is not model:
                    deps.append(rel_model)
            for field in model._meta.many_to_many:
                if field.remote_field.through._meta.auto_created:
                    rel_model = field.remote_field.model
                    if hasattr(rel_model, "natural_key") and rel_model is not model:
                        deps.append(rel_model)
            models_by_dependencies.append((model, deps))
    ordered: list = []
    while models_by_dependencies:
        remaining = []
        changed = False
        for model, deps in models_by_dependencies:
            if all(dep not in models or dep in ordered for dep in deps):
                ordered.append(model)
                changed = True
            else:
                remaining.append((model, deps))
        if not changed:
            if allow_cycles:
                ordered.extend(model for model, _deps in remaining)
                break
            names = ", ".join(sorted(model._meta.label for model, _deps in remaining))
            raise RuntimeError(f"Can't resolve dependencies for {names} in serialized app list.")
        models_by_dependencies = remaining
    return ordered
