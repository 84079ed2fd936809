"""The generic editing views (CreateView, UpdateView, DeleteView, FormView) on a real table."""

import pytest

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.views.generic import CreateView, DeleteView, FormView, UpdateView
from tests.test_client.testapp.models import Author
from tests.test_client.testapp.tables import created_tables

rf = RequestFactory()


@pytest.fixture(autouse=True)
def tables():
    with created_tables(connection):
        yield


class NameForm(forms.Form):
    name = forms.CharField(max_length=10)


def test_create_view_saves_and_formats_success_url_from_the_object():
    view = CreateView.as_view(model=Author, fields=["name"], success_url="/authors/{id}/{name}/")
    response = view(rf.post("/", {"name": "Ann"}))
    ann = Author.objects.get()
    assert response.status_code == 302
    assert response.url == f"/authors/{ann.pk}/Ann/"


def test_create_view_invalid_post_rerenders_with_errors_and_default_template():
    view = CreateView.as_view(model=Author, fields=["name"], success_url="/")
    response = view(rf.post("/", {"name": ""}))
    assert response.status_code == 200
    assert response.template_name == ["testapp/author_form.html"]
    assert response.context_data["form"].errors["name"] == ["This field is required."]
    assert not Author.objects.exists()


def test_model_form_mixin_configuration_errors():
    with pytest.raises(ImproperlyConfigured, match="without the 'fields' attribute is prohibited"):
        CreateView.as_view(model=Author)(rf.get("/"))

    class AuthorForm(forms.ModelForm):
        class Meta:
            model = Author
            fields = ["name"]

    both = CreateView.as_view(model=Author, fields=["name"], form_class=AuthorForm)
    with pytest.raises(
        ImproperlyConfigured, match="Specifying both 'fields' and 'form_class' is not permitted."
    ):
        both(rf.get("/"))
    no_url = CreateView.as_view(model=Author, fields=["name"])
    with pytest.raises(ImproperlyConfigured, match="No URL to redirect to"):
        no_url(rf.post("/", {"name": "Bob"}))


def test_update_view_edits_the_object_and_404s_for_missing_pk():
    ann = Author.objects.create(name="Ann")
    view = UpdateView.as_view(model=Author, fields=["name"], success_url="/done/")
    get = view(rf.get("/"), pk=ann.pk)
    assert get.context_data["form"].initial["name"] == "Ann"
    assert get.context_data["object"] == ann
    response = view(rf.post("/", {"name": "Anne"}), pk=ann.pk)
    assert response.status_code == 302 and response.url == "/done/"
    ann.refresh_from_db()
    assert ann.name == "Anne"
    with pytest.raises(Http404):
        view(rf.get("/"), pk=ann.pk + 100)


def test_delete_view_get_confirms_post_deletes():
    ann = Author.objects.create(name="Ann")
    view = DeleteView.as_view(model=Author, success_url="/gone/{name}/")
    confirm = view(rf.get("/"), pk=ann.pk)
    assert confirm.template_name == ["testapp/author_confirm_delete.html"]
    assert Author.objects.filter(pk=ann.pk).exists()
    response = view(rf.post("/"), pk=ann.pk)
    assert response.status_code == 302 and response.url == "/gone/Ann/"
    assert not Author.objects.exists()


def test_delete_view_without_success_url_is_improperly_configured():
    ann = Author.objects.create(name="Ann")
    with pytest.raises(ImproperlyConfigured, match="No URL to redirect to"):
        DeleteView.as_view(model=Author)(rf.post("/"), pk=ann.pk)
    assert Author.objects.exists()


def test_form_view_initial_prefix_and_valid_redirect():
    view = FormView.as_view(
        form_class=NameForm, initial={"name": "x"}, prefix="p", success_url="/ok/", template_name="f.html"
    )
    form = view(rf.get("/")).context_data["form"]
    assert form.prefix == "p" and form.initial == {"name": "x"} and not form.is_bound
    assert view(rf.post("/", {"p-name": "Ann"})).url == "/ok/"
    invalid = view(rf.post("/", {"p-name": ""}))
    assert invalid.status_code == 200 and invalid.context_data["form"].errors


def test_form_view_initial_is_copied_per_request():
    class Initial(FormView):
        form_class = NameForm
        initial = {"name": "x"}
        template_name = "f.html"

        def get_initial(self):
            initial = super().get_initial()
            initial["name"] = "changed"
            return initial

    Initial.as_view()(rf.get("/"))
    assert Initial.initial == {"name": "x"}
