"""Field options, deconstruct(), to_python(), clean() and related behaviour of every field type."""

import datetime
import decimal
import uuid

import pytest

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.base import NOT_PROVIDED


def messages(excinfo):
    return [str(m) for m in excinfo.value.messages]


# -- deconstruct ------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, path, kwargs",
    [
        (models.CharField(max_length=10), "django.db.models.CharField", {"max_length": 10}),
        (
            models.CharField(max_length=10, null=True, blank=True, db_column="c", db_comment="note"),
            "django.db.models.CharField",
            {"max_length": 10, "null": True, "blank": True, "db_column": "c", "db_comment": "note"},
        ),
        (
            models.CharField(max_length=5, db_collation="C"),
            "django.db.models.CharField",
            {"max_length": 5, "db_collation": "C"},
        ),
        (models.TextField(), "django.db.models.TextField", {}),
        (
            models.IntegerField(default=3, unique=True),
            "django.db.models.IntegerField",
            {"default": 3, "unique": True},
        ),
        (models.BigAutoField(primary_key=True), "django.db.models.BigAutoField", {"primary_key": True}),
        (models.AutoField(primary_key=True), "django.db.models.AutoField", {"primary_key": True}),
        (models.SlugField(), "django.db.models.SlugField", {}),
        (
            models.SlugField(max_length=20, db_index=False),
            "django.db.models.SlugField",
            {"max_length": 20, "db_index": False},
        ),
        (models.EmailField(), "django.db.models.EmailField", {"max_length": 254}),
        (models.URLField(), "django.db.models.URLField", {}),
        (models.URLField(max_length=300), "django.db.models.URLField", {"max_length": 300}),
        (
            models.DecimalField(max_digits=5, decimal_places=2),
            "django.db.models.DecimalField",
            {"max_digits": 5, "decimal_places": 2},
        ),
        (models.DateField(auto_now=True), "django.db.models.DateField", {"auto_now": True}),
        (models.DateTimeField(auto_now_add=True), "django.db.models.DateTimeField", {"auto_now_add": True}),
        (models.TimeField(), "django.db.models.TimeField", {}),
        (models.UUIDField(), "django.db.models.UUIDField", {}),
        (models.BinaryField(), "django.db.models.BinaryField", {}),
        (models.BinaryField(editable=True), "django.db.models.BinaryField", {"editable": True}),
        (
            models.GenericIPAddressField(protocol="ipv4"),
            "django.db.models.GenericIPAddressField",
            {"protocol": "ipv4"},
        ),
        (
            models.FilePathField(path="/tmp", match=r".*\.txt"),
            "django.db.models.FilePathField",
            {"path": "/tmp", "match": r".*\.txt"},
        ),
        (models.FileField(upload_to="docs/"), "django.db.models.FileField", {"upload_to": "docs/"}),
        (models.JSONField(default=dict), "django.db.models.JSONField", {"default": dict}),
        (models.BooleanField(default=True), "django.db.models.BooleanField", {"default": True}),
        (
            models.PositiveSmallIntegerField(verbose_name="size"),
            "django.db.models.PositiveSmallIntegerField",
            {"verbose_name": "size"},
        ),
        (models.IntegerField(db_default=7), "django.db.models.IntegerField", {"db_default": 7}),
        (
            models.CharField(max_length=1, choices=[("a", "A")]),
            "django.db.models.CharField",
            {"max_length": 1, "choices": [("a", "A")]},
        ),
    ],
)
def test_deconstruct_uses_public_path_and_omits_defaults(field, path, kwargs):
    name, got_path, args, got_kwargs = field.deconstruct()
    assert name is None
    assert got_path == path
    assert args == []
    assert got_kwargs == kwargs


def test_deconstruct_round_trip_builds_equal_definition():
    field = models.DecimalField("price", max_digits=7, decimal_places=3, null=True, help_text="h")
    _, path, args, kwargs = field.deconstruct()
    clone = models.DecimalField(*args, **kwargs)
    assert clone.deconstruct()[1:] == field.deconstruct()[1:]


