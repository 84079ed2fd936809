"""Message and BaseStorage: messages queued on one request, shown (and cleared) on a later one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.messages import constants, utils
from django.utils.functional import SimpleLazyObject

LEVEL_TAGS = SimpleLazyObject(utils.get_level_tags)


def get_level_tags() -> Any:
    return SimpleLazyObject(utils.get_level_tags)


class Message:
    """One message: level, text and extra tags."""

    def __init__(self, level: int, message: Any, extra_tags: str | None = None) -> None:
        self.level = int(level)
        self.message = message
        self.extra_tags = extra_tags

    def _prepare(self) -> None:
        """Turn lazy strings into plain ones before storing."""
        self.message = str(self.message)
        self.extra_tags = str(self.extra_tags) if self.extra_tags is not None else None

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self.level == other.level and self.message == other.message

    def __str__(self) -> str:
        return str(self.message)

    def __repr__(self) -> str:
        extra = f", extra_tags={self.extra_tags!r}" if self.extra_tags else ""
        return f"Message(level={self.level}, message={self.message!r}{extra})"

    @property
    def tags(self) -> str:
        return " ".join(tag for tag in [self.extra_tags, self.level_tag] if tag)

    @property
    def level_tag(self) -> str:
        return LEVEL_TAGS.get(self.level, "")


class BaseStorage:
    """Iterating marks the messages as used; ``update(response)`` stores what is left."""

    def __init__(self, request: Any, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self._queued_messages: list[Message] = []
        self.used = False
        self.added_new = False
        super().__init__(*args, **kwargs)

    def __len__(self) -> int:
        return len(self._loaded_messages) + len(self._queued_messages)

    def __iter__(self) -> Any:
        self.used = True
        if self._queued_messages:
            self._loaded_messages.extend(self._queued_messages)
            self._queued_messages = []
        return iter(self._loaded_messages)

    def __contains__(self, item: Any) -> bool:
        return item in self._loaded_messages or item in self._queued_messages

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: request={self.request!r}>"

    @property
    def _loaded_messages(self) -> list[Message]:
        if not hasattr(self, "_loaded_data"):
            messages, all_retrieved = self._get()
            self._loaded_data = messages or []
        return self._loaded_data

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list | None, bool]:
        raise NotImplementedError("subclasses of BaseStorage must provide a _get() method")

    def _store(self, messages: list, response: Any, *args: Any, **kwargs: Any) -> list:
        raise NotImplementedError("subclasses of BaseStorage must provide a _store() method")

    def _prepare_messages(self, messages: list) -> None:
        for message in messages:
            message._prepare()

    def update(self, response: Any) -> list | None:
        """Store the messages not yet shown (all of them if none were iterated)."""
        if not self.used and not self.added_new:
            return None  # untouched this request (the usual case): nothing to prepare or store
        self._prepare_messages(self._queued_messages)
        if self.used:
            return self._store(self._queued_messages, response)
        if self.added_new:
            messages = self._loaded_messages + self._queued_messages
            return self._store(messages, response)
        return None

    def add(self, level: int, message: Any, extra_tags: str = "") -> None:
        if not message:
            return
        level = int(level)
        if level < self.level:
            return
        self.added_new = True
        self._queued_messages.append(Message(level, message, extra_tags=extra_tags))

    def _get_level(self) -> int:
        if not hasattr(self, "_level"):
            self._level = getattr(settings, "MESSAGE_LEVEL", constants.INFO)
        return self._level

    def _set_level(self, value: int | None = None) -> None:
        if value is None and hasattr(self, "_level"):
            del self._level
        else:
            self._level = int(value)  # type: ignore[arg-type]

    level = property(_get_level, _set_level, _set_level)
