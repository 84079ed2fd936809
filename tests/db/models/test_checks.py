"""System checks produced by Model.check() and Field.check() (ids and messages)."""

import pytest

from django.apps.registry import Apps
from django.db import models


@pytest.fixture
def registry():
    """A private app registry holding only the models a test defines."""
    return Apps(["tests.db.models.app_models"])


def define(registry, model_name, meta=None, **attrs):
    meta_attrs = {"app_label": "model_tests", "apps": registry, **(meta or {})}
    attrs["Meta"] = type("Meta", (), meta_attrs)
    attrs["__module__"] = "tests.db.models.test_checks"
    return type(model_name, (models.Model,), attrs)


def ids(errors):
    return [e.id for e in errors]


def field_errors(registry, field, **extra):
    model = define(registry, "Holder", field=field, **extra)
    return model._meta.get_field("field").check(databases=["default"])


def test_field_name_checks(registry):
    model = define(registry, "Names", bad_=models.IntegerField(), double__under=models.IntegerField())
    assert ids(model._meta.get_field("bad_").check()) == ["fields.E001"]
    assert ids(model._meta.get_field("double__under").check()) == ["fields.E002"]
    errors = model._meta.get_field("double__under").check()
    assert errors[0].msg == 'Field names must not contain "__".'


def test_charfield_max_length_checks(registry):
    # SQLite can't store unlimited varchar: max_length is required there.
    errors = field_errors(registry, models.CharField())
    assert ids(errors) == ["fields.E120"]
    assert errors[0].msg == "CharFields must define a 'max_length' attribute."


@pytest.mark.parametrize("value", [-1, 0, "10", 2.5, True])
def test_charfield_max_length_must_be_positive_int(registry, value):
    errors = field_errors(registry, models.CharField(max_length=value))
    assert ids(errors) == ["fields.E121"]
    assert errors[0].msg == "'max_length' must be a positive integer."


def test_decimal_field_checks(registry):
    assert ids(field_errors(registry, models.DecimalField(max_digits=5))) == ["fields.E130"]
    assert ids(
        field_errors(
            Apps(["tests.db.models.app_models"]), models.DecimalField(decimal_places=-1, max_digits=0)
        )
    ) == [
        "fields.E131",
        "fields.E133",
    ]
    assert ids(field_errors(Apps(["tests.db.models.app_models"]), models.DecimalField(decimal_places=2))) == [
        "fields.E132"
    ]
    errors = field_errors(
        Apps(["tests.db.models.app_models"]), models.DecimalField(decimal_places=3, max_digits=2)
    )
    assert ids(errors) == ["fields.E134"]
    assert errors[0].msg == "'max_digits' must be greater or equal to 'decimal_places'."


def test_choices_checks(registry):
    assert ids(field_errors(registry, models.CharField(max_length=2, choices="ab"))) == ["fields.E004"]
    assert ids(
        field_errors(
            Apps(["tests.db.models.app_models"]), models.CharField(max_length=2, choices=[(1, 2, 3)])
        )
    ) == ["fields.E005"]
    errors = field_errors(
        Apps(["tests.db.models.app_models"]), models.CharField(max_length=2, choices=[("abc", "A")])
    )
    assert ids(errors) == ["fields.E009"]
    assert errors[0].msg == "'max_length' is too small to fit the longest value in 'choices' (3 characters)."


def test_misc_field_checks(registry):
    assert ids(field_errors(registry, models.IntegerField(db_index="yes"))) == ["fields.E006"]
    assert ids(field_errors(Apps(["tests.db.models.app_models"]), models.IntegerField(max_length=3))) == [
        "fields.W122"
    ]
    assert ids(field_errors(Apps(["tests.db.models.app_models"]), models.IntegerField(validators=[1]))) == [
        "fields.E008"
    ]
    assert ids(
        field_errors(Apps(["tests.db.models.app_models"]), models.FilePathField(allow_files=False))
    ) == ["fields.E140"]
    assert ids(
        field_errors(Apps(["tests.db.models.app_models"]), models.GenericIPAddressField(blank=True))
    ) == ["fields.E150"]
    assert ids(field_errors(Apps(["tests.db.models.app_models"]), models.BinaryField(default="x"))) == [
        "fields.E170"
    ]
    assert ids(field_errors(Apps(["tests.db.models.app_models"]), models.JSONField(default={}))) == [
        "fields.E010"
    ]
    assert ids(field_errors(Apps(["tests.db.models.app_models"]), models.FileField(upload_to="/abs"))) == [
        "fields.E202"
    ]
    assert ids(
        field_errors(
            Apps(["tests.db.models.app_models"]), models.DateField(auto_now=True, default="2020-01-01")
        )
    ) == ["fields.E160"]


