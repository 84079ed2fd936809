"""The serializer framework: base Serializer/Deserializer, DeserializedObject and the errors."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

DEFER_FIELD = object()
# Kept literal so importing the serializers does not import django.db (JsonResponse uses this package).
DEFAULT_DB_ALIAS = "default"


class SerializerDoesNotExist(KeyError):
    """The requested serialization format is not registered."""


class SerializationError(Exception):
    """Something bad happened during serialization."""


class DeserializationError(Exception):
    """Something bad happened during deserialization."""

    @classmethod
    def WithData(cls, original_exc: Exception, model: str, fk: Any, field_value: Any) -> DeserializationError:
        """The error with the model, pk and value that were being loaded."""
        return cls(f"{original_exc}: ({model}:pk={fk}) field_value was '{field_value}'")


class M2MDeserializationError(Exception):
    """A many-to-many value could not be loaded."""

    def __init__(self, original_exc: Exception, pk: Any) -> None:
        self.original_exc = original_exc
        self.pk = pk


class ProgressBar:
    progress_width = 75

    def __init__(self, output: Any, total_count: int) -> None:
        self.output = output
        self.total_count = total_count
        self.prev_done = 0

    def update(self, count: int) -> None:
        if not self.output:
            return
        perc = count * 100 // self.total_count
        done = perc * self.progress_width // 100
        if self.prev_done >= done:
            return
        self.prev_done = done
        cr = "" if self.total_count == 1 else "\r"
        self.output.write(cr + "[" + "." * done + " " * (self.progress_width - done) + "]")
        if done == self.progress_width:
            self.output.write("\n")
        self.output.flush()


class Serializer:
    """Walk the objects and their fields; formats override the start_/end_/handle_ hooks."""

    internal_use_only = False
    progress_class = ProgressBar
    stream_class = StringIO

    def serialize(
        self,
        queryset: Any,
        *,
        stream: Any = None,
        fields: Any = None,
        use_natural_foreign_keys: bool = False,
        use_natural_primary_keys: bool = False,
        progress_output: Any = None,
        object_count: int = 0,
        **options: Any,
    ) -> Any:
        self.options = options
        self.stream = stream if stream is not None else self.stream_class()
        self.selected_fields = fields
        self.use_natural_foreign_keys = use_natural_foreign_keys
        self.use_natural_primary_keys = use_natural_primary_keys
        progress_bar = self.progress_class(progress_output, object_count)
        self.start_serialization()
        self.first = True
        for count, obj in enumerate(queryset, start=1):
            self.start_object(obj)
            concrete_model = obj._meta.concrete_model
            if self.use_natural_primary_keys:
                pk = concrete_model._meta.pk
                pk_parent = pk if pk.remote_field and pk.remote_field.parent_link else None
            else:
                pk_parent = None
            for field in concrete_model._meta.local_fields:
                if not field.serialize and field is not pk_parent:
                    continue
                if field.remote_field is None:
                    if self._selected(field):
                        self.handle_field(obj, field)
                elif self._selected(field, field.attname):
                    self.handle_fk_field(obj, field)
            for field in concrete_model._meta.local_many_to_many:
                if field.serialize and self._selected(field):
                    self.handle_m2m_field(obj, field)
            self.end_object(obj)
            progress_bar.update(count)
            self.first = False
        self.end_serialization()
        return self.getvalue()

    def _selected(self, field: Any, attname: str | None = None) -> bool:
        if self.selected_fields is None:
            return True
        return field.name in self.selected_fields or (
            attname is not None and attname[:-3] in self.selected_fields
        )

    def start_serialization(self) -> None:
        raise NotImplementedError("subclasses of Serializer must provide a start_serialization() method")

    def end_serialization(self) -> None:
        pass

    def start_object(self, obj: Any) -> None:
        raise NotImplementedError("subclasses of Serializer must provide a start_object() method")

    def end_object(self, obj: Any) -> None:
        pass

    def handle_field(self, obj: Any, field: Any) -> None:
        raise NotImplementedError("subclasses of Serializer must provide a handle_field() method")

    def handle_fk_field(self, obj: Any, field: Any) -> None:
        raise NotImplementedError("subclasses of Serializer must provide a handle_fk_field() method")

    def handle_m2m_field(self, obj: Any, field: Any) -> None:
        raise NotImplementedError("subclasses of Serializer must provide a handle_m2m_field() method")

    def getvalue(self) -> Any:
        if callable(getattr(self.stream, "getvalue", None)):
            return self.stream.getvalue()
        return None


class Deserializer:
    """Iterates DeserializedObjects out of a stream or string."""

    def __init__(self, stream_or_string: Any, **options: Any) -> None:
        self.options = options
        self.stream = StringIO(stream_or_string) if isinstance(stream_or_string, str) else stream_or_string

    def __iter__(self) -> Iterator:
        return self

    def __next__(self) -> Any:
        raise NotImplementedError("subclasses of Deserializer must provide a __next__() method")


class DeserializedObject:
    """A model instance read from a fixture plus its m2m data; save() writes it raw (no signals' side effects)."""

    def __init__(self, obj: Any, m2m_data: dict | None = None, deferred_fields: dict | None = None) -> None:
        self.object = obj
        self.m2m_data = m2m_data
        self.deferred_fields = deferred_fields

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: {self.object._meta.label}(pk={self.object.pk})>"

    def save(self, save_m2m: bool = True, using: str | None = None, **kwargs: Any) -> None:
        from django.db import models

        models.Model.save_base(self.object, using=using, raw=True, **kwargs)
        if self.m2m_data and save_m2m:
            for accessor_name, object_list in self.m2m_data.items():
                getattr(self.object, accessor_name).set(object_list)

    def save_deferred_fields(self, using: str | None = None) -> None:
        from django.db import models

        self.m2m_data = {}
        for field, field_value in (self.deferred_fields or {}).items():
            opts = self.object._meta
            label = opts.app_label + "." + opts.model_name
            if isinstance(field.remote_field, models.ManyToManyRel):
                try:
                    values = deserialize_m2m_values(
                        field, field_value, using, handle_forward_references=False
                    )
                except M2MDeserializationError as e:
                    raise DeserializationError.WithData(e.original_exc, label, self.object.pk, e.pk)
                self.m2m_data[field.name] = values
            elif isinstance(field.remote_field, models.ManyToOneRel):
                try:
                    value = deserialize_fk_value(field, field_value, using, handle_forward_references=False)
                except Exception as e:
                    raise DeserializationError.WithData(e, label, self.object.pk, field_value)
                setattr(self.object, field.attname, value)
        self.save()


def build_instance(Model: Any, data: dict, db: str) -> Any:
    """A model instance from field data; a natural key fills in the pk of an existing row."""
    default_manager = Model._meta.default_manager
    pk = data.get(Model._meta.pk.attname)
    if pk is None and hasattr(default_manager, "get_by_natural_key") and hasattr(Model, "natural_key"):
        obj = Model(**data)
        obj._state.db = db
        natural_key = obj.natural_key()
        try:
            data[Model._meta.pk.attname] = Model._meta.pk.to_python(
                default_manager.db_manager(db).get_by_natural_key(*natural_key).pk
            )
        except Model.DoesNotExist:
            pass
    return Model(**data)


def deserialize_m2m_values(
    field: Any, field_value: Any, using: str | None, handle_forward_references: bool
) -> Any:
    model = field.remote_field.model
    if hasattr(model._default_manager, "get_by_natural_key"):

        def m2m_convert(value: Any) -> Any:
            if hasattr(value, "__iter__") and not isinstance(value, str):
                return model._default_manager.db_manager(using).get_by_natural_key(*value).pk
            return model._meta.pk.to_python(value)

    else:

        def m2m_convert(value: Any) -> Any:
            return model._meta.pk.to_python(value)

    try:
        pks_iter = iter(field_value)
    except TypeError as e:
        raise M2MDeserializationError(e, field_value)
    values = []
    pk = None
    try:
        for pk in pks_iter:
            values.append(m2m_convert(pk))
        return values
    except Exception as e:
        if isinstance(e, ObjectDoesNotExist) and handle_forward_references:
            return DEFER_FIELD
        raise M2MDeserializationError(e, pk)


def deserialize_fk_value(
    field: Any, field_value: Any, using: str | None, handle_forward_references: bool
) -> Any:
    if field_value is None:
        return None
    model = field.remote_field.model
    default_manager = model._default_manager
    field_name = field.remote_field.field_name
    if (
        hasattr(default_manager, "get_by_natural_key")
        and hasattr(field_value, "__iter__")
        and not isinstance(field_value, str)
    ):
        try:
            obj = default_manager.db_manager(using).get_by_natural_key(*field_value)
        except ObjectDoesNotExist:
            if handle_forward_references:
                return DEFER_FIELD
            raise
        value = getattr(obj, field_name)
        if model._meta.pk.remote_field:
            value = value.pk
        return value
    return model._meta.get_field(field_name).to_python(field_value)
