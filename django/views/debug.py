"""The DEBUG error pages: technical 404 (patterns tried) and 500 (traceback, locals, request, settings).

Data collection (ExceptionReporter, SafeExceptionReporterFilter) lives here; the HTML and
plain-text formatting lives in ``_debug_pages.py``.
"""

from __future__ import annotations

import functools
import re
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.utils.module_loading import import_string

CURRENT_DIR = Path(__file__).parent


class CallableSettingWrapper:
    """Show a callable setting by its repr instead of calling it in the debug page."""

    def __init__(self, callable_setting: Callable) -> None:
        self._wrapped = callable_setting

    def __repr__(self) -> str:
        return repr(self._wrapped)


@functools.lru_cache
def get_default_exception_reporter_filter() -> Any:
    return import_string(settings.DEFAULT_EXCEPTION_REPORTER_FILTER)()


def get_exception_reporter_filter(request: Any) -> Any:
    default_filter = get_default_exception_reporter_filter()
    return getattr(request, "exception_reporter_filter", default_filter)


def get_exception_reporter_class(request: Any) -> type:
    default_class = import_string(settings.DEFAULT_EXCEPTION_REPORTER)
    return getattr(request, "exception_reporter_class", default_class)


class SafeExceptionReporterFilter:
    """Hide secrets: settings and META keys that look sensitive, and marked variables/POST fields."""

    cleansed_substitute = "********************"
    hidden_settings = re.compile("API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", flags=re.I)

    def cleanse_setting(self, key: Any, value: Any) -> Any:
        """``value`` with anything under a sensitive-looking key replaced, recursively."""
        try:
            is_sensitive = bool(self.hidden_settings.search(key))
        except TypeError:
            is_sensitive = False
        if is_sensitive:
            return self.cleansed_substitute
        if isinstance(value, dict):
            return {k: self.cleanse_setting(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.cleanse_setting("", v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.cleanse_setting("", v) for v in value)
        if callable(value):
            return CallableSettingWrapper(value)
        return value

    def get_safe_settings(self) -> dict:
        return {
            name: self.cleanse_setting(name, getattr(settings, name))
            for name in dir(settings)
            if name.isupper()
        }

    def get_safe_request_meta(self, request: Any) -> dict:
        if request is None or not hasattr(request, "META"):
            return {}
        return {key: self.cleanse_setting(key, value) for key, value in request.META.items()}

    def get_safe_cookies(self, request: Any) -> dict:
        if request is None or not hasattr(request, "COOKIES"):
            return {}
        return {key: self.cleanse_setting(key, value) for key, value in request.COOKIES.items()}

    def is_active(self, request: Any) -> bool:
        """Filtering of marked variables applies in production only (DEBUG shows everything)."""
        return settings.DEBUG is False

    def get_cleansed_multivaluedict(self, request: Any, multivaluedict: Any) -> Any:
        sensitive = getattr(request, "sensitive_post_parameters", [])
        if self.is_active(request) and sensitive:
            multivaluedict = multivaluedict.copy()
            for param in sensitive:
                if param in multivaluedict:
                    multivaluedict[param] = self.cleansed_substitute
        return multivaluedict

    def get_post_parameters(self, request: Any) -> Any:
        if request is None:
            return {}
        sensitive = getattr(request, "sensitive_post_parameters", [])
        if not (self.is_active(request) and sensitive):
            return request.POST
        cleansed = request.POST.copy()
        names = list(cleansed) if sensitive == "__ALL__" else [name for name in sensitive if name in cleansed]
        for name in names:
            cleansed[name] = self.cleansed_substitute
        return cleansed

    def cleanse_special_types(self, request: Any, value: Any) -> Any:
        try:
            from django.http.request import HttpRequest
            from django.utils.datastructures import MultiValueDict

            if isinstance(value, HttpRequest):
                return repr(value)
            if isinstance(value, MultiValueDict):
                return self.get_cleansed_multivaluedict(request, value)
        except Exception as e:
            return f"{value!r} while evaluating {e!r}"
        return value

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> list[tuple[str, Any]]:
        """A frame's locals, with those marked by ``sensitive_variables`` hidden."""
        sensitive = _sensitive_variables_for(tb_frame)
        cleansed = []
        for name, value in tb_frame.f_locals.items():
            if self.is_active(request) and sensitive and (sensitive == "__ALL__" or name in sensitive):
                value = self.cleansed_substitute
            else:
                value = self.cleanse_special_types(request, value)
            cleansed.append((name, value))
        return cleansed


def _sensitive_variables_for(tb_frame: Any) -> Any:
    from django.views.decorators.debug import get_sensitive_variables

    frame = tb_frame
    while frame is not None:
        marked = get_sensitive_variables(frame.f_code)
        if marked is not None:
            return marked
        frame = frame.f_back
    return None


class ExceptionReporter:
    """Collect what the technical 500 page and the error e-mails show."""

    def __init__(self, request: Any, exc_type: Any, exc_value: Any, tb: Any, is_email: bool = False) -> None:
        self.request = request
        self.filter = get_exception_reporter_filter(self.request)
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.tb = tb
        self.is_email = is_email
        self.template_info = _template_debug_in_chain(exc_value)
        missing = _template_does_not_exist_in_chain(exc_value)
        self.template_does_not_exist = missing is not None
        # Like Django: the exceptions of every engine tried (the loader's chain), else the one.
        self.postmortem = (_safe_attr(missing, "chain") or [missing]) if missing is not None else None

    # Subclasses may point these at their own template files; ours are built in code.
    html_template_path = CURRENT_DIR / "templates" / "technical_500.html"
    text_template_path = CURRENT_DIR / "templates" / "technical_500.txt"

    def get_traceback_data(self) -> dict:
        from django.views._debug_frames import traceback_frames

        frames = traceback_frames(self)
        data: dict[str, Any] = {
            "is_email": self.is_email,
            "frames": frames,
            "request": self.request,
            "request_meta": self.filter.get_safe_request_meta(self.request),
            "request_COOKIES_items": self.filter.get_safe_cookies(self.request).items(),
            "settings": self.filter.get_safe_settings(),
            "sys_executable": sys.executable,
            "sys_version_info": "%d.%d.%d" % sys.version_info[0:3],
            "server_time": _now(),
            "django_version_info": _django_version(),
            "sys_path": sys.path,
            "template_info": self.template_info,
            "template_does_not_exist": self.template_does_not_exist,
            "postmortem": self.postmortem,
            "postmortem_engines": postmortem_engines(self.postmortem)
            if self.template_does_not_exist
            else None,
            "template_excerpt": template_excerpt(self.template_info),
            "exception_type": self.exc_type.__name__ if self.exc_type else None,
            "exception_value": str(self.exc_value) if self.exc_value is not None else None,
            "exception_notes": "\n".join(getattr(self.exc_value, "__notes__", []) or []),
            "lastframe": frames[-1] if frames else None,
            "user_str": _user_str(self.request),
            "filtered_POST_items": [],
            "request_GET_items": [],
            "request_FILES_items": [],
        }
        if self.request is not None:
            data["filtered_POST_items"] = list(self.filter.get_post_parameters(self.request).items())
            data["request_GET_items"] = list(self.request.GET.items())
            try:
                data["request_FILES_items"] = list(self.request.FILES.items())
            except Exception:
                data["request_FILES_items"] = []
        if self.exc_type and issubclass(self.exc_type, UnicodeError) and hasattr(self.exc_value, "start"):
            start, end = self.exc_value.start, self.exc_value.end
            data["unicode_hint"] = self.exc_value.object[
                max(start - 5, 0) : min(end + 5, len(self.exc_value.object))
            ]
        return data

    def get_traceback_frames(self) -> list[dict]:
        from django.views._debug_frames import traceback_frames

        return traceback_frames(self)

    def get_traceback_html(self) -> str:
        if type(self).html_template_path != ExceptionReporter.html_template_path:
            return self._render_custom(self.html_template_path, autoescape=True)
        from django.views._debug_pages import render_500_html

        return render_500_html(self.get_traceback_data())

    def get_traceback_text(self) -> str:
        if type(self).text_template_path != ExceptionReporter.text_template_path:
            return self._render_custom(self.text_template_path, autoescape=False)
        from django.views._debug_pages import render_500_text

        return render_500_text(self.get_traceback_data())

    def _render_custom(self, path: Path, autoescape: bool) -> str:
        """A subclass pointed at its own template file: render it with the template engine."""
        from django.template import Context, Engine

        engine = Engine(debug=True, libraries={"i18n": "django.templatetags.i18n"})
        template = engine.from_string(Path(path).read_text(encoding="utf-8"))
        return template.render(Context(self.get_traceback_data(), autoescape=autoescape, use_l10n=False))


# -- templates: the loader postmortem and the failing template line --------------------------


def _safe_attr(obj: Any, name: str, default: Any = None) -> Any:
    """``getattr`` that survives any error: the debug page must render whatever it is given."""
    try:
        return getattr(obj, name, default)
    except Exception:
        return default


def _safe_text(value: Any) -> str:
    try:
        return value if isinstance(value, str) else str(value)
    except Exception:
        return f"[{type(value).__name__} that cannot be shown as text]"


def _newest_first(exc_value: Any) -> list[BaseException]:
    if not isinstance(exc_value, BaseException):
        return []
    from django.views._debug_frames import _exception_chain

    return list(reversed(_exception_chain(exc_value)))


def _template_debug_in_chain(exc_value: Any) -> Any:
    """The template error info of the exception, or of the nearest exception it chains from."""
    for exc in _newest_first(exc_value):
        info = _safe_attr(exc, "template_debug")
        if info is not None:
            return info
    return None


def _template_does_not_exist_in_chain(exc_value: Any) -> Any:
    from django.template.exceptions import TemplateDoesNotExist

    for exc in _newest_first(exc_value):
        if isinstance(exc, TemplateDoesNotExist):
            return exc
    return None


def postmortem_engines(postmortem: Any) -> list[dict]:
    """``[{"engine": name, "attempts": [(loader, path, reason), ...] or None}]`` for the pages.

    ``attempts`` is None when an engine gave no list of what it tried. An empty result means no
    engine is configured at all. Malformed entries become readable rows instead of errors.
    """
    engines = []
    for entry in postmortem or []:
        backend = _safe_attr(entry, "backend")
        tried = _safe_attr(entry, "tried")
        if backend is None and not tried and not _templates_configured():
            continue
        name = _safe_attr(backend, "name") if backend is not None else None
        engines.append(
            {
                "engine": _safe_text(name) if name is not None else "(unknown engine)",
                "attempts": [_attempt(attempt) for attempt in _safe_list(tried)] or None,
            }
        )
    return engines


def _safe_list(values: Any) -> list:
    try:
        return list(values or [])
    except Exception:
        return [values]


def _attempt(attempt: Any) -> tuple[str, str, str]:
    try:
        origin, reason = attempt
    except Exception:
        return ("", _safe_text(attempt), "unreadable entry")
    loader = _safe_attr(origin, "loader_name") or ""
    path = _safe_attr(origin, "name")
    return (_safe_text(loader), _safe_text(origin if path is None else path), _safe_text(reason))


def _templates_configured() -> bool:
    try:
        return bool(settings.TEMPLATES)
    except Exception:
        return True


def template_excerpt(info: Any) -> dict | None:
    """The "error during template rendering" data from a ``template_debug`` dict, made safe to show.

    Keys: name, line, message, rows (``(number, text, is_error_line)``), before/during/after
    (the error line cut around the failing token).
    """
    if not info:
        return None

    def field(key: str, default: Any = "") -> Any:
        try:
            return info[key]
        except Exception:
            return default

    line = field("line", 0)
    rows = []
    for source_line in _safe_list(field("source_lines", [])):
        try:
            number, text = source_line
        except Exception:
            continue
        rows.append((_safe_text(number), _safe_text(text).rstrip("\r\n"), number == line))
    before = _safe_text(field("before")).lstrip("\r\n")
    during = _safe_text(field("during"))
    after = _safe_text(field("after")).rstrip("\r\n")
    if not (before or during or after):
        # No token position given: show the error line as it is, unhighlighted.
        after = next((text for _, text, is_error in rows if is_error), "")
    return {
        "name": _safe_text(field("name")),
        "line": _safe_text(line),
        "message": _safe_text(field("message")),
        "rows": rows,
        "before": before,
        "during": during,
        "after": after,
    }


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()


def _django_version() -> str:
    import django

    return django.get_version()


def _user_str(request: Any) -> str | None:
    user = getattr(request, "user", None)
    if user is None:
        return None
    try:
        return str(user)
    except Exception:
        return "[unable to retrieve the current user]"


def _wants_html(request: Any) -> bool:
    accepts = getattr(request, "accepts", None)
    if accepts is None:
        return True
    try:
        return bool(accepts("text/html"))
    except Exception:
        return True


def technical_500_response(
    request: Any, exc_type: Any, exc_value: Any, tb: Any, status_code: int = 500
) -> Any:
    """The debug page for an unhandled exception: HTML, or plain text for non-HTML clients."""
    reporter = get_exception_reporter_class(request)(request, exc_type, exc_value, tb)
    if _wants_html(request):
        return HttpResponse(reporter.get_traceback_html(), status=status_code)
    return HttpResponse(
        reporter.get_traceback_text(), status=status_code, content_type="text/plain; charset=utf-8"
    )


def technical_404_response(request: Any, exception: Any) -> Any:
    """The debug 404 page: the URL patterns tried, or the view that raised Http404."""
    from django.urls import resolve

    try:
        error_url = exception.args[0]["path"]
    except (IndexError, TypeError, KeyError):
        error_url = request.path_info[1:]
    try:
        tried = exception.args[0]["tried"]
        resolved = False
    except (IndexError, TypeError, KeyError):
        resolved = True
        match = getattr(request, "resolver_match", None)
        tried = match.tried if match else None
    if not resolved and (not tried or _only_admin(request, tried)):
        return default_urlconf(request)
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    if isinstance(urlconf, types.ModuleType):
        urlconf = urlconf.__name__
    try:
        view = resolve(request.path_info).func
        view = getattr(view, "view_class", view)
        caller = (
            f"{getattr(view, '__module__', '')}.{getattr(view, '__qualname__', view.__class__.__qualname__)}"
        )
    except Http404:
        caller = ""
    context = {
        "urlconf": urlconf,
        "root_urlconf": settings.ROOT_URLCONF,
        "request_path": error_url,
        "urlpatterns": tried,
        "resolved": resolved,
        "reason": str(exception),
        "request": request,
        "settings": get_default_exception_reporter_filter().get_safe_settings(),
        "raising_view_name": caller,
    }
    from django.views._debug_pages import render_404_html, render_404_text

    if _wants_html(request):
        return HttpResponseNotFound(render_404_html(context), content_type="text/html")
    return HttpResponseNotFound(render_404_text(context), content_type="text/plain; charset=utf-8")


def _only_admin(request: Any, tried: list) -> bool:
    if request.path != "/" or len(tried) != 1 or len(tried[0]) != 1:
        return False
    entry = tried[0][0]
    return getattr(entry, "app_name", "") == getattr(entry, "namespace", "") == "admin"


def default_urlconf(request: Any) -> HttpResponse:
    """The welcome page of a new project (DEBUG on and no URL patterns of its own)."""
    from django.views._debug_pages import render_default_urlconf

    return HttpResponse(render_default_urlconf())