def test_auto_field_must_be_primary_key(registry):
    model = define(registry, "Auto", meta=None, id=models.BigAutoField(primary_key=True))
    field = models.AutoField()
    field.contribute_to_class  # noqa: B018 - just an unbound field
    assert ids(models.AutoField(primary_key=False)._check_primary_key()) == ["fields.E100"]
    assert model.check() == []


def test_primary_key_null(registry):
    errors = field_errors(registry, models.IntegerField(primary_key=True, null=True))
    assert ids(errors) == ["fields.E007"]


def test_on_delete_checks(registry):
    target = define(registry, "Target")
    a = define(registry, "A", t=models.ForeignKey(target, models.SET_NULL))
    b = define(registry, "B", t=models.ForeignKey(target, models.SET_DEFAULT))
    assert "fields.E320" in ids(a._meta.get_field("t").check())
    assert "fields.E321" in ids(b._meta.get_field("t").check())


def test_related_name_and_query_name_checks(registry):
    target = define(registry, "Target")
    model = define(
        registry,
        "Rel",
        a=models.ForeignKey(target, models.CASCADE, related_name="not valid"),
        b=models.ForeignKey(target, models.CASCADE, related_query_name="ends_"),
        c=models.ForeignKey(target, models.CASCADE, related_query_name="has__sep"),
    )
    assert "fields.E306" in ids(model._meta.get_field("a").check())
    assert "fields.E308" in ids(model._meta.get_field("b").check())
    assert "fields.E309" in ids(model._meta.get_field("c").check())


def test_reverse_accessor_clashes(registry):
    target = define(registry, "Target", clash_set=models.IntegerField())
    model = define(
        registry,
        "Clash",
        first=models.ForeignKey(target, models.CASCADE),
        second=models.ForeignKey(target, models.CASCADE),
    )
    errors = model._meta.get_field("first").check()
    assert "fields.E302" in ids(errors)
    assert "fields.E304" in ids(errors)
    assert "fields.E305" in ids(errors)
    e304 = next(e for e in errors if e.id == "fields.E304")
    assert e304.msg == (
        "Reverse accessor 'Target.clash_set' for 'model_tests.Clash.first' clashes with reverse accessor for "
        "'model_tests.Clash.second'."
    )


def test_reverse_query_name_clashes_with_field(registry):
    target = define(registry, "Target", owner=models.IntegerField())
    model = define(registry, "Owner", t=models.ForeignKey(target, models.CASCADE))
    errors = model._meta.get_field("t").check()
    assert "fields.E303" in ids(errors)


def test_relation_to_unknown_model(registry):
    model = define(registry, "Dangling", t=models.ForeignKey("model_tests.Nowhere", models.CASCADE))
    errors = model._meta.get_field("t").check()
    assert ids(errors) == ["fields.E300"]


def test_to_field_must_exist_and_be_unique(registry):
    target = define(registry, "Target", code=models.CharField(max_length=3))
    a = define(registry, "A", t=models.ForeignKey(target, models.CASCADE, to_field="missing"))
    b = define(registry, "B", t=models.ForeignKey(target, models.CASCADE, to_field="code"))
    assert "fields.E312" in ids(a._meta.get_field("t").check())
    errors = b._meta.get_field("t").check()
    assert ids(errors) == ["fields.E311"]
    assert (
        errors[0].msg == "'model_tests.Target.code' must be unique because it is referenced by a foreign key."
    )


def test_unique_foreign_key_warns(registry):
    target = define(registry, "Target")
    model = define(registry, "A", t=models.ForeignKey(target, models.CASCADE, unique=True))
    assert ids(model._meta.get_field("t").check()) == ["fields.W342"]


def test_m2m_checks(registry):
    target = define(registry, "Target")
    model = define(
        registry,
        "M",
        a=models.ManyToManyField(target, unique=True, related_name="+"),
        b=models.ManyToManyField(target, null=True, related_name="b+"),
    )
    assert "fields.E330" in ids(model._meta.get_field("a").check())
    assert "fields.W340" in ids(model._meta.get_field("b").check())


def test_model_checks_id_and_pk(registry):
    model = define(registry, "IdField", id=models.IntegerField())
    assert "models.E004" in ids(model.check())
    model = define(
        registry, "TwoPks", a=models.IntegerField(primary_key=True), b=models.IntegerField(primary_key=True)
    )
    assert "models.E026" in ids(model.check())


def test_model_name_checks(registry):
    assert "models.E023" in ids(define(registry, "_Under").check())
    assert "models.E024" in ids(define(registry, "Dou__ble").check())


