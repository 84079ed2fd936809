"""Date-based archive views: index, year, month, week, day, today, and one dated object."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.utils.functional import cached_property
from django.views.generic.base import View
from django.views.generic.detail import BaseDetailView, SingleObjectTemplateResponseMixin
from django.views.generic.list import MultipleObjectMixin, MultipleObjectTemplateResponseMixin


def _now() -> datetime.datetime:
    from django.utils import timezone

    return timezone.now()


def _today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate() if _use_tz() else datetime.date.today()


def _use_tz() -> bool:
    from django.conf import settings

    return bool(settings.USE_TZ)


class _DatePart:
    """Reads one part of the date (year, month, ...) from the URL kwargs or the query string."""

    def _read_part(self, part: str) -> str:
        value = getattr(self, part, None)
        if value is not None:
            return value
        value = self.kwargs.get(part)  # type: ignore[attr-defined]
        if value is None:
            value = self.request.GET.get(part)  # type: ignore[attr-defined]
        if value is None:
            raise Http404(f"No {part} specified")
        return value


class YearMixin(_DatePart):
    year_format = "%Y"
    year: Any = None

    def get_year_format(self) -> str:
        return self.year_format

    def get_year(self) -> str:
        return self._read_part("year")

    def get_next_year(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="year")

    def get_previous_year(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="year")

    def _get_next_year(self, date: datetime.date) -> datetime.date:
        try:
            return date.replace(year=date.year + 1, month=1, day=1)
        except ValueError:
            raise Http404("Date out of range")

    def _get_current_year(self, date: datetime.date) -> datetime.date:
        return date.replace(month=1, day=1)


class MonthMixin(_DatePart):
    month_format = "%b"
    month: Any = None

    def get_month_format(self) -> str:
        return self.month_format

    def get_month(self) -> str:
        return self._read_part("month")

    def get_next_month(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="month")

    def get_previous_month(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="month")

    def _get_next_month(self, date: datetime.date) -> datetime.date:
        if date.month == 12:
            try:
                return date.replace(year=date.year + 1, month=1, day=1)
            except ValueError:
                raise Http404("Date out of range")
        return date.replace(month=date.month + 1, day=1)

    def _get_current_month(self, date: datetime.date) -> datetime.date:
        return date.replace(day=1)


class DayMixin(_DatePart):
    day_format = "%d"
    day: Any = None

    def get_day_format(self) -> str:
        return self.day_format

    def get_day(self) -> str:
        return self._read_part("day")

    def get_next_day(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="day")

    def get_previous_day(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="day")

    def _get_next_day(self, date: datetime.date) -> datetime.date:
        return date + datetime.timedelta(days=1)

    def _get_current_day(self, date: datetime.date) -> datetime.date:
        return date


class WeekMixin(_DatePart):
    week_format = "%U"
    week: Any = None

    def get_week_format(self) -> str:
        return self.week_format

    def get_week(self) -> str:
        return self._read_part("week")

    def get_next_week(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="week")

    def get_previous_week(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="week")

    def _get_next_week(self, date: datetime.date) -> datetime.date:
        try:
            return date + datetime.timedelta(days=7 - self._get_weekday(date))
        except OverflowError:
            raise Http404("Date out of range")

    def _get_current_week(self, date: datetime.date) -> datetime.date:
        return date - datetime.timedelta(self._get_weekday(date))

    def _get_weekday(self, date: datetime.date) -> int:
        """Days since the first day of the week the week format counts from."""
        week_format = self.get_week_format()
        if week_format in {"%W", "%V"}:  # Monday first
            return date.weekday()
        if week_format == "%U":  # Sunday first
            return (date.weekday() + 1) % 7
        raise ValueError(f"unknown week format: {week_format}")


class DateMixin:
    """The model field holding the date, and whether future dates are shown."""

    date_field: str | None = None
    allow_future = False

    def get_date_field(self) -> str:
        if self.date_field is None:
            raise ImproperlyConfigured(f"{self.__class__.__name__}.date_field is required.")
        return self.date_field

    def get_allow_future(self) -> bool:
        return self.allow_future

    @cached_property
    def uses_datetime_field(self) -> bool:
        from django.db import models

        model = self.get_queryset().model if self.model is None else self.model  # type: ignore[attr-defined]
        field = model._meta.get_field(self.get_date_field())
        return isinstance(field, models.DateTimeField)

    def _make_date_lookup_arg(self, value: datetime.date) -> Any:
        """A date as the field compares it: an (aware, when USE_TZ) midnight for datetime fields."""
        if not self.uses_datetime_field:
            return value
        value = datetime.datetime.combine(value, datetime.time.min)
        if _use_tz():
            from django.utils import timezone

            value = timezone.make_aware(value)
        return value

    def _make_single_date_lookup(self, date: datetime.date) -> dict[str, Any]:
        date_field = self.get_date_field()
        if self.uses_datetime_field:
            since = self._make_date_lookup_arg(date)
            until = self._make_date_lookup_arg(date + datetime.timedelta(days=1))
            return {f"{date_field}__gte": since, f"{date_field}__lt": until}
        return {date_field: date}


class BaseDateListView(MultipleObjectMixin, DateMixin, View):
    """Objects and the list of dates (``date_list``) that have them."""

    allow_empty = False
    date_list_period = "year"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.date_list, self.object_list, extra_context = self.get_dated_items()
        context = self.get_context_data(
            object_list=self.object_list, date_list=self.date_list, **extra_context
        )
        return self.render_to_response(context)  # type: ignore[attr-defined]

    def get_dated_items(self) -> tuple:
        raise NotImplementedError("A DateView must provide an implementation of get_dated_items()")

    def get_ordering(self) -> Any:
        """Newest first unless ``ordering`` says otherwise."""
        return "-%s" % self.get_date_field() if self.ordering is None else self.ordering

    def get_dated_queryset(self, **lookup: Any) -> Any:
        queryset = self.get_queryset().filter(**lookup)
        date_field = self.get_date_field()
        allow_future = self.get_allow_future()
        allow_empty = self.get_allow_empty()
        paginate_by = self.get_paginate_by(queryset)
        if not allow_future:
            now = _now() if self.uses_datetime_field else _today()
            queryset = queryset.filter(**{f"{date_field}__lte": now})
        if not allow_empty:
            # With pagination the page is fetched anyway; a cheap existence check suffices.
            is_empty = not queryset.exists() if paginate_by is not None else not queryset
            if is_empty:
                raise Http404(f"No {queryset.model._meta.verbose_name_plural} available")
        return queryset

    def get_date_list_period(self) -> str:
        return self.date_list_period

    def get_date_list(self, queryset: Any, date_type: str | None = None, ordering: str = "ASC") -> Any:
        """Distinct dates (truncated to ``date_type``) of the objects in ``queryset``."""
        date_field = self.get_date_field()
        allow_empty = self.get_allow_empty()
        if date_type is None:
            date_type = self.get_date_list_period()
        if self.uses_datetime_field:
            date_list = queryset.datetimes(date_field, date_type, ordering)
        else:
            date_list = queryset.dates(date_field, date_type, ordering)
        if date_list is not None and not date_list and not allow_empty:
            raise Http404(f"No {queryset.model._meta.verbose_name_plural} available")
        return date_list


def _date_from_string(
    year: Any,
    year_format: str,
    month: Any = "",
    month_format: str = "",
    day: Any = "",
    day_format: str = "",
    delim: str = "__",
) -> datetime.date:
    """Parse the URL's date parts; a part that does not fit its format is a 404."""
    fmt = delim.join((year_format, month_format, day_format))
    datestr = delim.join((str(year), str(month), str(day)))
    try:
        return datetime.datetime.strptime(datestr, fmt).date()
    except ValueError:
        raise Http404(f"Invalid date string “{datestr}” given format “{fmt}”")


