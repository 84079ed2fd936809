"""List filters driven through ChangeList: related, all-values, empty, SimpleListFilter, date."""

from __future__ import annotations

import pytest

from django.contrib import admin
from tests.contrib.admin.adminpolls.models import Choice, Question


class PopularityFilter(admin.SimpleListFilter):
    title = "popularity"
    parameter_name = "popular"

    def lookups(self, request, model_admin):
        return [("yes", "Has votes"), ("no", "No votes")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(votes__gt=0)
        if self.value() == "no":
            return queryset.filter(votes=0)
        return queryset


class ChoiceAdmin(admin.ModelAdmin):
    list_display = ["choice_text", "question", "votes"]
    list_filter = ["question", "votes", ("choice_text", admin.EmptyFieldListFilter), PopularityFilter]


def _changelist(query: str, user, admin_class=ChoiceAdmin):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/adminpolls/choice/" + query)
    request.user = user
    model_admin = admin_class(Choice, admin.AdminSite(name="filters"))
    return model_admin.get_changelist_instance(request)


def _texts(cl) -> list[str]:
    return sorted(c.choice_text for c in cl.result_list)


def test_filters_offer_their_choices(choices, superuser):
    cl = _changelist("", superuser)
    titles = [spec.title for spec in cl.filter_specs]
    assert titles == ["question", "votes", "choice text", "popularity"]
    related = [c["display"] for c in cl.filter_specs[0].choices(cl)]
    assert related[0] == "All" and "Best pizza topping?" in related and "Tea or coffee?" in related
    votes = [c["display"] for c in cl.filter_specs[1].choices(cl)]
    assert votes == ["All", "0", "3", "5"]


def test_related_filter_narrows_by_the_foreign_key(choices, superuser):
    tea = choices["tea"]
    cl = _changelist(f"?question__id__exact={tea.pk}", superuser)
    assert _texts(cl) == ["", "Tea"]
    selected = [c for c in cl.filter_specs[0].choices(cl) if c["selected"]]
    assert [c["display"] for c in selected] == ["Tea or coffee?"]


def test_all_values_filter_and_simple_list_filter(choices, superuser):
    assert _texts(_changelist("?votes__exact=3", superuser)) == ["Mushroom"]
    assert _texts(_changelist("?popular=yes", superuser)) == ["Mushroom", "Tea"]
    assert _texts(_changelist("?popular=no", superuser)) == ["", "Pineapple"]


def test_empty_field_filter(choices, superuser):
    assert _texts(_changelist("?choice_text__isempty=1", superuser)) == [""]
    assert _texts(_changelist("?choice_text__isempty=0", superuser)) == ["Mushroom", "Pineapple", "Tea"]


def test_bad_empty_filter_value_is_an_incorrect_lookup(choices, superuser):
    from django.contrib.admin.options import IncorrectLookupParameters

    with pytest.raises(IncorrectLookupParameters):
        _changelist("?choice_text__isempty=maybe", superuser)


def test_filter_links_keep_the_other_parameters(choices, superuser):
    cl = _changelist("?q=x&popular=yes", superuser)
    links = [c["query_string"] for c in cl.filter_specs[1].choices(cl)]
    assert all("popular=yes" in link and "q=x" in link for link in links)


def test_date_filter_links_are_ranges_that_select_themselves(questions, superuser):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/adminpolls/question/")
    request.user = superuser
    model_admin = admin.site.get_model_admin(Question)
    cl = model_admin.get_changelist_instance(request)
    choices = list(cl.filter_specs[0].choices(cl))
    assert [c["display"] for c in choices] == ["Any date", "Today", "Past 7 days", "This month", "This year"]
    assert choices[0]["selected"]
    week = choices[2]["query_string"]
    assert "pub_date__gte=" in week and "pub_date__lt=" in week
    request = RequestFactory().get("/admin/adminpolls/question/" + week)
    request.user = superuser
    cl = model_admin.get_changelist_instance(request)
    assert [c["selected"] for c in cl.filter_specs[0].choices(cl)] == [False, False, True, False, False]


class UnlinkedChoiceAdmin(ChoiceAdmin):
    list_display_links = None


def test_foreign_key_columns_are_fetched_with_select_related(choices, superuser, admin_db):
    """list_display naming a ForeignKey joins it: the number of queries does not grow with the rows."""
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    def render_rows() -> int:
        from django.contrib.admin.templatetags.admin_list import results

        with CaptureQueriesContext(admin_db) as queries:
            cl = _changelist("", superuser, UnlinkedChoiceAdmin)  # this site has no URLs to link to
            rendered = [row for row in results(cl)]
        assert rendered
        return len(queries)

    few = render_rows()
    for n in range(10):
        Question.objects.create(question_text=f"More {n}", pub_date=timezone.now()).choice_set.create(
            choice_text=f"c{n}"
        )
    assert render_rows() == few


def test_save_as_new_copies_the_object(admin_client, questions):
    question_admin = admin.site.get_model_admin(Question)
    question_admin.save_as = True
    try:
        pizza = questions["pizza"]
        url = f"/admin/adminpolls/question/{pizza.pk}/change/"
        assert 'name="_saveasnew"' in admin_client.get(url).content.decode()
        local = pizza.pub_date.astimezone()
        response = admin_client.post(
            url,
            {
                "question_text": "Copy of pizza",
                "pub_date_0": local.strftime("%Y-%m-%d"),
                "pub_date_1": local.strftime("%H:%M:%S"),
                "choice_set-TOTAL_FORMS": "0",
                "choice_set-INITIAL_FORMS": "0",
                "_saveasnew": "Save as new",
            },
        )
        copy = Question.objects.get(question_text="Copy of pizza")
        assert copy.pk != pizza.pk
        assert (
            response.status_code == 302
            and response["Location"] == f"/admin/adminpolls/question/{copy.pk}/change/"
        )
        pizza.refresh_from_db()
        assert pizza.question_text == "Best pizza topping?"
    finally:
        question_admin.save_as = False
