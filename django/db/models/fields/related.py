"""Relation fields: ForeignObject, ForeignKey, OneToOneField, ManyToManyField."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from django.core import checks, exceptions
from django.db.models.deletion import SET_DEFAULT, SET_NULL
from django.db.models.fields.base import Field
from django.db.models.fields.mixins import FieldCacheMixin
from django.db.models.fields.related_descriptors import (
    ForeignKeyDeferredAttribute,
    ForwardManyToOneDescriptor,
    ForwardOneToOneDescriptor,
    ReverseManyToOneDescriptor,
    ReverseOneToOneDescriptor,
)
from django.db.models.fields.reverse_related import ForeignObjectRel, ManyToOneRel, OneToOneRel
from django.db.models.query_utils import PathInfo
from django.db.models.utils import make_model_tuple, swappable_setting_name
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .related_checks import RelatedFieldChecks

if TYPE_CHECKING:
    from django.db.models.base import Model

RECURSIVE_RELATIONSHIP_CONSTANT = "self"

__all__ = [
    "RECURSIVE_RELATIONSHIP_CONSTANT",
    "ForeignKey",
    "ForeignObject",
    "ManyToManyField",
    "OneToOneField",
    "RelatedField",
    "lazy_related_operation",
    "resolve_relation",
]


def resolve_relation(scope_model: Any, relation: Any) -> Any:
    """Turn "self" and bare "ModelName" into a model or an "app_label.ModelName" reference."""
    if relation == RECURSIVE_RELATIONSHIP_CONSTANT:
        return scope_model
    if isinstance(relation, str) and "." not in relation:
        return "%s.%s" % (scope_model._meta.app_label, relation)
    return relation


def lazy_related_operation(function: Any, model: Any, *related_models: Any, **kwargs: Any) -> None:
    """Call function(model, *related_models) once every related model is registered."""
    models = [model] + [resolve_relation(model, rel) for rel in related_models]
    model_keys = (make_model_tuple(m) for m in models)
    apps = model._meta.apps
    return apps.lazy_model_operation(functools.partial(function, **kwargs), *model_keys)


class RelatedField(RelatedFieldChecks, FieldCacheMixin, Field):
    """Base class for fields pointing at another model."""

    if TYPE_CHECKING:  # defined by ForeignObject and ManyToManyField
        swappable: bool
        related_fields: list[tuple[Any, Any]]
        path_infos: list

        def get_extra_descriptor_filter(self, instance: Any) -> dict: ...
        def contribute_to_related_class(self, cls: Any, related: Any) -> None: ...

    one_to_many = False
    one_to_one = False
    many_to_many = False
    many_to_one = False

    def __init__(
        self,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        **kwargs: Any,
    ) -> None:
        self._related_name = related_name
        self._related_query_name = related_query_name
        self._limit_choices_to = limit_choices_to
        super().__init__(**kwargs)

    @cached_property
    def related_model(self) -> Any:
        self.model._meta.apps.check_models_ready()
        return self.remote_field.model

    def db_type(self, connection: Any) -> Any:
        # Only ForeignKey has a column of its own; it overrides this.
        return None

    def contribute_to_class(
        self, cls: type[Model], name: str, private_only: bool = False, **kwargs: Any
    ) -> None:
        super().contribute_to_class(cls, name, private_only=private_only, **kwargs)
        self.opts = cls._meta
        if not cls._meta.abstract:
            names = {
                "class": cls.__name__.lower(),
                "model_name": cls._meta.model_name,
                "app_label": cls._meta.app_label.lower(),
            }
            # Meta.default_related_name names the reverse accessor when the field doesn't.
            related_name = self.remote_field.related_name or cls._meta.default_related_name
            if related_name:
                self.remote_field.related_name = related_name % names
            if self.remote_field.related_query_name:
                self.remote_field.related_query_name = self.remote_field.related_query_name % names

            def resolve_related_class(model: Any, related: Any, field: Any) -> None:
                field.remote_field.model = related
                field.do_related_class(related, model)

            lazy_related_operation(resolve_related_class, cls, self.remote_field.model, field=self)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self._limit_choices_to:
            kwargs["limit_choices_to"] = self._limit_choices_to
        if self._related_name is not None:
            kwargs["related_name"] = self._related_name
        if self._related_query_name is not None:
            kwargs["related_query_name"] = self._related_query_name
        return name, path, args, kwargs

    def _deconstruct_to(self, kwargs: dict) -> None:
        model = self.remote_field.model
        if isinstance(model, str):
            if "." in model:
                app_label, model_name = model.split(".")
                kwargs["to"] = "%s.%s" % (app_label, model_name.lower())
            else:
                kwargs["to"] = model.lower()
        else:
            kwargs["to"] = model._meta.label_lower
        swappable_setting = self.swappable_setting
        if swappable_setting is not None:
            from django.conf import SettingsReference

            if hasattr(kwargs["to"], "setting_name") and kwargs["to"].setting_name != swappable_setting:
                raise ValueError(
                    "Cannot deconstruct a ForeignKey pointing to a model that is swapped in place of "
                    "more than one model (%s and %s)" % (kwargs["to"].setting_name, swappable_setting)
                )
            kwargs["to"] = SettingsReference(kwargs["to"], swappable_setting)

    def get_forward_related_filter(self, obj: Any) -> dict:
        """Filter kwargs selecting the objects related to obj through this field."""
        return {
            "%s__%s" % (self.name, rh_field.name): getattr(obj, rh_field.attname)
            for _, rh_field in self.related_fields
        }

    def get_reverse_related_filter(self, obj: Any) -> Any:
        from django.db.models.query_utils import Q

        base_q = Q(**{rh.attname: getattr(obj, lh.attname) for lh, rh in self.related_fields})
        descriptor_filter = self.get_extra_descriptor_filter(obj)
        if isinstance(descriptor_filter, dict):
            return base_q & Q(**descriptor_filter)
        if descriptor_filter:
            return base_q & descriptor_filter
        return base_q

    @property
    def swappable_setting(self) -> str | None:
        if not self.swappable:
            return None
        target = self.remote_field.model
        if isinstance(target, str):
            return swappable_setting_name(target)
        # A model class declares its own setting (historical states keep the option too).
        return target._meta.swappable or swappable_setting_name(target._meta.label)

    def set_attributes_from_rel(self) -> None:
        self.name = self.name or (
            self.remote_field.model._meta.model_name + "_" + self.remote_field.model._meta.pk.name
        )
        if self.verbose_name is None:
            self.verbose_name = self.remote_field.model._meta.verbose_name
        self.remote_field.set_field_name()

    def do_related_class(self, other: Any, cls: Any) -> None:
        self.set_attributes_from_rel()
        self.contribute_to_related_class(other, self.remote_field)

    def get_limit_choices_to(self) -> Any:
        """limit_choices_to, called if it's callable."""
        if callable(self.remote_field.limit_choices_to):
            return self.remote_field.limit_choices_to()
        return self.remote_field.limit_choices_to

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        defaults: dict[str, Any] = {}
        if hasattr(self.remote_field, "get_related_field"):
            limit_choices_to = self.remote_field.limit_choices_to
            defaults["limit_choices_to"] = limit_choices_to
        defaults.update(kwargs)
        return super().formfield(**defaults)

    def related_query_name(self) -> str:
        """The name to use when filtering the target model by this relation (e.g. "book")."""
        return self.remote_field.related_query_name or self.remote_field.related_name or self.opts.model_name

    @property
    def target_field(self) -> Any:
        target_fields = self.path_infos[-1].target_fields
        if len(target_fields) > 1:
            raise exceptions.FieldError(
                "The relation has multiple target fields, but only single target field was asked for"
            )
        return target_fields[0]

    @cached_property
    def cache_name(self) -> str:
        return self.name


