"""Date/time functions: Extract*, Trunc*, Now. The ``__year``-style transforms register here."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models.expressions import Func
from django.db.models.fields import DateField, DateTimeField, DurationField, Field, IntegerField, TimeField
from django.db.models.lookups import (
    Transform,
    YearExact,
    YearGt,
    YearGte,
    YearLt,
    YearLte,
)
from django.utils import timezone


def _timezone_name(tzinfo) -> str:
    name = getattr(tzinfo, "key", None) or getattr(tzinfo, "zone", None)
    return name or tzinfo.tzname(None) or str(tzinfo)


class TimezoneMixin:
    tzinfo = None

    def get_tzname(self):
        """The time zone the value is converted to before extracting/truncating (None without USE_TZ)."""
        if not settings.USE_TZ:
            return None
        if self.tzinfo is None:
            return timezone.get_current_timezone_name()
        return _timezone_name(self.tzinfo)


class Extract(TimezoneMixin, Transform):
    """A component (year, month, hour, ...) of a date, time, datetime or duration."""

    lookup_name: str | None = None
    output_field = IntegerField()

    def __init__(self, expression, lookup_name=None, tzinfo=None, **extra):
        if self.lookup_name is None:
            self.lookup_name = lookup_name
        if self.lookup_name is None:
            raise ValueError("lookup_name must be provided")
        self.tzinfo = tzinfo
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection):  # type: ignore[override]  # takes no template options, as in Django
        sql, params = compiler.compile(self.lhs)
        params = tuple(params)
        lhs_field = self.lhs.output_field
        ops = connection.ops
        if isinstance(lhs_field, DateTimeField):
            return ops.datetime_extract_sql(self.lookup_name, sql, params, self.get_tzname())
        if self.tzinfo is not None:
            raise ValueError("tzinfo can only be used with DateTimeField.")
        if isinstance(lhs_field, DateField):
            return ops.date_extract_sql(self.lookup_name, sql, params)
        if isinstance(lhs_field, TimeField):
            return ops.time_extract_sql(self.lookup_name, sql, params)
        if isinstance(lhs_field, DurationField):
            if not connection.features.has_native_duration_field:
                raise ValueError("Extract requires native DurationField database support.")
            return ops.time_extract_sql(self.lookup_name, sql, params)
        raise ValueError("Tried to Extract from an invalid type.")

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        copy = super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        field = getattr(copy.lhs, "output_field", None)
        if field is None:
            return copy
        if not isinstance(field, (DateField, DateTimeField, TimeField, DurationField)):
            raise ValueError(
                "Extract input expression must be DateField, DateTimeField, TimeField, or DurationField."
            )
        if type(field) is DateField and copy.lookup_name in ("hour", "minute", "second"):
            raise ValueError(
                f"Cannot extract time component '{copy.lookup_name}' from DateField '{field.name}'."
            )
        if isinstance(field, DurationField) and copy.lookup_name in (
            "year", "iso_year", "month", "week", "week_day", "iso_week_day", "quarter",
        ):  # fmt: skip
            raise ValueError(
                f"Cannot extract component '{copy.lookup_name}' from DurationField '{field.name}'."
            )
        return copy


class ExtractYear(Extract):
    lookup_name = "year"


class ExtractIsoYear(Extract):
    """The ISO-8601 week-numbering year."""

    lookup_name = "iso_year"


class ExtractMonth(Extract):
    lookup_name = "month"


class ExtractDay(Extract):
    lookup_name = "day"


class ExtractWeek(Extract):
    """The ISO-8601 week number (weeks start on Monday)."""

    lookup_name = "week"


class ExtractWeekDay(Extract):
    """Day of the week, 1 (Sunday) to 7 (Saturday)."""

    lookup_name = "week_day"


class ExtractIsoWeekDay(Extract):
    """ISO-8601 day of the week, 1 (Monday) to 7 (Sunday)."""

    lookup_name = "iso_week_day"


class ExtractQuarter(Extract):
    lookup_name = "quarter"


class ExtractHour(Extract):
    lookup_name = "hour"


class ExtractMinute(Extract):
    lookup_name = "minute"


class ExtractSecond(Extract):
    lookup_name = "second"


for _extract in (
    ExtractYear, ExtractMonth, ExtractDay, ExtractWeekDay, ExtractIsoWeekDay, ExtractWeek,
    ExtractIsoYear, ExtractQuarter,
):  # fmt: skip
    DateField.register_lookup(_extract)
for _time_extract in (ExtractHour, ExtractMinute, ExtractSecond):
    TimeField.register_lookup(_time_extract)
    DateTimeField.register_lookup(_time_extract)
for _extract in (ExtractYear, ExtractIsoYear):
    for _lookup in (YearExact, YearGt, YearGte, YearLt, YearLte):
        _extract.register_lookup(_lookup)


class Now(Func):
    """The current date and time, as the database sees it."""

    template = "CURRENT_TIMESTAMP"
    output_field = DateTimeField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # The time the statement started, not the transaction (the SQL standard's meaning).
        return self.as_sql(compiler, connection, template="STATEMENT_TIMESTAMP()", **extra_context)

    def as_mysql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="CURRENT_TIMESTAMP(6)", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="STRFTIME('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:%%%%f', 'NOW')",
            **extra_context,
        )


class TruncBase(TimezoneMixin, Transform):
    kind: str | None = None
    tzinfo = None

    def __init__(self, expression, output_field=None, tzinfo=None, **extra):
        self.tzinfo = tzinfo
        super().__init__(expression, output_field=output_field, **extra)

    def as_sql(self, compiler, connection):  # type: ignore[override]  # takes no template options, as in Django
        sql, params = compiler.compile(self.lhs)
        params = tuple(params)
        tzname = None
        if isinstance(self.lhs.output_field, DateTimeField):
            tzname = self.get_tzname()
        elif self.tzinfo is not None:
            raise ValueError("tzinfo can only be used with DateTimeField.")
        ops = connection.ops
        if isinstance(self.output_field, DateTimeField):
            return ops.datetime_trunc_sql(self.kind, sql, params, tzname)
        if isinstance(self.output_field, DateField):
            return ops.date_trunc_sql(self.kind, sql, params, tzname)
        if isinstance(self.output_field, TimeField):
            return ops.time_trunc_sql(self.kind, sql, params, tzname)
        raise ValueError("Trunc only valid on DateField, TimeField, or DateTimeField.")

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        copy = super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        field = copy.lhs.output_field
        if not isinstance(field, (DateField, TimeField)):
            raise TypeError(f"{field.name!r} isn't a DateField, TimeField, or DateTimeField.")
        if not isinstance(copy.output_field, (DateField, DateTimeField, TimeField)):
            raise ValueError("output_field must be either DateField, TimeField, or DateTimeField")
        class_output = self.__class__.__dict__.get("output_field")
        class_output = class_output if isinstance(class_output, Field) else None
        output_field = class_output or copy.output_field
        explicit = class_output or field.__class__ is not copy.output_field.__class__
        target = output_field.__class__.__name__ if explicit else "DateTimeField"
        if type(field) is DateField and (
            isinstance(output_field, DateTimeField) or copy.kind in ("hour", "minute", "second", "time")
        ):
            raise ValueError(f"Cannot truncate DateField '{field.name}' to {target}.")
        if isinstance(field, TimeField) and (
            isinstance(output_field, DateTimeField)
            or copy.kind in ("year", "quarter", "month", "week", "day", "date")
        ):
            raise ValueError(f"Cannot truncate TimeField '{field.name}' to {target}.")
        return copy

    def convert_value(self, value, expression, connection):
        if isinstance(self.output_field, DateTimeField):
            if settings.USE_TZ and value is not None:
                value = timezone.make_aware(value.replace(tzinfo=None), self.tzinfo)
        elif isinstance(value, datetime):
            if isinstance(self.output_field, DateField):
                value = value.date()
            elif isinstance(self.output_field, TimeField):
                value = value.time()
        return value


class Trunc(TruncBase):
    """Truncate a date/time to ``kind`` (year, quarter, month, week, day, hour, minute, second)."""

    def __init__(self, expression, kind, output_field=None, tzinfo=None, **extra):
        self.kind = kind
        super().__init__(expression, output_field=output_field, tzinfo=tzinfo, **extra)


class TruncYear(TruncBase):
    kind = "year"


class TruncQuarter(TruncBase):
    kind = "quarter"


class TruncMonth(TruncBase):
    kind = "month"


class TruncWeek(TruncBase):
    """Truncate to midnight on the Monday of the week."""

    kind = "week"


class TruncDay(TruncBase):
    kind = "day"


class TruncDate(TruncBase):
    kind = "date"
    lookup_name = "date"
    output_field = DateField()

    def as_sql(self, compiler, connection):  # type: ignore[override]  # takes no template options, as in Django
        lhs, lhs_params = compiler.compile(self.lhs)
        tzname = self.get_tzname()
        return connection.ops.datetime_cast_date_sql(lhs, tuple(lhs_params), tzname)


class TruncTime(TruncBase):
    kind = "time"
    lookup_name = "time"
    output_field = TimeField()

    def as_sql(self, compiler, connection):  # type: ignore[override]  # takes no template options, as in Django
        lhs, lhs_params = compiler.compile(self.lhs)
        tzname = self.get_tzname()
        return connection.ops.datetime_cast_time_sql(lhs, tuple(lhs_params), tzname)


class TruncHour(TruncBase):
    kind = "hour"


class TruncMinute(TruncBase):
    kind = "minute"


class TruncSecond(TruncBase):
    kind = "second"


DateTimeField.register_lookup(TruncDate)
DateTimeField.register_lookup(TruncTime)
