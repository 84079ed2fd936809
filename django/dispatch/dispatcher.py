"""Signals: a many-to-many notification bus with weak references to receivers."""

from __future__ import annotations

import asyncio
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync, iscoroutinefunction, sync_to_async

from django.utils.inspect import func_accepts_kwargs

logger = logging.getLogger("django.dispatch")

# A receiver may be a bound method: identify it by (instance, function).
_Id = int | tuple[int, int]


def _make_id(target: Any) -> _Id:
    if hasattr(target, "__func__"):
        return (id(target.__self__), id(target.__func__))
    return id(target)


NONE_ID = _make_id(None)
NO_RECEIVERS = object()


class Signal:
    """Receivers connect (optionally for one sender); ``send`` calls them all.

    ``use_caching`` caches the receivers per sender (senders must then be
    weak-referenceable, e.g. model classes).
    """

    def __init__(self, use_caching: bool = False) -> None:
        # Entries: (lookup_key, receiver or weak ref, sender weak ref or None, is_async)
        self._receivers: list[tuple[tuple[Any, _Id], Any, Any, bool]] = []
        self.lock = threading.Lock()
        self.use_caching = use_caching
        self.sender_receivers_cache: Any = weakref.WeakKeyDictionary() if use_caching else {}
        self._dead_receivers = False
        # When no receiver is bound to a sender, every sender gets the same entries: kept here
        # (None = unknown, recomputed) so that frequent signals skip the lock and the filtering.
        self._entries_for_any_sender: list[tuple[Any, bool]] | None = None

    @property
    def receivers(self) -> list[tuple[tuple[Any, _Id], Any, Any, bool]]:
        return self._receivers

    @receivers.setter
    def receivers(self, entries: list[tuple[tuple[Any, _Id], Any, Any, bool]]) -> None:
        # Replacing the list wholesale (tests do) must drop what was derived from the old one.
        self._receivers = entries
        self.sender_receivers_cache.clear()
        self._entries_for_any_sender = None

    def connect(
        self, receiver: Callable, sender: Any = None, weak: bool = True, dispatch_uid: Any = None
    ) -> None:
        """Connect ``receiver`` (called as ``receiver(signal=..., sender=..., **kwargs)``).

        With ``weak`` (the default) the signal does not keep the receiver
        alive. ``dispatch_uid`` identifies the receiver to avoid duplicates.
        """
        self._check_receiver(receiver)
        lookup_key = (dispatch_uid if dispatch_uid is not None else _make_id(receiver), _make_id(sender))
        is_async = iscoroutinefunction(receiver)
        if weak:
            receiver = self._weak_reference(receiver)
        sender_ref = None
        if sender is not None:
            try:
                sender_ref = weakref.ref(sender, self._flag_dead_receivers)
            except TypeError:
                sender_ref = None
        with self.lock:
            self._clear_dead_receivers()
            if not any(r_key == lookup_key for r_key, _, _, _ in self.receivers):
                self.receivers.append((lookup_key, receiver, sender_ref, is_async))
            self.sender_receivers_cache.clear()
            self._entries_for_any_sender = None

    @staticmethod
    def _check_receiver(receiver: Any) -> None:
        from django.conf import settings

        try:
            debug = settings.configured and settings.DEBUG
        except Exception:
            debug = False
        if not debug:
            return
        if not callable(receiver):
            raise TypeError("Signal receivers must be callable.")
        if not func_accepts_kwargs(receiver):
            raise ValueError("Signal receivers must accept keyword arguments (**kwargs).")

    def _weak_reference(self, receiver: Callable) -> Any:
        if hasattr(receiver, "__self__") and hasattr(receiver, "__func__"):
            ref: Any = weakref.WeakMethod(receiver)  # type: ignore[arg-type]
            owner = receiver.__self__
        else:
            ref = weakref.ref(receiver)
            owner = receiver
        weakref.finalize(owner, self._flag_dead_receivers)
        return ref

    def disconnect(
        self, receiver: Callable | None = None, sender: Any = None, dispatch_uid: Any = None
    ) -> bool:
        """Disconnect a receiver (or the one registered under ``dispatch_uid``);
        True if something was disconnected."""
        lookup_key = (dispatch_uid if dispatch_uid is not None else _make_id(receiver), _make_id(sender))
        disconnected = False
        with self.lock:
            self._clear_dead_receivers()
            for index, entry in enumerate(self.receivers):
                if entry[0] == lookup_key:
                    disconnected = True
                    del self.receivers[index]
                    break
            self.sender_receivers_cache.clear()
            self._entries_for_any_sender = None
        return disconnected

    def has_listeners(self, sender: Any = None) -> bool:
        sync_receivers, async_receivers = self._live_receivers(sender)
        return bool(sync_receivers) or bool(async_receivers)

    def send(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Call every receiver; an exception in one stops the sending. Async
        receivers run concurrently through async_to_sync."""
        if not self._receivers:
            return []
        sync_receivers, async_receivers = self._live_receivers(sender)
        responses = [(receiver, receiver(signal=self, sender=sender, **named)) for receiver in sync_receivers]
        if async_receivers:

            async def gather() -> list:
                return await asyncio.gather(
                    *(receiver(signal=self, sender=sender, **named) for receiver in async_receivers)
                )

            responses.extend(zip(async_receivers, async_to_sync(gather)()))
        return responses

    def send_robust(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Like send(), but an exception in a receiver becomes its response
        (and is logged) instead of stopping the others."""
        if not self._receivers:
            return []
        sync_receivers, async_receivers = self._live_receivers(sender)
        responses = [(receiver, self._call_robust(receiver, sender, named)) for receiver in sync_receivers]
        if async_receivers:

            async def gather() -> list:
                return await asyncio.gather(
                    *(self._acall_robust(receiver, sender, named) for receiver in async_receivers)
                )

            responses.extend(zip(async_receivers, async_to_sync(gather)()))
        return responses

    async def asend(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Async send(): sync receivers run in a thread via sync_to_async."""
        if not self._receivers:
            return []
        sync_receivers, async_receivers = self._live_receivers(sender)

        def call_sync() -> list:
            return [(receiver, receiver(signal=self, sender=sender, **named)) for receiver in sync_receivers]

        sync_part = sync_to_async(call_sync) if sync_receivers else _no_responses
        async_results = asyncio.gather(
            *(receiver(signal=self, sender=sender, **named) for receiver in async_receivers)
        )
        responses, async_responses = await asyncio.gather(sync_part(), async_results)
        return list(responses) + list(zip(async_receivers, async_responses))

    async def asend_robust(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Async send_robust()."""
        if not self._receivers:
            return []
        sync_receivers, async_receivers = self._live_receivers(sender)

        def call_sync() -> list:
            return [(receiver, self._call_robust(receiver, sender, named)) for receiver in sync_receivers]

        sync_part = sync_to_async(call_sync) if sync_receivers else _no_responses
        async_results = asyncio.gather(
            *(self._acall_robust(receiver, sender, named) for receiver in async_receivers)
        )
        responses, async_responses = await asyncio.gather(sync_part(), async_results)
        return list(responses) + list(zip(async_receivers, async_responses))

    def _log_robust_error(self, receiver: Callable, exc: Exception) -> None:
        logger.error(
            "Error calling %s in Signal.send_robust() (%s)",
            getattr(receiver, "__qualname__", repr(receiver)),
            exc,
            exc_info=exc,
        )

    def _call_robust(self, receiver: Callable, sender: Any, named: dict) -> Any:
        try:
            return receiver(signal=self, sender=sender, **named)
        except Exception as exc:
            self._log_robust_error(receiver, exc)
            return exc

    async def _acall_robust(self, receiver: Callable, sender: Any, named: dict) -> Any:
        try:
            return await receiver(signal=self, sender=sender, **named)
        except Exception as exc:
            self._log_robust_error(receiver, exc)
            return exc

    def _flag_dead_receivers(self, *args: Any) -> None:
        # Called from weakref callbacks; the real clean-up happens under the lock later.
        self._dead_receivers = True

    def _clear_dead_receivers(self) -> None:
        if not self._dead_receivers:
            return
        self._dead_receivers = False
        self._entries_for_any_sender = None
        self.receivers = [
            entry
            for entry in self.receivers
            if not (isinstance(entry[1], weakref.ReferenceType) and entry[1]() is None)
            and not (entry[2] is not None and entry[2]() is None)
        ]

    def _cached(self, sender: Any) -> Any:
        try:
            return self.sender_receivers_cache.get(sender)
        except TypeError:  # a sender that cannot be weakly referenced is not cached
            return None

    def _live_receivers(self, sender: Any) -> tuple[list[Callable], list[Callable]]:
        """(sync receivers, async receivers) for ``sender``, dereferenced."""
        entries = None if self._dead_receivers else self._entries_for_any_sender
        if entries is None and self.use_caching and not self._dead_receivers:
            entries = self._cached(sender)
            if entries is NO_RECEIVERS:
                return [], []
        if entries is None:
            with self.lock:
                self._clear_dead_receivers()
                sender_key = _make_id(sender)
                entries = [
                    (receiver, is_async)
                    for (_, r_sender_key), receiver, _, is_async in self.receivers
                    if r_sender_key == NONE_ID or r_sender_key == sender_key
                ]
                if all(r_sender_key == NONE_ID for (_, r_sender_key), _, _, _ in self.receivers):
                    self._entries_for_any_sender = entries
                elif self.use_caching:
                    try:
                        self.sender_receivers_cache[sender] = entries or NO_RECEIVERS
                    except TypeError:
                        pass
        sync_receivers: list[Callable] = []
        async_receivers: list[Callable] = []
        for receiver, is_async in entries:
            if isinstance(receiver, weakref.ReferenceType):
                receiver = receiver()
                if receiver is None:
                    continue
            (async_receivers if is_async else sync_receivers).append(receiver)
        return sync_receivers, async_receivers


async def _no_responses() -> list:
    return []


def receiver(signal: Signal | list[Signal] | tuple[Signal, ...], **kwargs: Any) -> Callable:
    """Decorator connecting the function to one signal or a list of signals."""

    def decorator(func: Callable) -> Callable:
        signals = signal if isinstance(signal, (list, tuple)) else [signal]
        for item in signals:
            item.connect(func, **kwargs)
        return func

    return decorator
