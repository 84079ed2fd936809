"""Field cleaning: values accepted, normalised values, and documented error codes/messages."""

from __future__ import annotations

import datetime
import decimal
import uuid

import pytest

from django import forms
from django.core.exceptions import ValidationError


def error_of(field, value):
    with pytest.raises(ValidationError) as info:
        field.clean(value)
    return info.value


CLEAN_CASES = [
    (forms.CharField(), "  hi  ", "hi"),
    (forms.CharField(strip=False), "  hi ", "  hi "),
    (forms.CharField(required=False), "", ""),
    (forms.CharField(required=False, empty_value=None), "", None),
    (forms.IntegerField(), "42", 42),
    (forms.IntegerField(), " 7.0 ", 7),
    (forms.IntegerField(required=False), "", None),
    (forms.FloatField(), "1.5", 1.5),
    (forms.DecimalField(max_digits=4, decimal_places=2), "12.34", decimal.Decimal("12.34")),
    (forms.DateField(), "2024-02-29", datetime.date(2024, 2, 29)),
    (forms.DateField(input_formats=["%d/%m/%Y"]), "01/02/2024", datetime.date(2024, 2, 1)),
    (forms.TimeField(), "13:45", datetime.time(13, 45)),
    (forms.DurationField(), "1 02:03:04", datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)),
    (forms.EmailField(), " a@example.com ", "a@example.com"),
    (forms.URLField(), "example.com", "https://example.com"),
    (forms.URLField(assume_scheme="http"), "example.com/x", "http://example.com/x"),
    (forms.SlugField(), "a-slug_1", "a-slug_1"),
    (forms.RegexField(r"^\d+$"), "123", "123"),
    (forms.UUIDField(), "12345678123456781234567812345678", uuid.UUID("12345678123456781234567812345678")),
    (forms.GenericIPAddressField(), "2001:0db8::0001", "2001:db8::1"),
    (forms.GenericIPAddressField(unpack_ipv4=True), "::ffff:10.0.0.1", "10.0.0.1"),
    (forms.BooleanField(), "on", True),
    (forms.BooleanField(required=False), "false", False),
    (forms.NullBooleanField(), "unknown", None),
    (forms.NullBooleanField(), "true", True),
    (forms.ChoiceField(choices=[("a", "A"), ("g", [("b", "B")])]), "b", "b"),
    (forms.TypedChoiceField(choices=[(1, "one")], coerce=int), "1", 1),
    (forms.TypedChoiceField(choices=[(1, "one")], coerce=int, required=False, empty_value=None), "", None),
    (forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")]), ["a", "b"], ["a", "b"]),
    (forms.TypedMultipleChoiceField(choices=[(1, "1"), (2, "2")], coerce=int), ["1", "2"], [1, 2]),
    (forms.JSONField(), '{"a": [1, null]}', {"a": [1, None]}),
    (
        forms.ComboField(fields=[forms.CharField(max_length=20), forms.EmailField()]),
        "x@example.com",
        "x@example.com",
    ),
]


@pytest.mark.parametrize(("field", "value", "expected"), CLEAN_CASES, ids=lambda x: type(x).__name__)
def test_clean_normalises_valid_input(field, value, expected):
    """Each field turns valid submitted text into its documented Python value."""
    assert field.clean(value) == expected


