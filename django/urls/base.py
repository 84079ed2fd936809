"""The module-level URL API: resolve, reverse, script prefix and the active URLconf."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from django.urls.exceptions import NoReverseMatch, Resolver404
from django.urls.resolvers import ResolverMatch, _get_cached_resolver, get_ns_resolver, get_resolver
from django.urls.reversing import namespaced_templates, resolve_namespaces, reverse_templates
from django.urls.utils import get_callable
from django.utils.functional import lazy

# Per-thread and per-asyncio-context state (a request may set its own URLconf). A new thread
# starts with an empty context, and asgiref's sync/async bridges carry contexts across, so
# ContextVars behave like asgiref's Local here at a fraction of the lookup cost.
_prefix_var: ContextVar[str | None] = ContextVar("django_script_prefix", default=None)
_urlconf_var: ContextVar[Any] = ContextVar("django_urlconf", default=None)


def resolve(path: str, urlconf: Any = None) -> ResolverMatch:
    if urlconf is None:
        urlconf = _urlconf_var.get()
    return get_resolver(urlconf).resolve(path)


def reverse(
    viewname: Any,
    urlconf: Any = None,
    args: Any = None,
    kwargs: dict | None = None,
    current_app: str | None = None,
    *,
    query: Any = None,
    fragment: str | None = None,
) -> str:
    """The URL of a view or pattern name, with optional query string and fragment."""
    if urlconf is None:
        urlconf = _urlconf_var.get()
    templates, view = _templates_for(get_resolver(urlconf), viewname, current_app)
    prefix = _prefix_var.get()
    url = reverse_templates(
        templates, view, "/" if prefix is None else prefix, tuple(args or ()), dict(kwargs or {})
    )
    if query is None and fragment is None:
        return url
    return url + _query_and_fragment(query, fragment)


def _templates_for(resolver: Any, viewname: Any, current_app: str | None) -> tuple[list, Any]:
    """The reverse templates of a (namespaced) view name, remembered per resolver and language."""
    cache = resolver._reverse_data().by_name
    key: tuple | None = (viewname, current_app)
    try:
        return cache[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable view: look it up every time
        key = None
    if isinstance(viewname, str):
        *namespaces, view = viewname.split(":")
    else:
        namespaces, view = [], viewname
    if namespaces:
        _inner, resolved = resolve_namespaces(resolver, namespaces, current_app)
        templates = namespaced_templates(resolver, resolved, view)
    else:
        templates = resolver.reverse_dict.get(view, [])
    if key is not None and templates:
        cache[key] = (templates, view)
    return templates, view


def _query_and_fragment(query: Any, fragment: str | None) -> str:
    tail = ""
    if query is not None:
        from django.http import QueryDict

        if isinstance(query, QueryDict):
            encoded = query.urlencode()
        else:
            from urllib.parse import urlencode

            encoded = urlencode(query, doseq=True)
        if encoded:
            tail += "?" + encoded
    if fragment is not None:
        tail += "#" + fragment
    return tail


reverse_lazy = lazy(reverse, str)


def clear_url_caches() -> None:
    get_callable.cache_clear()
    _get_cached_resolver.cache_clear()
    get_ns_resolver.cache_clear()


def set_script_prefix(prefix: str) -> None:
    """Set the prefix (e.g. the WSGI SCRIPT_NAME) that ``reverse()`` puts before every URL."""
    if not prefix.endswith("/"):
        prefix += "/"
    _prefix_var.set(prefix)


def get_script_prefix() -> str:
    prefix = _prefix_var.get()
    return "/" if prefix is None else prefix


def clear_script_prefix() -> None:
    _prefix_var.set(None)


def set_urlconf(urlconf_name: Any) -> None:
    """Use ``urlconf_name`` for this thread (``None`` goes back to ROOT_URLCONF)."""
    _urlconf_var.set(urlconf_name or None)


def get_urlconf(default: Any = None) -> Any:
    urlconf = _urlconf_var.get()
    return default if urlconf is None else urlconf


def is_valid_path(path: str, urlconf: Any = None) -> ResolverMatch | bool:
    """The ResolverMatch if ``path`` resolves, else False."""
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return False


def translate_url(url: str, lang_code: str) -> str:
    """The same URL in another language, or ``url`` unchanged when it cannot be translated."""
    from django.utils.translation import override

    parsed = urlsplit(url)
    try:
        match = resolve(unquote(parsed.path))
    except Resolver404:
        return url
    to_be_reversed = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(lang_code):
        try:
            path = reverse(to_be_reversed, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return url
    return urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment))
