"""The "python" format: lists of ``{"model": "app.model", "pk": ..., "fields": {...}}`` dicts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers import base
from django.core.serializers.base import DEFAULT_DB_ALIAS
from django.utils.encoding import is_protected_type


class Serializer(base.Serializer):
    """Serializes a QuerySet to basic Python objects (other formats build on this one)."""

    internal_use_only = True

    def start_serialization(self) -> None:
        self._current: dict | None = None
        self.objects: list[dict] = []

    def end_serialization(self) -> None:
        pass

    def start_object(self, obj: Any) -> None:
        self._current = {}

    def end_object(self, obj: Any) -> None:
        self.objects.append(self.get_dump_object(obj))
        self._current = None

    def get_dump_object(self, obj: Any) -> dict:
        data: dict[str, Any] = {"model": str(obj._meta)}
        if not self.use_natural_primary_keys or not hasattr(obj, "natural_key"):
            data["pk"] = self._value_from_field(obj, obj._meta.pk)
        data["fields"] = self._current
        return data

    def _value_from_field(self, obj: Any, field: Any) -> Any:
        value = field.value_from_object(obj)
        # Protected types (None, numbers, dates, Decimal) are kept; the format encodes them.
        return value if is_protected_type(value) else field.value_to_string(obj)

    def handle_field(self, obj: Any, field: Any) -> None:
        self._current[field.name] = self._value_from_field(obj, field)  # type: ignore[index]

    def handle_fk_field(self, obj: Any, field: Any) -> None:
        if self.use_natural_foreign_keys and hasattr(field.remote_field.model, "natural_key"):
            related = getattr(obj, field.name)
            value = related.natural_key() if related else None
        else:
            value = self._value_from_field(obj, field)
        self._current[field.name] = value  # type: ignore[index]

    def handle_m2m_field(self, obj: Any, field: Any) -> None:
        if not field.remote_field.through._meta.auto_created:
            return
        if self.use_natural_foreign_keys and hasattr(field.remote_field.model, "natural_key"):

            def m2m_value(value: Any) -> Any:
                return value.natural_key()

            queryset = getattr(obj, field.name).all()
        else:

            def m2m_value(value: Any) -> Any:
                return self._value_from_field(value, value._meta.pk)

            queryset = getattr(obj, field.name).all().only("pk")
        self._current[field.name] = [m2m_value(related) for related in queryset]  # type: ignore[index]

    def getvalue(self) -> list[dict]:
        return self.objects


class Deserializer(base.Deserializer):
    """DeserializedObjects from the Python data the "python" Serializer produces."""

    def __init__(
        self,
        object_list: Any,
        *,
        using: str = DEFAULT_DB_ALIAS,
        ignorenonexistent: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(object_list, **options)
        self._iterator = self._objects(
            object_list, using, ignorenonexistent, options.get("handle_forward_references", False)
        )

    def __next__(self) -> Any:
        return next(self._iterator)

    def _objects(self, object_list: Any, using: str, ignore: bool, forward_refs: bool) -> Iterator[Any]:
        field_names_cache: dict = {}
        for d in object_list:
            try:
                Model = _get_model(d["model"])
            except base.DeserializationError:
                if ignore:
                    continue
                raise
            data: dict[str, Any] = {}
            if "pk" in d:
                try:
                    data[Model._meta.pk.attname] = Model._meta.pk.to_python(d.get("pk"))
                except Exception as e:
                    raise base.DeserializationError.WithData(e, d["model"], d.get("pk"), None)
            m2m_data: dict[str, Any] = {}
            deferred: dict[Any, Any] = {}
            if Model not in field_names_cache:
                field_names_cache[Model] = {f.name for f in Model._meta.get_fields()}
            field_names = field_names_cache[Model]
            for field_name, field_value in d.get("fields", {}).items():
                if ignore and field_name not in field_names:
                    continue
                try:
                    field = Model._meta.get_field(field_name)
                except FieldDoesNotExist as e:
                    raise base.DeserializationError.WithData(e, d["model"], d.get("pk"), field_value)
                self._load_field(Model, d, field, field_value, using, forward_refs, data, m2m_data, deferred)
            obj = base.build_instance(Model, data, using)
            yield base.DeserializedObject(obj, m2m_data, deferred)

    @staticmethod
    def _load_field(
        Model: Any,
        d: dict,
        field: Any,
        value: Any,
        using: str,
        forward_refs: bool,
        data: dict,
        m2m_data: dict,
        deferred: dict,
    ) -> None:
        from django.db import models

        rel = field.remote_field
        if rel and isinstance(rel, models.ManyToManyRel):
            try:
                values = base.deserialize_m2m_values(field, value, using, forward_refs)
            except base.M2MDeserializationError as e:
                raise base.DeserializationError.WithData(e.original_exc, d["model"], d.get("pk"), e.pk)
            if values == base.DEFER_FIELD:
                deferred[field] = value
            else:
                m2m_data[field.name] = values
        elif rel and isinstance(rel, models.ManyToOneRel):
            try:
                fk = base.deserialize_fk_value(field, value, using, forward_refs)
            except Exception as e:
                raise base.DeserializationError.WithData(e, d["model"], d.get("pk"), value)
            if fk == base.DEFER_FIELD:
                deferred[field] = value
            else:
                data[field.attname] = fk
        else:
            try:
                data[field.name] = field.to_python(value)
            except Exception as e:
                raise base.DeserializationError.WithData(e, d["model"], d.get("pk"), value)


def _get_model(model_identifier: Any) -> Any:
    try:
        return apps.get_model(model_identifier)
    except (LookupError, TypeError, ValueError):
        raise base.DeserializationError(f"Invalid model identifier: '{model_identifier}'")