def test_deconstruct_of_foreign_keys_and_m2m():
    from tests.db.models.app_models.models import Book, Restaurant

    _, path, _, kwargs = Book._meta.get_field("author").deconstruct()
    assert path == "django.db.models.ForeignKey"
    assert kwargs == {"on_delete": models.CASCADE, "related_name": "books", "to": "model_tests.author"}
    _, _, _, kwargs = Book._meta.get_field("publisher").deconstruct()
    assert kwargs["to_field"] == "code"
    assert kwargs["null"] is True
    _, path, _, kwargs = Book._meta.get_field("tags").deconstruct()
    assert path == "django.db.models.ManyToManyField"
    assert kwargs == {"blank": True, "to": "model_tests.tag"}
    _, path, _, kwargs = Restaurant._meta.get_field("place_ptr").deconstruct()
    assert path == "django.db.models.OneToOneField"
    assert kwargs["parent_link"] is True and kwargs["primary_key"] is True and kwargs["auto_created"] is True
    assert "unique" not in kwargs


def test_set_on_delete_deconstructs():
    handler = models.SET(5)
    assert handler.deconstruct() == ("django.db.models.SET", (5,), {})


def test_string_references_lowercase_the_model_name_in_deconstruct():
    field = models.ForeignKey("OtherApp.SomeModel", models.PROTECT)
    assert field.deconstruct()[3]["to"] == "OtherApp.somemodel"


# -- to_python / validation -------------------------------------------------------------


def test_integer_to_python_and_invalid_message():
    field = models.IntegerField()
    assert field.to_python("12") == 12
    with pytest.raises(ValidationError) as exc:
        field.to_python("abc")
    assert messages(exc) == ["“abc” value must be an integer."]


def test_integer_get_prep_value_names_the_field():
    field = models.IntegerField(name="count")
    with pytest.raises(ValueError, match="Field 'count' expected a number but got 'x'"):
        field.get_prep_value("x")


def test_boolean_to_python_accepts_common_spellings():
    field = models.BooleanField()
    assert [field.to_python(v) for v in (True, 1, "t", "True", "1")] == [True] * 5
    assert [field.to_python(v) for v in (False, 0, "f", "False", "0")] == [False] * 5
    with pytest.raises(ValidationError) as exc:
        field.to_python("maybe")
    assert messages(exc) == ["“maybe” value must be either True or False."]
    assert models.BooleanField(null=True).to_python(None) is None


def test_decimal_to_python():
    field = models.DecimalField(max_digits=5, decimal_places=2)
    assert field.to_python("1.50") == decimal.Decimal("1.50")
    assert field.to_python(1.1) == decimal.Decimal("1.1")
    for bad in ("x", "nan", "inf"):
        with pytest.raises(ValidationError):
            field.to_python(bad)


def test_decimal_clean_checks_digits():
    field = models.DecimalField(max_digits=4, decimal_places=2)
    with pytest.raises(ValidationError) as exc:
        field.clean("123.45", None)
    assert messages(exc) == ["Ensure that there are no more than 4 digits in total."]
    with pytest.raises(ValidationError) as exc:
        field.clean("123.4", None)
    assert messages(exc) == ["Ensure that there are no more than 2 digits before the decimal point."]


def test_float_to_python():
    assert models.FloatField().to_python("1.5") == 1.5
    with pytest.raises(ValidationError):
        models.FloatField().to_python("one")


def test_char_and_text_to_python_stringify():
    assert models.CharField(max_length=3).to_python(12) == "12"
    assert models.TextField().to_python(None) is None


def test_char_clean_enforces_max_length():
    field = models.CharField(max_length=3)
    with pytest.raises(ValidationError) as exc:
        field.clean("abcd", None)
    assert messages(exc) == ["Ensure this value has at most 3 characters (it has 4)."]


def test_date_field_to_python():
    field = models.DateField()
    assert field.to_python("2024-02-29") == datetime.date(2024, 2, 29)
    with pytest.raises(ValidationError) as exc:
        field.to_python("2023-02-30")
    assert exc.value.code == "invalid_date"
    with pytest.raises(ValidationError) as exc:
        field.to_python("yesterday")
    assert exc.value.code == "invalid"


