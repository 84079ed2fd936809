"""GenericForeignKey: a relation to any model, stored as a content type plus an object id."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.core import checks
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.db.models.fields.mixins import FieldCacheMixin
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.db.models.query_utils import PathInfo
from django.utils.functional import cached_property

if TYPE_CHECKING:
    from django.db.models.base import Model

__all__ = ["GenericForeignKey", "GenericRel", "GenericRelation"]


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
            return ContentType.objects.db_manager(obj._state.db or using).get_for_model(
                obj, for_concrete_model=self.for_concrete_model
            )
        if id is not None:
            return ContentType.objects.db_manager(using).get_for_id(id)
        raise ValueError("get_content_type() needs either obj or id.")

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        ct_id = getattr(instance, self.model._meta.get_field(self.ct_field).attname)
        pk_val = getattr(instance, self.fk_field)
        if self.is_cached(instance):
            rel_obj = self.get_cached_value(instance)
            # A prefetched "no such object" stays None without another query.
            if rel_obj is None or self._still_points_at(rel_obj, ct_id, pk_val, instance._state.db):
                return rel_obj
        rel_obj = None
        if ct_id is not None and pk_val is not None:
            ct = self.get_content_type(id=ct_id, using=instance._state.db)
            try:
                rel_obj = ct.get_object_for_this_type(using=instance._state.db, pk=pk_val)
            except ObjectDoesNotExist:
                pass
        self.set_cached_value(instance, rel_obj)
        return rel_obj

    def _still_points_at(self, rel_obj: Any, ct_id: Any, pk_val: Any, using: str | None) -> bool:
        same_type = ct_id == self.get_content_type(obj=rel_obj, using=using).id
        return same_type and str(rel_obj.pk) == str(pk_val)

    def __set__(self, instance: Any, value: Any) -> None:
        ct, fk = None, None
        if value is not None:
            ct = self.get_content_type(obj=value)
            fk = value.pk
        setattr(instance, self.ct_field, ct)
        setattr(instance, self.fk_field, fk)
        self.set_cached_value(instance, value)

    def get_prefetch_querysets(self, instances: list, querysets: Any = None) -> tuple:
        """One query per content type among ``instances``; results are matched by (pk, model)."""
        custom = _querysets_by_model(querysets)
        ids_by_ct: dict[Any, set] = defaultdict(set)
        ct_attname = self.model._meta.get_field(self.ct_field).attname
        for instance in instances:
            ct_id = getattr(instance, ct_attname)
            if ct_id is not None and getattr(instance, self.fk_field) is not None:
                ids_by_ct[ct_id].add(getattr(instance, self.fk_field))
        using = instances[0]._state.db
        model_by_ct: dict[Any, Any] = {}
        results: list = []
        for ct_id, ids in ids_by_ct.items():
            model = self.get_content_type(id=ct_id, using=using).model_class()
            model_by_ct[ct_id] = model
            if model is None:
                continue
            queryset = custom.get(model) or model._base_manager.all()
            queryset = queryset.using(queryset._db or using)
            results.extend(queryset.filter(pk__in=ids))

        def instance_key(instance: Any) -> Any:
            model = model_by_ct.get(getattr(instance, ct_attname))
            if model is None:
                return None
            return (model._meta.pk.to_python(getattr(instance, self.fk_field)), model)

        return results, _result_key, instance_key, True, self.cache_name, False


def _result_key(obj: Any) -> tuple:
    return (obj.pk, obj.__class__)


def _querysets_by_model(querysets: Any) -> dict:
    by_model: dict = {}
    for queryset in querysets or ():
        if queryset.model in by_model:
            raise ValueError(
                f"Only one queryset is allowed for each content type; got two for {queryset.model._meta.label}."
            )
        by_model[queryset.model] = queryset
    return by_model


class GenericRel(ForeignObjectRel):
    """The target model's side of a GenericRelation; named only when related_query_name is given."""

    def __init__(
        self,
        field: Any,
        to: Any,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
    ) -> None:
        super().__init__(
            field,
            to,
            related_name=related_query_name or "+",
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            on_delete=models.DO_NOTHING,
        )


