"""Facets (show_facets): per-choice counts in the changelist's filters, computed with the other
active filters and the search applied, one aggregate query per filter, and the ?_facets toggle."""

from __future__ import annotations

import pytest

from django.contrib import admin
from tests.contrib.admin.adminpolls.models import Choice, Question
from tests.contrib.admin.test_filters import ChoiceAdmin, _changelist


class AlwaysFacetsAdmin(ChoiceAdmin):
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["choice_text"]


class NeverFacetsAdmin(ChoiceAdmin):
    show_facets = admin.ShowFacets.NEVER


def _displays(cl) -> list[list[str]]:
    return [[str(c["display"]) for c in spec.choices(cl)] for spec in cl.filter_specs]


def test_allow_shows_no_counts_until_asked(choices, superuser):
    cl = _changelist("", superuser)
    assert cl.is_facets_optional and not cl.add_facets
    assert _displays(cl)[1] == ["All", "0", "3", "5"]


def test_allow_with_the_facets_parameter_counts_every_choice(choices, superuser):
    cl = _changelist("?_facets=True", superuser)
    assert cl.add_facets
    question, votes, empty, popularity = _displays(cl)
    assert question == [
        "All",
        "Best pizza topping? (2)",
        "Tea or coffee? (2)",
        "Cats or dogs? (0)",
        "Oldest question (0)",
    ]
    assert votes == ["All", "0 (2)", "3 (1)", "5 (1)"]
    assert empty == ["All", "Empty (1)", "Not empty (3)"]
    assert popularity == ["All", "Has votes (2)", "No votes (2)"]


def test_counts_follow_the_other_filters_but_not_their_own(choices, superuser):
    cl = _changelist("?votes__exact=0&_facets=True", superuser)
    assert sorted(c.choice_text for c in cl.result_list) == ["", "Pineapple"]
    question, votes, empty, popularity = _displays(cl)
    assert question[1:3] == ["Best pizza topping? (1)", "Tea or coffee? (1)"]
    assert votes == ["All", "0 (2)", "3 (1)", "5 (1)"]  # its own value is left out of its counts
    assert empty == ["All", "Empty (1)", "Not empty (1)"]
    assert popularity == ["All", "Has votes (0)", "No votes (2)"]


def test_simple_list_filter_counts_keep_its_chosen_value(choices, superuser):
    cl = _changelist("?popular=yes&_facets=True", superuser)
    popularity = cl.filter_specs[3]
    assert [c["selected"] for c in popularity.choices(cl)] == [False, True, False]
    assert popularity.value() == "yes"
    assert _displays(cl)[1] == ["All", "0 (0)", "3 (1)", "5 (1)"]


def test_always_counts_without_the_parameter_and_respects_the_search(choices, superuser):
    cl = _changelist("?q=ea", superuser, AlwaysFacetsAdmin)  # Pineapple and Tea
    assert cl.add_facets and not cl.is_facets_optional
    assert _displays(cl)[1] == ["All", "0 (1)", "3 (0)", "5 (1)"]


def test_never_ignores_the_parameter(choices, superuser):
    cl = _changelist("?_facets=True", superuser, NeverFacetsAdmin)
    assert not cl.add_facets and not cl.is_facets_optional
    assert _displays(cl)[1] == ["All", "0", "3", "5"]


def test_facet_parameter_is_not_a_lookup_and_is_kept_by_filter_links(choices, superuser):
    cl = _changelist("?_facets=True&votes__exact=3", superuser)
    assert [c.choice_text for c in cl.result_list] == ["Mushroom"]
    links = [c["query_string"] for c in cl.filter_specs[0].choices(cl)]
    assert all("_facets=True" in link for link in links)
    assert "_facets" not in cl.remove_facet_link and "votes__exact=3" in cl.remove_facet_link
    assert "_facets=True" in cl.add_facet_link and "votes__exact=3" in cl.add_facet_link


def test_get_facet_counts_names_one_aggregate_per_counted_choice(choices, superuser):
    cl = _changelist("?_facets=True", superuser)
    votes = cl.filter_specs[1]
    counts = votes.get_facet_queryset(cl)
    assert counts == {"1__c": 2, "2__c": 1, "3__c": 1}
    assert set(votes.get_facet_counts(cl.pk_attname, Choice.objects.all())) == {"1__c", "2__c", "3__c"}


def test_facets_cost_one_query_per_filter(choices, superuser, admin_db):
    from django.test.utils import CaptureQueriesContext

    def queries(query: str) -> int:
        with CaptureQueriesContext(admin_db) as captured:
            _displays(_changelist(query, superuser))
        return len(captured)

    assert queries("?_facets=True") - queries("") == 4


def test_date_filter_counts(questions, superuser):
    from django.test import RequestFactory

    class QuestionFacets(admin.ModelAdmin):
        list_filter = ["pub_date"]
        show_facets = admin.ShowFacets.ALWAYS

    request = RequestFactory().get("/admin/adminpolls/question/")
    request.user = superuser
    cl = QuestionFacets(Question, admin.AdminSite(name="facets")).get_changelist_instance(request)
    displays = [str(c["display"]) for c in cl.filter_specs[0].choices(cl)]
    assert displays[0] == "Any date (4)" and displays[2] == "Past 7 days (2)"


def test_changelist_page_offers_the_toggle_and_shows_counts(admin_client, questions):
    page = admin_client.get("/admin/adminpolls/question/").content.decode()
    assert 'href="?_facets=True"' in page and "Show counts" in page and "Any date (" not in page
    page = admin_client.get("/admin/adminpolls/question/?_facets=True").content.decode()
    assert "Hide counts" in page and "Any date (4)" in page and "Past 7 days (2)" in page


def test_empty_filter_on_a_field_that_cannot_be_empty_is_a_configuration_error(choices, superuser):
    from django.core.exceptions import ImproperlyConfigured

    class BadAdmin(admin.ModelAdmin):
        list_filter = [("votes", admin.EmptyFieldListFilter)]

    with pytest.raises(ImproperlyConfigured, match="doesn't allow empty strings and nulls"):
        _changelist("", superuser, BadAdmin)
