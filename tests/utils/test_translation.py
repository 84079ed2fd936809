"""django.utils.translation: gettext family, activation, lazy strings, language negotiation."""

import threading
from types import SimpleNamespace

import pytest

from django.utils import translation
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import trans_real


@pytest.fixture(autouse=True)
def _deactivate():
    yield
    translation.deactivate()


class TestGettext:
    def test_default_language_leaves_messages_alone(self, catalogs):
        assert translation.get_language() == "en-us"
        assert translation.gettext("Hello") == "Hello"

    def test_activate_and_deactivate(self, catalogs):
        translation.activate("fr")
        assert translation.get_language() == "fr"
        assert translation.gettext("Hello") == "Bonjour"
        translation.deactivate()
        assert translation.gettext("Hello") == "Hello"

    def test_first_locale_path_wins_and_others_fill_gaps(self, catalogs):
        with translation.override("fr"):
            assert translation.gettext("Hello") == "Bonjour"
            assert translation.gettext("Goodbye") == "Au revoir"
            assert translation.gettext("Untranslated") == "Untranslated"

    def test_regional_variant_uses_generic_catalog(self, catalogs):
        with translation.override("fr-ca"):
            assert translation.get_language() == "fr-ca"
            assert translation.gettext("Hello") == "Bonjour"

    def test_pgettext(self, catalogs):
        with translation.override("fr"):
            assert translation.pgettext("month name", "May") == "mai"
            assert translation.pgettext("verb", "May") == "May"

    def test_ngettext_uses_the_catalog_plural_rule(self, catalogs):
        with translation.override("fr"):
            assert translation.ngettext("%(num)d apple", "%(num)d apples", 0) == "%(num)d pomme"
            assert translation.ngettext("%(num)d apple", "%(num)d apples", 1) == "%(num)d pomme"
            assert translation.ngettext("%(num)d apple", "%(num)d apples", 2) == "%(num)d pommes"
        assert translation.ngettext("%(num)d apple", "%(num)d apples", 0) == "%(num)d apples"
        assert translation.ngettext("a", "b", 1) == "a"

    def test_npgettext(self, catalogs):
        with translation.override("fr"):
            assert translation.npgettext("fruit", "one item", "many items", 1) == "un fruit"
            assert translation.npgettext("fruit", "one item", "many items", 5) == "des fruits"
            assert translation.npgettext("other", "one item", "many items", 5) == "many items"

    def test_safe_strings_stay_safe(self, catalogs):
        with translation.override("fr"):
            result = translation.gettext(mark_safe("Hello"))
            assert result == "Bonjour" and isinstance(result, SafeString)
            assert isinstance(translation.pgettext("month name", mark_safe("May")), SafeString)

    def test_windows_newlines_are_normalised(self, catalogs):
        with translation.override("fr"):
            assert translation.gettext("Line one\r\nLine two") == "Ligne un\nLigne deux"

    def test_empty_message(self, catalogs):
        with translation.override("fr"):
            assert translation.gettext("") == ""

    def test_gettext_noop(self):
        assert translation.gettext_noop("Hello") == "Hello"


class TestOverride:
    def test_nested_and_restores(self, catalogs):
        translation.activate("de")
        with translation.override("fr"):
            assert translation.gettext("Hello") == "Bonjour"
            with translation.override(None):
                assert translation.get_language() is None
                assert translation.gettext("Hello") == "Hello"
            assert translation.get_language() == "fr"
        assert translation.get_language() == "de"

    def test_deactivate_flag(self, catalogs):
        translation.activate("de")
        with translation.override("fr", deactivate=True):
            pass
        assert translation.get_language() == "en-us"

    def test_as_decorator(self, catalogs):
        @translation.override("de")
        def greet():
            return translation.gettext("Hello")

        assert greet() == "Hallo"
        assert translation.get_language() == "en-us"

    def test_activation_is_per_thread(self, catalogs):
        translation.activate("fr")
        seen = []
        thread = threading.Thread(target=lambda: seen.append(translation.get_language()))
        thread.start()
        thread.join()
        assert seen == ["en-us"]
        assert translation.get_language() == "fr"

    def test_activation_is_per_task_and_survives_sync_to_async(self, catalogs):
        import asyncio

        from asgiref.sync import sync_to_async

        async def request(language):
            await sync_to_async(translation.activate)(language)
            await asyncio.sleep(0)
            return translation.get_language(), translation.gettext("Hello")

        async def main():
            return await asyncio.gather(request("fr"), request("de"))

        assert asyncio.run(main()) == [("fr", "Bonjour"), ("de", "Hallo")]
        assert translation.get_language() == "en-us"


