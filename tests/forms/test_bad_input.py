"""Hostile input: every field either cleans a value or raises ValidationError, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django import forms
from django.core.exceptions import ValidationError

FIELDS = [
    forms.CharField(max_length=10),
    forms.IntegerField(min_value=0),
    forms.FloatField(),
    forms.DecimalField(max_digits=5, decimal_places=2),
    forms.DateField(),
    forms.TimeField(),
    forms.DateTimeField(),
    forms.DurationField(),
    forms.EmailField(),
    forms.URLField(),
    forms.SlugField(),
    forms.RegexField(r"^[a-z]+$"),
    forms.UUIDField(),
    forms.GenericIPAddressField(),
    forms.BooleanField(),
    forms.NullBooleanField(),
    forms.ChoiceField(choices=[("a", "A")]),
    forms.TypedChoiceField(choices=[("1", "1")], coerce=int),
    forms.MultipleChoiceField(choices=[("a", "A")]),
    forms.JSONField(),
    forms.FileField(),
    forms.SplitDateTimeField(),
]

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="0123456789.-+eE:T ", max_size=40),
    st.lists(st.text(max_size=20), max_size=4),
    st.sampled_from(
        ["9" * 5000, "1e999999", "<script>alert(1)</script>", "\x00", "[" * 2000, "::ffff:999.1.1.1"]
    ),
    st.none(),
)


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: type(f).__name__)
@settings(max_examples=60, deadline=None)
@given(value=HOSTILE)
def test_field_raises_only_validation_error(field, value):
    """A field never lets any exception but ValidationError escape clean()."""
    try:
        field.clean(value)
    except ValidationError:
        pass


class Everything(forms.Form):
    text = forms.CharField(max_length=5)
    number = forms.IntegerField()
    when = forms.DateField()
    choice = forms.ChoiceField(choices=[("a", "A")])
    many = forms.MultipleChoiceField(choices=[("a", "A")], required=False)
    data = forms.JSONField(required=False)


@settings(max_examples=80, deadline=None)
@given(
    data=st.dictionaries(st.sampled_from(["text", "number", "when", "choice", "data"]), st.text(max_size=50))
)
def test_form_cleaned_data_holds_only_clean_values(data):
    """A form with hostile data validates without crashing, keeping only valid values in cleaned_data."""
    form = Everything(data)
    form.is_valid()
    for name, value in form.cleaned_data.items():
        assert name not in form.errors
        assert form.fields[name].clean(form.fields[name].widget.value_from_datadict(data, {}, name)) == value
    form.as_div()  # rendering invalid input never fails either
