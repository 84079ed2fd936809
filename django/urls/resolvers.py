"""URLPattern, URLResolver and ResolverMatch: turning a path into a view.

Resolving keeps Django's rule (first match wins, depth first through includes) but
each resolver indexes its patterns by the literal first path segment they require,
so a request only tries the patterns that can match it, in declaration order. A miss
returns None all the way up; ``resolve()`` raises ``Resolver404`` once, at the top,
and only then walks the tree to list what was tried.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls._reverse import Template
from django.urls.exceptions import Resolver404
from django.urls.patterns import LocalePrefixPattern, RegexPattern, RoutePattern
from django.urls.utils import get_callable, lookup_str_of

__all__ = [
    "LocalePrefixPattern",
    "RegexPattern",
    "ResolverMatch",
    "RoutePattern",
    "URLPattern",
    "URLResolver",
    "get_resolver",
    "get_ns_resolver",
]


class ResolverMatch:
    """What ``resolve()`` found: the view, its arguments and where it sits in the URLconf."""

    def __init__(
        self,
        func: Callable,
        args: tuple,
        kwargs: dict,
        url_name: str | None = None,
        app_names: list | None = None,
        namespaces: list | None = None,
        route: str | None = None,
        tried: list | None = None,
        captured_kwargs: dict | None = None,
        extra_kwargs: dict | None = None,
    ) -> None:
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.url_name = url_name
        self.route = route
        self._tried = tried
        self._tried_source: Callable[[], list] | tuple | None = None
        self.captured_kwargs = captured_kwargs
        self.extra_kwargs = extra_kwargs
        self.app_names = [name for name in app_names or () if name]
        self.app_name = ":".join(self.app_names)
        self.namespaces = [name for name in namespaces or () if name]
        self.namespace = ":".join(self.namespaces)
        if "_func_path" not in self.__dict__:
            self._func_path = lookup_str_of(func)
        self.view_name = ":".join([*self.namespaces, url_name or self._func_path])

    @property
    def tried(self) -> list | None:
        """The patterns tried before this one matched (computed on first access)."""
        source = self._tried_source
        if self._tried is None and source is not None:
            # (resolver, path) from resolve(): walk the patterns again, up to the match.
            self._tried = source() if callable(source) else source[0]._walk(source[1], stop_at_match=True)[0]
        return self._tried

    @tried.setter
    def tried(self, value: list | None) -> None:
        self._tried = value

    def __getitem__(self, index: int) -> Any:
        return (self.func, self.args, self.kwargs)[index]

    def __iter__(self) -> Iterator[Any]:
        return iter((self.func, self.args, self.kwargs))

    def __reduce_ex__(self, protocol: Any) -> Any:
        import pickle

        raise pickle.PicklingError(f"Cannot pickle {self.__class__.__qualname__}.")

    def __repr__(self) -> str:
        extra = ""
        if self.captured_kwargs:
            extra += f", captured_kwargs={self.captured_kwargs!r}"
        if self.extra_kwargs:
            extra += f", extra_kwargs={self.extra_kwargs!r}"
        return (
            f"ResolverMatch(func={self._func_path}, args={self.args!r}, kwargs={self.kwargs!r}, "
            f"url_name={self.url_name!r}, app_names={self.app_names!r}, "
            f"namespaces={self.namespaces!r}, route={self.route!r}{extra})"
        )


class URLPattern:
    """One ``path()``/``re_path()`` entry that leads to a view."""

    def __init__(
        self, pattern: Any, callback: Callable, default_args: dict | None = None, name: str | None = None
    ):
        self.pattern = pattern
        self.callback = callback
        self.default_args = default_args or {}
        self.name = name
        self._match_parts: dict[tuple, dict] = {}

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__} {self.pattern.describe()}>"

    @functools.cached_property
    def lookup_str(self) -> str:
        """The dotted path of the view, used by debug pages and admindocs."""
        return lookup_str_of(self.callback)

    def _match(self, path: str) -> tuple | None:
        found = self.pattern.match(path)
        if found is None:
            return None
        _rest, args, captured = found
        return (self, args, captured, self.default_args, ())

    def resolve(self, path: str) -> ResolverMatch | None:
        found = self._match(path)
        if found is None:
            return None
        return _build_match(found, [[self]])

    def check(self) -> list:
        import inspect

        from django.core.checks import Error, Warning

        messages = list(self.pattern.check())
        if self.pattern.name is not None and ":" in self.pattern.name:
            messages.append(
                Warning(
                    f"Your URL pattern {self.pattern.describe()} has a name including a ':'. Remove the "
                    "colon, to avoid ambiguous namespace references.",
                    id="urls.W003",
                )
            )
        view = self.callback
        if inspect.isclass(view) and hasattr(view, "as_view"):
            name = view.__name__
            messages.append(
                Error(
                    f"Your URL pattern {self.pattern.describe()} has an invalid view, pass "
                    f"{name}.as_view() instead of {name}.",
                    id="urls.E009",
                )
            )
        return messages


def _join_route(outer: str, inner: str) -> str:
    return outer + (inner[1:] if inner.startswith("^") else inner)


def _build_match(found: tuple, tried: list | None) -> ResolverMatch:
    leaf, args, captured, extra, trail = found
    static = leaf._match_parts.get(trail)
    if static is None:
        static = _static_match_parts(leaf, trail)
    match = ResolverMatch.__new__(ResolverMatch)
    attrs = match.__dict__
    attrs.update(static)
    # Lists are handed out fresh: a caller may change its own match.
    attrs["app_names"] = list(static["app_names"])
    attrs["namespaces"] = list(static["namespaces"])
    attrs["args"] = args
    attrs["kwargs"] = {**captured, **extra}
    attrs["captured_kwargs"] = captured.copy() if captured else {}
    attrs["extra_kwargs"] = extra.copy() if extra else {}
    attrs["_tried"] = tried
    attrs["_tried_source"] = None
    return match


_FOUND_CACHE_SIZE = 2048


def _reusable(leaf: URLPattern, trail: tuple) -> bool:
    """Whether a match can be handed out again for the same path: no translated route (the
    answer follows the language) and only built-in converters (their values are immutable)."""
    from django.urls import converters

    builtin = {
        converters.IntConverter,
        converters.StringConverter,
        converters.UUIDConverter,
        converters.SlugConverter,
        converters.PathConverter,
    }
    for pattern in (*(resolver.pattern for resolver in trail), leaf.pattern):
        if getattr(pattern, "is_translated", True):
            return False
        pattern_converters = getattr(pattern, "converters", None)
        if pattern_converters is None or any(type(c) not in builtin for c in pattern_converters.values()):
            return False
    return True


def _static_match_parts(leaf: URLPattern, trail: tuple) -> dict:
    """What a match of ``leaf`` under ``trail`` always has; remembered unless a route is translated."""
    route = ""
    for resolver in trail:
        route = _join_route(route, str(resolver.pattern))
    route = _join_route(route, str(leaf.pattern))
    match = ResolverMatch.__new__(ResolverMatch)
    match._func_path = leaf.lookup_str
    ResolverMatch.__init__(
        match,
        leaf.callback,
        (),
        {},
        leaf.pattern.name,
        [resolver.app_name for resolver in trail],
        [resolver.namespace for resolver in trail],
        route,
    )
    static = {
        key: value
        for key, value in match.__dict__.items()
        if key not in {"args", "kwargs", "_tried", "_tried_source", "captured_kwargs", "extra_kwargs"}
    }
    if not leaf.pattern.is_translated and not any(resolver.pattern.is_translated for resolver in trail):
        leaf._match_parts[trail] = static
    return static


class _ReverseData:
    """Everything ``reverse()`` needs from one resolver, built once (per language if translated)."""

    def __init__(self) -> None:
        self.lookups: dict[Any, list[Template]] = {}
        self.namespaces: dict[str, tuple[Template, URLResolver]] = {}
        self.apps: dict[str, list[str]] = {}
        self.joined: dict[tuple, list[Template]] = {}
        # reverse()'s answer per (view name, current_app): the templates and the bare view name.
        self.by_name: dict[Any, tuple[list[Template], Any]] = {}


class URLResolver:
    """An ``include()``: a prefix pattern and the URLconf (module or list) below it."""

    def __init__(
        self,
        pattern: Any,
        urlconf_name: Any,
        default_kwargs: dict | None = None,
        app_name: str | None = None,
        namespace: str | None = None,
    ) -> None:
        self.pattern = pattern
        self.urlconf_name = urlconf_name
        self.callback = None
        self.default_kwargs = default_kwargs or {}
        self.namespace = namespace
        self.app_name = app_name
        self._lock = threading.RLock()
        self._index: dict[str, tuple] | None = None
        self._wildcards: tuple = ()
        self._reverse_cache: dict[Any, _ReverseData] = {}
        # path -> what _match() found, for matches whose values are immutable (see _reusable).
        self._found_by_path: dict[str, tuple] = {}

    def __repr__(self) -> str:
        if isinstance(self.urlconf_name, list) and self.urlconf_name:
            urlconf_repr = f"<{self.urlconf_name[0].__class__.__name__} list>"
        else:
            urlconf_repr = repr(self.urlconf_name)
        return (
            f"<{self.__class__.__name__} {urlconf_repr} ({self.app_name}:{self.namespace}) "
            f"{self.pattern.describe()}>"
        )

    @functools.cached_property
    def urlconf_module(self) -> Any:
        if isinstance(self.urlconf_name, str):
            return import_module(self.urlconf_name)
        return self.urlconf_name

    @functools.cached_property
    def url_patterns(self) -> Any:
        patterns = getattr(self.urlconf_module, "urlpatterns", self.urlconf_module)
        try:
            iter(patterns)
        except TypeError as e:
            raise ImproperlyConfigured(
                f"The included URLconf '{self.urlconf_name}' does not appear to have any patterns in "
                "it. If you see the 'urlpatterns' variable with valid patterns in the file then the "
                "issue is probably caused by a circular import."
            ) from e
        return patterns

    # -- resolving -----------------------------------------------------------------

    def _build_index(self) -> None:
        with self._lock:
            if self._index is not None:
                return
            entries = [(position, child) for position, child in enumerate(self.url_patterns)]
            wildcards = [entry for entry in entries if _index_key(entry[1]) is None]
            buckets: dict[str, list] = {}
            for entry in entries:
                key = _index_key(entry[1])
                if key is not None:
                    buckets.setdefault(key, []).append(entry)
            self._wildcards = tuple(child for _pos, child in wildcards)
            self._index = {
                key: tuple(child for _pos, child in sorted(bucket + wildcards, key=lambda e: e[0]))
                for key, bucket in buckets.items()
            }

    def _candidates(self, path: str) -> tuple:
        if self._index is None:
            self._build_index()
        slash = path.find("/")
        key = path if slash < 0 else path[:slash]
        return self._index.get(key, self._wildcards)  # type: ignore[union-attr]

    def _match(self, path: str) -> tuple | None:
        found = self.pattern.match(path)
        if found is None:
            return None
        rest, args, captured = found
        for child in self._candidates(rest):
            sub = child._match(rest)
            if sub is not None:
                return self._combine(args, captured, sub)
        return None

    def _combine(self, args: tuple, captured: dict, sub: tuple) -> tuple:
        leaf, sub_args, sub_captured, sub_extra, trail = sub
        captured = {**captured, **sub_captured}
        extra = {**self.default_kwargs, **sub_extra}
        if not captured and not extra:
            sub_args = args + sub_args
        return leaf, sub_args, captured, extra, (self, *trail)

    def resolve(self, path: str) -> ResolverMatch:
        path = str(path)
        found = self._found_by_path.get(path)
        if found is None:
            found = self._find(path)
        match = _build_match(found, None)
        match._tried_source = (self, path)
        return match

    def _find(self, path: str) -> tuple:
        """_match() below this resolver, remembered per path when the result can be shared."""
        found = self._match(path)
        if found is None:
            tried, _matched = self._walk(path, stop_at_match=False)
            rest = self.pattern.match(path)
            raise Resolver404({"path": rest[0] if rest else path, "tried": tried})
        leaf, args, captured, extra, trail = found
        found = (leaf, args, captured, extra, trail[1:])
        if _reusable(leaf, found[4]):
            if len(self._found_by_path) >= _FOUND_CACHE_SIZE:
                self._found_by_path.clear()
            self._found_by_path[path] = found
        return found

    def _walk(self, path: str, stop_at_match: bool) -> tuple[list, bool]:
        """Every pattern tried, in order, as Django reports them (the slow path of a miss)."""
        found = self.pattern.match(path)
        if found is None:
            return [], False
        rest = found[0]
        tried: list = []
        for child in self.url_patterns:
            if isinstance(child, URLResolver):
                sub_tried, matched = child._walk(rest, stop_at_match)
                if child.pattern.match(rest) is None:
                    tried.append([child])
                else:
                    tried.extend([child, *entry] for entry in sub_tried)
            else:
                tried.append([child])
                matched = child._match(rest) is not None
            if matched and stop_at_match:
                return tried, True
        return tried, False

    # -- reversing -----------------------------------------------------------------

    @functools.cached_property
    def _is_localized(self) -> bool:
        if self.pattern.is_translated:
            return True
        for child in self.url_patterns:
            if child.pattern.is_translated:
                return True
            if isinstance(child, URLResolver) and child._is_localized:
                return True
        return False

    def _reverse_data(self) -> _ReverseData:
        key = None
        if self._is_localized:
            from django.utils.translation import get_language

            key = get_language()
        data = self._reverse_cache.get(key)
        if data is None:
            with self._lock:
                data = self._reverse_cache.get(key)
                if data is None:
                    data = self._populate()
                    self._reverse_cache[key] = data
        return data

    def _populate(self) -> _ReverseData:
        data = _ReverseData()
        # Later declarations are tried first: Django documents that the last pattern
        # with a name wins when several share it.
        for child in reversed(self.url_patterns):
            prefixes = [
                Template(
                    parts,
                    child.default_kwargs if isinstance(child, URLResolver) else child.default_args,
                    _display(child.pattern),
                )
                for parts in child.pattern.reverse_parts()
            ]
            if isinstance(child, URLPattern):
                for template in prefixes:
                    data.lookups.setdefault(child.callback, []).append(template)
                    if child.name is not None:
                        data.lookups.setdefault(child.name, []).append(template)
            elif child.namespace:
                data.apps.setdefault(child.app_name, []).append(child.namespace)
                for template in prefixes:
                    data.namespaces[child.namespace] = (template, child)
            else:
                self._absorb(data, child, prefixes)
        return data

    @staticmethod
    def _absorb(data: _ReverseData, child: URLResolver, prefixes: list[Template]) -> None:
        """Merge a namespace-less include's names into this resolver, prefixed."""
        sub = child._reverse_data()
        for prefix in prefixes:
            for name, templates in sub.lookups.items():
                data.lookups.setdefault(name, []).extend(prefix.joined(t) for t in templates)
            for namespace, (ns_prefix, resolver) in sub.namespaces.items():
                data.namespaces[namespace] = (prefix.joined(ns_prefix), resolver)
        for app_name, namespaces in sub.apps.items():
            data.apps.setdefault(app_name, []).extend(namespaces)

    @property
    def reverse_dict(self) -> dict:
        return self._reverse_data().lookups

    @property
    def namespace_dict(self) -> dict:
        return self._reverse_data().namespaces

    @property
    def app_dict(self) -> dict:
        return self._reverse_data().apps

    def reverse(self, lookup_view: Any, *args: Any, **kwargs: Any) -> str:
        return self._reverse_with_prefix(lookup_view, "", *args, **kwargs)

    def _reverse_with_prefix(self, lookup_view: Any, _prefix: str, *args: Any, **kwargs: Any) -> str:
        from django.urls.reversing import reverse_templates

        return reverse_templates(
            self._reverse_data().lookups.get(lookup_view, []), lookup_view, _prefix, args, kwargs
        )

    # -- error handlers and checks ---------------------------------------------------

    def resolve_error_handler(self, view_type: int | str) -> Callable:
        callback = getattr(self.urlconf_module, f"handler{view_type}", None)
        if not callback:
            from django.conf import urls

            callback = getattr(urls, f"handler{view_type}")
        return get_callable(callback)

    def check(self) -> list:
        from django.core.checks.urls import check_resolver

        messages = list(self.pattern.check())
        for child in self.url_patterns:
            messages.extend(check_resolver(child))
        return messages


def _index_key(child: Any) -> str | None:
    return getattr(getattr(child, "pattern", None), "index_key", None)


def _display(pattern: Any) -> str:
    text = str(pattern)
    return text[1:] if text.startswith("^") else text


@functools.cache
def _get_cached_resolver(urlconf: Any) -> URLResolver:
    return URLResolver(RegexPattern(r"^/"), urlconf)


def get_resolver(urlconf: Any = None) -> URLResolver:
    """The (cached) root resolver for a URLconf, ``ROOT_URLCONF`` by default."""
    if urlconf is None:
        urlconf = settings.ROOT_URLCONF
    return _get_cached_resolver(urlconf)


@functools.cache
def get_ns_resolver(ns_pattern: str, resolver: URLResolver, converters: tuple) -> URLResolver:
    """A resolver for ``ns_pattern`` wrapping ``resolver`` (kept for API compatibility)."""
    pattern = RegexPattern(ns_pattern)
    pattern.converters = dict(converters)
    ns_resolver = URLResolver(pattern, resolver.url_patterns)
    return URLResolver(RegexPattern(r"^/"), [ns_resolver])
