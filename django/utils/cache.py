"""HTTP caching helpers: Cache-Control, Vary, ETag, conditional responses, cache keys."""

from __future__ import annotations

import hashlib
import re
import time
from collections import defaultdict
from typing import Any

from django.conf import settings

_NOT_MODIFIED_HEADERS = (
    "Cache-Control",
    "Content-Location",
    "Date",
    "ETag",
    "Expires",
    "Last-Modified",
    "Vary",
)


def _split_header(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


_DIRECTIVE_RE = re.compile(r'\s*([^=,\s]+)(?:\s*=\s*("[^"]*"|[^,]*))?\s*(?:,|$)')


def _directives(value: str) -> list[str]:
    """Split Cache-Control on commas that are not inside a quoted argument."""
    return [m.group(0).strip().rstrip(",").strip() for m in _DIRECTIVE_RE.finditer(value) if m.group(1)]


def _parse_cache_control(value: str) -> dict[str, Any]:
    directives: dict[str, Any] = defaultdict(set)
    for part in _directives(value):
        name, sep, arg = part.partition("=")
        name = name.strip().lower()
        if name == "no-cache" and sep:
            fields = (field.strip() for field in arg.strip().strip('"').split(","))
            directives[name].update(field for field in fields if field)
        else:
            directives[name] = arg.strip() if sep else True
    return directives


def _format_directive(name: str, value: Any) -> str:
    if value is True:
        return name
    if isinstance(value, set):
        return f'{name}="{", ".join(sorted(value))}"'
    return f"{name}={value}"


def patch_cache_control(response: Any, **kwargs: Any) -> None:
    """Add or change Cache-Control directives (``max_age=60``, ``private=True``; False removes)."""
    cc = _parse_cache_control(response.headers.get("Cache-Control", ""))
    if "max-age" in cc and "max_age" in kwargs:
        kwargs["max_age"] = min(int(cc["max-age"]), kwargs["max_age"])
    if kwargs.get("private") is True:
        cc.pop("public", None)
    elif kwargs.get("public") is True:
        cc.pop("private", None)
    for key, value in kwargs.items():
        directive = key.replace("_", "-")
        if value is False:
            cc.pop(directive, None)
        elif directive == "no-cache" and value is not True:
            if cc.get(directive) is not True:
                cc[directive] = {*cc.get(directive, set()), value}
        else:
            cc[directive] = value
    cc = {k: v for k, v in cc.items() if v != set()}
    response.headers["Cache-Control"] = ", ".join(_format_directive(k, v) for k, v in cc.items())


def get_max_age(response: Any) -> int | None:
    """The max-age of the response's Cache-Control as an int, or None."""
    if not response.has_header("Cache-Control"):
        return None
    try:
        return int(_parse_cache_control(response.headers["Cache-Control"])["max-age"])
    except (ValueError, TypeError, KeyError):
        return None


def set_response_etag(response: Any) -> Any:
    from django.utils.http import quote_etag

    if not response.streaming and response.content:
        response.headers["ETag"] = quote_etag(
            hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        )
    return response


def _precondition_failed(request: Any) -> Any:
    from django.http import HttpResponse
    from django.utils.log import log_response

    response = HttpResponse(status=412)
    log_response("Precondition Failed: %s", request.path, response=response, request=request)
    return response


def _not_modified(request: Any, response: Any = None) -> Any:
    from django.http import HttpResponseNotModified

    new_response = HttpResponseNotModified()
    if response:
        for header in _NOT_MODIFIED_HEADERS:
            if header in response:
                new_response.headers[header] = response.headers[header]
        new_response.cookies = response.cookies
    return new_response


def get_conditional_response(
    request: Any, etag: str | None = None, last_modified: int | None = None, response: Any = None
) -> Any:
    """Evaluate the request's preconditions (RFC 9110 13.2.2): 304, 412, or ``response``."""
    from django.utils.http import parse_etags, parse_http_date_safe

    if response and not 200 <= response.status_code < 300:
        return response
    meta = request.META
    if_match = parse_etags(meta.get("HTTP_IF_MATCH", ""))
    if_unmodified_since = parse_http_date_safe(meta.get("HTTP_IF_UNMODIFIED_SINCE") or "")
    if_none_match = parse_etags(meta.get("HTTP_IF_NONE_MATCH", ""))
    if_modified_since = parse_http_date_safe(meta.get("HTTP_IF_MODIFIED_SINCE") or "")
    safe_method = request.method in ("GET", "HEAD")
    if if_match and not _if_match_passes(etag, if_match):
        return _precondition_failed(request)
    if (
        not if_match
        and if_unmodified_since
        and not _if_unmodified_since_passes(last_modified, if_unmodified_since)
    ):
        return _precondition_failed(request)
    if if_none_match and not _if_none_match_passes(etag, if_none_match):
        return _not_modified(request, response) if safe_method else _precondition_failed(request)
    if (
        if_modified_since
        and not if_none_match
        and safe_method
        and not _if_modified_since_passes(last_modified, if_modified_since)
    ):
        return _not_modified(request, response)
    return response


def _if_match_passes(target_etag: str | None, etags: list[str]) -> bool:
    if not target_etag:
        return False
    if etags == ["*"]:
        return True
    # If-Match uses the strong comparison: weak tags never match.
    return not target_etag.startswith("W/") and target_etag in etags


def _if_unmodified_since_passes(last_modified: int | None, if_unmodified_since: int) -> bool:
    return bool(last_modified) and last_modified <= if_unmodified_since  # type: ignore[operator]


def _if_none_match_passes(target_etag: str | None, etags: list[str]) -> bool:
    if not target_etag:
        return True
    if etags == ["*"]:
        return False
    # If-None-Match uses the weak comparison.
    target = target_etag.removeprefix("W/")
    return target not in {tag.removeprefix("W/") for tag in etags}


def _if_modified_since_passes(last_modified: int | None, if_modified_since: int) -> bool:
    return not last_modified or last_modified > if_modified_since


def patch_response_headers(response: Any, cache_timeout: int | None = None) -> None:
    """Set Expires and Cache-Control max-age for ``cache_timeout`` seconds (default CACHE_MIDDLEWARE_SECONDS)."""
    from django.utils.http import http_date

    if cache_timeout is None:
        cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
    cache_timeout = max(cache_timeout, 0)
    if not response.has_header("Expires"):
        response.headers["Expires"] = http_date(time.time() + cache_timeout)
    patch_cache_control(response, max_age=cache_timeout)


def add_never_cache_headers(response: Any) -> None:
    """Headers that keep the response out of every cache."""
    patch_response_headers(response, cache_timeout=-1)
    patch_cache_control(response, no_cache=True, no_store=True, must_revalidate=True, private=True)


def patch_vary_headers(response: Any, newheaders: Any) -> None:
    """Add header names to Vary (case-insensitively, no duplicates; '*' absorbs all)."""
    existing = _split_header(response.headers.get("Vary", ""))
    present = {header.lower() for header in existing}
    headers = list(existing)
    for header in newheaders:
        if header.lower() not in present:
            present.add(header.lower())
            headers.append(header)
    response.headers["Vary"] = "*" if "*" in headers else ", ".join(headers)


def has_vary_header(response: Any, header_query: str) -> bool:
    if not response.has_header("Vary"):
        return False
    return header_query.lower() in {h.lower() for h in _split_header(response.headers["Vary"])}


def _i18n_cache_key_suffix(request: Any, cache_key: str) -> str:
    if settings.USE_I18N:
        from django.utils.translation import get_language

        cache_key += "." + str(getattr(request, "LANGUAGE_CODE", get_language()))
    if settings.USE_TZ:
        from django.utils.timezone import get_current_timezone_name

        cache_key += "." + get_current_timezone_name()
    return cache_key


def _generate_cache_key(request: Any, method: str, headerlist: list[str], key_prefix: str) -> str:
    ctx = hashlib.md5(usedforsecurity=False)
    for header in headerlist:
        value = request.META.get(header)
        if value is not None:
            ctx.update(value.encode())
    url = hashlib.md5(request.build_absolute_uri().encode("ascii"), usedforsecurity=False)
    key = f"views.decorators.cache.cache_page.{key_prefix}.{method}.{url.hexdigest()}.{ctx.hexdigest()}"
    return _i18n_cache_key_suffix(request, key)


def _generate_cache_header_key(key_prefix: str, request: Any) -> str:
    url = hashlib.md5(request.build_absolute_uri().encode("ascii"), usedforsecurity=False)
    return _i18n_cache_key_suffix(
        request, f"views.decorators.cache.cache_header.{key_prefix}.{url.hexdigest()}"
    )


def get_cache_key(
    request: Any, key_prefix: str | None = None, method: str = "GET", cache: Any = None
) -> str | None:
    """The key under which the page for ``request`` was cached, or None if unknown."""
    if key_prefix is None:
        key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    if cache is None:
        from django.core.cache import caches

        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    headerlist = cache.get(_generate_cache_header_key(key_prefix, request))
    if headerlist is None:
        return None
    return _generate_cache_key(request, method, headerlist, key_prefix)


def learn_cache_key(
    request: Any,
    response: Any,
    cache_timeout: int | None = None,
    key_prefix: str | None = None,
    cache: Any = None,
) -> str:
    """Remember which request headers the response varies on; return the page's cache key."""
    if key_prefix is None:
        key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    if cache_timeout is None:
        cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
    if cache is None:
        from django.core.cache import caches

        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    headerlist = []
    if response.has_header("Vary"):
        for header in _split_header(response.headers["Vary"]):
            header = header.upper().replace("-", "_")
            if header != "ACCEPT_LANGUAGE" or not settings.USE_I18N:
                headerlist.append("HTTP_" + header)
        headerlist.sort()
    cache.set(_generate_cache_header_key(key_prefix, request), headerlist, cache_timeout)
    return _generate_cache_key(request, request.method, headerlist, key_prefix)
