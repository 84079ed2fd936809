"""Site-wide page caching: UpdateCacheMiddleware + FetchFromCacheMiddleware (or CacheMiddleware)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.utils.cache import (
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_response_headers,
)
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import parse_http_date_safe


def _cache(alias: str) -> Any:
    from django.core.cache import caches

    return caches[alias]


class UpdateCacheMiddleware(MiddlewareMixin):
    """Store cacheable responses (first in MIDDLEWARE, so it runs last on the response)."""

    def __init__(self, get_response: Any) -> None:
        super().__init__(get_response)
        self.cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
        self.page_timeout: int | None = None
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS

    @property
    def cache(self) -> Any:
        return _cache(self.cache_alias)

    def _should_update_cache(self, request: Any, response: Any) -> bool:
        return hasattr(request, "_cache_update_cache") and request._cache_update_cache

    def process_response(self, request: Any, response: Any) -> Any:
        if not self._should_update_cache(request, response):
            return response
        if response.streaming or response.status_code not in (200, 304):
            return response
        # A response that sets or varies on cookies is private to one user.
        if not request.COOKIES and response.cookies and has_vary_header(response, "Cookie"):
            return response
        if "private" in response.get("Cache-Control", ()):
            return response
        timeout = self.page_timeout
        if timeout is None:
            timeout = get_max_age(response)
            if timeout is None:
                timeout = self.cache_timeout
            elif timeout == 0:
                return response
        patch_response_headers(response, timeout)
        if timeout and response.status_code == 200:
            key = learn_cache_key(request, response, timeout, self.key_prefix, cache=self.cache)
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: self.cache.set(key, r, timeout))
            else:
                self.cache.set(key, response, timeout)
        return response


class FetchFromCacheMiddleware(MiddlewareMixin):
    """Answer GET/HEAD from the page cache (last in MIDDLEWARE)."""

    def __init__(self, get_response: Any) -> None:
        super().__init__(get_response)
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        self.cache_alias = settings.CACHE_MIDDLEWARE_ALIAS

    @property
    def cache(self) -> Any:
        return _cache(self.cache_alias)

    def process_request(self, request: Any) -> Any:
        if request.method not in ("GET", "HEAD"):
            request._cache_update_cache = False
            return None
        key = get_cache_key(request, self.key_prefix, "GET", cache=self.cache)
        if key is None:
            request._cache_update_cache = True
            return None
        response = self.cache.get(key)
        if response is None and request.method == "HEAD":
            key = get_cache_key(request, self.key_prefix, "HEAD", cache=self.cache)
            response = self.cache.get(key)
        if response is None:
            request._cache_update_cache = True
            return None
        max_age = get_max_age(response)
        expires = parse_http_date_safe(response.get("Expires", "") or "")
        if max_age is not None and expires is not None:
            # Tell clients how long the copy has already been stored.
            remaining = expires - int(time.time())
            response.headers["Age"] = str(max(0, max_age - remaining))
        request._cache_update_cache = False
        return response


class CacheMiddleware(UpdateCacheMiddleware, FetchFromCacheMiddleware):
    """Both halves in one, as used by cache_page()."""

    def __init__(
        self,
        get_response: Any,
        cache_timeout: int | None = None,
        page_timeout: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(get_response)
        key_prefix = kwargs.get("key_prefix")
        if key_prefix is not None:
            self.key_prefix = key_prefix
        cache_alias = kwargs.get("cache_alias")
        if cache_alias is not None:
            self.cache_alias = cache_alias
        if cache_timeout is not None:
            self.cache_timeout = cache_timeout
        self.page_timeout = page_timeout