def test_datetime_field_to_python_and_naive_warning():
    field = models.DateTimeField()
    value = field.to_python("2024-01-02 03:04:05")
    assert value == datetime.datetime(2024, 1, 2, 3, 4, 5)
    with pytest.warns(RuntimeWarning, match="received a naive datetime"):
        prepared = field.get_prep_value(value)
    assert prepared.tzinfo is not None
    with pytest.raises(ValidationError) as exc:
        field.to_python("2024-01-02 25:00")
    assert exc.value.code in ("invalid", "invalid_datetime")


def test_time_and_duration_to_python():
    assert models.TimeField().to_python("10:30") == datetime.time(10, 30)
    assert models.DurationField().to_python("1 02:00:00") == datetime.timedelta(days=1, hours=2)
    with pytest.raises(ValidationError):
        models.DurationField().to_python("soon")


def test_uuid_to_python():
    field = models.UUIDField()
    value = uuid.uuid4()
    assert field.to_python(str(value)) == value
    assert field.to_python(value.int) == value
    with pytest.raises(ValidationError) as exc:
        field.to_python("not-a-uuid")
    assert messages(exc) == ["“not-a-uuid” is not a valid UUID."]


def test_generic_ip_normalises_ipv6():
    field = models.GenericIPAddressField()
    assert field.to_python(" 2001:0::0:01 ") == "2001::1"
    field = models.GenericIPAddressField(unpack_ipv4=True)
    assert field.to_python("::ffff:10.10.10.10") == "10.10.10.10"


def test_email_and_url_validation():
    with pytest.raises(ValidationError):
        models.EmailField().clean("not an email", None)
    with pytest.raises(ValidationError):
        models.URLField().clean("nope", None)
    assert models.URLField().clean("https://example.com", None) == "https://example.com"


def test_slug_validation():
    with pytest.raises(ValidationError):
        models.SlugField().clean("no spaces", None)
    assert models.SlugField(allow_unicode=True).clean("café", None) == "café"


def test_validate_null_blank_and_choices():
    field = models.CharField(max_length=5, choices=[("a", "A"), ("Group", [("b", "B")])])
    assert field.clean("b", None) == "b"
    with pytest.raises(ValidationError) as exc:
        field.clean("z", None)
    assert messages(exc) == ["Value 'z' is not a valid choice."]
    with pytest.raises(ValidationError) as exc:
        models.IntegerField().clean(None, None)
    assert messages(exc) == ["This field cannot be null."]
    with pytest.raises(ValidationError) as exc:
        models.CharField(max_length=3).clean("", None)
    assert messages(exc) == ["This field cannot be blank."]


def test_custom_error_messages_and_validators():
    def no_sevens(value):
        if "7" in str(value):
            raise ValidationError("no sevens", code="seven")

    field = models.IntegerField(validators=[no_sevens], error_messages={"null": "Give me a number"})
    with pytest.raises(ValidationError) as exc:
        field.clean(77, None)
    assert messages(exc) == ["no sevens"]
    with pytest.raises(ValidationError) as exc:
        field.clean(None, None)
    assert messages(exc) == ["Give me a number"]


def test_integer_range_validators_come_from_the_database():
    from django.db import connection

    low, high = connection.ops.integer_field_range("BigIntegerField")
    field = models.BigIntegerField()
    with pytest.raises(ValidationError):
        field.clean(high + 1, None)
    with pytest.raises(ValidationError):
        field.clean(low - 1, None)


def test_defaults():
    assert models.CharField(max_length=3).get_default() == ""
    assert models.CharField(max_length=3, null=True).get_default() is None
    assert models.IntegerField().get_default() is None
    assert models.IntegerField(default=4).get_default() == 4
    assert models.IntegerField(default=lambda: 9).get_default() == 9
    assert models.BinaryField().get_default() == b""
    assert models.IntegerField().default is NOT_PROVIDED


def test_choices_from_mapping_callable_and_enum():
    assert models.CharField(max_length=1, choices={"a": "A", "b": "B"}).choices == [("a", "A"), ("b", "B")]
    calls = []

    def choices():
        calls.append(1)
        return [("x", "X")]

    field = models.CharField(max_length=1, choices=choices)
    assert list(field.choices) == [("x", "X")]
    assert field.deconstruct()[3]["choices"] is choices
    grouped = models.CharField(max_length=1, choices={"G": {"a": "A"}, "b": "B"})
    assert grouped.flatchoices == [("a", "A"), ("b", "B")]


