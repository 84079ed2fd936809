"""Logging: the default configuration, filters, the runserver formatter and AdminEmailHandler."""

from __future__ import annotations

import functools
import logging
import logging.config
from collections.abc import Callable
from copy import copy
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

request_logger = logging.getLogger("django.request")

# Django's own loggers, merged with (not replaced by) the project's LOGGING setting.
DEFAULT_LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "require_debug_true": {"()": "django.utils.log.RequireDebugTrue"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {
            "level": "INFO",
            "filters": ["require_debug_true"],
            "class": "logging.StreamHandler",
        },
        "django.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "django.server",
        },
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}


def configure_logging(logging_config: str | None, logging_settings: dict[str, Any] | None) -> None:
    """Apply DEFAULT_LOGGING, then the LOGGING setting through the LOGGING_CONFIG callable."""
    if not logging_config:
        return
    configure: Callable[[dict[str, Any]], None] = import_string(logging_config)
    logging.config.dictConfig(DEFAULT_LOGGING)
    if logging_settings:
        configure(logging_settings)


class AdminEmailHandler(logging.Handler):
    """Emails each record to the ADMINS (with the request's details when the record has one)."""

    def __init__(
        self, include_html: bool = False, email_backend: str | None = None, reporter_class: str | None = None
    ):
        super().__init__()
        self.include_html = include_html
        self.email_backend = email_backend
        self.reporter_class = reporter_class or settings.DEFAULT_EXCEPTION_REPORTER

    def emit(self, record: logging.LogRecord) -> None:
        if find_spec("django.core.mail") is None:
            return  # no mail layer in this installation yet: nothing can be sent
        try:
            request = getattr(record, "request", None)
            subject = self._subject(record, request)
            message = self._message(record, request)
            html_message = self._html_message(record, request) if self.include_html else None
            self.send_mail(subject, message, fail_silently=True, html_message=html_message)
        except Exception:  # noqa: BLE001 - like every logging handler: report, never raise
            self.handleError(record)

    def _subject(self, record: logging.LogRecord, request: Any) -> str:
        if request is not None:
            internal = request.META.get("REMOTE_ADDR") in settings.INTERNAL_IPS
            subject = (
                f"{record.levelname} ({'internal' if internal else 'EXTERNAL'} IP): {record.getMessage()}"
            )
        else:
            subject = f"{record.levelname}: {record.getMessage()}"
        return self.format_subject(subject)

    def _message(self, record: logging.LogRecord, request: Any) -> str:
        # The reporter shows the traceback; the formatted record must not repeat it.
        plain_record = copy(record)
        plain_record.exc_info = None
        plain_record.exc_text = None
        text = self.format(plain_record)
        reporter = self._reporter(record, request)
        if reporter is None:
            return text
        return f"{text}\n\n{reporter.get_traceback_text()}"

    def _html_message(self, record: logging.LogRecord, request: Any) -> str | None:
        reporter = self._reporter(record, request)
        return reporter.get_traceback_html() if reporter is not None else None

    def _reporter(self, record: logging.LogRecord, request: Any) -> Any:
        try:
            reporter_class = import_string(self.reporter_class)
        except ImportError:
            return None  # the debug views are not available; send the plain record
        exc_info = record.exc_info or (None, record.getMessage(), None)
        return reporter_class(request, *exc_info, is_email=True)

    def send_mail(self, subject: str, message: str, *args: Any, **kwargs: Any) -> None:
        from django.core import mail  # mail sits above the logging utilities

        mail.mail_admins(subject, message, *args, connection=self.connection(), **kwargs)

    def connection(self) -> Any:
        from django.core.mail import get_connection

        return get_connection(backend=self.email_backend, fail_silently=True)

    def format_subject(self, subject: str) -> str:
        """Email subjects must be a single line."""
        return subject.replace("\n", "\\n").replace("\r", "\\r")


class CallbackFilter(logging.Filter):
    """Keep a record when callback(record) is true."""

    def __init__(self, callback: Callable[[logging.LogRecord], Any]) -> None:
        super().__init__()
        self.callback = callback

    def filter(self, record: logging.LogRecord) -> bool:
        return bool(self.callback(record))


class RequireDebugFalse(logging.Filter):
    """Keep records only when settings.DEBUG is False."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not settings.DEBUG


class RequireDebugTrue(logging.Filter):
    """Keep records only when settings.DEBUG is True."""

    def filter(self, record: logging.LogRecord) -> bool:
        return bool(settings.DEBUG)


class ServerFormatter(logging.Formatter):
    """Formats runserver's request lines, colored by status code on a terminal."""

    default_time_format = "%d/%b/%Y %H:%M:%S"

    @functools.cached_property
    def style_(self) -> Any:
        # Made on the first colored line: importing the commands' styles at logging set-up (every
        # process start) would cost more than the rest of it.
        from django.core.management.color import color_style  # styles live with the commands

        return color_style()

    def format(self, record: logging.LogRecord) -> str:
        message = record.msg
        status_code = getattr(record, "status_code", None)
        if status_code:
            message = self._colorize(status_code, message)
        if self.uses_server_time() and not hasattr(record, "server_time"):
            record.server_time = self.formatTime(record, self.datefmt)
        record.msg = message
        return super().format(record)

    def _colorize(self, status_code: int, message: Any) -> Any:
        style = self.style_
        if 200 <= status_code < 300:
            return style.HTTP_SUCCESS(message)
        if 100 <= status_code < 200:
            return style.HTTP_INFO(message)
        if status_code == 304:
            return style.HTTP_NOT_MODIFIED(message)
        if 300 <= status_code < 400:
            return style.HTTP_REDIRECT(message)
        if status_code == 404:
            return style.HTTP_NOT_FOUND(message)
        if 400 <= status_code < 500:
            return style.HTTP_BAD_REQUEST(message)
        return style.HTTP_SERVER_ERROR(message)

    def uses_server_time(self) -> bool:
        return self._fmt is not None and self._fmt.find("{server_time}") >= 0


def log_response(
    message: str,
    *args: Any,
    response: Any = None,
    request: Any = None,
    logger: logging.Logger = request_logger,
    level: str | None = None,
    exception: BaseException | None = None,
) -> None:
    """Log an error response once: 5xx as errors, 4xx as warnings, unless a level is given."""
    if response is None or getattr(response, "_has_been_logged", False):
        return
    if level is None:
        level = (
            "error" if response.status_code >= 500 else "warning" if response.status_code >= 400 else "info"
        )
    escaped_args = tuple(_escape_control_characters(arg) for arg in args)
    getattr(logger, level)(
        message,
        *escaped_args,
        extra={"status_code": response.status_code, "request": request},
        exc_info=exception,
    )
    response._has_been_logged = True


def _escape_control_characters(value: Any) -> Any:
    # A path such as "/\x1b[31m" must not recolor or rewrite the log line it is written in.
    if isinstance(value, str):
        return value.encode("unicode_escape").decode("ascii")
    return value
