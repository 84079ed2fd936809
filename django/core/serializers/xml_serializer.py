"""The "xml" format: ``<django-objects version="1.0"><object model=.. pk=..><field ...>``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.dom import minidom
from xml.sax.saxutils import XMLGenerator

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers import base
from django.core.serializers.base import DEFAULT_DB_ALIAS


class Serializer(base.Serializer):
    """Serializes a QuerySet to XML."""

    def _start(self, name: str, attrs: dict) -> None:
        self.xml.startElement(name, attrs)  # type: ignore[arg-type]  # any mapping works at run time

    def indent(self, level: int) -> None:
        if self.options.get("indent") is not None:
            self.xml.ignorableWhitespace("\n" + " " * self.options["indent"] * level)

    def start_serialization(self) -> None:
        self.xml = XMLGenerator(self.stream, self.options.get("encoding", "utf-8"), short_empty_elements=True)
        self.xml.startDocument()
        self._start("django-objects", {"version": "1.0"})

    def end_serialization(self) -> None:
        self.indent(0)
        self.xml.endElement("django-objects")
        self.xml.endDocument()

    def start_object(self, obj: Any) -> None:
        self.indent(1)
        attrs = {"model": str(obj._meta)}
        if not self.use_natural_primary_keys or not hasattr(obj, "natural_key"):
            if obj.pk is not None:
                attrs["pk"] = obj._meta.pk.value_to_string(obj)
        self._start("object", attrs)

    def end_object(self, obj: Any) -> None:
        self.indent(1)
        self.xml.endElement("object")

    def handle_field(self, obj: Any, field: Any) -> None:
        self.indent(2)
        self._start("field", {"name": field.name, "type": field.get_internal_type()})
        if getattr(obj, field.get_attname()) is not None:
            value = field.value_to_string(obj)
            if field.get_internal_type() == "JSONField":
                import json

                value = json.dumps(field.value_from_object(obj), cls=field.encoder)
            self.xml.characters(value)
        else:
            self._none()
        self.xml.endElement("field")

    def _none(self) -> None:
        self._start("None", {})
        self.xml.endElement("None")

    def handle_fk_field(self, obj: Any, field: Any) -> None:
        self._start_relational_field(field)
        related_att = getattr(obj, field.get_attname())
        if related_att is None:
            self._none()
        elif self.use_natural_foreign_keys and hasattr(field.remote_field.model, "natural_key"):
            for key_value in getattr(obj, field.name).natural_key():
                self._start("natural", {})
                self.xml.characters(str(key_value))
                self.xml.endElement("natural")
        else:
            self.xml.characters(str(related_att))
        self.xml.endElement("field")

    def handle_m2m_field(self, obj: Any, field: Any) -> None:
        if not field.remote_field.through._meta.auto_created:
            return
        self._start_relational_field(field)
        natural = self.use_natural_foreign_keys and hasattr(field.remote_field.model, "natural_key")
        for related in getattr(obj, field.name).all():
            if natural:
                self._start("object", {})
                for key_value in related.natural_key():
                    self._start("natural", {})
                    self.xml.characters(str(key_value))
                    self.xml.endElement("natural")
                self.xml.endElement("object")
            else:
                self._start("object", {"pk": str(related._get_pk_val())})
                self.xml.endElement("object")
        self.xml.endElement("field")

    def _start_relational_field(self, field: Any) -> None:
        self.indent(2)
        self._start(
            "field",
            {
                "name": field.name,
                "rel": field.remote_field.__class__.__name__,
                "to": str(field.remote_field.model._meta),
            },
        )


def _text(node: Any) -> str:
    return "".join(
        child.data
        for child in node.childNodes
        if child.nodeType in (child.TEXT_NODE, child.CDATA_SECTION_NODE)
    )


def Deserializer(
    stream_or_string: Any, *, using: str = DEFAULT_DB_ALIAS, ignorenonexistent: bool = False, **options: Any
) -> Iterator[Any]:
    """Deserialize XML produced by the Serializer above (no entity expansion, no external DTDs)."""
    if not isinstance(stream_or_string, (str, bytes)):
        stream_or_string = stream_or_string.read()
    if "<!DOCTYPE" in (
        stream_or_string if isinstance(stream_or_string, str) else stream_or_string.decode(errors="ignore")
    ):
        raise base.DeserializationError("The XML document may not contain a DTD (entities are forbidden).")
    try:
        document = minidom.parseString(stream_or_string)
    except Exception as exc:
        raise base.DeserializationError(f"Invalid XML: {exc}") from exc
    for node in document.getElementsByTagName("object"):
        if getattr(node.parentNode, "nodeName", None) != "django-objects":
            continue
        obj = _handle_object(node, using, ignorenonexistent)
        if obj is not None:
            yield obj


def _handle_object(node: Any, using: str, ignore: bool) -> Any:
    model_identifier = node.getAttribute("model")
    try:
        Model = apps.get_model(model_identifier)
    except (LookupError, ValueError):
        if ignore:
            return None
        raise base.DeserializationError(f"Invalid model identifier: '{model_identifier}'")
    data: dict[str, Any] = {}
    if node.hasAttribute("pk"):
        data[Model._meta.pk.attname] = Model._meta.pk.to_python(node.getAttribute("pk"))
    m2m_data: dict[str, Any] = {}
    for field_node in node.getElementsByTagName("field"):
        name = field_node.getAttribute("name")
        if not name:
            raise base.DeserializationError("<field> node is missing the 'name' attribute")
        try:
            field = Model._meta.get_field(name)
        except FieldDoesNotExist:
            if ignore:
                continue
            raise base.DeserializationError(f"{Model._meta.label} has no field named '{name}'")
        is_none = bool(field_node.getElementsByTagName("None"))
        if field.remote_field and field.many_to_many:
            m2m_data[field.name] = [
                _related_value(field, item, using) for item in field_node.getElementsByTagName("object")
            ]
        elif field.remote_field and field.many_to_one:
            data[field.attname] = None if is_none else _related_value(field, field_node, using, fk=True)
        else:
            value = None if is_none else _text(field_node)
            try:
                data[field.name] = field.to_python(value)
            except Exception as e:
                raise base.DeserializationError.WithData(
                    e, model_identifier, data.get(Model._meta.pk.attname), value
                )
    obj = base.build_instance(Model, data, using)
    return base.DeserializedObject(obj, m2m_data)


def _related_value(field: Any, node: Any, using: str, fk: bool = False) -> Any:
    model = field.remote_field.model
    naturals = node.getElementsByTagName("natural")
    if naturals:
        key = [_text(n) for n in naturals]
        obj = model._default_manager.db_manager(using).get_by_natural_key(*key)
        return getattr(obj, field.remote_field.field_name) if fk else obj.pk
    if fk:
        return model._meta.get_field(field.remote_field.field_name).to_python(_text(node))
    return model._meta.pk.to_python(node.getAttribute("pk"))
