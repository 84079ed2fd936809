"""Date and time fields: DateField, DateTimeField, TimeField, DurationField."""

from __future__ import annotations

import datetime
import warnings
from functools import partialmethod
from typing import TYPE_CHECKING, Any

from django.core import checks, exceptions
from django.db.models.fields.base import Field
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models.base import Model

__all__ = ["DateField", "DateTimeField", "DurationField", "TimeField"]


def _timezone():
    from django.utils import timezone

    return timezone


def _dateparse():
    from django.utils import dateparse

    return dateparse


if TYPE_CHECKING:
    _FieldMixin = Field  # type checkers see the mixins below as the Fields they are mixed into
else:
    _FieldMixin = object


class DateTimeCheckMixin(_FieldMixin):
    """auto_now/auto_now_add (which make the field non-editable and blank) and their checks,
    shared by DateField, DateTimeField and TimeField."""

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        auto_now: bool = False,
        auto_now_add: bool = False,
        **kwargs: Any,
    ) -> None:
        self.auto_now, self.auto_now_add = auto_now, auto_now_add
        if auto_now or auto_now_add:
            kwargs["editable"] = False
            kwargs["blank"] = True
        super().__init__(verbose_name, name, **kwargs)

    def check(self, **kwargs: Any) -> list:
        return [
            *super().check(**kwargs),
            *self._check_mutually_exclusive_options(),
            *self._check_fix_default_value(),
        ]

    def _check_mutually_exclusive_options(self) -> list:
        enabled = [self.auto_now_add, self.auto_now, self.has_default()]
        if enabled.count(True) > 1:
            return [
                checks.Error(
                    "The options auto_now, auto_now_add, and default are mutually exclusive. "
                    "Only one of these options may be present.",
                    obj=self,
                    id="fields.E160",
                )
            ]
        return []

    def _check_fix_default_value(self) -> list:
        return []

    def _fixed_default_warning(self, value: Any, lower: Any, upper: Any) -> list:
        if lower <= value <= upper:
            return [
                checks.Warning(
                    "Fixed default value provided.",
                    hint="It seems you set a fixed date / time / datetime value as default for this field. "
                    "This may not be what you want. If you want to have the current date as default, "
                    "use `django.utils.timezone.now`",
                    obj=self,
                    id="fields.W161",
                )
            ]
        return []

    def _now_window(self) -> tuple[datetime.datetime, datetime.timedelta]:
        tz = _timezone()
        now = tz.now()
        if not tz.is_naive(now):
            now = tz.make_naive(now, datetime.UTC)
        return now, datetime.timedelta(seconds=10)


class DateField(DateTimeCheckMixin, Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": _("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
        "invalid_date": _("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."),
    }
    description = _("Date (without time)")

    def _check_fix_default_value(self) -> list:
        if not self.has_default():
            return []
        value = self.default
        now, delta = self._now_window()
        if isinstance(value, datetime.datetime):
            tz = _timezone()
            if not tz.is_naive(value):
                value = tz.make_naive(value, datetime.UTC)
            value = value.date()
        elif not isinstance(value, datetime.date):
            return []
        return self._fixed_default_warning(value, (now - delta).date(), (now + delta).date())

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.auto_now:
            kwargs["auto_now"] = True
        if self.auto_now_add:
            kwargs["auto_now_add"] = True
        if self.auto_now or self.auto_now_add:
            del kwargs["editable"]
            del kwargs["blank"]
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "DateField"

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            tz = _timezone()
            from django.conf import settings

            if settings.USE_TZ and tz.is_aware(value):
                value = tz.make_naive(value, tz.get_default_timezone())
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            parsed = _dateparse().parse_date(value)
            if parsed is not None:
                return parsed
        except ValueError:
            raise exceptions.ValidationError(
                self.error_messages["invalid_date"], code="invalid_date", params={"value": value}
            )
        except TypeError:
            pass
        raise exceptions.ValidationError(
            self.error_messages["invalid"], code="invalid", params={"value": value}
        )

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            value = datetime.date.today()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def contribute_to_class(self, cls: type[Model], name: str, **kwargs: Any) -> None:  # type: ignore[override]  # options are keyword-only here, as in Django
        super().contribute_to_class(cls, name, **kwargs)
        if not self.null:
            setattr(
                cls,
                "get_next_by_%s" % self.name,
                partialmethod(cls._get_next_or_previous_by_FIELD, field=self, is_next=True),
            )
            setattr(
                cls,
                "get_previous_by_%s" % self.name,
                partialmethod(cls._get_next_or_previous_by_FIELD, field=self, is_next=False),
            )

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(super().get_prep_value(value))

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        return connection.ops.adapt_datefield_value(value)

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else value.isoformat()

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.DateField, **kwargs})


