"""GenericForeignKey: a relation to any model, stored as a content type plus an object id."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db.models.fields.mixins import FieldCacheMixin
from django.utils.functional import cached_property


class GenericForeignKey(FieldCacheMixin):
    """A virtual field: ``content_type`` + ``object_id`` columns give the related object.

    Assigning an object sets both columns; reading fetches (and caches) the object.
    """

    auto_created = False
    concrete = False
    editable = False
    hidden = False
    is_relation = True
    many_to_many = False
    many_to_one = True
    one_to_many = False
    one_to_one = False
    related_model = None
    remote_field = None
    primary_key = False
    null = True
    column = None

    def __init__(
        self, ct_field: str = "content_type", fk_field: str = "object_id", for_concrete_model: bool = True
    ):
        self.ct_field = ct_field
        self.fk_field = fk_field
        self.for_concrete_model = for_concrete_model
        self.editable = False
        self.rel = None

    def contribute_to_class(self, cls: Any, name: str, **kwargs: Any) -> None:
        self.name = name
        self.attname = name
        self.model = cls
        cls._meta.add_field(self, private=True)
        setattr(cls, name, self)

    def get_attname_column(self) -> tuple[str, None]:
        return self.name, None

    def get_filter_kwargs_for_object(self, obj: Any) -> dict:
        return {self.fk_field: getattr(obj, self.fk_field), self.ct_field: getattr(obj, self.ct_field)}

    def get_forward_related_filter(self, obj: Any) -> dict:
        return {self.fk_field: obj.pk, f"{self.ct_field}_id": self.get_content_type(obj=obj).id}

    def __str__(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    @cached_property
    def cache_name(self) -> str:
        return self.name

    def check(self, **kwargs: Any) -> list:
        return [*self._check_field_name(), *self._check_object_id_field(), *self._check_content_type_field()]

    def _check_field_name(self) -> list:
        if self.name.endswith("_"):
            return [checks.Error("Field names must not end with an underscore.", obj=self, id="fields.E001")]
        return []

    def _check_object_id_field(self) -> list:
        try:
            self.model._meta.get_field(self.fk_field)
        except FieldDoesNotExist:
            return [
                checks.Error(
                    f"The GenericForeignKey object ID references the nonexistent field '{self.fk_field}'.",
                    obj=self,
                    id="contenttypes.E001",
                )
            ]
        return []

    def _check_content_type_field(self) -> list:
        from .models import ContentType

        try:
            field = self.model._meta.get_field(self.ct_field)
        except FieldDoesNotExist:
            return [
                checks.Error(
                    f"The GenericForeignKey content type references the nonexistent field "
                    f"'{self.model._meta.object_name}.{self.ct_field}'.",
                    obj=self,
                    id="contenttypes.E002",
                )
            ]
        label = f"{self.model._meta.object_name}.{self.ct_field}"
        if not getattr(field, "many_to_one", False) or not field.remote_field:
            return [
                checks.Error(
                    f"'{label}' is not a ForeignKey.",
                    hint="GenericForeignKeys must use a ForeignKey to 'contenttypes.ContentType' as the "
                    "'content_type' field.",
                    obj=self,
                    id="contenttypes.E003",
                )
            ]
        if field.remote_field.model != ContentType:
            return [
                checks.Error(
                    f"'{label}' is not a ForeignKey to 'contenttypes.ContentType'.",
                    hint="GenericForeignKeys must use a ForeignKey to 'contenttypes.ContentType' as the "
                    "'content_type' field.",
                    obj=self,
                    id="contenttypes.E004",
                )
            ]
        return []

    def get_content_type(self, obj: Any = None, id: int | None = None, using: str | None = None) -> Any:  # noqa: A002
        from .models import ContentType

        if obj is not None:
            return ContentType.objects.db_manager(obj._state.db).get_for_model(
                obj, for_concrete_model=self.for_concrete_model
            )
        if id is not None:
            return ContentType.objects.db_manager(using).get_for_id(id)
        raise Exception("Impossible arguments to GFK.get_content_type!")

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        ct_field = self.model._meta.get_field(self.ct_field)
        ct_id = getattr(instance, ct_field.attname)
        pk_val = getattr(instance, self.fk_field)
        rel_obj = self.get_cached_value(instance, default=None)
        if rel_obj is not None:
            same_type = ct_id == self.get_content_type(obj=rel_obj, using=instance._state.db).id
            if same_type and str(rel_obj.pk) == str(pk_val):
                return rel_obj
            rel_obj = None
        if ct_id is not None and pk_val is not None:
            ct = self.get_content_type(id=ct_id, using=instance._state.db)
            try:
                rel_obj = ct.get_object_for_this_type(using=instance._state.db, pk=pk_val)
            except ObjectDoesNotExist:
                rel_obj = None
        self.set_cached_value(instance, rel_obj)
        return rel_obj

    def __set__(self, instance: Any, value: Any) -> None:
        ct, fk = None, None
        if value is not None:
            ct = self.get_content_type(obj=value)
            fk = value.pk
        setattr(instance, self.ct_field, ct)
        setattr(instance, self.fk_field, fk)
        self.set_cached_value(instance, value)
