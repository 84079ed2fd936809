"""django.conf: lazy settings, configure(), UserSettingsHolder and their errors."""

from __future__ import annotations

import sys

import pytest

from django.conf import (
    ENVIRONMENT_VARIABLE,
    LazySettings,
    Settings,
    UserSettingsHolder,
    global_settings,
    settings,
)
from django.core.exceptions import ImproperlyConfigured


@pytest.fixture
def settings_module(tmp_path, monkeypatch):
    """Write a settings module named `settings_under_test` and return a function to fill it."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(source: str, name: str = "settings_under_test") -> str:
        (tmp_path / f"{name}.py").write_text(source)
        sys.modules.pop(name, None)
        return name

    yield write
    sys.modules.pop("settings_under_test", None)


def test_nothing_is_read_until_first_attribute_access(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    lazy = LazySettings()
    assert not lazy.configured
    assert repr(lazy) == "<LazySettings [Unevaluated]>"


def test_unconfigured_access_names_the_setting_and_both_remedies(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    with pytest.raises(ImproperlyConfigured) as info:
        LazySettings().DEBUG
    message = str(info.value)
    assert "Requested setting DEBUG" in message
    assert "DJANGO_SETTINGS_MODULE" in message and "settings.configure()" in message


def test_settings_module_overrides_defaults_and_tracks_explicit_names(settings_module, monkeypatch):
    name = settings_module("DEBUG = True\nTIME_ZONE = 'UTC'\nlowercase = 1\nCUSTOM_THING = [1]\n")
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, name)
    lazy = LazySettings()
    assert lazy.DEBUG is True
    assert lazy.CUSTOM_THING == [1]
    assert lazy.APPEND_SLASH is global_settings.APPEND_SLASH
    assert not hasattr(lazy, "lowercase"), "only UPPERCASE names become settings"
    assert lazy.is_overridden("DEBUG") and not lazy.is_overridden("APPEND_SLASH")
    assert lazy.configured and repr(lazy) == f'<LazySettings "{name}">'


def test_missing_settings_module_is_a_clear_import_error(monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "no_such_settings_module_xyz")
    with pytest.raises(ImportError) as info:
        LazySettings().DEBUG
    assert isinstance(info.value, ImproperlyConfigured)
    assert "no_such_settings_module_xyz" in str(info.value) and "sys.path" in str(info.value)


def test_error_inside_settings_module_keeps_its_own_message(settings_module, monkeypatch):
    name = settings_module("import not_installed_package_abc\n")
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, name)
    with pytest.raises(ModuleNotFoundError, match="not_installed_package_abc"):
        LazySettings().DEBUG


@pytest.mark.parametrize(
    "setting", ["ALLOWED_HOSTS", "INSTALLED_APPS", "LOCALE_PATHS", "SECRET_KEY_FALLBACKS"]
)
def test_sequence_settings_given_as_a_string_are_refused(settings_module, monkeypatch, setting):
    name = settings_module(f"{setting} = 'oops'\n")
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, name)
    with pytest.raises(ImproperlyConfigured, match=f"The {setting} setting must be a list or a tuple"):
        LazySettings().DEBUG


def test_invalid_time_zone_is_refused(settings_module):
    name = settings_module("TIME_ZONE = 'Mars/Olympus_Mons'\n")
    with pytest.raises(ValueError, match="Incorrect timezone setting: Mars/Olympus_Mons"):
        Settings(name)


def test_configure_uses_options_over_defaults():
    lazy = LazySettings()
    lazy.configure(DEBUG=True, MY_OPTION="x")
    assert lazy.configured
    assert lazy.DEBUG is True and lazy.MY_OPTION == "x"
    assert lazy.USE_TZ is global_settings.USE_TZ
    assert lazy.is_overridden("MY_OPTION") and not lazy.is_overridden("USE_TZ")


def test_configure_with_custom_default_settings():
    class Defaults:
        SPECIAL = "from defaults"

    lazy = LazySettings()
    lazy.configure(default_settings=Defaults, OTHER=1)
    assert lazy.SPECIAL == "from defaults"
    with pytest.raises(AttributeError):
        lazy.DEBUG  # not in these defaults


def test_configure_refuses_lowercase_names():
    with pytest.raises(TypeError, match="Setting 'debug' must be uppercase."):
        LazySettings().configure(debug=True)


def test_configure_twice_is_an_error():
    lazy = LazySettings()
    lazy.configure(DEBUG=False)
    with pytest.raises(RuntimeError, match="Settings already configured."):
        lazy.configure(DEBUG=True)


def test_empty_secret_key_fails_only_when_read():
    lazy = LazySettings()
    lazy.configure(SECRET_KEY="")
    assert lazy.DEBUG is False  # other settings still work
    with pytest.raises(ImproperlyConfigured, match="The SECRET_KEY setting must not be empty"):
        lazy.SECRET_KEY


def test_assigning_and_deleting_a_setting_updates_the_cached_value():
    lazy = LazySettings()
    lazy.configure(DEBUG=False)
    assert lazy.DEBUG is False
    lazy.DEBUG = True
    assert lazy.DEBUG is True
    del lazy.DEBUG
    with pytest.raises(AttributeError):
        lazy.DEBUG


def test_replacing_wrapped_object_drops_cached_values():
    lazy = LazySettings()
    lazy.configure(DEBUG=False)
    assert lazy.DEBUG is False
    holder = UserSettingsHolder(lazy._wrapped)
    holder.DEBUG = True
    lazy._wrapped = holder
    assert lazy.DEBUG is True


def test_user_settings_holder_layers_and_deletes():
    base = UserSettingsHolder(global_settings)
    base.A_SETTING = 1
    layer = UserSettingsHolder(base)
    assert layer.A_SETTING == 1
    layer.A_SETTING = 2
    assert layer.A_SETTING == 2 and base.A_SETTING == 1
    del layer.A_SETTING
    with pytest.raises(AttributeError):
        layer.A_SETTING
    assert layer.is_overridden("A_SETTING")
    assert "A_SETTING" not in dir(layer)
    with pytest.raises(AttributeError):
        layer.lowercase_name


def test_relative_static_url_gets_the_script_prefix():
    from django.urls import set_script_prefix

    lazy = LazySettings()
    lazy.configure(STATIC_URL="static/", MEDIA_URL="http://cdn.example.com/media/")
    set_script_prefix("/mount/")
    try:
        assert lazy.STATIC_URL == "/mount/static/"
        assert lazy.MEDIA_URL == "http://cdn.example.com/media/"
    finally:
        set_script_prefix("/")


def test_global_settings_match_documented_defaults():
    assert global_settings.DEFAULT_AUTO_FIELD == "django.db.models.BigAutoField"
    assert global_settings.TIME_ZONE == "America/Chicago"
    assert global_settings.LANGUAGE_CODE == "en-us"
    assert global_settings.USE_TZ is True
    assert global_settings.SECRET_KEY == ""
    assert global_settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2621440
    assert global_settings.SESSION_COOKIE_AGE == 1209600
    assert global_settings.CSRF_COOKIE_AGE == 31449600
    assert global_settings.X_FRAME_OPTIONS == "DENY"
    assert global_settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_project_settings_are_loaded():
    """The suite's own settings module is what `settings` reads."""
    assert settings.SETTINGS_MODULE == "tests.settings"
    assert settings.SECRET_KEY