def test_get_choices_adds_blank_dash():
    field = models.CharField(max_length=1, choices=[("a", "A")])
    assert field.get_choices() == [("", "---------"), ("a", "A")]
    assert field.get_choices(include_blank=False) == [("a", "A")]


def test_field_ordering_and_identity():
    a, b = models.IntegerField(), models.IntegerField()
    assert a < b
    assert a != b
    assert sorted([b, a]) == [a, b]


def test_repr_and_str():
    from tests.db.models.app_models.models import Author

    field = Author._meta.get_field("name")
    assert repr(field) == "<django.db.models.fields.CharField: name>"
    assert str(field) == "model_tests.Author.name"
    assert repr(models.IntegerField()) == "<django.db.models.fields.IntegerField>"


def test_attname_and_column():
    from tests.db.models.app_models.models import Book

    fk = Book._meta.get_field("author")
    assert (fk.attname, fk.column) == ("author_id", "author_id")
    assert fk.get_attname_column() == ("author_id", "author_id")
    assert Book._meta.get_field("title").verbose_name == "title"


def test_value_to_string_and_from_object():
    from tests.db.models.app_models.models import Everything

    obj = Everything(day=datetime.date(2020, 1, 2), span=datetime.timedelta(hours=1), blob=b"\x00\x01")
    assert Everything._meta.get_field("day").value_to_string(obj) == "2020-01-02"
    assert Everything._meta.get_field("span").value_to_string(obj) == "01:00:00"
    assert Everything._meta.get_field("blob").value_to_string(obj) == "AAE="
    assert bytes(Everything._meta.get_field("blob").to_python("AAE=")) == b"\x00\x01"


def test_json_field_validation_and_encoder_checks():
    field = models.JSONField()
    with pytest.raises(ValidationError) as exc:
        field.clean({"a": object()}, None)
    assert messages(exc) == ["Value must be valid JSON."]
    with pytest.raises(ValueError, match="The encoder parameter must be a callable object."):
        models.JSONField(encoder=1)
    with pytest.raises(ValueError, match="The decoder parameter must be a callable object."):
        models.JSONField(decoder=1)


def test_auto_now_fields_are_not_editable():
    field = models.DateTimeField(auto_now=True)
    assert field.editable is False and field.blank is True


def test_foreign_key_argument_errors():
    with pytest.raises(TypeError, match="First parameter to ForeignKey must be either a model"):
        models.ForeignKey(1, models.CASCADE)
    with pytest.raises(TypeError, match="on_delete must be callable."):
        models.ForeignKey("a.B", on_delete=None)
    with pytest.raises(ValueError, match="Cannot specify a db_table if an intermediary model is used."):
        models.ManyToManyField("a.B", through="a.C", db_table="x")


def test_auto_field_isinstance_covers_big_and_small():
    assert isinstance(models.BigAutoField(primary_key=True), models.AutoField)
    assert issubclass(models.SmallAutoField, models.AutoField)
    assert not isinstance(models.IntegerField(), models.AutoField)


def test_generated_and_composite_argument_errors():
    with pytest.raises(ValueError, match="GeneratedField.db_persist must be True or False."):
        models.GeneratedField(expression=models.F("a"), output_field=models.IntegerField())
    with pytest.raises(ValueError, match="CompositePrimaryKey must include at least two fields."):
        models.CompositePrimaryKey("a")
    with pytest.raises(ValueError, match="CompositePrimaryKey args must be unique strings."):
        models.CompositePrimaryKey("a", "a")


@pytest.mark.parametrize(
    "field_class",
    [models.PositiveSmallIntegerField, models.PositiveIntegerField, models.PositiveBigIntegerField],
)
def test_positive_integer_fields_refuse_negatives_on_every_backend(field_class, connection):
    field = field_class()
    low, high = field.integer_range(connection)
    assert low == 0
    assert high >= 32767
    with pytest.raises(ValidationError) as exc:
        field.clean(-1, None)
    assert exc.value.messages == ["Ensure this value is greater than or equal to 0."]
    assert field.clean(0, None) == 0