ERROR_CASES = [
    (forms.CharField(), "", "required", "This field is required."),
    (
        forms.CharField(max_length=3),
        "abcd",
        "max_length",
        "Ensure this value has at most 3 characters (it has 4).",
    ),
    (
        forms.CharField(min_length=3),
        "ab",
        "min_length",
        "Ensure this value has at least 3 characters (it has 2).",
    ),
    (forms.CharField(), "a\x00b", "null_characters_not_allowed", "Null characters are not allowed."),
    (forms.IntegerField(), "1.5", "invalid", "Enter a whole number."),
    (forms.IntegerField(max_value=10), "11", "max_value", "Ensure this value is less than or equal to 10."),
    (forms.IntegerField(min_value=1), "0", "min_value", "Ensure this value is greater than or equal to 1."),
    (forms.IntegerField(step_size=5), "7", "step_size", "Ensure this value is a multiple of step size 5."),
    (forms.FloatField(), "abc", "invalid", "Enter a number."),
    (forms.FloatField(), "inf", "invalid", "Enter a number."),
    (forms.DecimalField(), "NaN", "invalid", "Enter a number."),
    (
        forms.DecimalField(max_digits=3),
        "1234",
        "max_digits",
        "Ensure that there are no more than 3 digits in total.",
    ),
    (
        forms.DecimalField(decimal_places=1),
        "1.25",
        "max_decimal_places",
        "Ensure that there are no more than 1 decimal place.",
    ),
    (forms.DateField(), "2023-02-30", "invalid", "Enter a valid date."),
    (forms.TimeField(), "25:00", "invalid", "Enter a valid time."),
    (forms.DateTimeField(), "yesterday", "invalid", "Enter a valid date/time."),
    (forms.DurationField(), "soon", "invalid", "Enter a valid duration."),
    (forms.EmailField(), "not-an-email", "invalid", "Enter a valid email address."),
    (forms.URLField(), "http://", "invalid", "Enter a valid URL."),
    (
        forms.SlugField(),
        "no spaces",
        "invalid",
        "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
    ),
    (forms.UUIDField(), "xyz", "invalid", "Enter a valid UUID."),
    (forms.GenericIPAddressField(protocol="ipv4"), "::1", "invalid", "Enter a valid IPv4 address."),
    (forms.BooleanField(), "", "required", "This field is required."),
    (
        forms.ChoiceField(choices=[("a", "A")]),
        "z",
        "invalid_choice",
        "Select a valid choice. z is not one of the available choices.",
    ),
    (forms.MultipleChoiceField(choices=[("a", "A")]), "a", "invalid_list", "Enter a list of values."),
    (
        forms.MultipleChoiceField(choices=[("a", "A")]),
        ["a", "q"],
        "invalid_choice",
        "Select a valid choice. q is not one of the available choices.",
    ),
    (
        forms.TypedChoiceField(choices=[("x", "x")], coerce=int),
        "x",
        "invalid_choice",
        "Select a valid choice. x is not one of the available choices.",
    ),
    (forms.JSONField(), "{bad", "invalid", "Enter a valid JSON."),
    (forms.RegexField(r"^\d+$"), "12a", "invalid", "Enter a valid value."),
]


@pytest.mark.parametrize(("field", "value", "code", "message"), ERROR_CASES, ids=lambda x: type(x).__name__)
def test_clean_rejects_with_documented_code_and_message(field, value, code, message):
    """Invalid input raises ValidationError with Django's code and wording."""
    error = error_of(field, value)
    assert [e.code for e in error.error_list][0] == code
    assert error.messages == [message]


def test_custom_error_messages_override_by_code():
    """error_messages replaces the message of a given code, validator codes included."""
    field = forms.CharField(max_length=2, error_messages={"required": "Need it", "max_length": "Too long!"})
    assert error_of(field, "").messages == ["Need it"]
    assert error_of(field, "abc").messages == ["Too long!"]


def test_run_validators_collects_every_validator_error():
    """All validators run and every message is reported, not just the first."""

    def no_a(value):
        if "a" in value:
            raise ValidationError("no a", code="no_a")

    def no_b(value):
        if "b" in value:
            raise ValidationError("no b", code="no_b")

    field = forms.CharField(validators=[no_a, no_b])
    assert error_of(field, "ab").messages == ["no a", "no b"]


def test_datetime_field_accepts_iso_and_makes_aware():
    """DateTimeField parses ISO 8601 (with T and offsets) and returns aware datetimes under USE_TZ."""
    field = forms.DateTimeField()
    value = field.clean("2024-05-01T10:20:30+02:00")
    assert value == datetime.datetime(2024, 5, 1, 8, 20, 30, tzinfo=datetime.UTC)
    naive = field.clean("2024-05-01 10:20")
    assert naive.tzinfo is not None and naive.hour == 10


def test_split_datetime_field_combines_and_reports_parts():
    """SplitDateTimeField combines a date and a time, and names the invalid part."""
    field = forms.SplitDateTimeField()
    assert field.clean(["2024-01-02", "03:04"]).hour == 3
    assert error_of(field, ["2024-01-02", "xx"]).messages == ["Enter a valid time."]
    assert error_of(field, ["", ""]).messages == ["This field is required."]
    assert error_of(field, "2024").messages == ["Enter a list of values."]


