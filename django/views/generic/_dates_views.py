"""The concrete date-based views (imported and re-exported by django.views.generic.dates)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404
from django.views.generic.dates import (
    BaseDateListView,
    DateMixin,
    DayMixin,
    MonthMixin,
    WeekMixin,
    YearMixin,
    _date_from_string,
    _today,
)
from django.views.generic.detail import BaseDetailView, SingleObjectTemplateResponseMixin
from django.views.generic.list import MultipleObjectTemplateResponseMixin

# strptime needs a weekday to turn a week number into a date: the first day each format counts from.
_WEEK_STARTS = {"%W": ("1", "%w"), "%U": ("0", "%w"), "%V": ("1", "%u")}


class BaseArchiveIndexView(BaseDateListView):
    """The newest objects (``latest`` in the context) and the years that have any."""

    context_object_name = "latest"

    def get_dated_items(self) -> tuple:
        queryset = self.get_dated_queryset()
        date_list = self.get_date_list(queryset, ordering="DESC")
        if not date_list:
            queryset = queryset.none()
        return date_list, queryset, {}


class ArchiveIndexView(MultipleObjectTemplateResponseMixin, BaseArchiveIndexView):
    template_name_suffix = "_archive"


class BaseYearArchiveView(YearMixin, BaseDateListView):
    """One year: the months that have objects, and the objects only with ``make_object_list``."""

    date_list_period = "month"
    make_object_list = False

    def get_dated_items(self) -> tuple:
        year = self.get_year()
        date_field = self.get_date_field()
        date = _date_from_string(year, self.get_year_format())
        since = self._make_date_lookup_arg(date)
        until = self._make_date_lookup_arg(self._get_next_year(date))
        queryset = self.get_dated_queryset(**{f"{date_field}__gte": since, f"{date_field}__lt": until})
        date_list = self.get_date_list(queryset)
        if not self.get_make_object_list():
            # Only the month list is shown; no rows are fetched.
            queryset = queryset.none()
        return (
            date_list,
            queryset,
            {
                "year": date,
                "next_year": self.get_next_year(date),
                "previous_year": self.get_previous_year(date),
            },
        )

    def get_make_object_list(self) -> bool:
        return self.make_object_list


class YearArchiveView(MultipleObjectTemplateResponseMixin, BaseYearArchiveView):
    template_name_suffix = "_archive_year"


class BaseMonthArchiveView(YearMixin, MonthMixin, BaseDateListView):
    """One month: its objects and the days that have any."""

    date_list_period = "day"

    def get_dated_items(self) -> tuple:
        date_field = self.get_date_field()
        date = _date_from_string(
            self.get_year(), self.get_year_format(), self.get_month(), self.get_month_format()
        )
        since = self._make_date_lookup_arg(date)
        until = self._make_date_lookup_arg(self._get_next_month(date))
        queryset = self.get_dated_queryset(**{f"{date_field}__gte": since, f"{date_field}__lt": until})
        date_list = self.get_date_list(queryset)
        return (
            date_list,
            queryset,
            {
                "month": date,
                "next_month": self.get_next_month(date),
                "previous_month": self.get_previous_month(date),
            },
        )


class MonthArchiveView(MultipleObjectTemplateResponseMixin, BaseMonthArchiveView):
    template_name_suffix = "_archive_month"


class BaseWeekArchiveView(YearMixin, WeekMixin, BaseDateListView):
    """One week (``week_format`` %U: Sunday first, %W: Monday first, %V: ISO with year format %G)."""

    def get_dated_items(self) -> tuple:
        year_format = self.get_year_format()
        week_format = self.get_week_format()
        if week_format not in _WEEK_STARTS:
            raise ValueError(f"Unknown week format {week_format!r}. Choose from: " + ", ".join(_WEEK_STARTS))
        if week_format == "%V" and year_format != "%G":
            raise ValueError(
                f"ISO week directive '{week_format}' is incompatible with the year directive '{year_format}'. "
                "Use the ISO year '%G' instead."
            )
        week_start, weekday_format = _WEEK_STARTS[week_format]
        date = _date_from_string(
            self.get_year(), year_format, week_start, weekday_format, self.get_week(), week_format
        )
        date_field = self.get_date_field()
        since = self._make_date_lookup_arg(date)
        until = self._make_date_lookup_arg(self._get_next_week(date))
        queryset = self.get_dated_queryset(**{f"{date_field}__gte": since, f"{date_field}__lt": until})
        return (
            None,
            queryset,
            {
                "week": date,
                "next_week": self.get_next_week(date),
                "previous_week": self.get_previous_week(date),
            },
        )


class WeekArchiveView(MultipleObjectTemplateResponseMixin, BaseWeekArchiveView):
    template_name_suffix = "_archive_week"


class BaseDayArchiveView(YearMixin, MonthMixin, DayMixin, BaseDateListView):
    """One day's objects."""

    def get_dated_items(self) -> tuple:
        date = _date_from_string(
            self.get_year(),
            self.get_year_format(),
            self.get_month(),
            self.get_month_format(),
            self.get_day(),
            self.get_day_format(),
        )
        return self._get_dated_items(date)

    def _get_dated_items(self, date: datetime.date) -> tuple:
        queryset = self.get_dated_queryset(**self._make_single_date_lookup(date))
        return (
            None,
            queryset,
            {
                "day": date,
                "previous_day": self.get_previous_day(date),
                "next_day": self.get_next_day(date),
                "previous_month": self.get_previous_month(date),
                "next_month": self.get_next_month(date),
            },
        )


class DayArchiveView(MultipleObjectTemplateResponseMixin, BaseDayArchiveView):
    template_name_suffix = "_archive_day"


class BaseTodayArchiveView(BaseDayArchiveView):
    """Today's objects (the day archive without date parts in the URL)."""

    def get_dated_items(self) -> tuple:
        return self._get_dated_items(_today())


class TodayArchiveView(MultipleObjectTemplateResponseMixin, BaseTodayArchiveView):
    template_name_suffix = "_archive_day"


class BaseDateDetailView(YearMixin, MonthMixin, DayMixin, DateMixin, BaseDetailView):
    """One object, found by pk or slug among those dated on the URL's day."""

    def get_object(self, queryset: Any = None) -> Any:
        date = _date_from_string(
            self.get_year(),
            self.get_year_format(),
            self.get_month(),
            self.get_month_format(),
            self.get_day(),
            self.get_day_format(),
        )
        queryset = self.get_queryset() if queryset is None else queryset
        if not self.get_allow_future() and date > _today():
            raise Http404(
                f"Future {queryset.model._meta.verbose_name_plural} not available because "
                f"{self.__class__.__name__}.allow_future is False."
            )
        queryset = queryset.filter(**self._make_single_date_lookup(date))
        return super().get_object(queryset=queryset)


class DateDetailView(SingleObjectTemplateResponseMixin, BaseDateDetailView):
    template_name_suffix = "_detail"
