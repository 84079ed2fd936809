"""The date-based generic views over a real table of dated books."""

import datetime
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.views.generic import (
    ArchiveIndexView,
    DateDetailView,
    DayArchiveView,
    MonthArchiveView,
    TodayArchiveView,
    WeekArchiveView,
    YearArchiveView,
)
from tests.test_client.testapp.models import Book
from tests.test_client.testapp.tables import created_tables

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [str(Path(__file__).parent / "templates")],
    }
]
rf = RequestFactory()
TODAY = datetime.date.today()
FUTURE = TODAY + datetime.timedelta(days=400)


@pytest.fixture(autouse=True)
def books():
    with created_tables(connection), override_settings(TEMPLATES=TEMPLATES, USE_TZ=False):
        for title, published in [
            ("Alpha", datetime.date(2020, 1, 15)),
            ("Beta", datetime.date(2020, 3, 2)),
            ("Gamma", datetime.date(2020, 3, 20)),
            ("Delta", datetime.date(2021, 7, 4)),
            ("Future", FUTURE),
        ]:
            Book.objects.create(title=title, published=published)
        yield


def call(view_class, path="/", **kwargs):
    options = {"model": Book, "date_field": "published"}
    # Date parts travel as URL kwargs; other names set view attributes.
    url_parts = {"year", "month", "day", "week", "pk"}
    options.update({k: kwargs.pop(k) for k in list(kwargs) if k not in url_parts})
    return view_class.as_view(**options)(rf.get(path), **kwargs)


def titles(response):
    return [book.title for book in response.context_data["object_list"]]


def test_archive_index_newest_first_without_future_and_default_template():
    response = call(ArchiveIndexView)
    assert titles(response) == ["Delta", "Gamma", "Beta", "Alpha"]
    assert response.context_data["latest"] is response.context_data["object_list"]
    assert [d.year for d in response.context_data["date_list"]] == [2021, 2020]
    assert response.template_name == ["testapp/book_archive.html"]
    response.render()
    assert response.content.decode().strip() == "Delta;Gamma;Beta;Alpha;|2021;2020;"


def test_archive_index_allow_future_includes_future_objects():
    assert titles(call(ArchiveIndexView, allow_future=True))[0] == "Future"


def test_archive_index_empty_is_404_unless_allow_empty():
    Book.objects.all().delete()
    with pytest.raises(Http404, match="No books available"):
        call(ArchiveIndexView)
    response = call(ArchiveIndexView, allow_empty=True)
    assert titles(response) == []


def test_date_field_is_required():
    with pytest.raises(ImproperlyConfigured, match=r"ArchiveIndexView.date_field is required."):
        ArchiveIndexView.as_view(model=Book)(rf.get("/"))


def test_year_archive_lists_months_not_objects_by_default():
    response = call(YearArchiveView, year="2020")
    context = response.context_data
    assert titles(response) == []
    assert [d.month for d in context["date_list"]] == [1, 3]
    assert context["year"] == datetime.date(2020, 1, 1)
    assert context["next_year"] == datetime.date(2021, 1, 1)
    assert context["previous_year"] is None
    assert response.template_name == ["testapp/book_archive_year.html"]


def test_year_archive_make_object_list_and_year_from_query_string():
    response = call(YearArchiveView, path="/?year=2020", make_object_list=True)
    assert sorted(titles(response)) == ["Alpha", "Beta", "Gamma"]


def test_year_archive_missing_invalid_and_empty_year():
    with pytest.raises(Http404, match="No year specified"):
        call(YearArchiveView)
    with pytest.raises(Http404, match="Invalid date string"):
        call(YearArchiveView, year="20x0")
    with pytest.raises(Http404, match="No books available"):
        call(YearArchiveView, year="1999")


def test_year_archive_allow_empty_gives_adjacent_years():
    context = call(YearArchiveView, year="1999", allow_empty=True).context_data
    assert context["previous_year"] == datetime.date(1998, 1, 1)
    assert context["next_year"] == datetime.date(2000, 1, 1)


