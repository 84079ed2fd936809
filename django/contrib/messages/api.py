"""add_message and the level shortcuts; request._messages is set by MessageMiddleware."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import constants
from django.contrib.messages.storage import default_storage

__all__ = (
    "add_message",
    "get_messages",
    "get_level",
    "set_level",
    "debug",
    "info",
    "success",
    "warning",
    "error",
    "MessageFailure",
)


class MessageFailure(Exception):
    pass


def add_message(
    request: Any, level: int, message: Any, extra_tags: str = "", fail_silently: bool = False
) -> None:
    """Queue a message for the next page the user sees."""
    try:
        messages = request._messages
    except AttributeError:
        if not hasattr(request, "META"):
            raise TypeError(
                "add_message() argument must be an HttpRequest object, not '%s'." % request.__class__.__name__
            )
        if not fail_silently:
            raise MessageFailure(
                "You cannot add messages without installing django.contrib.messages.middleware.MessageMiddleware"
            )
    else:
        messages.add(level, message, extra_tags)


def get_messages(request: Any) -> Any:
    return getattr(request, "_messages", [])


def get_level(request: Any) -> int:
    storage = getattr(request, "_messages", default_storage(request))
    return storage.level


def set_level(request: Any, level: int | None) -> bool:
    if not hasattr(request, "_messages"):
        return False
    request._messages.level = level
    return True


def _shortcut(level: int) -> Any:
    def add(request: Any, message: Any, extra_tags: str = "", fail_silently: bool = False) -> None:
        add_message(request, level, message, extra_tags=extra_tags, fail_silently=fail_silently)

    return add


debug = _shortcut(constants.DEBUG)
info = _shortcut(constants.INFO)
success = _shortcut(constants.SUCCESS)
warning = _shortcut(constants.WARNING)
error = _shortcut(constants.ERROR)
