"""Hostile input: every field either cleans a value or raises ValidationError, nothing else."""

from __future__ import annotations

from pathlib import Path

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
    forms.TypedMultipleChoiceField(choices=[("1", "1"), ("2", "2")], coerce=int),
    forms.FilePathField(path=str(Path(forms.__file__).parent), match=r".*\.py$"),
    forms.ComboField(fields=[forms.CharField(max_length=20), forms.EmailField()]),
    forms.MultiValueField(fields=[forms.IntegerField(), forms.DateField()], require_all_fields=False),
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


HOSTILE_KEYS = st.one_of(
    HOSTILE,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from([str(2**63), str(-(2**63) - 1), str(2**31), str(2**64)]),  # just past column ranges
    st.sampled_from(["1; DROP TABLE x", "1 OR 1=1", "0x10", "-0", "1.0", " 1 ", "\u0661"]),
)


@pytest.fixture
def authors(connection, create_tables, monkeypatch):
    """Two authors on the database under test (ModelChoiceField queries go there)."""
    from django.db import router

    from .formsapp.models import Author, Book, Tag
    from .test_models import _Pin

    monkeypatch.setattr(router, "routers", [_Pin(connection.alias)])
    create_tables(Author, Tag, Book)
    return [Author.objects.create(name="Ann"), Author.objects.create(name="Bob")]


def test_model_choice_fields_refuse_hostile_keys_with_validation_error(authors):
    """Out-of-range integers, SQL-looking text, lists and odd digits never reach the caller as a
    database error: each value is a choice or a ValidationError, on every database."""
    from .formsapp.models import Author

    single = forms.ModelChoiceField(Author.objects.all())
    several = forms.ModelMultipleChoiceField(Author.objects.all())
    by_name = forms.ModelChoiceField(Author.objects.all(), to_field_name="name")

    @settings(max_examples=60, deadline=None)
    @given(value=HOSTILE_KEYS)
    def check(value):
        for field in (single, several, by_name):
            try:
                cleaned = field.clean(value)
            except ValidationError:
                continue
            chosen = list(cleaned) if field is several else [cleaned]
            assert all(isinstance(author, Author) for author in chosen)

    check()
    assert single.clean(str(authors[0].pk)) == authors[0]
    assert list(several.clean([str(a.pk) for a in authors])) == authors
    assert by_name.clean("Bob") == authors[1]


@pytest.mark.parametrize("key", [str(2**63), str(-(2**63) - 1), str(10**30)])
def test_keys_past_the_column_range_are_invalid_choices(authors, key):
    """Past a 64-bit column's range a key matches nothing: invalid_choice, not a driver error."""
    from .formsapp.models import Author

    with pytest.raises(ValidationError) as single:
        forms.ModelChoiceField(Author.objects.all()).clean(key)
    assert single.value.code == "invalid_choice"
    with pytest.raises(ValidationError) as several:
        forms.ModelMultipleChoiceField(Author.objects.all()).clean([str(authors[0].pk), key])
    assert several.value.code == "invalid_choice" and several.value.params == {"value": key}