class DateTimeField(DateField):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": _(
            "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."
        ),
        "invalid_date": _("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."),
        "invalid_datetime": _(
            "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) "
            "but it is an invalid date/time."
        ),
    }
    description = _("Date (with time)")

    def _check_fix_default_value(self) -> list:
        if not self.has_default():
            return []
        value = self.default
        now, delta = self._now_window()
        if isinstance(value, datetime.datetime):
            tz = _timezone()
            if not tz.is_naive(value):
                value = tz.make_naive(value, datetime.UTC)
            return self._fixed_default_warning(value, now - delta, now + delta)
        if isinstance(value, datetime.date):
            lower = datetime.datetime(*(now - delta).timetuple()[:3])
            upper = datetime.datetime(*(now + delta).timetuple()[:3])
            return self._fixed_default_warning(
                datetime.datetime(value.year, value.month, value.day), lower, upper
            )
        return []

    def get_internal_type(self) -> str:
        return "DateTimeField"

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            return value
        if isinstance(value, datetime.date):
            value = datetime.datetime(value.year, value.month, value.day)
            return self._make_aware_if_needed(value)
        try:
            parsed = _dateparse().parse_datetime(value)
            if parsed is not None:
                return parsed
        except ValueError:
            raise exceptions.ValidationError(
                self.error_messages["invalid_datetime"], code="invalid_datetime", params={"value": value}
            )
        except TypeError:
            return self._invalid(value)
        try:
            parsed = _dateparse().parse_date(value)
            if parsed is not None:
                return datetime.datetime(parsed.year, parsed.month, parsed.day)
        except ValueError:
            raise exceptions.ValidationError(
                self.error_messages["invalid_date"], code="invalid_date", params={"value": value}
            )
        return self._invalid(value)

    def _invalid(self, value: Any) -> Any:
        raise exceptions.ValidationError(
            self.error_messages["invalid"], code="invalid", params={"value": value}
        )

    def _make_aware_if_needed(self, value: datetime.datetime) -> datetime.datetime:
        from django.conf import settings

        if not settings.USE_TZ:
            return value
        self._warn_naive(value)
        tz = _timezone()
        return tz.make_aware(value, tz.get_default_timezone())

    def _warn_naive(self, value: datetime.datetime) -> None:
        try:
            name = "%s.%s" % (self.model.__name__, self.name)
        except AttributeError:
            name = "(unbound)"
        warnings.warn(
            "DateTimeField %s received a naive datetime (%s) while time zone support is active."
            % (name, value),
            RuntimeWarning,
            stacklevel=2,
        )

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            value = _timezone().now()
            setattr(model_instance, self.attname, value)
            return value
        return Field.pre_save(self, model_instance, add)

    def get_prep_value(self, value: Any) -> Any:
        value = self.to_python(Field.get_prep_value(self, value))
        from django.conf import settings

        tz = _timezone()
        if value is not None and settings.USE_TZ and tz.is_naive(value):
            self._warn_naive(value)
            value = tz.make_aware(value, tz.get_default_timezone())
        return value

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        return connection.ops.adapt_datetimefield_value(value)

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else value.isoformat()

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.DateTimeField, **kwargs})


class TimeField(DateTimeCheckMixin, Field):
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": _("“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."),
        "invalid_time": _(
            "“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."
        ),
    }
    description = _("Time")

    def _check_fix_default_value(self) -> list:
        if not self.has_default():
            return []
        value = self.default
        now, delta = self._now_window()
        if isinstance(value, datetime.datetime):
            tz = _timezone()
            if not tz.is_naive(value):
                value = tz.make_naive(value, datetime.UTC)
            return self._fixed_default_warning(value, now - delta, now + delta)
        if isinstance(value, datetime.time):
            value = datetime.datetime.combine(now.date(), value)
            return self._fixed_default_warning(value, now - delta, now + delta)
        return []

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.auto_now is not False:
            kwargs["auto_now"] = self.auto_now
        if self.auto_now_add is not False:
            kwargs["auto_now_add"] = self.auto_now_add
        if self.auto_now or self.auto_now_add:
            del kwargs["blank"]
            del kwargs["editable"]
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "TimeField"

    def to_python(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, datetime.time):
            return value
        if isinstance(value, datetime.datetime):
            return value.time()
        try:
            parsed = _dateparse().parse_time(value)
            if parsed is not None:
                return parsed
        except ValueError:
            raise exceptions.ValidationError(
                self.error_messages["invalid_time"], code="invalid_time", params={"value": value}
            )
        except TypeError:
            pass
        raise exceptions.ValidationError(
            self.error_messages["invalid"], code="invalid", params={"value": value}
        )

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            value = datetime.datetime.now().time()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(super().get_prep_value(value))

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        return connection.ops.adapt_timefield_value(value)

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else value.isoformat()

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.TimeField, **kwargs})


class DurationField(Field):
    """A timedelta; stored natively where possible, otherwise as a bigint of microseconds."""

    empty_strings_allowed = False
    default_error_messages = {
        "invalid": _(
            "“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format."
        )
    }
    description = _("Duration")

    def get_internal_type(self) -> str:
        return "DurationField"

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, datetime.timedelta):
            return value
        try:
            parsed = _dateparse().parse_duration(value)
        except ValueError:
            parsed = None
        except TypeError:
            parsed = None
        if parsed is not None:
            return parsed
        raise exceptions.ValidationError(
            self.error_messages["invalid"], code="invalid", params={"value": value}
        )

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if connection.features.has_native_duration_field:
            return value
        if value is None:
            return None
        from django.utils.duration import duration_microseconds

        return duration_microseconds(value)

    def get_db_converters(self, connection: Any) -> list:
        converters = []
        if not connection.features.has_native_duration_field:
            converters.append(connection.ops.convert_durationfield_value)
        return converters + super().get_db_converters(connection)

    def value_to_string(self, obj: Any) -> str:
        from django.utils.duration import duration_string

        value = self.value_from_object(obj)
        return "" if value is None else duration_string(value)

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.DurationField, **kwargs})
