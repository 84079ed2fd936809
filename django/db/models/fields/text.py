"""Text-like fields: CharField, TextField, SlugField, EmailField, URLField, GenericIPAddressField,
FilePathField, UUIDField and BinaryField."""

from __future__ import annotations

import uuid
from base64 import b64decode, b64encode
from typing import TYPE_CHECKING, Any

from django.core import checks, exceptions, validators
from django.db.models.fields.base import Field
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BinaryField",
    "CharField",
    "EmailField",
    "FilePathField",
    "GenericIPAddressField",
    "SlugField",
    "TextField",
    "URLField",
    "UUIDField",
]


def _empty_form_value(field: Field) -> Any:
    from django.db import connection

    if field.null and not connection.features.interprets_empty_strings_as_nulls:
        return None
    return ""


if TYPE_CHECKING:
    _FieldMixin = Field  # type checkers see the mixins below as the Fields they are mixed into
else:
    _FieldMixin = object


class _CollationMixin(_FieldMixin):
    """db_collation: checked against the databases and deconstructed when set."""

    if TYPE_CHECKING:  # provided by the class this is mixed into
        db_collation: Any

    def _check_db_collation(self, databases: Any) -> list:
        from django.db import connections, router

        errors = []
        for db in databases or ():
            if not router.allow_migrate_model(db, self.model):
                continue
            connection = connections[db]
            if not (
                self.db_collation is None
                or "supports_collation_on_charfield" in self.model._meta.required_db_features
                or connection.features.supports_collation_on_charfield
            ):
                errors.append(
                    checks.Error(
                        "%s does not support a database collation on %ss."
                        % (connection.display_name, self.__class__.__name__),
                        obj=self,
                        id="fields.E190",
                    )
                )
        return errors

    def db_parameters(self, connection: Any) -> dict:
        params = super().db_parameters(connection)
        params["collation"] = self.db_collation
        return params


class CharField(_CollationMixin, Field):
    def __init__(self, *args: Any, db_collation: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.db_collation = db_collation
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    @property
    def description(self) -> str:  # type: ignore[override]
        if self.max_length is not None:
            return _("String (up to %(max_length)s)") % {"max_length": self.max_length}
        return _("String (unlimited)")

    def check(self, **kwargs: Any) -> list:
        databases = kwargs.get("databases") or []
        return [
            *super().check(**kwargs),
            *self._check_db_collation(databases),
            *self._check_max_length_attribute(databases),
        ]

    def _check_max_length_attribute(self, databases: Any) -> list:
        if self.max_length is None:
            from django.db import connections

            if "supports_unlimited_charfield" in self.model._meta.required_db_features or (
                databases and all(connections[db].features.supports_unlimited_charfield for db in databases)
            ):
                return []
            return [
                checks.Error("CharFields must define a 'max_length' attribute.", obj=self, id="fields.E120")
            ]
        if not isinstance(self.max_length, int) or isinstance(self.max_length, bool) or self.max_length <= 0:
            return [checks.Error("'max_length' must be a positive integer.", obj=self, id="fields.E121")]
        return []

    def cast_db_type(self, connection: Any) -> Any:
        if self.max_length is None:
            return connection.ops.cast_char_field_without_max_length
        return super().cast_db_type(connection)

    def get_internal_type(self) -> str:
        return "CharField"

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) or value is None:
            return value
        return str(value)

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(super().get_prep_value(value))

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        defaults: dict[str, Any] = {"max_length": self.max_length}
        if self.null:
            defaults["empty_value"] = _empty_form_value(self)
        return super().formfield(**{**defaults, **kwargs})

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.db_collation:
            kwargs["db_collation"] = self.db_collation
        return name, path, args, kwargs


class TextField(_CollationMixin, Field):
    description = _("Text")

    def __init__(self, *args: Any, db_collation: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.db_collation = db_collation

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_db_collation(kwargs.get("databases"))]

    def get_internal_type(self) -> str:
        return "TextField"

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) or value is None:
            return value
        return str(value)

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(super().get_prep_value(value))

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        defaults: dict[str, Any] = {"max_length": self.max_length}
        if not self.choices:
            defaults["widget"] = forms.Textarea
        if self.null:
            defaults["empty_value"] = _empty_form_value(self)
        return super().formfield(**{**defaults, **kwargs})

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.db_collation:
            kwargs["db_collation"] = self.db_collation
        return name, path, args, kwargs


class SlugField(CharField):
    description = _("Slug (up to %(max_length)s)")

    def __init__(
        self,
        *args: Any,
        max_length: int = 50,
        db_index: bool = True,
        allow_unicode: bool = False,
        **kwargs: Any,
    ) -> None:
        self.allow_unicode = allow_unicode
        if allow_unicode:
            self.default_validators = [validators.validate_unicode_slug]
        else:
            self.default_validators = [validators.validate_slug]
        super().__init__(*args, max_length=max_length, db_index=db_index, **kwargs)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 50:
            del kwargs["max_length"]
        if self.db_index:
            kwargs.pop("db_index", None)
        else:
            kwargs["db_index"] = False
        if self.allow_unicode:
            kwargs["allow_unicode"] = True
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "SlugField"

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(
            **{"form_class": forms.SlugField, "allow_unicode": self.allow_unicode, **kwargs}
        )


class EmailField(CharField):
    default_validators = [validators.validate_email]
    description = _("Email address")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # 254 is the longest address RFC 3696/5321 allow.
        kwargs.setdefault("max_length", 254)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


class URLField(CharField):
    default_validators = [validators.URLValidator()]
    description = _("URL")

    def __init__(self, verbose_name: Any = None, name: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 200)
        super().__init__(verbose_name, name, **kwargs)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 200:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.URLField, **kwargs})


