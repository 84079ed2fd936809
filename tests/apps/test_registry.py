"""django.apps: AppConfig discovery and the Apps registry, on registries built for each test."""

from __future__ import annotations

import os
import threading
from types import SimpleNamespace

import pytest

from django.apps import AppConfig, apps
from django.apps.registry import Apps
from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured

SAMPLE = "tests.apps.sample"


def make_model(app_label: str, name: str, module: str = "tests.apps.models_stub", **meta):
    """A class carrying the parts of `_meta` the registry reads (the model layer owns the real one)."""
    options = {
        "app_label": app_label,
        "model_name": name.lower(),
        "label": f"{app_label}.{name}",
        "label_lower": f"{app_label}.{name.lower()}",
        "auto_created": False,
        "swapped": None,
        "swappable": None,
        **meta,
    }
    options["_expire_cache"] = lambda: None
    return type(name, (), {"__module__": module, "_meta": SimpleNamespace(**options)})


def test_plain_module_gets_a_default_config():
    registry = Apps([f"{SAMPLE}.plain_app"])
    config = registry.get_app_config("plain_app")
    assert type(config) is AppConfig
    assert config.name == f"{SAMPLE}.plain_app"
    assert config.label == "plain_app"
    assert config.verbose_name == "Plain_App"
    assert config.path == os.path.join(os.path.dirname(__file__), "sample", "plain_app")
    assert config.module.__name__ == config.name
    assert config.models_module is None
    assert repr(config) == "<AppConfig: plain_app>"


def test_single_config_in_apps_py_is_used_and_ready_runs_once():
    from tests.apps.sample.one_config_app.apps import READY_CALLS, OneConfig

    READY_CALLS.clear()
    registry = Apps([f"{SAMPLE}.one_config_app"])
    config = registry.get_app_config("one_config_app")
    assert isinstance(config, OneConfig) and config.verbose_name == "The only config"
    registry.populate([f"{SAMPLE}.one_config_app"])  # a second populate is a no-op
    assert READY_CALLS == [registry]


def test_config_marked_default_wins_among_several():
    config = Apps([f"{SAMPLE}.two_configs_app"]).get_app_config("two_configs_app")
    assert config.verbose_name == "chosen"


def test_two_configs_marked_default_is_an_error():
    with pytest.raises(RuntimeError, match="declares more than one default AppConfig: 'AConfig', 'BConfig'"):
        Apps([f"{SAMPLE}.two_defaults_app"])


def test_config_with_default_false_is_only_used_when_named():
    assert type(Apps([f"{SAMPLE}.nodefault_app"]).get_app_config("nodefault_app")) is AppConfig
    config = Apps([f"{SAMPLE}.nodefault_app.apps.OptInConfig"]).get_app_config("nodefault_app")
    assert config.verbose_name == "opt in"
    assert config.default_auto_field == "django.db.models.AutoField"
    assert config._is_default_auto_field_overridden


def test_default_auto_field_comes_from_settings():
    config = Apps([f"{SAMPLE}.plain_app"]).get_app_config("plain_app")
    assert config.default_auto_field == "django.db.models.BigAutoField"
    assert not config._is_default_auto_field_overridden


def test_missing_app_module_is_a_clear_error():
    with pytest.raises(ImproperlyConfigured) as info:
        Apps(["no_such_app_xyz"])
    assert isinstance(info.value, ImportError)
    assert "INSTALLED_APPS contains 'no_such_app_xyz'" in str(info.value)


def test_misspelled_config_class_lists_the_choices():
    with pytest.raises(ImportError) as info:
        Apps([f"{SAMPLE}.two_configs_app.apps.ChoosenConfig"])
    assert "does not contain a 'ChoosenConfig' class" in str(info.value)
    assert "'ChosenConfig'" in str(info.value) and "'FirstConfig'" in str(info.value)


def test_duplicate_labels_are_refused_with_the_label():
    with pytest.raises(ImproperlyConfigured, match="Application labels aren't unique, duplicates: plain_app"):
        Apps([f"{SAMPLE}.plain_app", f"{SAMPLE}.relabeled_app"])


def test_duplicate_names_are_refused():
    class Renamed(AppConfig):
        label = "other_label"

    import tests.apps.sample.plain_app as module

    with pytest.raises(ImproperlyConfigured, match="Application names aren't unique"):
        Apps([f"{SAMPLE}.plain_app", Renamed(f"{SAMPLE}.plain_app", module)])


def test_label_must_be_an_identifier():
    with pytest.raises(ImproperlyConfigured, match="'not-an-identifier' is not a valid Python identifier"):
        Apps([f"{SAMPLE}.badlabel_app"])


