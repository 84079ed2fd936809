"""ListView and DetailView over real models and templates."""

from pathlib import Path

import pytest

from django.db import connection
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.views.generic import DetailView, ListView
from tests.test_client.testapp.models import Author
from tests.test_client.testapp.tables import created_tables

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [str(Path(__file__).parent / "templates")],
    }
]
rf = RequestFactory()


@pytest.fixture(autouse=True)
def authors():
    with created_tables(connection), override_settings(TEMPLATES=TEMPLATES):
        for name in ["Cy", "Ann", "Bob"]:
            Author.objects.create(name=name)
        yield


def render(view, *args, path="/", **kwargs):
    response = view(rf.get(path), *args, **kwargs)
    response.render()
    return response.content.decode().strip()


def test_list_view_default_template_and_context_name():
    assert render(ListView.as_view(model=Author)) == "Ann;Bob;Cy;|False|"


def test_list_view_ordering_and_queryset():
    assert render(ListView.as_view(model=Author, ordering="-name")) == "Cy;Bob;Ann;|False|"
    assert render(ListView.as_view(queryset=Author.objects.filter(name__startswith="B"))) == "Bob;|False|"


def test_list_view_pagination():
    view = ListView.as_view(model=Author, paginate_by=2)
    assert render(view) == "Ann;Bob;|True|1"
    assert render(view, path="/?page=2") == "Cy;|True|2"
    assert render(view, path="/?page=last") == "Cy;|True|2"
    with pytest.raises(Http404, match="Invalid page"):
        render(view, path="/?page=9")
    with pytest.raises(Http404, match="nor can it be converted to an int"):
        render(view, path="/?page=x")


def test_list_view_allow_empty_false():
    Author.objects.all().delete()
    with pytest.raises(Http404, match="allow_empty"):
        render(ListView.as_view(model=Author, allow_empty=False))


def test_detail_view_by_pk_and_slug():
    ann = Author.objects.get(name="Ann")
    assert render(DetailView.as_view(model=Author), pk=ann.pk) == f"Ann={ann.pk}"
    assert render(DetailView.as_view(model=Author, slug_field="name"), slug="Bob").startswith("Bob=")


def test_detail_view_missing_object_is_404():
    with pytest.raises(Http404, match="No author found matching the query"):
        render(DetailView.as_view(model=Author), pk=999)


def test_detail_view_needs_pk_or_slug():
    with pytest.raises(AttributeError, match="must be called with either an object pk or a slug"):
        render(DetailView.as_view(model=Author))


def test_missing_queryset_is_improperly_configured():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="is missing a QuerySet"):
        render(ListView.as_view())


def test_list_view_page_from_url_kwarg_wins_over_query_string():
    view = ListView.as_view(model=Author, paginate_by=2)
    assert render(view, path="/?page=1", page="2") == "Cy;|True|2"


def test_list_view_paginate_orphans_folds_short_last_page():
    Author.objects.create(name="Dee")
    view = ListView.as_view(model=Author, paginate_by=3, paginate_orphans=1)
    response = view(rf.get("/"))
    context = response.context_data
    assert context["paginator"].num_pages == 1
    assert [a.name for a in context["object_list"]] == ["Ann", "Bob", "Cy", "Dee"]
    assert context["is_paginated"] is False


def test_list_view_unpaginated_context_and_custom_context_object_name():
    response = ListView.as_view(model=Author, context_object_name="people")(rf.get("/"))
    context = response.context_data
    assert context["paginator"] is None and context["page_obj"] is None
    assert [a.name for a in context["people"]] == ["Ann", "Bob", "Cy"]
    assert "author_list" not in context


def test_list_view_template_name_suffix_and_explicit_template_name():
    response = ListView.as_view(model=Author, template_name_suffix="_index")(rf.get("/"))
    assert response.template_name == ["testapp/author_index.html"]
    response = ListView.as_view(model=Author, template_name="custom.html")(rf.get("/"))
    assert response.template_name == ["custom.html"]


def test_list_view_empty_page_with_allow_empty_false_is_404():
    Author.objects.all().delete()
    view = ListView.as_view(model=Author, paginate_by=2, allow_empty=False)
    with pytest.raises(Http404, match="Empty list"):
        view(rf.get("/"))


def test_list_view_get_queryset_override():
    class Bs(ListView):
        model = Author

        def get_queryset(self):
            return Author.objects.filter(name__startswith="B")

    assert [a.name for a in Bs.as_view()(rf.get("/")).context_data["object_list"]] == ["Bob"]


def test_detail_view_slug_field_and_query_pk_and_slug():
    ann = Author.objects.get(name="Ann")
    view = DetailView.as_view(model=Author, slug_field="name")
    assert view(rf.get("/"), slug="Ann").context_data["author"] == ann
    strict = DetailView.as_view(model=Author, slug_field="name", query_pk_and_slug=True)
    assert strict(rf.get("/"), pk=ann.pk, slug="Ann").context_data["object"] == ann
    with pytest.raises(Http404, match="No author found matching the query"):
        strict(rf.get("/"), pk=ann.pk, slug="Bob")
    # Without query_pk_and_slug the slug is ignored once a pk is given.
    assert view(rf.get("/"), pk=ann.pk, slug="Bob").context_data["object"] == ann


def test_detail_view_custom_context_name_and_template_names():
    ann = Author.objects.get(name="Ann")
    response = DetailView.as_view(model=Author, context_object_name="writer")(rf.get("/"), pk=ann.pk)
    assert response.context_data["writer"] == ann and "author" not in response.context_data
    assert response.template_name == ["testapp/author_detail.html"]
    response = DetailView.as_view(queryset=Author.objects.all(), template_name_suffix="_card")(
        rf.get("/"), pk=ann.pk
    )
    assert response.template_name == ["testapp/author_card.html"]