def test_multivalue_field_require_all_fields_false_reports_incomplete():
    """With require_all_fields=False, a missing required sub-value gives 'Enter a complete value.'."""

    class Pair(forms.MultiValueField):
        def __init__(self, **kwargs):
            super().__init__(
                fields=(forms.CharField(), forms.CharField(required=False)),
                require_all_fields=False,
                **kwargs,
            )

        def compress(self, data_list):
            return "|".join(data_list)

    field = Pair()
    assert field.clean(["a", ""]) == "a|"
    assert error_of(field, ["", "b"]).messages == ["Enter a complete value."]


def test_file_field_checks_name_size_and_contradiction():
    """FileField: empty files, over-long names, non-files and the clear-and-upload contradiction."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    field = forms.FileField(max_length=5)
    assert error_of(field, SimpleUploadedFile("a.txt", b"")).messages == ["The submitted file is empty."]
    assert error_of(field, SimpleUploadedFile("longname.txt", b"x")).messages == [
        "Ensure this filename has at most 5 characters (it has 12)."
    ]
    assert error_of(field, "not a file").messages == [
        "No file was submitted. Check the encoding type on the form."
    ]
    upload = SimpleUploadedFile("a.txt", b"x")
    assert field.clean(upload) is upload
    from django.forms.widgets import FILE_INPUT_CONTRADICTION

    assert error_of(field, FILE_INPUT_CONTRADICTION).messages == [
        "Please either submit a file or check the clear checkbox, not both."
    ]
    assert forms.FileField(required=False).clean(False) is False
    assert field.clean(None, "existing.txt") == "existing.txt"


def test_file_path_field_lists_matching_files(tmp_path):
    """FilePathField offers the files under path that match the regex."""
    (tmp_path / "a.py").write_text("")
    (tmp_path / "b.txt").write_text("")
    (tmp_path / "sub").mkdir()
    field = forms.FilePathField(path=str(tmp_path), match=r"\.py$")
    assert [label for _v, label in field.choices] == ["a.py"]
    assert field.clean(str(tmp_path / "a.py")) == str(tmp_path / "a.py")
    folders = forms.FilePathField(path=str(tmp_path), allow_files=False, allow_folders=True)
    assert [label for _v, label in folders.choices] == ["sub"]


def test_has_changed_compares_python_values():
    """has_changed converts the submitted data before comparing with the initial value."""
    assert not forms.IntegerField().has_changed(1, "1")
    assert forms.IntegerField().has_changed(1, "2")
    assert not forms.CharField(disabled=True).has_changed("a", "b")
    assert not forms.MultipleChoiceField().has_changed(["a", "b"], ["b", "a"])
    assert not forms.JSONField().has_changed({"a": 1, "b": 2}, '{"b": 2, "a": 1}')
    assert forms.BooleanField().has_changed(False, "on")


def test_widget_attrs_reflect_field_options():
    """Field options become HTML attributes: maxlength/minlength, min/max/step, accept."""
    assert forms.CharField(max_length=5, min_length=2).widget.attrs == {"maxlength": "5", "minlength": "2"}
    assert forms.IntegerField(min_value=1, max_value=9, step_size=2).widget.attrs == {
        "min": 1,
        "max": 9,
        "step": 2,
    }
    assert forms.DecimalField(decimal_places=2).widget.attrs == {"step": "0.01"}
    assert forms.FloatField().widget.attrs == {"step": "any"}
    assert forms.ImageField().widget.attrs == {"accept": "image/*"}


def test_callable_choices_are_evaluated_lazily():
    """Choices given as a callable are read again on each iteration."""
    options = [("a", "A")]
    field = forms.ChoiceField(choices=lambda: list(options))
    options.append(("b", "B"))
    assert field.clean("b") == "b"


def test_json_field_bound_data_keeps_invalid_input():
    """Invalid JSON is shown back to the user as typed."""
    field = forms.JSONField()
    assert field.prepare_value(field.bound_data("{bad", None)) == "{bad"
    assert field.prepare_value({"a": "é"}) == '{"a": "é"}'
