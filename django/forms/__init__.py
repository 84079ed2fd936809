"""Django-compatible forms: fields, widgets, forms, formsets and ModelForm."""

from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField, BoundWidget
from django.forms.fields import *  # noqa: F403
from django.forms.forms import BaseForm, Form
from django.forms.formsets import BaseFormSet, all_valid, formset_factory
from django.forms.models import (
    BaseInlineFormSet,
    BaseModelForm,
    BaseModelFormSet,
    ModelChoiceField,
    ModelChoiceIterator,
    ModelChoiceIteratorValue,
    ModelForm,
    ModelMultipleChoiceField,
    fields_for_model,
    inlineformset_factory,
    model_to_dict,
    modelform_factory,
    modelformset_factory,
)
from django.forms.widgets import *  # noqa: F403

__all__ = [
    "ValidationError", "BoundField", "BoundWidget", "BaseForm", "Form", "BaseFormSet", "all_valid",
    "formset_factory", "BaseInlineFormSet", "BaseModelForm", "BaseModelFormSet", "ModelChoiceField",
    "ModelChoiceIterator", "ModelChoiceIteratorValue", "ModelForm", "ModelMultipleChoiceField",
    "fields_for_model", "inlineformset_factory", "model_to_dict", "modelform_factory", "modelformset_factory",
]  # fmt: skip