def test_populate_is_not_reentrant_and_failure_leaves_registry_retryable():
    registry = Apps(())
    registry.ready = False
    with pytest.raises(RuntimeError, match="populate\\(\\) isn't reentrant"):
        registry.populate([f"{SAMPLE}.reentrant_app"])
    assert not registry.ready and not registry.apps_ready and registry.app_configs == {}
    with pytest.raises(RuntimeError, match="isn't reentrant"):
        registry.populate([f"{SAMPLE}.reentrant_app"])  # same error again, not a half-built registry


def test_only_the_global_registry_may_start_empty():
    with pytest.raises(RuntimeError, match="You must supply an installed_apps argument."):
        Apps(installed_apps=None)


def test_populate_from_many_threads_runs_once():
    from tests.apps.sample.one_config_app.apps import READY_CALLS

    READY_CALLS.clear()
    registry = Apps(())
    registry.ready = False  # an empty registry is ready at once; make it populate again
    threads = [
        threading.Thread(target=registry.populate, args=([f"{SAMPLE}.one_config_app"],)) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert READY_CALLS == [registry]
    assert registry.ready_event.is_set()


def test_lookups_before_populate_raise_app_registry_not_ready():
    registry = Apps(())
    registry.apps_ready = registry.models_ready = registry.ready = False
    with pytest.raises(AppRegistryNotReady, match="Apps aren't loaded yet."):
        registry.get_app_configs()
    with pytest.raises(AppRegistryNotReady, match="Models aren't loaded yet."):
        registry.get_models()


def test_get_app_config_suggests_the_label_for_a_dotted_name():
    registry = Apps([f"{SAMPLE}.plain_app"])
    with pytest.raises(LookupError, match="No installed app with label 'nope'."):
        registry.get_app_config("nope")
    with pytest.raises(LookupError, match="Did you mean 'plain_app'\\?"):
        registry.get_app_config(f"{SAMPLE}.plain_app")


def test_is_installed_and_containing_app_config():
    registry = Apps([f"{SAMPLE}.plain_app", f"{SAMPLE}.one_config_app"])
    assert registry.is_installed(f"{SAMPLE}.plain_app")
    assert not registry.is_installed("plain_app")
    assert registry.get_containing_app_config(f"{SAMPLE}.plain_app.models").label == "plain_app"
    assert registry.get_containing_app_config(f"{SAMPLE}.plain_app").label == "plain_app"
    assert registry.get_containing_app_config(f"{SAMPLE}.plain_app_other.models") is None
    assert registry.get_containing_app_config("elsewhere.models") is None


def test_register_and_get_models():
    registry = Apps([f"{SAMPLE}.plain_app"])
    article = make_model("plain_app", "Article")
    hidden = make_model("plain_app", "Hidden", auto_created=True)
    registry.register_model("plain_app", article)
    registry.register_model("plain_app", hidden)
    assert registry.get_model("plain_app", "Article") is article
    assert registry.get_model("plain_app", "article") is article
    assert registry.get_model("plain_app.Article") is article
    assert registry.get_app_config("plain_app").get_model("ARTICLE") is article
    assert registry.get_models() == [article]
    assert registry.get_models(include_auto_created=True) == [article, hidden]
    with pytest.raises(LookupError, match="App 'plain_app' doesn't have a 'Missing' model."):
        registry.get_model("plain_app", "Missing")
    with pytest.raises(ValueError, match="app_label.ModelName"):
        registry.get_model("no_dot_here")


def test_conflicting_model_registration_is_an_error():
    registry = Apps([f"{SAMPLE}.plain_app"])
    registry.register_model("plain_app", make_model("plain_app", "Thing", module="a.models"))
    with pytest.raises(RuntimeError, match="Conflicting 'thing' models in application 'plain_app'"):
        registry.register_model("plain_app", make_model("plain_app", "Thing", module="b.models"))


def test_reregistering_the_same_model_warns():
    registry = Apps([f"{SAMPLE}.plain_app"])
    registry.register_model("plain_app", make_model("plain_app", "Thing"))
    with pytest.warns(RuntimeWarning, match="Model 'plain_app.thing' was already registered"):
        registry.register_model("plain_app", make_model("plain_app", "Thing"))


def test_lazy_model_operation_waits_for_every_model():
    registry = Apps([f"{SAMPLE}.plain_app"])
    calls = []
    registry.lazy_model_operation(lambda a, b: calls.append((a, b)), ("plain_app", "a"), ("plain_app", "b"))
    model_b = make_model("plain_app", "B")
    registry.register_model("plain_app", model_b)
    assert calls == []
    model_a = make_model("plain_app", "A")
    registry.register_model("plain_app", model_a)
    assert calls == [(model_a, model_b)]
    # Already registered models run the operation immediately.
    registry.lazy_model_operation(lambda a: calls.append(a), ("plain_app", "a"))
    assert calls[-1] is model_a
    assert dict(registry._pending_operations) == {}


def test_get_registered_model_works_before_ready():
    registry = Apps(())
    model = make_model("someapp", "Early")
    registry.register_model("someapp", model)
    assert registry.get_registered_model("someapp", "Early") is model
    with pytest.raises(LookupError, match="Model 'someapp.Other' not registered."):
        registry.get_registered_model("someapp", "Other")


def test_available_apps_restricts_and_restores():
    registry = Apps([f"{SAMPLE}.plain_app", f"{SAMPLE}.one_config_app"])
    registry.set_available_apps([f"{SAMPLE}.plain_app"])
    assert [config.label for config in registry.get_app_configs()] == ["plain_app"]
    registry.unset_available_apps()
    assert len(registry.get_app_configs()) == 2
    with pytest.raises(ValueError, match="extra apps: not.installed"):
        registry.set_available_apps(["not.installed"])


def test_installed_apps_can_be_swapped_and_restored():
    registry = Apps([f"{SAMPLE}.plain_app"])
    registry.set_installed_apps([f"{SAMPLE}.two_configs_app"])
    assert [config.label for config in registry.get_app_configs()] == ["two_configs_app"]
    registry.unset_installed_apps()
    assert [config.label for config in registry.get_app_configs()] == ["plain_app"]


def test_swappable_setting_name_is_found():
    registry = Apps([f"{SAMPLE}.plain_app"])
    registry.register_model("plain_app", make_model("plain_app", "Person", swappable="CUSTOM_PERSON_MODEL"))
    assert registry.get_swappable_settings_name("plain_app.person") == "CUSTOM_PERSON_MODEL"
    assert registry.get_swappable_settings_name("plain_app.other") is None


def test_global_registry_is_populated_by_setup():
    assert apps.ready and apps.apps_ready and apps.models_ready


def test_path_can_be_set_by_the_config_class():
    config = Apps([f"{SAMPLE}.pathed_app"]).get_app_config("pathed_app")
    assert config.path == "/srv/elsewhere"


def test_namespace_package_over_several_directories_needs_an_explicit_path(monkeypatch):
    import sys
    from pathlib import Path

    base = Path(__file__).parent / "sample"
    monkeypatch.syspath_prepend(str(base / "multipath_a"))
    monkeypatch.syspath_prepend(str(base / "multipath_b"))
    sys.modules.pop("nspkg", None)
    try:
        with pytest.raises(ImproperlyConfigured, match="has multiple filesystem locations"):
            Apps(["nspkg"])
    finally:
        sys.modules.pop("nspkg", None)


def test_entry_that_is_not_an_app_config_is_refused():
    with pytest.raises(ImproperlyConfigured, match="isn't a subclass of AppConfig"):
        Apps([f"{SAMPLE}.one_config_app.apps.READY_CALLS"])


def test_model_lists_are_cached_per_registry_and_cleared_on_registration():
    first, second = Apps([f"{SAMPLE}.plain_app"]), Apps([f"{SAMPLE}.plain_app"])
    assert first.get_models() is first.get_models()
    model = make_model("plain_app", "Cached")
    first.register_model("plain_app", model)
    assert first.get_models() == [model]
    assert second.get_models() == [], "registries do not share caches"
    first.get_models.cache_clear()  # the documented functools-style API
    assert first.get_models() == [model]


def test_import_error_inside_an_app_keeps_its_own_message(tmp_path, monkeypatch):
    package = tmp_path / "needs_dependency_app"
    package.mkdir()
    (package / "__init__.py").write_text("import needs_missing_dependency_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError) as info:
        Apps(["needs_dependency_app"])
    assert not isinstance(info.value, ImproperlyConfigured)
    assert info.value.name == "needs_missing_dependency_xyz"


def test_real_models_register_in_their_registry():
    from django.db import models

    registry = Apps([f"{SAMPLE}.plain_app"])

    class Meta:
        app_label = "plain_app"
        apps = registry

    book = type("Book", (models.Model,), {"__module__": __name__, "Meta": Meta})
    assert registry.get_model("plain_app.Book") is book
    assert registry.get_app_config("plain_app").get_models().__next__() is book
    assert book not in apps.get_models(), "the global registry does not see an isolated model"
    with pytest.raises(LookupError):
        apps.get_model("plain_app", "Book")