class ForeignObject(RelatedField):
    """A relation over one or more columns; the base of ForeignKey."""

    many_to_one = True
    requires_unique_target = True
    related_accessor_class: type = ReverseManyToOneDescriptor
    forward_related_accessor_class = ForwardManyToOneDescriptor
    rel_class: type[ForeignObjectRel] = ForeignObjectRel

    def __init__(
        self,
        to: Any,
        on_delete: Any,
        from_fields: Any,
        to_fields: Any,
        rel: Any = None,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        parent_link: bool = False,
        swappable: bool = True,
        **kwargs: Any,
    ) -> None:
        if rel is None:
            rel = self.rel_class(
                self,
                to,
                related_name=related_name,
                related_query_name=related_query_name,
                limit_choices_to=limit_choices_to,
                parent_link=parent_link,
                on_delete=on_delete,
            )
        super().__init__(
            rel=rel,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            **kwargs,
        )
        self.from_fields = from_fields
        self.to_fields = to_fields
        self.swappable = swappable

    def __copy__(self) -> Any:
        obj = super().__copy__()
        # Cached resolved fields belong to the original model.
        obj.__dict__.pop("path_infos", None)
        obj.__dict__.pop("reverse_path_infos", None)
        return obj

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        kwargs["on_delete"] = self.remote_field.on_delete
        kwargs["from_fields"] = self.from_fields
        kwargs["to_fields"] = self.to_fields
        if self.remote_field.parent_link:
            kwargs["parent_link"] = self.remote_field.parent_link
        self._deconstruct_to(kwargs)
        return name, path, args, kwargs

    def resolve_related_fields(self) -> list[tuple[Any, Any]]:
        if not self.from_fields or len(self.from_fields) != len(self.to_fields):
            raise ValueError("Foreign Object from and to fields must be the same non-zero length")
        if isinstance(self.remote_field.model, str):
            raise ValueError("Related model %r cannot be resolved" % self.remote_field.model)
        related_fields = []
        for from_name, to_name in zip(self.from_fields, self.to_fields):
            from_field = (
                self if from_name == RECURSIVE_RELATIONSHIP_CONSTANT else self.opts.get_field(from_name)
            )
            to_field = (
                self.remote_field.model._meta.pk
                if to_name is None
                else self.remote_field.model._meta.get_field(to_name)
            )
            related_fields.append((from_field, to_field))
        return related_fields

    @cached_property
    def related_fields(self) -> list[tuple[Any, Any]]:
        return self.resolve_related_fields()

    @cached_property
    def reverse_related_fields(self) -> list[tuple[Any, Any]]:
        return [(rhs, lhs) for lhs, rhs in self.related_fields]

    @cached_property
    def local_related_fields(self) -> tuple:
        return tuple(lhs for lhs, _rhs in self.related_fields)

    @cached_property
    def foreign_related_fields(self) -> tuple:
        return tuple(rhs for _lhs, rhs in self.related_fields if rhs)

    def get_local_related_value(self, instance: Any) -> tuple:
        return self.get_instance_value_for_fields(instance, self.local_related_fields)

    def get_foreign_related_value(self, instance: Any) -> tuple:
        return self.get_instance_value_for_fields(instance, self.foreign_related_fields)

    @staticmethod
    def get_instance_value_for_fields(instance: Any, fields: Any) -> tuple:
        # A parent's key read through a child resolves via the child's parent link
        # (DeferredAttribute does that), so a plain attribute read serves every case.
        if len(fields) == 1:
            return (getattr(instance, fields[0].attname),)
        return tuple(getattr(instance, field.attname) for field in fields)

    def get_attname_column(self) -> tuple[str, str | None]:
        attname, _column = super().get_attname_column()
        return attname, None

    def get_joining_fields(self, reverse_join: bool = False) -> tuple:
        return tuple(self.reverse_related_fields if reverse_join else self.related_fields)

    def get_joining_columns(self, reverse_join: bool = False) -> tuple:
        return tuple((lhs.column, rhs.column) for lhs, rhs in self.get_joining_fields(reverse_join))

    def get_reverse_joining_fields(self) -> tuple:
        return self.get_joining_fields(reverse_join=True)

    def get_reverse_joining_columns(self) -> tuple:
        return self.get_joining_columns(reverse_join=True)

    def get_extra_descriptor_filter(self, instance: Any) -> dict:
        """Extra filter kwargs used when fetching the related object via the descriptor."""
        return {}

    def get_extra_restriction(self, alias: str, related_alias: str) -> Any:
        """An extra condition added to the join's ON clause (a where node), or None."""
        return None

    def get_path_info(self, filtered_relation: Any = None) -> list:
        opts = self.remote_field.model._meta
        from_opts = self.model._meta
        return [
            PathInfo(
                from_opts=from_opts,
                to_opts=opts,
                target_fields=self.foreign_related_fields,
                join_field=self,
                m2m=False,
                direct=True,
                filtered_relation=filtered_relation,
            )
        ]

    @cached_property
    def path_infos(self) -> list:
        return self.get_path_info()

    def get_reverse_path_info(self, filtered_relation: Any = None) -> list:
        opts = self.model._meta
        from_opts = self.remote_field.model._meta
        return [
            PathInfo(
                from_opts=from_opts,
                to_opts=opts,
                target_fields=(opts.pk,),
                join_field=self.remote_field,
                m2m=not self.unique,
                direct=False,
                filtered_relation=filtered_relation,
            )
        ]

    @cached_property
    def reverse_path_infos(self) -> list:
        return self.get_reverse_path_info()

    def contribute_to_class(
        self, cls: type[Model], name: str, private_only: bool = False, **kwargs: Any
    ) -> None:
        super().contribute_to_class(cls, name, private_only=private_only, **kwargs)
        setattr(cls, self.name, self.forward_related_accessor_class(self))

    def contribute_to_related_class(self, cls: Any, related: Any) -> None:
        # Hidden relations (related_name ending in '+') and swapped-out targets get no accessor.
        if not self.remote_field.is_hidden() and not related.related_model._meta.swapped:
            setattr(cls._meta.concrete_model, related.accessor_name, self.related_accessor_class(related))
            if self.remote_field.limit_choices_to:
                cls._meta.related_fkey_lookups.append(self.remote_field.limit_choices_to)