def _get_next_prev(
    generic_view: Any, date: datetime.date, is_previous: bool, period: str
) -> datetime.date | None:
    """The start of the next/previous period, or None when it would be empty (or in the future).

    With ``allow_empty`` the neighbouring period is returned as is; otherwise the database is asked
    for the nearest object beyond the current period.
    """
    date_field = generic_view.get_date_field()
    allow_empty = generic_view.get_allow_empty()
    allow_future = generic_view.get_allow_future()
    get_current = getattr(generic_view, f"_get_current_{period}")
    get_next = getattr(generic_view, f"_get_next_{period}")
    start = get_current(date)
    end = get_next(start)
    if allow_empty:
        result = get_current(start - datetime.timedelta(days=1)) if is_previous else end
        if allow_future or result <= _today():
            return result
        return None
    if is_previous:
        lookup = {f"{date_field}__lt": generic_view._make_date_lookup_arg(start)}
        ordering = f"-{date_field}"
    else:
        lookup = {f"{date_field}__gte": generic_view._make_date_lookup_arg(end)}
        ordering = date_field
    if not allow_future:
        now = _now() if generic_view.uses_datetime_field else _today()
        lookup[f"{date_field}__lte"] = now
    queryset = generic_view.get_queryset().filter(**lookup).order_by(ordering)
    found = queryset.first()
    if found is None:
        return None
    result = getattr(found, date_field)
    if generic_view.uses_datetime_field:
        if _use_tz():
            from django.utils import timezone

            result = timezone.localtime(result)
        result = result.date()
    return get_current(result)


# The concrete views live in dates_views to keep each file focused.
from django.views.generic._dates_views import (  # noqa: E402
    ArchiveIndexView,
    BaseArchiveIndexView,
    BaseDateDetailView,
    BaseDayArchiveView,
    BaseMonthArchiveView,
    BaseTodayArchiveView,
    BaseWeekArchiveView,
    BaseYearArchiveView,
    DateDetailView,
    DayArchiveView,
    MonthArchiveView,
    TodayArchiveView,
    WeekArchiveView,
    YearArchiveView,
)

__all__ = [
    "ArchiveIndexView",
    "BaseArchiveIndexView",
    "BaseDateDetailView",
    "BaseDateListView",
    "BaseDayArchiveView",
    "BaseMonthArchiveView",
    "BaseTodayArchiveView",
    "BaseWeekArchiveView",
    "BaseYearArchiveView",
    "DateDetailView",
    "DateMixin",
    "DayArchiveView",
    "DayMixin",
    "MonthArchiveView",
    "MonthMixin",
    "TodayArchiveView",
    "WeekArchiveView",
    "WeekMixin",
    "YearArchiveView",
    "YearMixin",
    "MultipleObjectTemplateResponseMixin",
    "SingleObjectTemplateResponseMixin",
    "BaseDetailView",
]
