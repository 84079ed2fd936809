"""URLconf for the generic editing view tests."""

from django import forms
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.urls import path
from django.views.generic.edit import CreateView, DeleteView, FormView, UpdateView

from .formsapp.models import Author


class ContactForm(forms.Form):
    name = forms.CharField()


class GreetingForm(forms.Form):
    """Takes the greeting from get_form_kwargs() to show that it reaches the form."""

    name = forms.CharField()

    def __init__(self, *args, greeting="", **kwargs):
        super().__init__(*args, **kwargs)
        self.greeting = greeting


class GreetingView(SuccessMessageMixin, FormView):
    form_class = GreetingForm
    template_name = "formsapp/greeting.html"
    success_url = "/greeted/"
    success_message = "Hello %(name)s!"
    prefix = "g"
    initial = {"name": "World"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "greeting": self.request.GET.get("greeting", "Hi")}


class AuthorCreated(SuccessMessageMixin, CreateView):
    model = Author
    fields = ["name"]
    success_url = "/authors/{id}/"
    success_message = "%(name)s was created"

    def get_success_message(self, cleaned_data):
        return f"{super().get_success_message(cleaned_data)} as #{self.object.pk}"


class ConfirmDeletionForm(forms.Form):
    """DeleteView with a form (4.0+): deletion happens only when the form is valid."""

    confirm = forms.BooleanField(required=False)

    def clean(self):
        if not self.cleaned_data.get("confirm"):
            raise ValidationError("Tick the box to delete.")
        return self.cleaned_data


class CheckedDelete(DeleteView):
    model = Author
    form_class = ConfirmDeletionForm
    success_url = "/authors/{name}/gone/"


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
    path("greet/", GreetingView.as_view()),
    path("authors/new-with-message/", AuthorCreated.as_view()),
    path("authors/<int:pk>/checked-delete/", CheckedDelete.as_view()),
]
