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
