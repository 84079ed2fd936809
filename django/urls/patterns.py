"""Pattern objects: what ``path()`` and ``re_path()`` compile a route into.

Each pattern compiles its regex once (once per language for translated routes), knows
the literal first path segment it can match (for the resolver's index), and can build
its reverse templates.
"""

from __future__ import annotations

import re
import string
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls._reverse import Param, templates_for_regex
from django.urls.converters import get_converter

_PARAM_RE = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_SAFE_LITERAL = set(string.ascii_letters + string.digits + "_-/~,;:@!=&'")


def _active_language() -> str | None:
    from django.utils.translation import get_language

    return get_language()


class _Localized:
    """Compile a pattern's regex lazily, once per active language for translated routes."""

    _regex_cache: dict
    is_translated: bool
    name: str | None

    def _compile(self, source: str) -> re.Pattern:
        raise NotImplementedError

    def _source(self) -> str:
        raise NotImplementedError

    @property
    def regex(self) -> re.Pattern:
        key = _active_language() if self.is_translated else None
        compiled = self._regex_cache.get(key)
        if compiled is None:
            compiled = self._compile(str(self._source()))
            self._regex_cache[key] = compiled
        return compiled

    def describe(self) -> str:
        description = f"'{self}'"
        if getattr(self, "name", None):
            description += f" [name='{self.name}']"
        return description

    def __str__(self) -> str:
        return str(self._source())


def _index_key_from_literal(literal: str, whole: bool) -> str | None:
    """The first path segment every match must have, when the literal fixes it."""
    if "/" in literal:
        return literal.split("/", 1)[0]
    return literal if whole else None


class RoutePattern(_Localized):
    """A ``path()`` route such as ``'articles/<int:year>/'``."""

    def __init__(self, route: Any, name: str | None = None, is_endpoint: bool = False) -> None:
        self._route = route
        self.name = name
        self._is_endpoint = is_endpoint
        self.is_translated = not isinstance(route, str)
        self._regex_cache: dict = {}
        self.converters: dict[str, Any] = {}
        self.parts = self._parse(str(route))
        self.converters = {str(p.name): p.converter for p in self.parts if isinstance(p, Param)}
        self._plain = not self.converters and not self.is_translated
        literal = self.parts[0] if self.parts and isinstance(self.parts[0], str) else ""
        self.index_key = (
            None if self.is_translated else _index_key_from_literal(literal, self._plain and is_endpoint)
        )

    def _source(self) -> str:
        return self._route

    def _parse(self, route: str) -> tuple:
        parts: list = []
        pos = 0
        for found in _PARAM_RE.finditer(route):
            if found.start() > pos:
                parts.append(route[pos : found.start()])
            parts.append(self._param(route, found))
            pos = found.end()
        if pos < len(route):
            parts.append(route[pos:])
        return tuple(parts)

    def _param(self, route: str, found: re.Match) -> Param:
        raw_converter, name = found["converter"] or "str", found["parameter"]
        if not name.isidentifier():
            if any(char.isspace() for char in found.group(0)):
                raise ImproperlyConfigured(
                    f"URL route {route!r} cannot contain whitespace in angle brackets <…>."
                )
            raise ImproperlyConfigured(
                f"URL route {route!r} uses parameter name {name!r} which isn't a valid Python identifier."
            )
        try:
            converter = get_converter(raw_converter)
        except KeyError:
            raise ImproperlyConfigured(f"URL route {route!r} uses invalid converter {raw_converter!r}.")
        return Param(name, converter.regex, converter)

    def _compile(self, route: str) -> re.Pattern:
        parts = self.parts if route == str(self._route) and not self.is_translated else self._parse(route)
        pieces = ["^"]
        for part in parts:
            if isinstance(part, str):
                pieces.append(re.escape(part))
            else:
                pieces.append(f"(?P<{part.name}>{part.regex})")
        if self._is_endpoint:
            pieces.append(r"\Z")
        return re.compile("".join(pieces))

    def match(self, path: str) -> tuple[str, tuple, dict] | None:
        if self._plain:
            route = self._route
            if self._is_endpoint:
                return ("", (), {}) if path == route else None
            return (path[len(route) :], (), {}) if path.startswith(route) else None
        found = (self._regex_cache.get(None) or self.regex).search(path)
        if found is None:
            return None
        kwargs = {}
        for key, value in found.groupdict().items():
            try:
                kwargs[key] = self.converters[key].to_python(value)
            except ValueError:
                return None
        return path[found.end() :], (), kwargs

    def reverse_parts(self) -> list[tuple]:
        if self.is_translated:
            return [self._parse(str(self._route))]
        return [self.parts]

    def check(self) -> list:
        from django.core.checks import Warning

        warnings = _check_leading_slash(self)
        route = str(self._route)
        if "(?P<" in route or route.startswith("^") or route.endswith("$"):
            warnings.append(
                Warning(
                    f"Your URL pattern {self.describe()} has a route that contains '(?P<', begins "
                    "with a '^', or ends with a '$'. This was likely an oversight when migrating to "
                    "django.urls.path().",
                    id="2_0.W001",
                )
            )
        return warnings


