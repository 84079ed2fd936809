"""Managers: custom managers, from_queryset(), as_manager(), deconstruct(), default and base managers."""

import pytest

from django.apps.registry import Apps
from django.db import models
from tests.db.models.app_models.models import Author, AuthorProxy, Book


class TitledQuerySet(models.QuerySet):
    def titled(self, prefix):
        return self.filter(name__startswith=prefix)

    def _private(self):
        return "hidden"

    def public_even_if_private(self):
        return "shown"

    public_even_if_private.queryset_only = True


class CountingManager(models.Manager):
    use_in_migrations = True

    def __init__(self, label="x"):
        super().__init__()
        self.label = label


TitledManager = CountingManager.from_queryset(TitledQuerySet)


def make_model(name, **attrs):
    registry = Apps(["tests.db.models.app_models"])
    attrs["Meta"] = type("Meta", (), {"app_label": "model_tests", "apps": registry})
    attrs["__module__"] = __name__
    attrs.setdefault("name", models.CharField(max_length=20))
    return type(name, (models.Model,), attrs)


def test_from_queryset_copies_public_methods():
    assert TitledManager.__name__ == "CountingManagerFromTitledQuerySet"
    assert hasattr(TitledManager, "titled")
    assert not hasattr(TitledManager, "_private")
    assert not hasattr(TitledManager, "public_even_if_private")
    assert TitledManager._queryset_class is TitledQuerySet


def test_as_manager_and_deconstruct():
    manager = TitledQuerySet.as_manager()
    assert manager.deconstruct()[0] is True
    assert manager.deconstruct()[2] == "tests.db.models.test_managers.TitledQuerySet"
    assert CountingManager("y").deconstruct() == (
        False,
        "tests.db.models.test_managers.CountingManager",
        None,
        ("y",),
        {},
    )
    assert CountingManager("y") == CountingManager("y")
    assert CountingManager("y") != CountingManager("z")


def test_deconstruct_requires_importable_class():
    Dynamic = models.Manager.from_queryset(TitledQuerySet)
    with pytest.raises(ValueError, match="Could not find manager ManagerFromTitledQuerySet"):
        Dynamic().deconstruct()


def test_first_declared_manager_is_default():
    model = make_model("Managed", people=CountingManager(), objects=models.Manager())
    assert model._default_manager.name == "people"
    assert [m.name for m in model._meta.managers] == ["people", "objects"]
    assert not hasattr(model, "objects") or model.objects.name == "objects"


def test_default_manager_name_and_base_manager_name():
    model = make_model(
        "Named",
        objects=models.Manager(),
        special=CountingManager(),
    )
    model._meta.default_manager_name = "special"
    model._meta._expire_cache()
    assert model._default_manager.name == "special"
    bad = make_model("Bad", objects=models.Manager())
    bad._meta.base_manager_name = "missing"
    bad._meta._expire_cache()
    with pytest.raises(ValueError, match="Bad has no manager named 'missing'"):
        bad._base_manager  # noqa: B018


def test_field_named_objects_requires_custom_manager():
    with pytest.raises(
        ValueError, match="must specify a custom Manager, because it has a field named 'objects'"
    ):
        make_model("Clash", objects=models.IntegerField())


def test_custom_queryset_methods_run(using):
    Author.objects.using(using).create(name="alpha")
    Author.objects.using(using).create(name="beta")
    manager = TitledQuerySet.as_manager()
    manager.model = Author
    assert [a.name for a in manager.using(using).titled("al")] == ["alpha"]
    assert [a.name for a in manager.db_manager(using).titled("be")] == ["beta"]


def test_proxy_manager_and_base_manager_for_relations(using):
    author = Author.objects.using(using).create(name="zed")
    Author.objects.using(using).create(name="amy")
    assert [a.name for a in AuthorProxy._default_manager.using(using)] == ["zed", "amy"]
    book = Book.objects.using(using).create(title="t", author=author)
    # Forward relations use the base manager, which applies no custom filtering.
    assert Book.objects.using(using).get(pk=book.pk).author == author


def test_manager_str_and_db():
    assert str(Author.objects) == "model_tests.Author.objects"
    assert Author.objects.db == "default"
    assert Author.objects.db_manager("other").db == "other"
