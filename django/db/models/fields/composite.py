"""CompositePrimaryKey: a primary key made of several fields (Django 5.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core import checks
from django.db.models.fields.base import NOT_PROVIDED, Field
from django.utils.functional import cached_property

if TYPE_CHECKING:
    from django.db.models.base import Model

__all__ = ["CompositePrimaryKey"]


class CompositeAttribute:
    """``instance.pk`` as a tuple of the component fields' values."""

    def __init__(self, field: CompositePrimaryKey) -> None:
        self.field = field

    @property
    def attnames(self) -> list[str]:
        return [field.attname for field in self.field.fields]

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        return tuple(getattr(instance, attname) for attname in self.attnames)

    def __set__(self, instance: Any, values: Any) -> None:
        attnames = self.attnames
        length = len(attnames)
        if values is None:
            values = (None,) * length
        if not isinstance(values, (list, tuple)):
            raise ValueError(f"{self.field.name!r} must be a list or a tuple.")
        if length != len(values):
            raise ValueError(f"{self.field.name!r} must have {length} elements.")
        for attname, value in zip(attnames, values):
            setattr(instance, attname, value)


class CompositePrimaryKey(Field):
    descriptor_class = CompositeAttribute

    def __init__(self, *args: str, **kwargs: Any) -> None:
        if not args or not all(isinstance(field, str) for field in args) or len(set(args)) != len(args):
            raise ValueError("CompositePrimaryKey args must be unique strings.")
        if len(args) == 1:
            raise ValueError("CompositePrimaryKey must include at least two fields.")
        for option, label in (("default", "a default"), ("db_default", "a database default")):
            if kwargs.get(option, NOT_PROVIDED) is not NOT_PROVIDED:
                raise ValueError(f"CompositePrimaryKey cannot have {label}.")
        if kwargs.get("db_column", None) is not None:
            raise ValueError("CompositePrimaryKey cannot have a db_column.")
        if kwargs.setdefault("editable", False):
            raise ValueError("CompositePrimaryKey cannot be editable.")
        if not kwargs.setdefault("primary_key", True):
            raise ValueError("CompositePrimaryKey must be a primary key.")
        if not kwargs.setdefault("blank", True):
            raise ValueError("CompositePrimaryKey must be blank.")
        self.field_names = args
        super().__init__(**kwargs)

    def deconstruct(self) -> tuple:
        name, path, _args, kwargs = super().deconstruct()
        for option in ("editable", "primary_key", "blank"):
            kwargs.pop(option, None)
        return name, path, list(self.field_names), kwargs

    @cached_property
    def fields(self) -> tuple:
        meta = self.model._meta
        return tuple(meta.get_field(name) for name in self.field_names)

    @cached_property
    def columns(self) -> tuple:
        return tuple(field.column for field in self.fields)

    def contribute_to_class(self, cls: type[Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        cls._meta.pk = self
        setattr(cls, self.attname, self.descriptor_class(self))

    def get_attname_column(self) -> tuple[str, None]:
        return self.get_attname(), None

    def __iter__(self):
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.field_names)

    @cached_property
    def cached_col(self) -> Any:
        return self.get_col(self.model._meta.db_table)

    def get_col(self, alias: str, output_field: Any = None) -> Any:
        from django.db.models.expressions import ColPairs

        if (
            alias == self.model._meta.db_table
            and output_field in (None, self)
            and "cached_col" in self.__dict__
        ):
            return self.__dict__["cached_col"]
        return ColPairs(alias, self.fields, self.fields, output_field or self)

    def get_pk_value_on_save(self, instance: Any) -> Any:
        values = []
        for field in self.fields:
            value = field.value_from_object(instance)
            if value is None:
                value = field.get_pk_value_on_save(instance)
            values.append(value)
        return tuple(values)

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_field_names()]

    def _check_field_name(self) -> list:
        if self.name == "pk":
            return []
        return [checks.Error("'CompositePrimaryKey' must be named 'pk'.", obj=self, id="fields.E013")]

    def _check_field_names(self) -> list:
        from django.core.exceptions import FieldDoesNotExist

        errors = []
        opts = self.model._meta
        for name in self.field_names:
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:
                errors.append(
                    checks.Error(
                        f"{name!r} cannot be included in the composite primary key.",
                        hint=f"{name!r} is not a valid field.",
                        obj=self,
                        id="fields.E013",
                    )
                )
                continue
            if not field.column:
                hint = (
                    f"{name!r} field has no column."
                    if not field.generated
                    else f"{name!r} field is a generated field."
                )
                errors.append(
                    checks.Error(
                        f"{name!r} cannot be included in the composite primary key.",
                        hint=hint,
                        obj=self,
                        id="fields.E013",
                    )
                )
            elif field.null:
                errors.append(
                    checks.Error(
                        f"{name!r} cannot be included in the composite primary key.",
                        hint=f"{name!r} field may not set 'null=True'.",
                        obj=self,
                        id="fields.E013",
                    )
                )
        return errors
