"""override_settings and modify_settings: context manager, function/coroutine decorator, class decorator."""

import asyncio
import unittest

import pytest

from django.conf import settings
from django.core.signals import setting_changed
from django.test import SimpleTestCase, modify_settings, override_settings


@pytest.fixture
def changes():
    seen = []

    def receiver(sender, setting, value, enter, **kwargs):
        seen.append((setting, value, enter))

    setting_changed.connect(receiver)
    yield seen
    setting_changed.disconnect(receiver)


def test_context_manager_overrides_and_restores(changes):
    original = settings.SECRET_KEY
    with override_settings(SECRET_KEY="other", NEW_SETTING=1):
        assert settings.SECRET_KEY == "other"
        assert settings.NEW_SETTING == 1
    assert settings.SECRET_KEY == original
    assert not hasattr(settings, "NEW_SETTING")
    assert ("SECRET_KEY", "other", True) in changes
    assert ("SECRET_KEY", original, False) in changes


def test_function_decorator():
    @override_settings(APPEND_SLASH=False)
    def read():
        return settings.APPEND_SLASH

    assert read() is False
    assert settings.APPEND_SLASH is True


def test_coroutine_decorator():
    @override_settings(APPEND_SLASH=False)
    async def read():
        return settings.APPEND_SLASH

    assert asyncio.run(read()) is False


def test_settings_are_restored_when_the_block_raises():
    with pytest.raises(RuntimeError):
        with override_settings(APPEND_SLASH=False):
            raise RuntimeError
    assert settings.APPEND_SLASH is True


def test_nested_overrides():
    with override_settings(A_SETTING=1):
        with override_settings(A_SETTING=2):
            assert settings.A_SETTING == 2
        assert settings.A_SETTING == 1


def test_deleting_inside_override_hides_the_setting():
    with override_settings():
        del settings.APPEND_SLASH
        with pytest.raises(AttributeError):
            settings.APPEND_SLASH
    assert settings.APPEND_SLASH is True


def test_root_urlconf_change_clears_resolver_cache():
    from django.urls import resolve

    with override_settings(ROOT_URLCONF="tests.urls.urlconf_main"):
        assert resolve("/articles/2003/").url_name == "special-2003"
    with override_settings(ROOT_URLCONF="tests.urls.urlconf_unnamed"):
        assert resolve("/").url_name is None


@override_settings(APPEND_SLASH=False)
class TestPlainClassDecorated:
    def test_method_sees_override(self):
        assert settings.APPEND_SLASH is False


@override_settings(APPEND_SLASH=False, SOME_LIST=["a"])
class DecoratedTestCase(SimpleTestCase):
    def test_class_override(self):
        assert settings.APPEND_SLASH is False

    @override_settings(APPEND_SLASH=True)
    def test_method_override_wins(self):
        assert settings.APPEND_SLASH is True

    @modify_settings(SOME_LIST={"append": "b", "prepend": "z"})
    def test_modify_settings_on_a_method(self):
        assert settings.SOME_LIST == ["z", "a", "b"]

    def test_settings_context_manager_method(self):
        with self.settings(APPEND_SLASH=True):
            assert settings.APPEND_SLASH is True
        with self.modify_settings(SOME_LIST={"remove": "a"}):
            assert settings.SOME_LIST == []


def _run(case_class):
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(case_class)
    result = unittest.TestResult()
    suite.run(result)
    return result


def test_class_decorator_on_simple_test_case_applies_for_the_whole_class():
    result = _run(DecoratedTestCase)
    assert result.testsRun == 4
    assert not result.failures and not result.errors, result.failures + result.errors
    assert settings.APPEND_SLASH is True


def test_class_decorator_refuses_plain_unittest_cases():
    with pytest.raises(ValueError, match="Only subclasses of Django SimpleTestCase"):

        @override_settings(A=1)
        class Plain(unittest.TestCase):
            pass


def test_modify_settings_append_prepend_remove():
    with override_settings(SOME_LIST=["a", "b"]):
        with modify_settings(SOME_LIST={"append": ["c", "a"], "prepend": "z", "remove": "b"}):
            assert settings.SOME_LIST == ["z", "a", "c"]
        assert settings.SOME_LIST == ["a", "b"]


def test_modify_settings_unknown_action():
    with pytest.raises(ValueError, match="Unsupported action: shuffle"):
        with modify_settings(SOME_LIST={"shuffle": "a"}):
            pass


def test_cannot_decorate_non_callables():
    with pytest.raises(TypeError, match="Cannot decorate object of type"):
        override_settings(A=1)(42)


def test_format_settings_are_seen_inside_the_override():
    import datetime

    from django.utils import formats

    day = datetime.date(2020, 1, 2)
    with override_settings(DATE_FORMAT="Y/m/d"):
        assert formats.date_format(day, use_l10n=False) == "2020/01/02"
    with override_settings(DATE_FORMAT="d.m.Y"):
        assert formats.date_format(day, use_l10n=False) == "02.01.2020"


def test_installed_apps_change_refreshes_app_template_directories():
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    templates = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
    with override_settings(TEMPLATES=templates, INSTALLED_APPS=["django.contrib.contenttypes"]):
        with pytest.raises(TemplateDoesNotExist):
            get_template("django/forms/div.html")
    with override_settings(TEMPLATES=templates, INSTALLED_APPS=["django.forms"]):
        assert get_template("django/forms/div.html")