class GenericRelation(ForeignObject):
    """The reverse of a GenericForeignKey: ``bookmark.tags`` is a manager of the TaggedItems
    whose content type is Bookmark's and whose object id is the bookmark's pk.

    Deleting the object deletes those items (the collector calls bulk_related_objects()).
    """

    auto_created = False
    empty_strings_allowed = False
    many_to_many = False
    many_to_one = False
    one_to_many = True
    one_to_one = False
    requires_unique_target = False
    rel_class = GenericRel

    def __init__(
        self,
        to: Any,
        object_id_field: str = "object_id",
        content_type_field: str = "content_type",
        for_concrete_model: bool = True,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        **kwargs: Any,
    ) -> None:
        kwargs["rel"] = self.rel_class(
            self, to, related_query_name=related_query_name, limit_choices_to=limit_choices_to
        )
        # Nothing is stored on this side: never a form field, never serialized.
        kwargs.update(blank=True, on_delete=models.CASCADE, editable=False, serialize=False)
        super().__init__(to, from_fields=[object_id_field], to_fields=[], **kwargs)
        self.object_id_field_name = object_id_field
        self.content_type_field_name = content_type_field
        self.for_concrete_model = for_concrete_model

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_generic_foreign_key_existence()]

    def _check_generic_foreign_key_existence(self) -> list:
        target = self.remote_field.model
        if isinstance(target, str):
            return []  # fields.E300 already reports an unresolved model
        if any(
            isinstance(field, GenericForeignKey)
            and field.ct_field == self.content_type_field_name
            and field.fk_field == self.object_id_field_name
            for field in target._meta.private_fields
        ):
            return []
        return [
            checks.Error(
                f"The GenericRelation defines a relation with the model '{target._meta.label}', but that "
                "model does not have a GenericForeignKey.",
                obj=self,
                id="contenttypes.E004",
            )
        ]

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        for key in ("on_delete", "from_fields", "to_fields", "blank", "editable", "serialize"):
            kwargs.pop(key, None)
        if self.remote_field.related_query_name:
            kwargs["related_query_name"] = self.remote_field.related_query_name
        kwargs["object_id_field"] = self.object_id_field_name
        kwargs["content_type_field"] = self.content_type_field_name
        if not self.for_concrete_model:
            kwargs["for_concrete_model"] = False
        return name, path, args, kwargs

    def resolve_related_fields(self) -> list[tuple[Any, Any]]:
        # The "local" side of the join is the target's object id; it meets this model's pk.
        self.to_fields = [self.model._meta.pk.name]
        object_id = self.remote_field.model._meta.get_field(self.object_id_field_name)
        return [(object_id, self.model._meta.pk)]

    def get_path_info(self, filtered_relation: Any = None) -> list:
        opts = self.remote_field.model._meta
        return [
            PathInfo(
                from_opts=self.model._meta,
                to_opts=opts,
                target_fields=(opts.pk,),
                join_field=self.remote_field,
                m2m=True,
                direct=False,
                filtered_relation=filtered_relation,
            )
        ]

    def get_reverse_path_info(self, filtered_relation: Any = None) -> list:
        opts = self.model._meta
        return [
            PathInfo(
                from_opts=self.remote_field.model._meta,
                to_opts=opts,
                target_fields=(opts.pk,),
                join_field=self,
                m2m=False,
                direct=False,
                filtered_relation=filtered_relation,
            )
        ]

    def value_to_string(self, obj: Any) -> str:
        return str([instance.pk for instance in getattr(obj, self.name).all()])

    def contribute_to_class(self, cls: type[Model], name: str, **kwargs: Any) -> None:  # type: ignore[override]  # options are keyword-only here, as in Django
        kwargs["private_only"] = True
        super().contribute_to_class(cls, name, **kwargs)
        self.model = cls
        if not cls._meta.abstract:
            setattr(cls, self.name, ReverseGenericManyToOneDescriptor(self.remote_field))

    def contribute_to_related_class(self, cls: Any, related: Any) -> None:
        """The target model gets no accessor; related_query_name only serves lookups."""

    def set_attributes_from_rel(self) -> None:
        """Nothing to derive: the target's pk is not this field's concern."""

    def get_content_type(self) -> Any:
        """The ContentType of the model holding this relation."""
        from .models import ContentType

        return ContentType.objects.get_for_model(self.model, for_concrete_model=self.for_concrete_model)

    def get_extra_restriction(self, alias: str, remote_alias: str) -> Any:
        """The join's ON clause also matches the content type column (on the target's alias)."""
        from django.db.models.sql.where import AND, WhereNode

        field = self.remote_field.model._meta.get_field(self.content_type_field_name)
        lookup = field.get_lookup("exact")(field.get_col(remote_alias), self.get_content_type().pk)
        return WhereNode([lookup], connector=AND)

    def object_id_to_python(self, value: Any) -> Any:
        """An object id as this model's pk value (the id column may be text)."""
        return self.model._meta.pk.to_python(value)

    def bulk_related_objects(self, objs: list, using: str = "default") -> Any:
        """The target rows pointing at ``objs`` (the deletion collector removes them too)."""
        from .models import ContentType

        ct = ContentType.objects.db_manager(using).get_for_model(
            self.model, for_concrete_model=self.for_concrete_model
        )
        return self.remote_field.model._base_manager.db_manager(using).filter(
            **{
                f"{self.content_type_field_name}__pk": ct.pk,
                f"{self.object_id_field_name}__in": [obj.pk for obj in objs],
            }
        )


class ReverseGenericManyToOneDescriptor:
    """``bookmark.tags``: a manager of the generic related objects (built once per relation)."""

    def __init__(self, rel: GenericRel) -> None:
        self.rel = rel
        self.field = rel.field

    @cached_property
    def related_manager_cls(self) -> type:
        from .generic_manager import create_generic_related_manager

        return create_generic_related_manager(self.rel.model._default_manager.__class__, self.rel)

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        return self.related_manager_cls(instance)

    def __set__(self, instance: Any, value: Any) -> None:
        raise TypeError(
            f"Direct assignment to the reverse side of a generic relation is prohibited. "
            f"Use {self.field.name}.set() instead."
        )