class GenericIPAddressField(Field):
    empty_strings_allowed = False
    description = _("IP address")
    default_error_messages: dict = {}

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        protocol: str = "both",
        unpack_ipv4: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        self.unpack_ipv4 = unpack_ipv4
        self.protocol = protocol
        self.default_validators = validators.ip_address_validators(protocol, unpack_ipv4)
        kwargs["max_length"] = 39
        super().__init__(verbose_name, name, *args, **kwargs)

    def check(self, **kwargs: Any) -> list:
        errors = super().check(**kwargs)
        if not getattr(self, "null", False) and getattr(self, "blank", False):
            errors.append(
                checks.Error(
                    "GenericIPAddressFields cannot have blank=True if null=False, "
                    "as blank values are stored as nulls.",
                    obj=self,
                    id="fields.E150",
                )
            )
        return errors

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.unpack_ipv4:
            kwargs["unpack_ipv4"] = self.unpack_ipv4
        if self.protocol != "both":
            kwargs["protocol"] = self.protocol
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "GenericIPAddressField"

    def to_python(self, value: Any) -> Any:
        from django.utils.ipv6 import clean_ipv6_address

        if value is None:
            return None
        if not isinstance(value, str):
            value = str(value)
        value = value.strip()
        if ":" in value:
            return clean_ipv6_address(value, self.unpack_ipv4, self.error_messages.get("invalid"))
        return value

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        return connection.ops.adapt_ipaddressfield_value(value)

    def get_prep_value(self, value: Any) -> Any:
        from django.utils.ipv6 import clean_ipv6_address

        value = super().get_prep_value(value)
        if value is None:
            return None
        if value and ":" in value:
            try:
                return clean_ipv6_address(value, self.unpack_ipv4)
            except exceptions.ValidationError:
                pass
        return str(value)

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(
            **{"protocol": self.protocol, "form_class": forms.GenericIPAddressField, **kwargs}
        )


class FilePathField(Field):
    description = _("File path")

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        path: Any = "",
        match: str | None = None,
        recursive: bool = False,
        allow_files: bool = True,
        allow_folders: bool = False,
        **kwargs: Any,
    ) -> None:
        self.path, self.match, self.recursive = path, match, recursive
        self.allow_files, self.allow_folders = allow_files, allow_folders
        kwargs.setdefault("max_length", 100)
        super().__init__(verbose_name, name, **kwargs)

    def check(self, **kwargs: Any) -> list:
        errors = super().check(**kwargs)
        if not self.allow_files and not self.allow_folders:
            errors.append(
                checks.Error(
                    "FilePathFields must have either 'allow_files' or 'allow_folders' set to True.",
                    obj=self,
                    id="fields.E140",
                )
            )
        return errors

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.path != "":
            kwargs["path"] = self.path
        if self.match is not None:
            kwargs["match"] = self.match
        if self.recursive is not False:
            kwargs["recursive"] = self.recursive
        if self.allow_files is not True:
            kwargs["allow_files"] = self.allow_files
        if self.allow_folders is not False:
            kwargs["allow_folders"] = self.allow_folders
        if kwargs.get("max_length") == 100:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else str(value)

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(
            **{
                "path": self.path() if callable(self.path) else self.path,
                "match": self.match,
                "recursive": self.recursive,
                "form_class": forms.FilePathField,
                "allow_files": self.allow_files,
                "allow_folders": self.allow_folders,
                **kwargs,
            }
        )

    def get_internal_type(self) -> str:
        return "FilePathField"


class UUIDField(Field):
    default_error_messages = {"invalid": _("“%(value)s” is not a valid UUID.")}
    description = _("Universally unique identifier")
    empty_strings_allowed = False

    def __init__(self, verbose_name: Any = None, **kwargs: Any) -> None:
        kwargs["max_length"] = 32
        super().__init__(verbose_name, **kwargs)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "UUIDField"

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(super().get_prep_value(value))

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None:
            return None
        if not isinstance(value, uuid.UUID):
            value = self.to_python(value)
        if connection.features.has_native_uuid_field:
            return value
        return value.hex

    def to_python(self, value: Any) -> Any:
        if value is not None and not isinstance(value, uuid.UUID):
            try:
                if isinstance(value, int):
                    return uuid.UUID(int=value)
                return uuid.UUID(str(value))
            except (AttributeError, ValueError):
                raise exceptions.ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": value}
                )
        return value

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.UUIDField, **kwargs})


class BinaryField(Field):
    description = _("Raw binary data")
    empty_values = [None, b""]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def check(self, **kwargs: Any) -> list:
        errors = super().check(**kwargs)
        if self.has_default() and isinstance(self.default, str):
            errors.append(
                checks.Error(
                    "BinaryField's default cannot be a string. Use bytes content instead.",
                    obj=self,
                    id="fields.E170",
                )
            )
        return errors

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.editable:
            kwargs["editable"] = True
        else:
            kwargs.pop("editable", None)
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "BinaryField"

    def get_placeholder(self, value: Any, compiler: Any, connection: Any) -> str:
        return connection.ops.binary_placeholder_sql(value)

    def get_default(self) -> Any:
        if self.has_default() and not callable(self.default):
            return self.default
        default = super().get_default()
        return b"" if default == "" else default

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        value = super().get_db_prep_value(value, connection, prepared)
        if value is not None:
            return connection.Database.Binary(value)
        return value

    def value_to_string(self, obj: Any) -> str:
        return b64encode(self.value_from_object(obj)).decode("ascii")

    def to_python(self, value: Any) -> Any:
        # Serializers give base64 text.
        if isinstance(value, str):
            return memoryview(b64decode(value.encode("ascii")))
        return value