class ForeignKey(ForeignObject):
    """A many-to-one relation stored in one column (``<name>_id``)."""

    descriptor_class = ForeignKeyDeferredAttribute
    many_to_many = False
    many_to_one = True
    one_to_many = False
    one_to_one = False
    rel_class = ManyToOneRel
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": _("%(model)s instance with %(field)s %(value)r is not a valid choice.")
    }
    description = _("Foreign Key (type determined by related field)")

    def __init__(
        self,
        to: Any,
        on_delete: Any,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        parent_link: bool = False,
        to_field: str | None = None,
        db_constraint: bool = True,
        **kwargs: Any,
    ) -> None:
        try:
            to._meta.model_name
        except AttributeError:
            if not isinstance(to, str):
                raise TypeError(
                    "%s(%r) is invalid. First parameter to ForeignKey must be either a model, a model "
                    "name, or the string %r" % (self.__class__.__name__, to, RECURSIVE_RELATIONSHIP_CONSTANT)
                )
        else:
            # A class reference gives the default target field right away.
            to_field = to_field or (to._meta.pk and to._meta.pk.name)
        if not callable(on_delete):
            raise TypeError("on_delete must be callable.")
        kwargs["rel"] = self.rel_class(
            self,
            to,
            to_field,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            parent_link=parent_link,
            on_delete=on_delete,
        )
        kwargs.setdefault("db_index", True)
        super().__init__(
            to,
            on_delete,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            from_fields=[RECURSIVE_RELATIONSHIP_CONSTANT],
            to_fields=[to_field],
            **kwargs,
        )
        self.db_constraint = db_constraint

    def __class_getitem__(cls, *args: Any, **kwargs: Any) -> type:
        return cls

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_on_delete(), *self._check_unique()]

    def _check_on_delete(self) -> list:
        on_delete = getattr(self.remote_field, "on_delete", None)
        if on_delete == SET_NULL and not self.null:
            return [
                checks.Error(
                    "Field specifies on_delete=SET_NULL, but cannot be null.",
                    hint="Set null=True argument on the field, or change the on_delete rule.",
                    obj=self,
                    id="fields.E320",
                )
            ]
        if on_delete == SET_DEFAULT and not self.has_default():
            return [
                checks.Error(
                    "Field specifies on_delete=SET_DEFAULT, but has no default value.",
                    hint="Set a default value, or change the on_delete rule.",
                    obj=self,
                    id="fields.E321",
                )
            ]
        return []

    def _check_unique(self, **kwargs: Any) -> list:
        if self.unique:
            return [
                checks.Warning(
                    "Setting unique=True on a ForeignKey has the same effect as using a OneToOneField.",
                    hint="ForeignKey(unique=True) is usually better served by a OneToOneField.",
                    obj=self,
                    id="fields.W342",
                )
            ]
        return []

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        del kwargs["to_fields"]
        del kwargs["from_fields"]
        if self.db_index:
            del kwargs["db_index"]
        else:
            kwargs["db_index"] = False
        if self.db_constraint is not True:
            kwargs["db_constraint"] = self.db_constraint
        to_meta = getattr(self.remote_field.model, "_meta", None)
        if self.remote_field.field_name and (
            not to_meta or (to_meta.pk and self.remote_field.field_name != to_meta.pk.name)
        ):
            kwargs["to_field"] = self.remote_field.field_name
        return name, path, args, kwargs

    def to_python(self, value: Any) -> Any:
        return self.target_field.to_python(value)

    @property
    def target_field(self) -> Any:
        return self.foreign_related_fields[0]

    def validate(self, value: Any, model_instance: Any) -> None:
        if self.remote_field.parent_link:
            return
        super().validate(value, model_instance)
        if value is None:
            return
        from django.db import router

        using = router.db_for_read(self.remote_field.model, instance=model_instance)
        qs = self.remote_field.model._base_manager.using(using).filter(
            **{self.remote_field.field_name: value}
        )
        qs = qs.complex_filter(self.get_limit_choices_to())
        if not qs.exists():
            raise exceptions.ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={
                    "model": self.remote_field.model._meta.verbose_name,
                    "pk": value,
                    "field": self.remote_field.field_name,
                    "value": value,
                },
            )

    def resolve_related_fields(self) -> list[tuple[Any, Any]]:
        related_fields = super().resolve_related_fields()
        for _from_field, to_field in related_fields:
            if to_field and to_field.model != self.remote_field.model._meta.concrete_model:
                raise exceptions.FieldError(
                    "'%s.%s' refers to field '%s' which is not local to model '%s'."
                    % (
                        self.model._meta.label,
                        self.name,
                        to_field.name,
                        self.remote_field.model._meta.concrete_model._meta.label,
                    )
                )
        return related_fields

    def get_attname(self) -> str:
        return "%s_id" % self.name

    def get_attname_column(self) -> tuple[str, str | None]:
        attname = self.get_attname()
        return attname, self.db_column or attname

    def get_default(self) -> Any:
        """A model instance default becomes its target field value."""
        field_default = super().get_default()
        if isinstance(field_default, self.remote_field.model):
            return getattr(field_default, self.target_field.attname)
        return field_default

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        if value is None or (
            value == ""
            and (
                not self.target_field.empty_strings_allowed
                or connection.features.interprets_empty_strings_as_nulls
            )
        ):
            return None
        return self.target_field.get_db_prep_save(value, connection=connection)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        return self.target_field.get_db_prep_value(value, connection, prepared)

    def get_prep_value(self, value: Any) -> Any:
        return self.target_field.get_prep_value(value)

    def contribute_to_related_class(self, cls: Any, related: Any) -> None:
        super().contribute_to_related_class(cls, related)
        if self.remote_field.field_name is None:
            self.remote_field.field_name = cls._meta.pk.name

    def formfield(self, *, using: str | None = None, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        if isinstance(self.remote_field.model, str):
            raise ValueError(
                "Cannot create form field for %r yet, because its related model %r has not been loaded yet"
                % (self.name, self.remote_field.model)
            )
        from django import forms

        return super().formfield(
            **{
                "form_class": forms.ModelChoiceField,
                "queryset": self.remote_field.model._default_manager.using(using),
                "to_field_name": self.remote_field.field_name,
                **kwargs,
                "blank": self.blank,
            }
        )

    def db_check(self, connection: Any) -> str | None:
        return None

    def db_type(self, connection: Any) -> Any:
        return self.target_field.rel_db_type(connection=connection)

    def cast_db_type(self, connection: Any) -> Any:
        return self.target_field.cast_db_type(connection=connection)

    def db_parameters(self, connection: Any) -> dict:
        target_params = self.target_field.db_parameters(connection)
        params = {"type": self.db_type(connection), "check": self.db_check(connection)}
        if "collation" in target_params:
            params["collation"] = target_params["collation"]
        return params

    def convert_empty_strings(self, value: Any, expression: Any, connection: Any) -> Any:
        if (not value) and isinstance(value, str):
            return None
        return value

    def get_db_converters(self, connection: Any) -> list:
        converters = super().get_db_converters(connection)
        if connection.features.interprets_empty_strings_as_nulls:
            converters += [self.convert_empty_strings]
        return converters

    def get_col(self, alias: str, output_field: Any = None) -> Any:
        if output_field is None:
            output_field = self.target_field
            while isinstance(output_field, ForeignKey):
                output_field = output_field.target_field
                if output_field is self:
                    raise ValueError("Cannot resolve output_field.")
        return super().get_col(alias, output_field)


class OneToOneField(ForeignKey):
    """A unique ForeignKey whose reverse side returns one object, not a manager."""

    many_to_many = False
    many_to_one = False
    one_to_many = False
    one_to_one = True
    related_accessor_class = ReverseOneToOneDescriptor
    forward_related_accessor_class = ForwardOneToOneDescriptor
    rel_class = OneToOneRel
    description = _("One-to-one relationship")

    def __init__(self, to: Any, on_delete: Any, to_field: str | None = None, **kwargs: Any) -> None:
        kwargs["unique"] = True
        super().__init__(to, on_delete, to_field=to_field, **kwargs)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if "unique" in kwargs:
            del kwargs["unique"]
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        if self.remote_field.parent_link:
            return None
        return super().formfield(**kwargs)

    def save_form_data(self, instance: Any, data: Any) -> None:
        if isinstance(data, self.remote_field.model):
            setattr(instance, self.name, data)
        else:
            setattr(instance, self.attname, data)
            # Drop a cached object that no longer matches the new id.
            if self.is_cached(instance):
                self.delete_cached_value(instance)

    def _check_unique(self, **kwargs: Any) -> list:
        return []


from .many_to_many import ManyToManyField  # noqa: E402  (needs RelatedField)


def _register_related_lookups() -> None:
    from django.db.models.fields.related_lookups import (
        RelatedExact,
        RelatedGreaterThan,
        RelatedGreaterThanOrEqual,
        RelatedIn,
        RelatedIsNull,
        RelatedLessThan,
        RelatedLessThanOrEqual,
    )

    for lookup in (
        RelatedIn,
        RelatedExact,
        RelatedLessThan,
        RelatedGreaterThan,
        RelatedGreaterThanOrEqual,
        RelatedLessThanOrEqual,
        RelatedIsNull,
    ):
        ForeignObject.register_lookup(lookup)


_register_related_lookups()