def test_month_archive_with_default_and_numeric_month_formats():
    response = call(MonthArchiveView, year="2020", month="mar")
    assert sorted(titles(response)) == ["Beta", "Gamma"]
    context = response.context_data
    assert [d.day for d in context["date_list"]] == [2, 20]
    assert context["month"] == datetime.date(2020, 3, 1)
    assert context["previous_month"] == datetime.date(2020, 1, 1)
    assert context["next_month"] == datetime.date(2021, 7, 1)
    numeric = call(MonthArchiveView, year="2020", month="03", month_format="%m")
    assert sorted(titles(numeric)) == ["Beta", "Gamma"]
    assert numeric.template_name == ["testapp/book_archive_month.html"]


def test_month_archive_next_month_hidden_when_only_future_objects_follow():
    context = call(MonthArchiveView, year="2021", month="jul").context_data
    assert context["next_month"] is None


def test_month_archive_bad_month_is_404():
    with pytest.raises(Http404, match="No month specified"):
        call(MonthArchiveView, year="2020")
    with pytest.raises(Http404, match="Invalid date string"):
        call(MonthArchiveView, year="2020", month="xyz")


def test_week_archive_sunday_monday_and_iso_weeks():
    # 2020-03-02 is a Monday.
    sunday_week = call(WeekArchiveView, year="2020", week="9")
    assert titles(sunday_week) == ["Beta"]
    assert sunday_week.context_data["week"] == datetime.date(2020, 3, 1)
    monday_week = call(WeekArchiveView, year="2020", week="9", week_format="%W")
    assert monday_week.context_data["week"] == datetime.date(2020, 3, 2)
    iso_week = call(WeekArchiveView, year="2020", week="10", week_format="%V", year_format="%G")
    assert iso_week.context_data["week"] == datetime.date(2020, 3, 2)
    assert titles(iso_week) == ["Beta"]
    assert sunday_week.template_name == ["testapp/book_archive_week.html"]


def test_week_archive_rejects_unknown_week_format_and_iso_with_plain_year():
    with pytest.raises(ValueError, match="Unknown week format"):
        call(WeekArchiveView, year="2020", week="9", week_format="%a")
    with pytest.raises(ValueError, match="ISO week directive"):
        call(WeekArchiveView, year="2020", week="10", week_format="%V")


def test_day_archive_context_and_neighbours():
    response = call(DayArchiveView, year="2020", month="mar", day="02")
    assert titles(response) == ["Beta"]
    context = response.context_data
    assert context["day"] == datetime.date(2020, 3, 2)
    assert context["previous_day"] == datetime.date(2020, 1, 15)
    assert context["next_day"] == datetime.date(2020, 3, 20)
    assert context["previous_month"] == datetime.date(2020, 1, 1)
    assert context["next_month"] == datetime.date(2021, 7, 1)
    assert response.template_name == ["testapp/book_archive_day.html"]


def test_day_archive_missing_day_is_404():
    with pytest.raises(Http404, match="No day specified"):
        call(DayArchiveView, year="2020", month="mar")


def test_today_archive_shows_todays_objects():
    Book.objects.create(title="Today", published=TODAY)
    response = call(TodayArchiveView)
    assert titles(response) == ["Today"]
    assert response.context_data["day"] == TODAY
    assert response.context_data["next_day"] is None


def test_date_detail_finds_object_on_its_day():
    beta = Book.objects.get(title="Beta")
    response = call(DateDetailView, year="2020", month="mar", day="02", pk=beta.pk)
    assert response.context_data["object"] == beta
    assert response.template_name == ["testapp/book_detail.html"]
    with pytest.raises(Http404, match="No book found matching the query"):
        call(DateDetailView, year="2020", month="mar", day="03", pk=beta.pk)


def test_date_parts_may_be_view_attributes():
    response = YearArchiveView.as_view(
        model=Book, date_field="published", year="2021", make_object_list=True
    )(rf.get("/"))
    assert titles(response) == ["Delta"]


def test_date_detail_future_needs_allow_future():
    future = Book.objects.get(title="Future")
    parts = {"year": str(FUTURE.year), "month": FUTURE.strftime("%m"), "day": FUTURE.strftime("%d")}
    with pytest.raises(
        Http404, match="Future books not available because DateDetailView.allow_future is False."
    ):
        call(DateDetailView, month_format="%m", pk=future.pk, **parts)
    response = call(DateDetailView, month_format="%m", allow_future=True, pk=future.pk, **parts)
    assert response.context_data["object"] == future