class TestLazy:
    def test_gettext_lazy_translates_when_used(self, catalogs):
        lazy_hello = translation.gettext_lazy("Hello")
        assert isinstance(lazy_hello, Promise)
        assert str(lazy_hello) == "Hello"
        with translation.override("fr"):
            assert str(lazy_hello) == "Bonjour"
            assert lazy_hello == "Bonjour"
            assert lazy_hello + "!" == "Bonjour!"
        with translation.override("de"):
            assert f"{lazy_hello}" == "Hallo"

    def test_pgettext_lazy(self, catalogs):
        value = translation.pgettext_lazy("month name", "May")
        with translation.override("fr"):
            assert str(value) == "mai"

    def test_ngettext_lazy_with_number(self, catalogs):
        value = translation.ngettext_lazy("%(num)d apple", "%(num)d apples", 3)
        with translation.override("fr"):
            assert str(value) == "%(num)d pommes"

    def test_ngettext_lazy_with_key_resolves_at_formatting(self, catalogs):
        value = translation.ngettext_lazy("%(num)d apple", "%(num)d apples", "num")
        assert value % {"num": 1} == "1 apple"
        assert value % {"num": 4} == "4 apples"
        with translation.override("fr"):
            assert value % {"num": 0} == "0 pomme"
        with pytest.raises(KeyError, match="lacks key 'num'"):
            value % {"other": 1}

    def test_ngettext_lazy_without_number_uses_the_value(self):
        value = translation.ngettext_lazy("%d thing", "%d things")
        assert value % 1 == "1 thing"
        assert value % 3 == "3 things"
        assert bool(value)

    def test_ngettext_lazy_format(self):
        value = translation.ngettext_lazy("{num} dog", "{num} dogs", "num")
        assert value.format(num=2) == "2 dogs"
        positional = translation.ngettext_lazy("{} cat", "{} cats")
        assert positional.format(1) == "1 cat"

    def test_npgettext_lazy(self, catalogs):
        value = translation.npgettext_lazy("fruit", "one item", "many items", "n")
        with translation.override("fr"):
            assert value % {"n": 2} == "des fruits"


class TestLanguageInfo:
    def test_known_languages(self):
        info = translation.get_language_info("fr")
        assert info["code"] == "fr" and info["name"] == "French" and info["name_local"] == "français"
        assert info["bidi"] is False
        assert str(info["name_translated"]) == "French"
        assert translation.get_language_info("ar")["bidi"] is True

    def test_fallbacks_and_generic_codes(self):
        assert translation.get_language_info("zh-cn")["code"] == "zh-hans"
        assert translation.get_language_info("fr-ca")["code"] == "fr"

    def test_unknown(self):
        with pytest.raises(KeyError, match="Unknown language code xx"):
            translation.get_language_info("xx")
        with pytest.raises(KeyError):
            translation.get_language_info("xx-yy")

    def test_bidi_follows_active_language(self):
        assert translation.get_language_bidi() is False
        with translation.override("he"):
            assert translation.get_language_bidi() is True
        with translation.override("ar-dz"):
            assert translation.get_language_bidi() is True
        with translation.override(None):
            assert translation.get_language_bidi() is False


@pytest.mark.parametrize(
    "language,locale",
    [
        ("en", "en"),
        ("en-us", "en_US"),
        ("EN-US", "en_US"),
        ("sr-latn", "sr_Latn"),
        ("zh-hans", "zh_Hans"),
        ("en-us-x", "en_US-x"),
        ("ast", "ast"),
    ],
)
def test_to_locale(language, locale):
    assert translation.to_locale(language) == locale


@pytest.mark.parametrize(
    "locale,language", [("en_US", "en-us"), ("sr_Latn", "sr-latn"), ("de", "de"), ("EN", "en")]
)
def test_to_language(locale, language):
    assert translation.to_language(locale) == language