class RegexPattern(_Localized):
    """A ``re_path()`` regular expression, matched with ``search`` like Django does."""

    def __init__(self, regex: Any, name: str | None = None, is_endpoint: bool = False) -> None:
        self._regex = regex
        self.name = name
        self._is_endpoint = is_endpoint
        self.is_translated = not isinstance(regex, str)
        self._regex_cache: dict = {}
        self.converters: dict[str, Any] = {}
        if not self.is_translated:
            self.regex  # noqa: B018 - compile now so a bad regex fails at import
        self.index_key = None if self.is_translated else self._literal_key(regex)

    def _source(self) -> str:
        return self._regex

    def _compile(self, regex: str) -> re.Pattern:
        try:
            return re.compile(regex)
        except re.error as e:
            raise ImproperlyConfigured(f'"{regex}" is not a valid regular expression: {e}') from e

    @staticmethod
    def _literal_key(regex: str) -> str | None:
        if not regex.startswith("^") or "|" in regex:
            return None
        literal = []
        pos = 1
        while pos < len(regex) and regex[pos] in _SAFE_LITERAL:
            literal.append(regex[pos])
            pos += 1
        if pos < len(regex) and regex[pos] in "?*{" and literal:
            literal.pop()
        whole = pos == len(regex) - 1 and regex[pos] == "$" or regex[pos:] == r"\Z"
        return _index_key_from_literal("".join(literal), whole)

    def match(self, path: str) -> tuple[str, tuple, dict] | None:
        regex = self._regex_cache.get(None) or self.regex
        if self._is_endpoint and regex.pattern.endswith("$"):
            found = regex.fullmatch(path)
        else:
            found = regex.search(path)
        if found is None:
            return None
        kwargs = {key: value for key, value in found.groupdict().items() if value is not None}
        args = () if kwargs else found.groups()
        return path[found.end() :], args, kwargs

    def reverse_parts(self) -> list[tuple]:
        return templates_for_regex(str(self._regex))

    def check(self) -> list:
        from django.core.checks import Warning

        warnings = _check_leading_slash(self)
        regex = str(self._regex)
        if not self._is_endpoint and regex.endswith("$") and not regex.endswith(r"\$"):
            warnings.append(
                Warning(
                    f"Your URL pattern {self.describe()} uses include with a route ending with a '$'. "
                    "Remove the dollar from the route to avoid problems including URLs.",
                    id="urls.W001",
                )
            )
        return warnings


def _check_leading_slash(pattern: Any) -> list:
    from django.conf import settings
    from django.core.checks import Warning

    if not settings.APPEND_SLASH:
        return []
    text = str(pattern)
    if text.startswith(("/", "^/", "^\\/")) and not text.endswith("/"):
        return [
            Warning(
                f"Your URL pattern {pattern.describe()} has a route beginning with a '/'. Remove this "
                "slash as it is unnecessary. If this pattern is targeted in an include(), ensure the "
                "include() pattern has a trailing '/'.",
                id="urls.W002",
            )
        ]
    return []


class LocalePrefixPattern:
    """The ``<language code>/`` prefix that ``i18n_patterns()`` puts before its patterns."""

    index_key = None
    is_translated = True
    name = None
    converters: dict = {}

    def __init__(self, prefix_default_language: bool = True) -> None:
        self.prefix_default_language = prefix_default_language

    @property
    def regex(self) -> re.Pattern:
        return re.compile(re.escape(self.language_prefix))

    @property
    def language_prefix(self) -> str:
        from django.conf import settings

        language_code = _active_language() or settings.LANGUAGE_CODE
        if language_code == settings.LANGUAGE_CODE and not self.prefix_default_language:
            return ""
        return f"{language_code}/"

    def match(self, path: str) -> tuple[str, tuple, dict] | None:
        prefix = self.language_prefix
        if path.startswith(prefix):
            return path[len(prefix) :], (), {}
        return None

    def reverse_parts(self) -> list[tuple]:
        return [(self,)]

    def check(self) -> list:
        return []

    def describe(self) -> str:
        return f"'{self}'"

    def __str__(self) -> str:
        return self.language_prefix
