"""Translation backed by gettext catalogs (USE_I18N = True)."""

from __future__ import annotations

import functools
import gettext as gettext_module
import os
import re
import threading
from contextvars import ContextVar
from typing import Any

from django.utils._conf import conf_settings
from django.utils.regex_helper import _lazy_re_compile
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import to_language, to_locale

# Translations per language code, and the one active in this thread/task.
_translations: dict[str, DjangoTranslation] = {}
_translations_lock = threading.RLock()  # building one may build the fallback
# A ContextVar is per thread and per asyncio task, and asgiref's sync_to_async
# copies changes back to the caller, like asgiref.local.Local but much cheaper.
_active: ContextVar[Any] = ContextVar("django_translation_active", default=None)
_default: DjangoTranslation | None = None

CONTEXT_SEPARATOR = "\x04"
# Longest Accept-Language header / language code we look at (DoS guard).
ACCEPT_LANGUAGE_HEADER_MAX_LENGTH = 500
LANGUAGE_CODE_MAX_LENGTH = 500

# One Accept-Language entry: a language range (or *), an optional quality
# value between 0 and 1, then a comma or the end. split() on it leaves only
# empty strings between matches when the header is well formed.
_LANGUAGE_RANGE = r"([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)"
_QUALITY = r"(?:\s*;\s*q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?))?"
accept_language_re = _lazy_re_compile(_LANGUAGE_RANGE + _QUALITY + r"(?:\s*,\s*|$)", re.ASCII)
language_code_re = _lazy_re_compile(r"^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$", re.IGNORECASE)
language_code_prefix_re = _lazy_re_compile(r"^/(\w+([@-]\w+){0,2})(/|$)")


def clear_caches() -> None:
    """Forget loaded catalogs and lookup caches (after LANGUAGES, LOCALE_PATHS,
    LANGUAGE_CODE, USE_I18N or INSTALLED_APPS change), and the locale formats."""
    global _default
    from django.utils import formats, translation

    with _translations_lock:
        _translations.clear()
    _default = None
    check_for_language.cache_clear()
    get_languages.cache_clear()
    get_supported_language_variant.cache_clear()
    translation._trans.reset()
    formats.reset_format_cache()


class _Layer:
    """One merged catalog with one plural rule."""

    __slots__ = ("catalog", "plural", "plural_source")

    def __init__(self, catalog: dict, plural: Any, plural_source: str) -> None:
        self.catalog = catalog
        self.plural = plural
        self.plural_source = plural_source


def _plural_source(translations: gettext_module.GNUTranslations) -> str:
    header = translations.info().get("plural-forms", "")
    match = re.search(r"plural\s*=\s*([^;]+)", header)
    return match.group(1).strip() if match else "n != 1"


class DjangoTranslation:
    """The merged catalogs for one language: LOCALE_PATHS beat installed apps,
    earlier apps beat later ones; untranslated strings fall back to the
    default language's catalog and then to the message itself."""

    domain = "django"

    def __init__(self, language: str, domain: str | None = None, localedirs: list[str] | None = None) -> None:
        self.__language = language
        self.__to_language = to_language(language)
        self.__locale = to_locale(language)
        if domain is not None:
            self.domain = domain
        self._layers: list[_Layer] = []
        self._fallback: DjangoTranslation | None = None
        self._info: dict = {}
        if localedirs is not None:
            for localedir in localedirs:
                self._add_directory(localedir)
            return
        for localedir in self._search_dirs():
            self._add_directory(localedir)
        self._add_fallback()

    def __repr__(self) -> str:
        return f"<DjangoTranslation lang:{self.__language}>"

    @staticmethod
    def _search_dirs() -> list[str]:
        """Directories in priority order (highest first)."""
        from django.apps import apps
        from django.conf import settings

        dirs = [str(path) for path in settings.LOCALE_PATHS]
        if apps.ready:
            dirs += [os.path.join(app.path, "locale") for app in apps.get_app_configs()]
        dirs.append(
            os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "conf", "locale")
        )
        return dirs

    def _add_directory(self, localedir: str) -> None:
        found = gettext_module.translation(
            domain=self.domain, localedir=localedir, languages=[self.__locale], fallback=True
        )
        if not isinstance(found, gettext_module.GNUTranslations):
            return
        catalog = dict(found._catalog)  # type: ignore[attr-defined]
        catalog.pop("", None)  # the header entry
        source = _plural_source(found)
        if not self._info:
            self._info = found.info()
        # Consecutive catalogs with the same plural rule share one dict.
        if self._layers and self._layers[-1].plural_source == source:
            for key, value in catalog.items():
                self._layers[-1].catalog.setdefault(key, value)
        else:
            self._layers.append(_Layer(catalog, found.plural, source))  # type: ignore[attr-defined]

    def _add_fallback(self) -> None:
        from django.conf import settings

        default = settings.LANGUAGE_CODE
        if self.__language in (default, "en-us") or self.__language == to_language(default):
            return
        if self.__language.startswith("en") and default.startswith("en"):
            return
        self._fallback = translation(default)

    def merge(self, other: DjangoTranslation) -> None:
        """Add another translation's catalogs with lower priority."""
        self._layers.extend(other._layers)

    def add_fallback(self, fallback: DjangoTranslation) -> None:
        self._fallback = fallback

    def language(self) -> str:
        return self.__language

    def to_language(self) -> str:
        return self.__to_language

    def info(self) -> dict:
        return self._info

    def charset(self) -> str:
        return "utf-8"

    def gettext(self, message: str) -> str:
        for layer in self._layers:
            found = layer.catalog.get(message)
            if found is not None:
                return found
        if self._fallback is not None:
            return self._fallback.gettext(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: float) -> str:
        for layer in self._layers:
            found = layer.catalog.get((msgid1, layer.plural(n)))
            if found is not None:
                return found
        if self._fallback is not None:
            return self._fallback.ngettext(msgid1, msgid2, n)
        return msgid1 if n == 1 else msgid2


