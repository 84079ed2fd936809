"""Date-based views over a DateTimeField: day bounds as midnights, datetimes in date_list."""

import datetime

import pytest

from django.db import connection
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django.views.generic import DayArchiveView, MonthArchiveView
from tests.db.models.app_models.models import Everything

rf = RequestFactory()


@pytest.fixture
def moments():
    created = Everything._meta.db_table not in connection.introspection.table_names()
    if created:
        with connection.schema_editor() as editor:
            editor.create_model(Everything)
    try:
        yield
    finally:
        Everything.objects.all().delete()
        if created:
            with connection.schema_editor() as editor:
                editor.delete_model(Everything)


def add(moment):
    Everything.objects.create(moment=moment)


def day_view(**kwargs):
    view = DayArchiveView.as_view(model=Everything, date_field="moment", month_format="%m")
    return view(rf.get("/"), **kwargs)


@override_settings(USE_TZ=False)
def test_naive_day_archive_spans_midnight_to_midnight(moments):
    add(datetime.datetime(2020, 3, 2, 0, 0))
    add(datetime.datetime(2020, 3, 2, 23, 59))
    add(datetime.datetime(2020, 3, 3, 0, 0))
    response = day_view(year="2020", month="03", day="02")
    assert len(response.context_data["object_list"]) == 2
    assert response.context_data["next_day"] == datetime.date(2020, 3, 3)
    assert response.context_data["previous_day"] is None


@override_settings(USE_TZ=True, TIME_ZONE="UTC")
def test_aware_month_archive_lists_datetimes(moments):
    add(datetime.datetime(2020, 3, 2, 12, 0, tzinfo=datetime.UTC))
    add(datetime.datetime(2020, 3, 20, 8, 0, tzinfo=datetime.UTC))
    view = MonthArchiveView.as_view(model=Everything, date_field="moment", month_format="%m")
    context = view(rf.get("/"), year="2020", month="03").context_data
    assert len(context["object_list"]) == 2
    assert [d.day for d in context["date_list"]] == [2, 20]
    assert all(isinstance(d, datetime.datetime) and timezone.is_aware(d) for d in context["date_list"])
    with pytest.raises(Http404, match=r"No .+ available"):
        view(rf.get("/"), year="2020", month="04")