def test_ordering_checks(registry):
    target = define(registry, "Target", name=models.CharField(max_length=3))
    ok = define(
        registry,
        "Ok",
        meta={"ordering": ["-t__name", "?", "pk", "t_id"]},
        t=models.ForeignKey(target, models.CASCADE),
    )
    assert ok.check() == []
    bad = define(
        registry,
        "Bad",
        meta={"ordering": ["nope", "t__missing"]},
        t=models.ForeignKey(target, models.CASCADE),
    )
    errors = [e for e in bad.check() if e.id == "models.E015"]
    assert [e.msg for e in errors] == [
        "'ordering' refers to the nonexistent field, related field, or lookup 't__missing'.",
        "'ordering' refers to the nonexistent field, related field, or lookup 'nope'.",
    ]
    assert "models.E014" in ids(
        define(registry, "Str", meta={"ordering": "name"}, name=models.IntegerField()).check()
    )


def test_unique_together_checks(registry):
    assert "models.E010" in ids(
        define(registry, "U1", meta={"unique_together": 1}, a=models.IntegerField()).check()
    )
    assert "models.E012" in ids(
        define(registry, "U2", meta={"unique_together": [("a", "zzz")]}, a=models.IntegerField()).check()
    )
    target = define(registry, "T")
    model = define(
        registry,
        "U3",
        meta={"unique_together": [("a", "m")]},
        a=models.IntegerField(),
        m=models.ManyToManyField(target),
    )
    assert "models.E013" in ids(model.check())


def test_field_clash_and_column_clash(registry):
    model = define(
        registry, "Cols", a=models.IntegerField(db_column="x"), b=models.IntegerField(db_column="x")
    )
    errors = [e for e in model.check() if e.id == "models.E007"]
    assert errors[0].msg == "Field 'b' has column name 'x' that is used by another field."


def test_property_clashes_with_accessor(registry):
    target = define(registry, "T")
    model = define(registry, "P", fk=models.ForeignKey(target, models.CASCADE))
    # Overriding the attname descriptor afterwards hides the raw value.
    model.fk_id = property(lambda self: 1)
    model._meta._expire_cache()
    assert "models.E025" in ids(model.check())


def test_proxy_with_fields_and_index_names(registry):
    base = define(registry, "Base")
    with pytest.raises(Exception):
        define(registry, "BadProxy", meta={"proxy": True})  # no concrete base
    index_model = define(
        registry,
        "Idx",
        meta={
            "indexes": [models.Index(fields=["a"], name="_bad"), models.Index(fields=["a"], name="x" * 31)]
        },
        a=models.IntegerField(),
    )
    assert {"models.E033", "models.E034"} <= set(ids(index_model.check()))
    assert base.check() == []


def test_test_app_models_pass_all_checks():
    from django.apps import apps

    errors = []
    for model in apps.get_app_config("model_tests").get_models():
        errors.extend(model.check(databases=["default"]))
    assert [e for e in errors if e.id != "fields.E210"] == []


def test_default_auto_field_warning(registry):
    from django.apps.config import AppConfig

    class PlainConfig(AppConfig):
        name = "tests.db.models.app_models"
        label = "plain_models"

    plain = Apps(
        [PlainConfig("tests.db.models.app_models", __import__("tests.db.models.app_models", fromlist=["x"]))]
    )
    model = type(
        "Auto",
        (models.Model,),
        {"__module__": __name__, "Meta": type("Meta", (), {"app_label": "plain_models", "apps": plain})},
    )
    errors = [e for e in model.check() if e.id == "models.W042"]
    if errors:  # only when DEFAULT_AUTO_FIELD isn't set explicitly in settings
        assert "Auto-created primary key used when not defining a primary key type" in errors[0].msg
    assert isinstance(model._meta.pk, models.BigAutoField)


def test_swappable_foreign_key_deconstructs_to_setting(registry):
    from django.conf import SettingsReference, settings

    target = define(registry, "Member", meta={"swappable": "TEST_MEMBER_MODEL"})
    field = models.ForeignKey(target, models.CASCADE)
    define(registry, "Post", author=field)
    had = hasattr(settings, "TEST_MEMBER_MODEL")
    _, _, _, kwargs = field.deconstruct()
    assert kwargs["to"] == "model_tests.member"
    assert isinstance(kwargs["to"], SettingsReference)
    assert kwargs["to"].setting_name == "TEST_MEMBER_MODEL"
    assert not had


def test_bound_field_pickles_by_reference():
    import pickle

    from tests.db.models.app_models.models import Book

    field = Book._meta.get_field("title")
    assert pickle.loads(pickle.dumps(field)) is field
    unbound = models.CharField(max_length=3)
    clone = pickle.loads(pickle.dumps(unbound))
    assert clone.max_length == 3 and clone is not unbound
