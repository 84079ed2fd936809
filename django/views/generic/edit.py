"""Generic editing views: FormView, CreateView, UpdateView, DeleteView and their mixins."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseRedirect
from django.views.generic.base import ContextMixin, TemplateResponseMixin, View
from django.views.generic.detail import BaseDetailView, SingleObjectMixin, SingleObjectTemplateResponseMixin

__all__ = [
    "FormMixin", "ProcessFormView", "BaseFormView", "FormView", "ModelFormMixin", "BaseCreateView",
    "CreateView", "BaseUpdateView", "UpdateView", "DeletionMixin", "BaseDeleteView", "DeleteView",
]  # fmt: skip


class FormMixin(ContextMixin):
    """Build, validate and answer for a form."""

    initial: dict = {}
    form_class: Any = None
    success_url: Any = None
    prefix: str | None = None
    request: Any

    def get_initial(self) -> dict:
        return self.initial.copy()

    def get_prefix(self) -> str | None:
        return self.prefix

    def get_form_class(self) -> Any:
        return self.form_class

    def get_form(self, form_class: Any = None) -> Any:
        if form_class is None:
            form_class = self.get_form_class()
        return form_class(**self.get_form_kwargs())

    def get_form_kwargs(self) -> dict:
        kwargs: dict = {"initial": self.get_initial(), "prefix": self.get_prefix()}
        if self.request.method in ("POST", "PUT"):
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        return kwargs

    def get_success_url(self) -> str:
        if not self.success_url:
            raise ImproperlyConfigured("No URL to redirect to. Provide a success_url.")
        return str(self.success_url)

    def form_valid(self, form: Any) -> Any:
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: Any) -> Any:
        return self.render_to_response(self.get_context_data(form=form))  # type: ignore[attr-defined]

    def get_context_data(self, **kwargs: Any) -> dict:
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()
        return super().get_context_data(**kwargs)


class ModelFormMixin(FormMixin, SingleObjectMixin):
    """A FormMixin whose form is a ModelForm for `self.object`."""

    fields: Any = None
    object: Any = None

    def get_form_class(self) -> Any:
        if self.fields is not None and self.form_class:
            raise ImproperlyConfigured("Specifying both 'fields' and 'form_class' is not permitted.")
        if self.form_class:
            return self.form_class
        if self.model is not None:
            model = self.model
        elif getattr(self, "object", None) is not None:
            model = self.object.__class__
        else:
            model = self.get_queryset().model
        if self.fields is None:
            raise ImproperlyConfigured(
                "Using ModelFormMixin (base class of %s) without the 'fields' attribute is prohibited."
                % self.__class__.__name__
            )
        from django.forms.models import modelform_factory

        return modelform_factory(model, fields=self.fields)

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if hasattr(self, "object"):
            kwargs["instance"] = self.object
        return kwargs

    def get_success_url(self) -> str:
        """success_url may name the object's fields: '/books/{id}/'."""
        if self.success_url:
            return str(self.success_url).format(**self.object.__dict__)
        try:
            return self.object.get_absolute_url()
        except AttributeError:
            raise ImproperlyConfigured(
                "No URL to redirect to.  Either provide a url or define a get_absolute_url method on the Model."
            ) from None

    def form_valid(self, form: Any) -> Any:
        self.object = form.save()
        return super().form_valid(form)


class ProcessFormView(View):
    """GET shows a blank form; POST validates it."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.render_to_response(self.get_context_data())  # type: ignore[attr-defined]

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        form = self.get_form()  # type: ignore[attr-defined]
        if form.is_valid():
            return self.form_valid(form)  # type: ignore[attr-defined]
        return self.form_invalid(form)  # type: ignore[attr-defined]

    def put(self, *args: Any, **kwargs: Any) -> Any:
        return self.post(*args, **kwargs)


class BaseFormView(FormMixin, ProcessFormView):
    pass


class FormView(TemplateResponseMixin, BaseFormView):
    pass


class BaseCreateView(ModelFormMixin, ProcessFormView):
    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = None
        return super().get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = None
        return super().post(request, *args, **kwargs)


class CreateView(SingleObjectTemplateResponseMixin, BaseCreateView):
    template_name_suffix = "_form"


class BaseUpdateView(ModelFormMixin, ProcessFormView):
    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)


class UpdateView(SingleObjectTemplateResponseMixin, BaseUpdateView):
    template_name_suffix = "_form"


class DeletionMixin:
    """Delete `self.object` and redirect to success_url."""

    success_url: Any = None

    def delete(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()  # type: ignore[attr-defined]
        success_url = self.get_success_url()
        self.object.delete()
        return HttpResponseRedirect(success_url)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.delete(request, *args, **kwargs)

    def get_success_url(self) -> str:
        if self.success_url:
            return str(self.success_url).format(**self.object.__dict__)
        raise ImproperlyConfigured("No URL to redirect to. Provide a success_url.")


class BaseDeleteView(DeletionMixin, FormMixin, BaseDetailView):
    """POST validates a (by default empty) confirmation form, then deletes in form_valid()."""

    form_class: Any = None

    def get_form_class(self) -> Any:
        if self.form_class is None:
            from django.forms import Form

            return Form
        return self.form_class

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form: Any) -> Any:
        success_url = self.get_success_url()
        self.object.delete()
        return HttpResponseRedirect(success_url)


class DeleteView(SingleObjectTemplateResponseMixin, BaseDeleteView):
    template_name_suffix = "_confirm_delete"
