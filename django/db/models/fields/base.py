"""The Field base class: options, checks, deconstruction, conversion and class wiring."""

from __future__ import annotations

import copy
import operator
from collections.abc import Callable, Iterable
from functools import partialmethod, total_ordering
from typing import TYPE_CHECKING, Any

from django.core import exceptions, validators
from django.db.models.fields.choices import CallableChoices, flatten_choices, normalize_choices
from django.db.models.fields.field_checks import FieldChecks
from django.db.models.query_utils import DeferredAttribute, RegisterLookupMixin
from django.utils.functional import Promise, cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models.base import Model

__all__ = ["BLANK_CHOICE_DASH", "NOT_PROVIDED", "Empty", "Field", "return_None"]


class Empty:
    pass


class NOT_PROVIDED:
    pass


# The choice shown first in a form select when the field may be blank.
BLANK_CHOICE_DASH = [("", "---------")]


def return_None() -> None:
    return None


def _load_field(app_label: str, model_name: str, field_name: str) -> Field:
    from django.apps import apps

    return apps.get_model(app_label, model_name)._meta.get_field(field_name)


@total_ordering
class Field(FieldChecks, RegisterLookupMixin):
    """Base class for all field types."""

    if TYPE_CHECKING:
        # On a model, contribute_to_class() replaces the field by a descriptor: `obj.name` is the
        # field's value, not the Field. (Values are untyped; a typed Field[T] is future work.)
        def __get__(self, instance: Any, owner: Any) -> Any: ...
        def __set__(self, instance: Any, value: Any) -> None: ...

    empty_strings_allowed = True
    empty_values = list(validators.EMPTY_VALUES)

    # Declaration order of fields; auto-created fields count down from -1.
    creation_counter = 0
    auto_creation_counter = -1
    default_validators: list[Callable] = []
    default_error_messages = {
        "invalid_choice": _("Value %(value)r is not a valid choice."),
        "null": _("This field cannot be null."),
        "blank": _("This field cannot be blank."),
        "unique": _("%(model_name)s with this %(field_label)s already exists."),
        "unique_for_date": _("%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s."),
    }
    system_check_deprecated_details: dict | None = None
    system_check_removed_details: dict | None = None

    # Attributes that don't affect a column definition (used by schema editors).
    non_db_attrs = (
        "blank",
        "choices",
        "db_column",
        "editable",
        "error_messages",
        "help_text",
        "limit_choices_to",
        "on_delete",
        "related_name",
        "related_query_name",
        "validators",
        "verbose_name",
    )

    hidden = False
    generated = False
    many_to_many: bool | None = None
    many_to_one: bool | None = None
    one_to_many: bool | None = None
    one_to_one: bool | None = None
    related_model: Any = None
    is_relation = False
    descriptor_class: type = DeferredAttribute

    def _description(self) -> str:
        return _("Field of type: %(field_type)s") % {"field_type": self.__class__.__name__}

    description = property(_description)

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        primary_key: bool = False,
        max_length: int | None = None,
        unique: bool = False,
        blank: bool = False,
        null: bool = False,
        db_index: bool = False,
        rel: Any = None,
        default: Any = NOT_PROVIDED,
        editable: bool = True,
        serialize: bool = True,
        unique_for_date: str | None = None,
        unique_for_month: str | None = None,
        unique_for_year: str | None = None,
        choices: Any = None,
        help_text: Any = "",
        db_column: str | None = None,
        db_tablespace: str | None = None,
        auto_created: bool = False,
        validators: Iterable[Callable] = (),
        error_messages: dict | None = None,
        db_comment: str | None = None,
        db_default: Any = NOT_PROVIDED,
    ) -> None:
        self.name = name
        self.verbose_name = verbose_name
        self._verbose_name = verbose_name  # as passed, for deconstruct()
        self.primary_key = primary_key
        self.max_length, self._unique = max_length, unique
        self.blank, self.null = blank, null
        self.remote_field = rel
        self.is_relation = self.remote_field is not None
        self.default = default
        self._db_default = db_default  # as passed, for deconstruct()
        if db_default is not NOT_PROVIDED and not hasattr(db_default, "resolve_expression"):
            from django.db.models.expressions import Value

            db_default = Value(db_default)
        self.db_default = db_default
        self.editable = editable
        self.serialize = serialize
        self.unique_for_date = unique_for_date
        self.unique_for_month = unique_for_month
        self.unique_for_year = unique_for_year
        self.choices = normalize_choices(choices)
        self.help_text = help_text
        self.db_index = db_index
        self.db_column = db_column
        self.db_comment = db_comment
        self._db_tablespace = db_tablespace
        self.auto_created = auto_created
        if auto_created:
            self.creation_counter = Field.auto_creation_counter
            Field.auto_creation_counter -= 1
        else:
            self.creation_counter = Field.creation_counter
            Field.creation_counter += 1
        self._validators = list(validators)
        self._error_messages = error_messages

    @cached_property
    def error_messages(self) -> dict:
        messages: dict = {}
        for klass in reversed(type(self).__mro__):
            messages.update(getattr(klass, "default_error_messages", {}))
        messages.update(self._error_messages or {})
        return messages

    # -- identity ---------------------------------------------------------------

    def __str__(self) -> str:
        if not hasattr(self, "model"):
            return super().__str__()
        return "%s.%s" % (self.model._meta.label, self.name)

    def __repr__(self) -> str:
        module = self.__class__.__module__
        if module in _FIELDS_SUBMODULES:
            # Reported under the package, where users import them from.
            module = "django.db.models.fields"
        path = "%s.%s" % (module, self.__class__.__qualname__)
        name = getattr(self, "name", None)
        return "<%s: %s>" % (path, name) if name is not None else "<%s>" % path

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Field):
            return self.creation_counter == other.creation_counter and getattr(
                self, "model", None
            ) == getattr(other, "model", None)
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Field):
            if self.creation_counter != other.creation_counter:
                return self.creation_counter < other.creation_counter
            if hasattr(self, "model") != hasattr(other, "model"):
                return not hasattr(self, "model")
            if hasattr(self, "model") and hasattr(other, "model"):
                return (self.model._meta.app_label, self.model._meta.model_name) < (
                    other.model._meta.app_label,
                    other.model._meta.model_name,
                )
            return False
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.creation_counter)

    def __deepcopy__(self, memodict: dict) -> Field:
        # Fields are copied when inherited from abstract bases; relations are not deep-copied.
        obj = copy.copy(self)
        if self.remote_field:
            obj.remote_field = copy.copy(self.remote_field)
            if hasattr(self.remote_field, "field") and self.remote_field.field is self:
                obj.remote_field.field = obj
        memodict[id(self)] = obj
        return obj

    def __copy__(self) -> Field:
        obj: Any = Empty()
        obj.__class__ = self.__class__
        obj.__dict__ = self.__dict__.copy()
        return obj

    def __reduce__(self):
        if not hasattr(self, "model"):
            # A field not yet attached to a model pickles by its state.
            state = self.__dict__.copy()
            state.pop("_get_default", None)
            return _empty, (self.__class__,), state
        return _load_field, (self.model._meta.app_label, self.model._meta.object_name, self.name)

    # -- columns and expressions -------------------------------------------------

    def get_col(self, alias: str, output_field: Field | None = None) -> Any:
        if alias == self.model._meta.db_table and (output_field is None or output_field == self):
            return self.cached_col
        from django.db.models.expressions import Col

        return Col(alias, self, output_field)

    @cached_property
    def cached_col(self) -> Any:
        from django.db.models.expressions import Col

        return Col(self.model._meta.db_table, self)

    def select_format(self, compiler: Any, sql: str, params: Any) -> tuple[str, Any]:
        """Hook for fields that need to wrap their column in the SELECT list."""
        return sql, params

    # -- deconstruction -----------------------------------------------------

    _deconstruct_defaults: dict[str, Any] = {
        "verbose_name": None,
        "primary_key": False,
        "max_length": None,
        "unique": False,
        "blank": False,
        "null": False,
        "db_index": False,
        "default": NOT_PROVIDED,
        "db_default": NOT_PROVIDED,
        "editable": True,
        "serialize": True,
        "unique_for_date": None,
        "unique_for_month": None,
        "unique_for_year": None,
        "choices": None,
        "help_text": "",
        "db_column": None,
        "db_comment": None,
        "db_tablespace": None,
        "auto_created": False,
        "validators": [],
        "error_messages": None,
    }
    # Attribute names that differ from the keyword argument names.
    _deconstruct_attr_names = {
        "unique": "_unique",
        "error_messages": "_error_messages",
        "validators": "_validators",
        "verbose_name": "_verbose_name",
        "db_tablespace": "_db_tablespace",
        "db_default": "_db_default",
    }

    def deconstruct(self) -> tuple[str | None, str, list, dict]:
        """Return (name, import path, args, kwargs) sufficient to recreate the field."""
        kwargs = {}
        for name, default in self._deconstruct_defaults.items():
            value = getattr(self, self._deconstruct_attr_names.get(name, name))
            if name == "choices" and isinstance(value, CallableChoices):
                value = value.func
            elif name == "choices" and value is not None and not isinstance(value, (list, str)):
                value = list(value)
            if name in ("default", "db_default"):
                if value is not default:
                    kwargs[name] = value
            elif value != default:
                kwargs[name] = value
        return self.name, self._deconstruct_path(), [], kwargs

    def _deconstruct_path(self) -> str:
        module, name = self.__class__.__module__, self.__class__.__qualname__
        if module.startswith("django.db.models.fields"):
            module = "django.db.models"
        return "%s.%s" % (module, name)

    def clone(self) -> Field:
        """A fresh, unbound copy of this field built from deconstruct()."""
        name, path, args, kwargs = self.deconstruct()
        return self.__class__(*args, **kwargs)

    # -- values -----------------------------------------------------------

    def get_pk_value_on_save(self, instance: Any) -> Any:
        if self.default is not NOT_PROVIDED:
            return self.get_default()
        return None

    def to_python(self, value: Any) -> Any:
        return value

    @cached_property
    def validators(self) -> list:
        return [*self.default_validators, *self._validators]

    def run_validators(self, value: Any) -> None:
        if value in self.empty_values:
            return
        errors = []
        for v in self.validators:
            try:
                v(value)
            except exceptions.ValidationError as e:
                if hasattr(e, "code") and e.code in self.error_messages:
                    e.message = self.error_messages[e.code]
                errors.extend(e.error_list)
        if errors:
            raise exceptions.ValidationError(errors)

    def validate(self, value: Any, model_instance: Any) -> None:
        """Check choices, null and blank; raise ValidationError on failure."""
        if not self.editable:
            return
        if self.choices is not None and value not in self.empty_values:
            for option_key, option_value in self.choices:
                if isinstance(option_value, (list, tuple)):
                    if any(value == k for k, _v in option_value):
                        return
                elif value == option_key:
                    return
            raise exceptions.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        if value is None and not self.null:
            raise exceptions.ValidationError(self.error_messages["null"], code="null")
        if not self.blank and value in self.empty_values:
            raise exceptions.ValidationError(self.error_messages["blank"], code="blank")

    def clean(self, value: Any, model_instance: Any) -> Any:
        """Convert, validate and return the cleaned value."""
        value = self.to_python(value)
        self.validate(value, model_instance)
        self.run_validators(value)
        return value

    # -- database types -----------------------------------------------------

    def db_type_parameters(self, connection: Any) -> dict:
        return _DictWrapper(self.__dict__, connection.ops.quote_name, "qn_")

    def db_check(self, connection: Any) -> str | None:
        data = self.db_type_parameters(connection)
        try:
            return connection.data_type_check_constraints[self.get_internal_type()] % data
        except KeyError:
            return None

    def db_type(self, connection: Any) -> str | None:
        data = self.db_type_parameters(connection)
        try:
            column_type = connection.data_types[self.get_internal_type()]
        except KeyError:
            return None
        if callable(column_type):
            return column_type(data)
        return column_type % data

    def rel_db_type(self, connection: Any) -> str | None:
        """The column type of a ForeignKey pointing at this field."""
        return self.db_type(connection)

    def cast_db_type(self, connection: Any) -> str | None:
        db_type = connection.ops.cast_data_types.get(self.get_internal_type())
        if db_type:
            return db_type % self.db_type_parameters(connection)
        return self.db_type(connection)

    def db_parameters(self, connection: Any) -> dict:
        return {"type": self.db_type(connection), "check": self.db_check(connection)}

    def db_type_suffix(self, connection: Any) -> str | None:
        return connection.data_types_suffix.get(self.get_internal_type())

    def get_db_converters(self, connection: Any) -> list:
        if hasattr(self, "from_db_value"):
            return [self.from_db_value]
        return []

    @property
    def unique(self) -> bool:
        return self._unique or self.primary_key

    @property
    def db_tablespace(self) -> str:
        from django.conf import settings

        return self._db_tablespace or settings.DEFAULT_INDEX_TABLESPACE

    @property
    def db_returning(self) -> bool:
        """Whether the database supplies this field's value on INSERT (needs RETURNING)."""
        if not self.has_db_default():
            return False
        from django.db import connection

        return connection.features.can_return_columns_from_insert

    def set_attributes_from_name(self, name: str) -> None:
        self.name = self.name or name
        self.attname, self.column = self.get_attname_column()
        self.concrete = self.column is not None
        if self.verbose_name is None and self.name:
            self.verbose_name = self.name.replace("_", " ")

    def contribute_to_class(self, cls: type[Model], name: str, private_only: bool = False) -> None:
        """Register the field with the model class and install its descriptor."""
        self.set_attributes_from_name(name)
        self.model = cls
        cls._meta.add_field(self, private=private_only)
        if self.column:
            setattr(cls, self.attname, self.descriptor_class(self))
        if self.choices is not None:
            # Don't override a get_FOO_display() defined on the class itself.
            method = "get_%s_display" % self.name
            if method not in cls.__dict__:
                setattr(cls, method, partialmethod(cls._get_FIELD_display, field=self))

    def get_filter_kwargs_for_object(self, obj: Any) -> dict:
        return {self.name: getattr(obj, self.attname)}

    def get_attname(self) -> str:
        return self.name

    def get_attname_column(self) -> tuple[str, str | None]:
        attname = self.get_attname()
        return attname, self.db_column or attname

    def get_internal_type(self) -> str:
        return self.__class__.__name__

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        return getattr(model_instance, self.attname)

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, Promise):
            value = value._cast() if hasattr(value, "_cast") else str(value)
        return value

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        if hasattr(value, "as_sql"):
            return value
        return self.get_db_prep_value(value, connection=connection, prepared=False)

    def has_default(self) -> bool:
        return self.default is not NOT_PROVIDED

    def has_db_default(self) -> bool:
        return self.db_default is not NOT_PROVIDED

    def get_default(self) -> Any:
        return self._get_default()

    @cached_property
    def _get_default(self) -> Callable[[], Any]:
        if self.has_default():
            if callable(self.default):
                return self.default
            return lambda: self.default
        if self.has_db_default():
            from django.db.models.expressions import DatabaseDefault

            return lambda: DatabaseDefault(self.db_default, output_field=self)
        if not self.empty_strings_allowed or self.null and not _interprets_empty_as_null():
            return return_None
        return str  # "" for text-ish fields

    def get_choices(
        self,
        include_blank: bool = True,
        blank_choice: list = BLANK_CHOICE_DASH,
        limit_choices_to: Any = None,
        ordering: tuple = (),
    ) -> list:
        """Choices for a form select; related fields list the target model's objects."""
        if self.choices is not None:
            choices = list(self.choices)
            if include_blank:
                blank_defined = any(k in ("", None) for k, _v in flatten_choices(choices))
                if not blank_defined:
                    choices = blank_choice + choices
            return choices
        rel_model = self.remote_field.model
        limit_choices_to = limit_choices_to or self.get_limit_choices_to()
        choice_func = operator.attrgetter(
            self.remote_field.get_related_field().attname
            if hasattr(self.remote_field, "get_related_field")
            else "pk"
        )
        qs = rel_model._default_manager.complex_filter(limit_choices_to)
        if ordering:
            qs = qs.order_by(*ordering)
        return (blank_choice if include_blank else []) + [(choice_func(x), str(x)) for x in qs]

    def value_to_string(self, obj: Any) -> str:
        """Serializer hook: the field's value on obj as a string."""
        return str(self.value_from_object(obj))

    @property
    def flatchoices(self) -> list:
        if self.choices is None:
            return []
        return flatten_choices(self.choices)

    def save_form_data(self, instance: Any, data: Any) -> None:
        setattr(instance, self.name, data)

    def formfield(self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any) -> Any:
        from django import forms

        defaults: dict[str, Any] = {
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
        }
        if self.has_default():
            if callable(self.default):
                defaults["initial"] = self.default
                defaults["show_hidden_initial"] = True
            else:
                defaults["initial"] = self.get_default()
        if self.choices is not None:
            include_blank = self.blank or not (self.has_default() or "initial" in kwargs)
            defaults["choices"] = self.get_choices(include_blank=include_blank)
            defaults["coerce"] = self.to_python
            if self.null:
                defaults["empty_value"] = None
            form_class = choices_form_class or forms.TypedChoiceField
            for k in list(kwargs):
                if k not in (
                    "coerce",
                    "empty_value",
                    "choices",
                    "required",
                    "widget",
                    "label",
                    "initial",
                    "help_text",
                    "error_messages",
                    "show_hidden_initial",
                    "disabled",
                ):
                    del kwargs[k]
        defaults.update(kwargs)
        if form_class is None:
            form_class = forms.CharField
        return form_class(**defaults)

    def value_from_object(self, obj: Any) -> Any:
        return getattr(obj, self.attname)

    def slice_expression(self, expression: Any, start: int, length: int | None) -> Any:
        from django.db.models.functions import Substr

        return Substr(expression, start + 1, length)

    def get_limit_choices_to(self) -> Any:
        return None


_FIELDS_SUBMODULES = frozenset(
    "django.db.models.fields.%s" % name for name in ("base", "numeric", "text", "temporal")
)


def _empty(of_cls: type) -> Any:
    new = Empty()
    new.__class__ = of_cls
    return new


def _value_class() -> type:
    from django.db.models.expressions import Value

    return Value


def _interprets_empty_as_null() -> bool:
    from django.db import connection

    return connection.features.interprets_empty_strings_as_nulls


class _DictWrapper(dict):
    """A dict where keys starting with prefix return their value passed through func."""

    def __init__(self, data: dict, func: Callable, prefix: str) -> None:
        super().__init__(data)
        self.func, self.prefix = func, prefix

    def __getitem__(self, key: str) -> Any:
        use_func = key.startswith(self.prefix)
        key = key.removeprefix(self.prefix)
        value = super().__getitem__(key)
        return self.func(value) if use_func else value
