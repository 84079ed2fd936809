"""django.utils.log: default configuration, filters, ServerFormatter and log_response."""

from __future__ import annotations

import logging

import pytest

from django.conf import settings
from django.utils.log import (
    DEFAULT_LOGGING,
    CallbackFilter,
    RequireDebugFalse,
    RequireDebugTrue,
    ServerFormatter,
    configure_logging,
    log_response,
)


def record(msg="message", **extra):
    item = logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, (), None)
    item.__dict__.update(extra)
    return item


@pytest.fixture
def debug():
    previous = settings.DEBUG

    def set_debug(value):
        settings.DEBUG = value

    yield set_debug
    settings.DEBUG = previous


def test_debug_filters(debug):
    debug(False)
    assert RequireDebugFalse().filter(record()) and not RequireDebugTrue().filter(record())
    debug(True)
    assert RequireDebugTrue().filter(record()) and not RequireDebugFalse().filter(record())


def test_callback_filter():
    assert CallbackFilter(lambda r: r.msg == "keep").filter(record("keep"))
    assert not CallbackFilter(lambda r: False).filter(record())


def test_default_logging_shape():
    assert DEFAULT_LOGGING["loggers"]["django.server"]["propagate"] is False
    assert DEFAULT_LOGGING["handlers"]["console"]["filters"] == ["require_debug_true"]
    assert DEFAULT_LOGGING["handlers"]["mail_admins"]["class"] == "django.utils.log.AdminEmailHandler"


@pytest.fixture
def restore_logging():
    """Put back the loggers that configure_logging() rebuilds, so later tests see the suite's setup."""
    names = ["", "django", "django.server", "reinhardt.test"]
    saved = {
        name: (list(logger.handlers), logger.level, logger.propagate, list(logger.filters), logger.disabled)
        for name in names
        for logger in [logging.getLogger(name)]
    }
    yield
    for name, (handlers, level, propagate, filters, disabled) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:] = handlers
        logger.filters[:] = filters
        logger.setLevel(level)
        logger.propagate = propagate
        logger.disabled = disabled


def test_configure_logging_applies_defaults_then_the_setting(restore_logging):
    configure_logging(
        "logging.config.dictConfig",
        {"version": 1, "disable_existing_loggers": False, "loggers": {"reinhardt.test": {"level": "ERROR"}}},
    )
    assert logging.getLogger("reinhardt.test").level == logging.ERROR
    assert logging.getLogger("django.server").handlers, "DEFAULT_LOGGING was applied first"
    configure_logging(None, {"version": 1, "loggers": {"reinhardt.test": {"level": "DEBUG"}}})
    assert logging.getLogger("reinhardt.test").level == logging.ERROR, (
        "no LOGGING_CONFIG means no configuration"
    )


def test_server_formatter_adds_server_time_and_keeps_plain_text_off_terminals():
    formatter = ServerFormatter("[{server_time}] {message}", style="{")
    text = formatter.format(record('"GET / HTTP/1.1" 404 10', status_code=404))
    assert text.startswith("[") and text.endswith('] "GET / HTTP/1.1" 404 10')
    text = formatter.format(record("hello", server_time="01/Jan/2026 00:00:00", status_code=200))
    assert text == "[01/Jan/2026 00:00:00] hello"


class FakeResponse:
    def __init__(self, status_code):
        self.status_code = status_code


def test_log_response_levels_and_only_once(caplog):
    logger = logging.getLogger("reinhardt.responses")
    server_error, not_found = FakeResponse(500), FakeResponse(404)
    with caplog.at_level(logging.INFO, logger="reinhardt.responses"):
        log_response("%s: %s", "Server Error", "/boom", response=server_error, logger=logger)
        log_response("again", response=server_error, logger=logger)
        log_response("%s", "/missing\x1b[31m", response=not_found, logger=logger)
    levels = [(r.levelname, r.getMessage(), r.status_code) for r in caplog.records]
    assert levels == [("ERROR", "Server Error: /boom", 500), ("WARNING", "/missing\\x1b[31m", 404)]
