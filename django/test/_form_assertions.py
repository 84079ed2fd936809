"""assertFormError, assertFormSetError and assertFieldOutput (mixed into SimpleTestCase)."""

from __future__ import annotations

from typing import Any


def _as_list(errors: Any) -> list:
    return [errors] if isinstance(errors, str) else list(errors)


class FormAssertionsMixin:
    """Assertions about a bound form's or formset's errors and a field's cleaning."""

    def assertFormError(self, form: Any, field: str | None, errors: Any, *, msg_prefix: str = "") -> None:
        """``form``'s errors on ``field`` (non-field errors when None) are exactly ``errors``."""
        prefix = f"{msg_prefix}: " if msg_prefix else ""
        self._check_form_errors(form, field, _as_list(errors), prefix, f"form {form!r}")

    def assertFormSetError(
        self, formset: Any, form_index: int | None, field: str | None, errors: Any, *, msg_prefix: str = ""
    ) -> None:
        """Errors of one form of ``formset`` (or its non-form errors when ``form_index`` is None)."""
        prefix = f"{msg_prefix}: " if msg_prefix else ""
        errors = _as_list(errors)
        if not formset.is_bound:
            self.fail(f"{prefix}The formset {formset!r} is not bound, it will never have any errors.")  # type: ignore[attr-defined]
        if form_index is None:
            self.assertEqual(  # type: ignore[attr-defined]
                formset.non_form_errors(),
                errors,
                f"{prefix}The non-form errors of formset {formset!r} don't match.",
            )
            return
        total = formset.total_form_count()
        if form_index >= total:
            noun = "forms" if total > 1 else "form"
            self.fail(f"{prefix}The formset {formset!r} only has {total} {noun}.")  # type: ignore[attr-defined]
        where = f"form {form_index} of formset {formset!r}"
        self._check_form_errors(formset.forms[form_index], field, errors, prefix, where)

    def _check_form_errors(self, form: Any, field: str | None, errors: list, prefix: str, where: str) -> None:
        if not form.is_bound:
            self.fail(f"{prefix}The {where} is not bound, it will never have any errors.")  # type: ignore[attr-defined]
        if field is None:
            actual = form.non_field_errors()
            message = f"The non-field errors of {where} don't match."
        else:
            if field not in form.fields:
                self.fail(f"{prefix}The {where} does not contain the field {field!r}.")  # type: ignore[attr-defined]
            actual = form.errors.get(field, [])
            message = f"The errors of field {field!r} on {where} don't match."
        self.assertEqual(actual, errors, prefix + message)  # type: ignore[attr-defined]

    def assertFieldOutput(
        self,
        fieldclass: Any,
        valid: dict,
        invalid: dict,
        field_args: Any = None,
        field_kwargs: dict | None = None,
        empty_value: Any = "",
    ) -> None:
        """Clean each input with a required and an optional instance of ``fieldclass``."""
        from django.core.exceptions import ValidationError
        from django.forms import CharField

        args = list(field_args or [])
        kwargs = dict(field_kwargs or {})
        required = fieldclass(*args, **kwargs)
        optional = fieldclass(*args, **{**kwargs, "required": False})
        for value, expected in valid.items():
            self.assertEqual(required.clean(value), expected)  # type: ignore[attr-defined]
            self.assertEqual(optional.clean(value), expected)  # type: ignore[attr-defined]
        for value, expected_errors in invalid.items():
            for field in (required, optional):
                with self.assertRaises(ValidationError) as caught:  # type: ignore[attr-defined]
                    field.clean(value)
                self.assertEqual(caught.exception.messages, expected_errors)  # type: ignore[attr-defined]
        required_message = [required.error_messages["required"]]
        for value in required.empty_values:
            with self.assertRaises(ValidationError) as caught:  # type: ignore[attr-defined]
                required.clean(value)
            self.assertEqual(caught.exception.messages, required_message)  # type: ignore[attr-defined]
            self.assertEqual(optional.clean(value), empty_value)  # type: ignore[attr-defined]
        # Length options must be accepted by text fields.
        if issubclass(fieldclass, CharField):
            sized = fieldclass(*args, **{**kwargs, "min_length": 2, "max_length": 20})
            self.assertIsInstance(sized, fieldclass)  # type: ignore[attr-defined]
