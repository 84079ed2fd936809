"""Formsets: several copies of one form on a page, with a management form counting them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.forms.fields import BooleanField, IntegerField
from django.forms.forms import Form
from django.forms.renderers import get_default_renderer
from django.forms.utils import ErrorList, RenderableFormMixin
from django.forms.widgets import CheckboxInput, HiddenInput, NumberInput
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

__all__ = ("BaseFormSet", "formset_factory", "all_valid")

TOTAL_FORM_COUNT = "TOTAL_FORMS"
INITIAL_FORM_COUNT = "INITIAL_FORMS"
MIN_NUM_FORM_COUNT = "MIN_NUM_FORMS"
MAX_NUM_FORM_COUNT = "MAX_NUM_FORMS"
ORDERING_FIELD_NAME = "ORDER"
DELETION_FIELD_NAME = "DELETE"
DEFAULT_MIN_NUM = 0
DEFAULT_MAX_NUM = 1000


class ManagementForm(Form):
    """Hidden counters that tell the server how many forms the page holds."""

    TOTAL_FORMS = IntegerField(widget=HiddenInput)
    INITIAL_FORMS = IntegerField(widget=HiddenInput)
    MIN_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)
    MAX_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)

    def clean(self) -> dict:
        cleaned_data = super().clean()
        # A tampered or missing count is treated as zero forms, not as a crash.
        cleaned_data.setdefault(TOTAL_FORM_COUNT, 0)
        cleaned_data.setdefault(INITIAL_FORM_COUNT, 0)
        return cleaned_data


class BaseFormSet(RenderableFormMixin):
    deletion_widget = CheckboxInput
    ordering_widget = NumberInput
    default_error_messages = {
        "missing_management_form": _(
            "ManagementForm data is missing or has been tampered with. Missing fields: "
            "%(field_names)s. You may need to file a bug report if the issue persists."
        ),
        "too_many_forms": ngettext_lazy(
            "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "num"
        ),
        "too_few_forms": ngettext_lazy(
            "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", "num"
        ),
    }
    template_name_div = "django/forms/formsets/div.html"
    template_name_p = "django/forms/formsets/p.html"
    template_name_table = "django/forms/formsets/table.html"
    template_name_ul = "django/forms/formsets/ul.html"
    form: Any
    extra: int
    can_order: bool
    can_delete: bool
    can_delete_extra: bool
    min_num: int
    max_num: int
    absolute_max: int
    validate_min: bool
    validate_max: bool
    renderer: Any = None

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        auto_id: str = "id_%s",
        prefix: str | None = None,
        initial: Any = None,
        error_class: Any = ErrorList,
        form_kwargs: dict | None = None,
        error_messages: dict | None = None,
    ) -> None:
        self.is_bound = data is not None or files is not None
        self.prefix = prefix or self.get_default_prefix()
        self.auto_id = auto_id
        self.data = data or {}
        self.files = files or {}
        self.initial = initial
        self.form_kwargs = form_kwargs or {}
        self.error_class = error_class
        self._errors: list | None = None
        self._non_form_errors: Any = None
        self.form_renderer = self.renderer
        self.renderer = self.renderer or get_default_renderer()
        messages: dict = {}
        for cls in reversed(type(self).__mro__):
            messages.update(getattr(cls, "default_error_messages", {}))
        messages.update(error_messages or {})
        self.error_messages = messages

    def __iter__(self) -> Iterator[Any]:
        return iter(self.forms)

    def __getitem__(self, index: int) -> Any:
        return self.forms[index]

    def __len__(self) -> int:
        return len(self.forms)

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        if self._errors is None:
            is_valid: Any = "Unknown"
        else:
            is_valid = self.is_bound and not self._non_form_errors and not any(self._errors)
        return "<%s: bound=%s valid=%s total_forms=%s>" % (
            self.__class__.__qualname__, self.is_bound, is_valid, self.total_form_count(),
        )  # fmt: skip

    @cached_property
    def management_form(self) -> ManagementForm:
        if self.is_bound:
            form = ManagementForm(self.data, auto_id=self.auto_id, prefix=self.prefix, renderer=self.renderer)
            form.full_clean()
        else:
            form = ManagementForm(
                auto_id=self.auto_id,
                prefix=self.prefix,
                initial={
                    TOTAL_FORM_COUNT: self.total_form_count(),
                    INITIAL_FORM_COUNT: self.initial_form_count(),
                    MIN_NUM_FORM_COUNT: self.min_num,
                    MAX_NUM_FORM_COUNT: self.max_num,
                },
                renderer=self.renderer,
            )
        return form

    def total_form_count(self) -> int:
        if self.is_bound:
            # Never trust the client beyond absolute_max.
            return min(self.management_form.cleaned_data[TOTAL_FORM_COUNT], self.absolute_max)
        initial_forms = self.initial_form_count()
        total = max(initial_forms, self.min_num) + self.extra
        if initial_forms > self.max_num >= 0:
            return initial_forms
        return min(total, self.max_num) if total > self.max_num >= 0 else total

    def initial_form_count(self) -> int:
        if self.is_bound:
            return self.management_form.cleaned_data[INITIAL_FORM_COUNT]
        return len(self.initial) if self.initial else 0

    @cached_property
    def forms(self) -> list:
        return [self._construct_form(i, **self.get_form_kwargs(i)) for i in range(self.total_form_count())]

    def get_form_kwargs(self, index: int | None) -> dict:
        return self.form_kwargs.copy()

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        defaults: dict = {
            "auto_id": self.auto_id,
            "prefix": self.add_prefix(i),
            "error_class": self.error_class,
            "use_required_attribute": False,
            "renderer": self.form_renderer or self.renderer,
        }
        if self.is_bound:
            defaults["data"] = self.data
            defaults["files"] = self.files
        if self.initial and "initial" not in kwargs:
            try:
                defaults["initial"] = self.initial[i]
            except IndexError:
                pass
        if i >= self.initial_form_count() and i >= self.min_num:
            defaults["empty_permitted"] = True
        defaults.update(kwargs)
        form = self.form(**defaults)
        self.add_fields(form, i)
        return form

    @property
    def initial_forms(self) -> list:
        return self.forms[: self.initial_form_count()]

    @property
    def extra_forms(self) -> list:
        return self.forms[self.initial_form_count() :]

    @property
    def empty_form(self) -> Any:
        form_kwargs = {
            **self.get_form_kwargs(None),
            "auto_id": self.auto_id,
            "prefix": self.add_prefix("__prefix__"),
            "empty_permitted": True,
            "use_required_attribute": False,
            "renderer": self.form_renderer or self.renderer,
        }
        form = self.form(**form_kwargs)
        self.add_fields(form, None)
        return form

    @property
    def cleaned_data(self) -> list:
        if not self.is_valid():
            raise AttributeError("'%s' object has no attribute 'cleaned_data'" % self.__class__.__name__)
        return [form.cleaned_data for form in self.forms]

    @property
    def deleted_forms(self) -> list:
        if not self.is_valid() or not self.can_delete:
            return []
        return [form for form in self.forms if self._should_delete_form(form)]

    @property
    def ordered_forms(self) -> list:
        if not self.is_valid() or not self.can_order:
            raise AttributeError("'%s' object has no attribute 'ordered_forms'" % self.__class__.__name__)
        ordering = []
        for index, form in enumerate(self.forms):
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            ordering.append((index, form.cleaned_data[ORDERING_FIELD_NAME]))
        # Forms without an order number go last, keeping their relative order.
        ordering.sort(key=lambda item: (item[1] is None, item[1] if item[1] is not None else 0, item[0]))
        return [self.forms[index] for index, _order in ordering]

    @classmethod
    def get_default_prefix(cls) -> str:
        return "form"

    @classmethod
    def get_deletion_widget(cls) -> Any:
        return cls.deletion_widget

    @classmethod
    def get_ordering_widget(cls) -> Any:
        return cls.ordering_widget

    def non_form_errors(self) -> Any:
        if self._non_form_errors is None:
            self.full_clean()
        return self._non_form_errors

    @property
    def errors(self) -> list:
        if self._errors is None:
            self.full_clean()
        return self._errors  # type: ignore[return-value]

    def total_error_count(self) -> int:
        return len(self.non_form_errors()) + sum(len(form_errors) for form_errors in self.errors)

    def _should_delete_form(self, form: Any) -> bool:
        return form.cleaned_data.get(DELETION_FIELD_NAME, False)

    def is_valid(self) -> bool:
        if not self.is_bound:
            return False
        self.errors  # noqa: B018 - runs full_clean once
        forms_valid = all(
            form.is_valid() for form in self.forms if not (self.can_delete and self._should_delete_form(form))
        )
        return forms_valid and not self.non_form_errors()

    def full_clean(self) -> None:
        self._errors = []
        self._non_form_errors = self.error_class(error_class="nonform", renderer=self.renderer)
        if not self.is_bound:
            return
        if not self.management_form.is_valid():
            error = ValidationError(
                self.error_messages["missing_management_form"],
                params={
                    "field_names": ", ".join(
                        self.management_form.add_prefix(n) for n in self.management_form.errors
                    )
                },
                code="missing_management_form",
            )
            self._non_form_errors.append(error)
        empty_forms_count = 0
        for i, form in enumerate(self.forms):
            if not form.has_changed() and i >= self.initial_form_count():
                empty_forms_count += 1
            form_errors = form.errors
            if self.can_delete and self._should_delete_form(form):
                continue
            self._errors.append(form_errors)
        try:
            self._check_counts(empty_forms_count)
            self.clean()
        except ValidationError as exc:
            self._non_form_errors = self.error_class(
                exc.error_list, error_class="nonform", renderer=self.renderer
            )

    def _check_counts(self, empty_forms_count: int) -> None:
        deleted = len(self.deleted_forms_during_clean())
        submitted = self.total_form_count() - deleted
        too_many = self.management_form.cleaned_data[TOTAL_FORM_COUNT] > self.absolute_max
        if (self.validate_max and submitted > self.max_num) or too_many:
            raise ValidationError(
                self.error_messages["too_many_forms"] % {"num": self.max_num},
                code="too_many_forms",
            )
        if self.validate_min and submitted - empty_forms_count < self.min_num:
            raise ValidationError(
                self.error_messages["too_few_forms"] % {"num": self.min_num},
                code="too_few_forms",
            )

    def deleted_forms_during_clean(self) -> list:
        if not self.can_delete:
            return []
        return [form for form in self.forms if form.is_valid() and self._should_delete_form(form)]

    def clean(self) -> None:
        """A hook for errors across forms; raise ValidationError to add a non-form error."""

    def has_changed(self) -> bool:
        return any(form.has_changed() for form in self)

    def add_fields(self, form: Any, index: int | None) -> None:
        initial_count = self.initial_form_count()
        if self.can_order:
            if index is not None and index < initial_count:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label=_("Order"), initial=index + 1, required=False, widget=self.get_ordering_widget()
                )
            else:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label=_("Order"), required=False, widget=self.get_ordering_widget()
                )
        if self.can_delete and (self.can_delete_extra or (index is not None and index < initial_count)):
            form.fields[DELETION_FIELD_NAME] = BooleanField(
                label=_("Delete"), required=False, widget=self.get_deletion_widget()
            )

    def add_prefix(self, index: Any) -> str:
        return "%s-%s" % (self.prefix, index)

    def is_multipart(self) -> bool:
        if self.forms:
            return self.forms[0].is_multipart()
        return self.empty_form.is_multipart()

    @property
    def media(self) -> Any:
        if self.forms:
            return self.forms[0].media
        return self.empty_form.media

    @property
    def template_name(self) -> str:  # type: ignore[override]
        return self.renderer.formset_template_name

    def get_context(self) -> dict:
        return {"formset": self}


def formset_factory(
    form: Any,
    formset: Any = BaseFormSet,
    extra: int = 1,
    can_order: bool = False,
    can_delete: bool = False,
    max_num: int | None = None,
    validate_max: bool = False,
    min_num: int | None = None,
    validate_min: bool = False,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    renderer: Any = None,
) -> type:
    """Return a FormSet class for the given form class."""
    if min_num is None:
        min_num = DEFAULT_MIN_NUM
    if max_num is None:
        max_num = DEFAULT_MAX_NUM
    if absolute_max is None:
        absolute_max = max_num + DEFAULT_MAX_NUM
    if max_num > absolute_max:
        raise ValueError("'absolute_max' must be greater or equal to 'max_num'.")
    attrs = {
        "form": form,
        "extra": extra,
        "can_order": can_order,
        "can_delete": can_delete,
        "can_delete_extra": can_delete_extra,
        "min_num": min_num,
        "max_num": max_num,
        "absolute_max": absolute_max,
        "validate_min": validate_min,
        "validate_max": validate_max,
        "renderer": renderer,
    }
    return type(form.__name__ + "FormSet", (formset,), attrs)


def all_valid(formsets: Any) -> bool:
    """Validate every formset (no short-circuit, so each one gets its errors)."""
    return all([formset.is_valid() for formset in formsets])