def translation(language: str) -> DjangoTranslation:
    """The (cached) DjangoTranslation for ``language``."""
    found = _translations.get(language)
    if found is None:
        with _translations_lock:
            found = _translations.get(language)
            if found is None:
                found = _translations[language] = DjangoTranslation(language)
    return found


def activate(language: str) -> None:
    """Use ``language`` for this thread/task."""
    if not language:
        return
    _active.set(translation(language))


def deactivate() -> None:
    """Go back to the default language (settings.LANGUAGE_CODE)."""
    _active.set(None)


class _NoTranslation(gettext_module.NullTranslations):
    def to_language(self) -> None:
        return None


def deactivate_all() -> None:
    """Translate nothing (messages are returned as written) until activate()."""
    _active.set(_NoTranslation())


def get_language() -> str | None:
    """The active language code, or settings.LANGUAGE_CODE when none is active."""
    active = _active.get()
    if active is not None:
        try:
            return active.to_language()
        except AttributeError:
            pass
    return conf_settings().LANGUAGE_CODE


def get_language_bidi() -> bool:
    """True if the active language reads right-to-left."""
    from django.conf import settings

    language = get_language()
    if language is None:
        return False
    return language.split("-")[0] in settings.LANGUAGES_BIDI


def catalog() -> Any:
    """The active translation object (or the default one)."""
    active = _active.get()
    if active is not None:
        return active
    return _default_translation()


def _default_translation() -> DjangoTranslation:
    global _default
    language_code = conf_settings().LANGUAGE_CODE
    if _default is None or _default.language() != language_code:
        _default = translation(language_code)
    return _default


