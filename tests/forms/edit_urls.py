"""URLconf for the generic editing view tests."""

from django import forms
from django.urls import path
from django.views.generic.edit import CreateView, DeleteView, FormView, UpdateView

from .formsapp.models import Author


class ContactForm(forms.Form):
    name = forms.CharField()


urlpatterns = [
    path(
        "contact/",
        FormView.as_view(form_class=ContactForm, template_name="formsapp/form.html", success_url="/thanks/"),
    ),
    path("authors/new/", CreateView.as_view(model=Author, fields=["name"], success_url="/authors/{id}/")),
    path(
        "authors/<int:pk>/edit/",
        UpdateView.as_view(model=Author, fields=["name", "email"], success_url="/done/"),
    ),
    path("authors/<int:pk>/delete/", DeleteView.as_view(model=Author, success_url="/authors/")),
]
