"""Messages in a cookie, with the session taking what does not fit (the default MESSAGE_STORAGE)."""

from __future__ import annotations

from typing import Any

from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.utils.functional import cached_property


class FallbackStorage(BaseStorage):
    storage_classes = (CookieStorage, SessionStorage)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._storage_args = (args, kwargs)

    @cached_property
    def storages(self) -> list:
        # Built on first use: most requests neither read nor write messages.
        args, kwargs = self._storage_args
        return [storage_class(*args, **kwargs) for storage_class in self.storage_classes]

    @cached_property
    def _used_storages(self) -> set:
        return set()

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list | None, bool]:
        all_messages: list = []
        for storage in self.storages:
            messages, all_retrieved = storage._get()
            if messages is None:
                break
            if messages:
                self._used_storages.add(storage)
            all_messages.extend(messages)
            if all_retrieved:
                break
        return all_messages, True

    def _store(self, messages: list, response: Any, *args: Any, **kwargs: Any) -> list:
        for storage in self.storages:
            if messages:
                messages = storage._store(messages, response, remove_oldest=False)
            elif storage in self._used_storages:
                storage._store([], response)
                self._used_storages.remove(storage)
        return messages