def gettext(message: str) -> str:
    """Translate ``message`` into the active language (safe stays safe)."""
    translation_object = _active.get() or _default_translation()
    if not message:
        return message
    eol_message = message.replace("\r\n", "\n").replace("\r", "\n")
    result = translation_object.gettext(eol_message)
    if isinstance(message, SafeData):
        return mark_safe(result)
    return result


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as used in ``context``."""
    result = gettext(f"{context}{CONTEXT_SEPARATOR}{message}")
    if CONTEXT_SEPARATOR in result:
        result = message  # No translation for this context.
    elif isinstance(message, SafeData):
        result = mark_safe(result)
    return result


def gettext_noop(message: str) -> str:
    return message


def ngettext(singular: str, plural: str, number: float) -> str:
    """Translate the singular or plural form for ``number``."""
    translation_object = _active.get() or _default_translation()
    return translation_object.ngettext(singular, plural, number)


def npgettext(context: str, singular: str, plural: str, number: float) -> str:
    """Plural translation within ``context``."""
    result = ngettext(
        f"{context}{CONTEXT_SEPARATOR}{singular}", f"{context}{CONTEXT_SEPARATOR}{plural}", number
    )
    if CONTEXT_SEPARATOR in result:
        result = ngettext(singular, plural, number)
    return result


def all_locale_paths() -> list[str]:
    """Every directory that may hold catalogs: Django's, LOCALE_PATHS and the apps'."""
    return list(reversed(DjangoTranslation._search_dirs()))


@functools.lru_cache(maxsize=1000)
def check_for_language(lang_code: str) -> bool:
    """True if Django ships ``lang_code`` or some locale directory has a
    catalog for it. Malformed codes are refused."""
    if not lang_code or len(lang_code) > LANGUAGE_CODE_MAX_LENGTH or not language_code_re.search(lang_code):
        return False
    from django.conf.locale import LANG_INFO

    # Django ships these languages, and gettext finds a generic catalog for
    # any regional variant ('fr-ca' -> 'fr').
    if lang_code.lower() in LANG_INFO or lang_code.lower().split("-")[0] in LANG_INFO:
        return True
    locale = to_locale(lang_code)
    return any(gettext_module.find("django", path, [locale]) is not None for path in all_locale_paths())


@functools.lru_cache
def get_languages() -> dict[str, str]:
    """settings.LANGUAGES as a dict."""
    from django.conf import settings

    return dict(settings.LANGUAGES)


@functools.lru_cache(maxsize=1000)
def get_supported_language_variant(lang_code: str, strict: bool = False) -> str:
    """The code from settings.LANGUAGES that best serves ``lang_code``: itself,
    its documented fallbacks, its generic language, or (unless ``strict``) a
    regional variant of it. LookupError when nothing fits."""
    if lang_code and len(lang_code) <= LANGUAGE_CODE_MAX_LENGTH:
        from django.conf.locale import LANG_INFO

        candidates = [lang_code]
        candidates += LANG_INFO.get(lang_code, {}).get("fallback", [])
        generic = lang_code.split("-")[0]
        candidates.append(generic)
        supported = get_languages()
        supported_lower = {code.lower(): code for code in supported}
        for code in candidates:
            if code.lower() in supported_lower and check_for_language(code):
                return code
        if not strict:
            for supported_code in supported:
                if supported_code.startswith(generic + "-"):
                    return supported_code
    raise LookupError(lang_code)


def get_language_from_path(path: str, strict: bool = False) -> str | None:
    """The supported language named by the path's first segment, if any."""
    match = language_code_prefix_re.match(path)
    if not match:
        return None
    try:
        return get_supported_language_variant(match[1], strict=strict)
    except LookupError:
        return None


def get_language_from_request(request: Any, check_path: bool = False) -> str:
    """Pick the language for a request: path prefix (if asked), the language
    cookie, Accept-Language, then settings.LANGUAGE_CODE."""
    from django.conf import settings

    if check_path:
        lang_code = get_language_from_path(request.path_info)
        if lang_code is not None:
            return lang_code
    lang_code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if lang_code is not None and lang_code in get_languages() and check_for_language(lang_code):
        return lang_code
    try:
        return get_supported_language_variant(lang_code)  # type: ignore[arg-type]
    except LookupError:
        pass
    accept = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for accept_lang, _ in parse_accept_lang_header(accept):
        if accept_lang == "*":
            break
        if not language_code_re.search(accept_lang):
            continue
        try:
            return get_supported_language_variant(accept_lang)
        except LookupError:
            continue
    try:
        return get_supported_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


@functools.lru_cache(maxsize=1000)
def _parse_accept_lang_header(lang_string: str) -> tuple[tuple[str, float], ...]:
    result = []
    pieces = accept_language_re.split(lang_string.lower())
    if pieces[-1]:
        return ()
    for index in range(0, len(pieces) - 1, 3):
        first, lang, priority = pieces[index : index + 3]
        if first:
            return ()
        quality = float(priority) if priority else 1.0
        result.append((lang, quality))
    result.sort(key=lambda item: item[1], reverse=True)
    return tuple(result)


def parse_accept_lang_header(lang_string: str) -> tuple[tuple[str, float], ...]:
    """Parse an Accept-Language header into (code, q) pairs, best first; ()
    for a malformed header. Over-long headers are cut at the last comma
    before the limit rather than parsed whole."""
    if len(lang_string) > ACCEPT_LANGUAGE_HEADER_MAX_LENGTH:
        cut = lang_string.rfind(",", 0, ACCEPT_LANGUAGE_HEADER_MAX_LENGTH)
        if cut <= 0:
            return ()
        lang_string = lang_string[:cut]
    return _parse_accept_lang_header(lang_string)
