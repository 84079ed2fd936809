"""Messages in a signed cookie (trimmed to fit max_cookie_size, oldest first out)."""

from __future__ import annotations

import binascii
import json
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.base import BaseStorage, Message
from django.core import signing
from django.http import SimpleCookie
from django.utils.functional import cached_property
from django.utils.safestring import SafeData, mark_safe


class MessageEncoder(json.JSONEncoder):
    """Messages as compact lists that remember whether the text was safe HTML."""

    message_key = "__json_message"

    def default(self, obj: Any) -> Any:
        if isinstance(obj, Message):
            is_safedata = 1 if isinstance(obj.message, SafeData) else 0
            message = [self.message_key, is_safedata, obj.level, obj.message]
            if obj.extra_tags is not None:
                message.append(obj.extra_tags)
            return message
        return super().default(obj)


class MessageDecoder(json.JSONDecoder):
    def process_messages(self, obj: Any) -> Any:
        if isinstance(obj, list) and obj:
            if obj[0] == MessageEncoder.message_key:
                if obj[1]:
                    obj[3] = mark_safe(obj[3])
                return Message(*obj[2:])
            return [self.process_messages(item) for item in obj]
        if isinstance(obj, dict):
            return {key: self.process_messages(value) for key, value in obj.items()}
        return obj

    def decode(self, s: str, **kwargs: Any) -> Any:  # type: ignore[override]  # keyword-only extras
        return self.process_messages(super().decode(s, **kwargs))


class MessageSerializer:
    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), cls=MessageEncoder).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"), cls=MessageDecoder)


class CookieStorage(BaseStorage):
    cookie_name = "messages"
    max_cookie_size = 2048
    not_finished = "__messagesnotfinished__"
    not_finished_json = json.dumps("__messagesnotfinished__")
    key_salt = "django.contrib.messages"

    @cached_property
    def signer(self) -> Any:
        # Built on first use: most requests neither read nor write messages.
        return signing.get_cookie_signer(salt=self.key_salt)

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list | None, bool]:
        data = self.request.COOKIES.get(self.cookie_name)
        messages = self._decode(data)
        all_retrieved = not (messages and messages[-1] == self.not_finished)
        if messages and not all_retrieved:
            messages.pop()
        return messages, all_retrieved

    def _update_cookie(self, encoded_data: str | None, response: Any) -> None:
        if encoded_data:
            response.set_cookie(
                self.cookie_name,
                encoded_data,
                domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE or None,
                httponly=settings.SESSION_COOKIE_HTTPONLY or None,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        else:
            response.delete_cookie(
                self.cookie_name,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )

    def _store(
        self, messages: list, response: Any, remove_oldest: bool = True, *args: Any, **kwargs: Any
    ) -> list:
        """Store as many messages as fit; return the ones that did not."""
        unstored: list = []
        serialized = [json.dumps(m, separators=(",", ":"), cls=MessageEncoder) for m in messages]
        encoded_data = self._encode_parts(serialized)
        if self.max_cookie_size:
            cookie = SimpleCookie()

            def stored_length(val: str) -> int:
                return len(cookie.value_encode(val)[1])

            while encoded_data and stored_length(encoded_data) > self.max_cookie_size:
                if remove_oldest:
                    unstored.append(messages.pop(0))
                    serialized.pop(0)
                else:
                    unstored.insert(0, messages.pop())
                    serialized.pop()
                encoded_data = self._encode_parts(serialized + [self.not_finished_json])
        self._update_cookie(encoded_data, response)
        return unstored

    def _encode_parts(self, messages: list[str], encode_empty: bool = False) -> str | None:
        if messages or encode_empty:
            return self.signer.sign_object(messages, serializer=_PartsSerializer, compress=True)
        return None

    def _encode(self, messages: list, encode_empty: bool = False) -> str | None:
        serialized = [json.dumps(m, separators=(",", ":"), cls=MessageEncoder) for m in messages]
        return self._encode_parts(serialized, encode_empty=encode_empty)

    def _decode(self, data: str | None) -> list | None:
        if not data:
            return None
        try:
            return self.signer.unsign_object(data, serializer=MessageSerializer)
        except (signing.BadSignature, binascii.Error, json.JSONDecodeError, ValueError):
            pass
        # Tampered or undecodable: drop the messages rather than fail.
        self.used = True
        return None


class _PartsSerializer:
    """Joins already JSON-encoded messages into one JSON list."""

    def dumps(self, obj: list[str]) -> bytes:
        return ("[" + ",".join(obj) + "]").encode("latin-1")
