from typing import Any

from django.contrib import messages


class SuccessMessageMixin:
    """Adds a success message when a form view's form is valid."""

    success_message = ""

    def form_valid(self, form: Any) -> Any:
        response = super().form_valid(form)  # type: ignore[misc]
        success_message = self.get_success_message(form.cleaned_data)
        if success_message:
            messages.success(self.request, success_message)  # type: ignore[attr-defined]
        return response

    def get_success_message(self, cleaned_data: dict) -> str:
        return self.success_message % cleaned_data
