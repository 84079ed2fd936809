"""The objects on the other side of a relation, found in the target model's _meta.

A ForeignKey's ``remote_field`` is a ManyToOneRel; it describes the reverse relation
(e.g. ``author.book_set``) and is what ``Author._meta.get_field("book")`` returns.
"""

from __future__ import annotations

from typing import Any

from django.core import exceptions
from django.db.models.fields.mixins import FieldCacheMixin
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable


class ForeignObjectRel(FieldCacheMixin):
    auto_created = True
    concrete = False
    editable = False
    is_relation = True
    # Reverse relations are always nullable: a target may have no related objects.
    null = True
    empty_strings_allowed = False

    def __init__(
        self,
        field: Any,
        to: Any,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        parent_link: bool = False,
        on_delete: Any = None,
    ) -> None:
        self.field = field
        self.model = to
        self.related_name = related_name
        self.related_query_name = related_query_name
        self.limit_choices_to = {} if limit_choices_to is None else limit_choices_to
        self.parent_link = parent_link
        self.on_delete = on_delete
        self.symmetrical = False
        self.multiple = True

    @cached_property
    def hidden(self) -> bool:
        return self.is_hidden()

    @cached_property
    def name(self) -> str:
        return self.field.related_query_name()

    @property
    def remote_field(self) -> Any:
        return self.field

    @property
    def target_field(self) -> Any:
        target_fields = self.path_infos[-1].target_fields
        if len(target_fields) > 1:
            raise exceptions.FieldError("Can't use target_field for multicolumn relations.")
        return target_fields[0]

    @cached_property
    def related_model(self) -> Any:
        if not self.field.model:
            raise AttributeError(
                "This property can't be accessed before self.field.contribute_to_class has been called."
            )
        return self.field.model

    @cached_property
    def many_to_many(self) -> bool:
        return self.field.many_to_many

    @cached_property
    def many_to_one(self) -> bool:
        return self.field.one_to_many

    @cached_property
    def one_to_many(self) -> bool:
        return self.field.many_to_one

    @cached_property
    def one_to_one(self) -> bool:
        return self.field.one_to_one

    def get_lookup(self, lookup_name: str) -> Any:
        return self.field.get_lookup(lookup_name)

    def get_lookups(self) -> dict:
        return self.field.get_lookups()

    def get_transform(self, name: str) -> Any:
        return self.field.get_transform(name)

    def get_internal_type(self) -> str:
        return self.field.get_internal_type()

    @property
    def db_type(self) -> Any:
        return self.field.db_type

    def __repr__(self) -> str:
        return "<%s: %s.%s>" % (
            type(self).__name__,
            self.related_model._meta.app_label,
            self.related_model._meta.model_name,
        )

    @property
    def identity(self) -> tuple:
        return (
            self.field,
            self.model,
            self.related_name,
            self.related_query_name,
            make_hashable(self.limit_choices_to),
            self.parent_link,
            self.on_delete,
            self.symmetrical,
            self.multiple,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.identity == other.identity

    def __hash__(self) -> int:
        return hash(self.identity)

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        # Cached path infos hold Options, which aren't picklable.
        state.pop("path_infos", None)
        return state

    def get_choices(
        self,
        include_blank: bool = True,
        blank_choice: Any = None,
        limit_choices_to: Any = None,
        ordering: tuple = (),
    ) -> list:
        """Choices listing the related model's objects (used by admin list filters)."""
        from django.db.models.fields.base import BLANK_CHOICE_DASH

        if blank_choice is None:
            blank_choice = BLANK_CHOICE_DASH
        limit_choices_to = limit_choices_to or self.limit_choices_to
        qs = self.related_model._default_manager.complex_filter(limit_choices_to)
        if ordering:
            qs = qs.order_by(*ordering)
        return (blank_choice if include_blank else []) + [(x.pk, str(x)) for x in qs]

    def is_hidden(self) -> bool:
        """Whether the reverse accessor is suppressed (related_name ends with '+')."""
        return bool(self.related_name and self.related_name[-1] == "+")

    def get_joining_fields(self) -> tuple:
        return self.field.get_reverse_joining_fields()

    def get_joining_columns(self) -> tuple:
        return tuple((lhs.column, rhs.column) for lhs, rhs in self.get_joining_fields())

    def get_extra_restriction(self, alias: str, related_alias: str) -> Any:
        return self.field.get_extra_restriction(related_alias, alias)

    def set_field_name(self) -> None:
        """Only ManyToOneRel knows its field name (set once the target pk is known)."""

    def get_accessor_name(self, model: Any = None) -> str | None:
        """The attribute name of the reverse accessor on the target model (e.g. "book_set")."""
        opts = model._meta if model else self.related_model._meta
        model = model or self.related_model
        if self.multiple and self.symmetrical and model == self.model:
            # A symmetrical m2m to self has no separate reverse accessor.
            return None
        if self.related_name:
            return self.related_name
        return opts.model_name + ("_set" if self.multiple else "")

    @cached_property
    def accessor_name(self) -> str | None:
        return self.get_accessor_name()

    def get_path_info(self, filtered_relation: Any = None) -> list:
        if filtered_relation:
            return self.field.get_reverse_path_info(filtered_relation)
        return self.field.reverse_path_infos

    @cached_property
    def path_infos(self) -> list:
        return self.get_path_info()

    @cached_property
    def cache_name(self) -> str:
        return self.accessor_name


class ManyToOneRel(ForeignObjectRel):
    """The reverse side of a ForeignKey; ``field_name`` is the target field it points at."""

    def __init__(
        self,
        field: Any,
        to: Any,
        field_name: str | None,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        parent_link: bool = False,
        on_delete: Any = None,
    ) -> None:
        super().__init__(
            field,
            to,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            parent_link=parent_link,
            on_delete=on_delete,
        )
        self.field_name = field_name

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state.pop("related_model", None)
        return state

    @property
    def identity(self) -> tuple:
        return (*super().identity, self.field_name)

    def get_related_field(self) -> Any:
        """The field on the target model that the relation points at."""
        field = self.model._meta.get_field(self.field_name)
        if not field.concrete:
            raise exceptions.FieldDoesNotExist("No related field named '%s'" % self.field_name)
        return field

    def set_field_name(self) -> None:
        self.field_name = self.field_name or self.model._meta.pk.name


class OneToOneRel(ManyToOneRel):
    """The reverse side of a OneToOneField."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.multiple = False


class ManyToManyRel(ForeignObjectRel):
    """The reverse side of a ManyToManyField (and the holder of its ``through`` model)."""

    def __init__(
        self,
        field: Any,
        to: Any,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        symmetrical: bool = True,
        through: Any = None,
        through_fields: Any = None,
        db_constraint: bool = True,
    ) -> None:
        super().__init__(
            field,
            to,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
        )
        if through and not db_constraint:
            raise ValueError("Can't supply a through model and db_constraint=False")
        self.through = through
        if through_fields and not through:
            raise ValueError("Cannot specify through_fields without a through model")
        self.through_fields = through_fields
        self.symmetrical = symmetrical
        self.db_constraint = db_constraint

    @property
    def identity(self) -> tuple:
        return (*super().identity, self.through, make_hashable(self.through_fields), self.db_constraint)

    def get_related_field(self) -> Any:
        """The target field that the through model's link to ``self.model`` points at."""
        opts = self.through._meta
        if self.through_fields:
            field = opts.get_field(self.through_fields[0])
        else:
            for field in opts.fields:
                rel = getattr(field, "remote_field", None)
                if rel and rel.model == self.model:
                    break
        return field.foreign_related_fields[0]
