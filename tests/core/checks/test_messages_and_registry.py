"""System check messages and the registry behind `register` / `run_checks`."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from django.core import checks
from django.core.checks.registry import CheckRegistry


def test_levels_and_seriousness():
    assert (checks.DEBUG, checks.INFO, checks.WARNING, checks.ERROR, checks.CRITICAL) == (10, 20, 30, 40, 50)
    assert checks.Error("x").is_serious() and checks.Critical("x").is_serious()
    assert not checks.Warning("x").is_serious()
    assert checks.Warning("x").is_serious(checks.WARNING)
    assert checks.Debug("x").level == checks.DEBUG and checks.Info("x").level == checks.INFO


def test_str_format_with_object_id_and_hint():
    message = checks.Error("Bad value", hint="Use a good one", obj="my.object", id="app.E001")
    assert str(message) == "my.object: (app.E001) Bad value\n\tHINT: Use a good one"


def test_str_without_object_id_or_hint():
    assert str(checks.Warning("Plain")) == "?: Plain"


def test_model_class_objects_show_their_label():
    class FakeModel:
        _meta = SimpleNamespace(label="shop.Product")

    assert str(checks.Info("Note", obj=FakeModel, id="x.I1")) == "shop.Product: (x.I1) Note"


def test_equality_and_repr():
    assert checks.Error("a", id="x.E1") == checks.Error("a", id="x.E1")
    assert checks.Error("a", id="x.E1") != checks.Warning("a", id="x.E1")
    assert repr(checks.Error("a", id="x.E1")) == "<Error: level=40, msg='a', hint=None, obj=None, id='x.E1'>"


def test_level_must_be_an_int():
    with pytest.raises(TypeError, match="The first argument should be level."):
        checks.CheckMessage("40", "msg")


def test_register_forms_and_tags():
    registry = CheckRegistry()

    @registry.register
    def plain(app_configs, **kwargs):
        return [checks.Info("plain")]

    @registry.register("alpha", "beta")
    def tagged(app_configs, **kwargs):
        return [checks.Info("tagged")]

    def deploy(app_configs, **kwargs):
        return [checks.Info("deploy")]

    registry.register(deploy, "gamma", deploy=True)
    assert tagged.tags == ("alpha", "beta") and plain.tags == ()
    assert [m.msg for m in registry.run_checks()] == ["plain", "tagged"]
    assert [m.msg for m in registry.run_checks(tags=["beta"])] == ["tagged"]
    assert [m.msg for m in registry.run_checks(include_deployment_checks=True)] == [
        "plain",
        "tagged",
        "deploy",
    ]
    assert registry.tags_available() == {"alpha", "beta"}
    assert registry.tag_exists("gamma", include_deployment_checks=True)
    assert not registry.tag_exists("gamma")


def test_check_functions_must_accept_kwargs():
    registry = CheckRegistry()
    with pytest.raises(TypeError, match="must accept keyword arguments"):
        registry.register(lambda app_configs: [])


def test_non_list_result_is_a_type_error():
    registry = CheckRegistry()

    @registry.register
    def broken(**kwargs):
        return None

    with pytest.raises(TypeError, match="did not return a list"):
        registry.run_checks()


def test_checks_receive_app_configs_and_databases():
    registry = CheckRegistry()
    received = {}

    @registry.register
    def spy(app_configs=None, databases=None, **kwargs):
        received.update(app_configs=app_configs, databases=databases)
        return []

    registry.run_checks(app_configs=["a"], databases=["default"])
    assert received == {"app_configs": ["a"], "databases": ["default"]}
