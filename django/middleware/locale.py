"""LocaleMiddleware: activate the request's language and redirect to language-prefixed URLs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


def _patterns_usage(request: Any) -> tuple[bool, bool]:
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    return is_language_prefix_patterns_used(urlconf)


class LocaleMiddleware(MiddlewareMixin):
    response_redirect_class = HttpResponseRedirect

    def process_request(self, request: Any) -> None:
        from django.utils import translation

        i18n_patterns_used, prefixed_default_language = _patterns_usage(request)
        language = translation.get_language_from_request(request, check_path=i18n_patterns_used)
        language_from_path = translation.get_language_from_path(request.path_info)
        if not language_from_path and i18n_patterns_used and not prefixed_default_language:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: Any, response: Any) -> Any:
        from django.utils import translation

        language = translation.get_language() or settings.LANGUAGE_CODE
        language_from_path = translation.get_language_from_path(request.path_info)
        i18n_patterns_used, prefixed_default_language = _patterns_usage(request)
        if (
            response.status_code == 404
            and not language_from_path
            and i18n_patterns_used
            and prefixed_default_language
        ):
            redirect = self._language_redirect(request, language)
            if redirect is not None:
                return redirect
        if not (i18n_patterns_used and language_from_path):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response

    def _language_redirect(self, request: Any, language: str) -> Any:
        from django.urls import get_script_prefix, is_valid_path

        urlconf = getattr(request, "urlconf", None)
        language_path = f"/{language}{request.path_info}"
        path_valid = is_valid_path(language_path, urlconf)
        needs_slash = (
            not path_valid
            and settings.APPEND_SLASH
            and not language_path.endswith("/")
            and bool(is_valid_path(f"{language_path}/", urlconf))
        )
        if not (path_valid or needs_slash):
            return None
        prefix = get_script_prefix()
        url = request.get_full_path(force_append_slash=needs_slash).replace(prefix, f"{prefix}{language}/", 1)
        redirect = self.response_redirect_class(url)
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        return redirect