class TestNegotiation:
    def test_check_for_language(self, catalogs):
        assert translation.check_for_language("fr")
        assert translation.check_for_language("fr-ca")
        assert translation.check_for_language("xx")  # catalog in LOCALE_PATHS
        assert not translation.check_for_language("zz")
        for bad in ("", "en/../../etc", "a" * 600, "en us", "../fr"):
            assert not translation.check_for_language(bad)

    def test_supported_language_variant(self, setting):
        setting(
            LANGUAGES=[("en", "English"), ("fr", "French"), ("pt-br", "Brazilian"), ("zh-hans", "Chinese")]
        )
        variant = translation.get_supported_language_variant
        assert variant("fr") == "fr"
        assert variant("fr-ca") == "fr"
        assert variant("pt-br") == "pt-br"
        assert variant("pt") == "pt-br"
        assert variant("zh-cn") == "zh-hans"
        with pytest.raises(LookupError):
            variant("pt", strict=True)
        for bad in ("de", "", None, "x" * 1000):
            with pytest.raises(LookupError):
                variant(bad)

    def test_parse_accept_language(self):
        parse = trans_real.parse_accept_lang_header
        assert parse("en-US,en;q=0.8,fr;q=0.5") == (("en-us", 1.0), ("en", 0.8), ("fr", 0.5))
        assert parse("*") == (("*", 1.0),)
        assert parse("fr;q=0.5, de") == (("de", 1.0), ("fr", 0.5))
        for bad in ("en;q=abc", "en;q=2", "??", "en,,fr"):
            assert parse(bad) == ()

    def test_parse_accept_language_truncates_huge_headers(self):
        header = ",".join(["fr"] * 1000)
        result = trans_real.parse_accept_lang_header(header)
        assert 0 < len(result) < 1000
        assert trans_real.parse_accept_lang_header("x" * 10000) == ()

    def make_request(self, path="/", cookie=None, accept=""):
        cookies = {} if cookie is None else {"django_language": cookie}
        return SimpleNamespace(path_info=path, COOKIES=cookies, META={"HTTP_ACCEPT_LANGUAGE": accept})

    def test_language_from_request(self, setting):
        setting(LANGUAGES=[("en", "English"), ("fr", "French"), ("de", "German")], LANGUAGE_CODE="en")
        get = translation.get_language_from_request
        assert get(self.make_request(accept="de-at,fr;q=0.5")) == "de"
        assert get(self.make_request(accept="es,fr;q=0.5")) == "fr"
        assert get(self.make_request(accept="es")) == "en"
        assert get(self.make_request(accept="*,fr;q=0.5")) == "en"
        assert get(self.make_request(accept="garbage;;;")) == "en"
        assert get(self.make_request(cookie="fr", accept="de")) == "fr"
        assert get(self.make_request(cookie="nonsense!", accept="de")) == "de"
        assert get(self.make_request(path="/fr/page/", accept="de"), check_path=True) == "fr"
        assert get(self.make_request(path="/fr/page/", accept="de")) == "de"

    def test_language_from_path(self, setting):
        setting(LANGUAGES=[("en", "English"), ("fr", "French"), ("sr-latn", "Serbian Latin")])
        assert trans_real.get_language_from_path("/fr/page") == "fr"
        assert trans_real.get_language_from_path("/sr-latn/") == "sr-latn"
        assert trans_real.get_language_from_path("/es/") is None
        assert trans_real.get_language_from_path("/page/") is None
        assert translation.get_language_from_path("/fr") == "fr"


class TestI18nDisabled:
    def test_everything_is_identity(self, setting, catalogs):
        setting(USE_I18N=False)
        translation.activate("fr")
        assert translation.gettext("Hello") == "Hello"
        assert translation.get_language() == "en-us"
        assert translation.ngettext("a", "b", 2) == "b"
        assert translation.pgettext("c", "m") == "m"
        assert translation.check_for_language("anything")
        assert translation.get_supported_language_variant("en-US") == "en-US"
        with pytest.raises(LookupError):
            translation.get_supported_language_variant("fr")
        request = SimpleNamespace(path_info="/fr/", COOKIES={}, META={})
        assert translation.get_language_from_request(request) == "en-us"


def test_trim_whitespace():
    assert translation.trim_whitespace("  Hello\n    world  \n  again ") == "Hello world again"


def test_round_away_from_one():
    assert [translation.round_away_from_one(v) for v in (0.5, 1, 1.5, 2.2, -0.5)] == [0, 1, 2, 3, -1]


class TestAppCatalogs:
    def test_installed_apps_catalogs_rank_between_locale_paths_and_django(
        self, tmp_path, setting, monkeypatch
    ):
        from django.apps import apps
        from tests.utils.conftest import write_mo

        configs = list(apps.get_app_configs())
        if len(configs) < 2:
            pytest.skip("needs two installed apps")
        first_app, second_app = configs[0], configs[1]
        first_dir, second_dir, project_dir = tmp_path / "app1", tmp_path / "app2", tmp_path / "project"
        write_mo(
            first_dir / "locale" / "fr" / "LC_MESSAGES" / "django.mo", {"Shared": "Premier", "One": "Un"}
        )
        write_mo(
            second_dir / "locale" / "fr" / "LC_MESSAGES" / "django.mo", {"Shared": "Second", "Two": "Deux"}
        )
        write_mo(project_dir / "fr" / "LC_MESSAGES" / "django.mo", {"One": "Projet"})
        monkeypatch.setattr(first_app, "path", str(first_dir))
        monkeypatch.setattr(second_app, "path", str(second_dir))
        setting(LOCALE_PATHS=[str(project_dir)])
        with translation.override("fr"):
            assert translation.gettext("Shared") == "Premier"  # earlier app wins
            assert translation.gettext("Two") == "Deux"
            assert translation.gettext("One") == "Projet"  # LOCALE_PATHS beat apps
        dirs = trans_real.DjangoTranslation._search_dirs()
        assert dirs[0] == str(project_dir)
        assert dirs.index(str(first_dir / "locale")) < dirs.index(str(second_dir / "locale"))
        assert dirs[-1].endswith("conf/locale")
        trans_real.clear_caches()
