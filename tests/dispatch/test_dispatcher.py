"""django.dispatch.Signal: connecting, sending (sync, robust, async), weak references, sender filtering."""

import asyncio
import gc
import logging

import pytest

from django.dispatch import Signal, receiver


class Sender:
    pass


def plain_receiver(sender, **kwargs):
    return ("plain", kwargs.get("value"))


async def async_receiver(sender, **kwargs):
    await asyncio.sleep(0)
    return ("async", kwargs.get("value"))


@pytest.fixture
def signal():
    return Signal()


class TestConnect:
    def test_send_calls_receivers_with_signal_sender_and_kwargs(self, signal):
        seen = []

        def handler(signal, sender, **kwargs):
            seen.append((signal, sender, kwargs))
            return "ok"

        signal.connect(handler)
        responses = signal.send(sender=Sender, value=1)
        assert responses == [(handler, "ok")]
        assert seen == [(signal, Sender, {"value": 1})]

    def test_no_receivers_gives_empty_list(self, signal):
        assert signal.send(sender=None) == []
        assert not signal.has_listeners()

    def test_same_receiver_is_connected_once(self, signal):
        signal.connect(plain_receiver)
        signal.connect(plain_receiver)
        assert len(signal.send(sender=None)) == 1

    def test_dispatch_uid_deduplicates_distinct_functions(self, signal):
        def a(**kwargs):
            return "a"

        def b(**kwargs):
            return "b"

        signal.connect(a, dispatch_uid="uid")
        signal.connect(b, dispatch_uid="uid")
        assert signal.send(sender=None) == [(a, "a")]
        assert signal.disconnect(dispatch_uid="uid")
        assert signal.send(sender=None) == []

    def test_disconnect_reports_whether_something_was_removed(self, signal):
        signal.connect(plain_receiver)
        assert signal.disconnect(plain_receiver) is True
        assert signal.disconnect(plain_receiver) is False

    def test_sender_filtering(self, signal):
        class Other:
            pass

        signal.connect(plain_receiver, sender=Sender)
        assert signal.has_listeners(Sender)
        assert not signal.has_listeners(Other)
        assert len(signal.send(sender=Sender)) == 1
        assert signal.send(sender=Other) == []
        signal.disconnect(plain_receiver, sender=Other)
        assert signal.has_listeners(Sender)
        signal.disconnect(plain_receiver, sender=Sender)
        assert not signal.has_listeners(Sender)

    def test_receivers_are_called_in_connection_order(self, signal):
        order = []
        handlers = []
        for index in range(5):

            def handler(index=index, **kwargs):
                order.append(index)

            handlers.append(handler)
            signal.connect(handler)
        signal.send(sender=None)
        assert order == [0, 1, 2, 3, 4]

    def test_receiver_without_kwargs_is_refused_in_debug(self, signal, settings_debug):
        def no_kwargs(sender):
            pass

        with pytest.raises(ValueError, match="keyword arguments"):
            signal.connect(no_kwargs)


@pytest.fixture
def settings_debug():
    from django.conf import settings

    old = settings.DEBUG
    settings.DEBUG = True
    yield
    settings.DEBUG = old


class TestWeakReferences:
    def test_weak_receiver_is_dropped_when_garbage_collected(self, signal):
        def make():
            def temporary(**kwargs):
                return 1

            return temporary

        handler = make()
        signal.connect(handler)
        assert signal.has_listeners()
        del handler
        gc.collect()
        assert not signal.has_listeners()
        assert signal.send(sender=None) == []

    def test_strong_receiver_is_kept(self, signal):
        def make():
            def temporary(**kwargs):
                return 1

            return temporary

        signal.connect(make(), weak=False)
        gc.collect()
        assert len(signal.send(sender=None)) == 1

    def test_bound_methods_are_weakly_referenced(self, signal):
        class Listener:
            def on_signal(self, **kwargs):
                return id(self)

        listener = Listener()
        signal.connect(listener.on_signal)
        assert signal.send(sender=None)[0][1] == id(listener)
        del listener
        gc.collect()
        assert not signal.has_listeners()

    def test_bound_method_disconnect(self, signal):
        class Listener:
            def on_signal(self, **kwargs):
                pass

        listener = Listener()
        signal.connect(listener.on_signal)
        assert signal.disconnect(listener.on_signal)

    def test_dead_sender_drops_its_receivers(self, signal):
        class TempSender:
            pass

        signal.connect(plain_receiver, sender=TempSender)
        assert len(signal.receivers) == 1
        del TempSender
        gc.collect()
        signal.connect(async_receiver)  # triggers the clean-up
        assert len(signal.receivers) == 1


class TestRobust:
    def test_send_propagates_errors(self, signal):
        def broken(**kwargs):
            raise ValueError("boom")

        signal.connect(broken)
        with pytest.raises(ValueError):
            signal.send(sender=None)

    def test_send_robust_returns_errors_and_logs(self, signal, caplog):
        def broken(**kwargs):
            raise ValueError("boom")

        signal.connect(broken)
        signal.connect(plain_receiver)
        with caplog.at_level(logging.ERROR, logger="django.dispatch"):
            responses = signal.send_robust(sender=None, value=3)
        assert isinstance(responses[0][1], ValueError)
        assert responses[0][1].__traceback__ is not None
        assert responses[1][1] == ("plain", 3)
        assert "Error calling" in caplog.text and "send_robust" in caplog.text


class TestAsync:
    def test_sync_send_runs_async_receivers(self, signal):
        signal.connect(plain_receiver)
        signal.connect(async_receiver)
        responses = signal.send(sender=None, value=7)
        assert dict(responses) == {plain_receiver: ("plain", 7), async_receiver: ("async", 7)}

    def test_asend_runs_both_kinds(self, signal):
        signal.connect(plain_receiver)
        signal.connect(async_receiver)
        responses = asyncio.run(signal.asend(sender=None, value=2))
        assert dict(responses) == {plain_receiver: ("plain", 2), async_receiver: ("async", 2)}

    def test_asend_robust_catches_errors(self, signal):
        async def broken(**kwargs):
            raise RuntimeError("nope")

        def sync_broken(**kwargs):
            raise KeyError("k")

        signal.connect(broken)
        signal.connect(sync_broken)
        responses = dict(asyncio.run(signal.asend_robust(sender=None)))
        assert isinstance(responses[broken], RuntimeError)
        assert isinstance(responses[sync_broken], KeyError)

    def test_send_robust_with_async_receiver(self, signal):
        async def broken(**kwargs):
            raise RuntimeError("nope")

        signal.connect(broken)
        assert isinstance(signal.send_robust(sender=None)[0][1], RuntimeError)

    def test_asend_without_receivers(self, signal):
        assert asyncio.run(signal.asend(sender=None)) == []


class TestCaching:
    def test_cached_signal_sees_new_receivers(self):
        signal = Signal(use_caching=True)
        assert signal.send(sender=Sender) == []
        signal.connect(plain_receiver, sender=Sender)
        assert len(signal.send(sender=Sender)) == 1
        signal.disconnect(plain_receiver, sender=Sender)
        assert signal.send(sender=Sender) == []

    def test_cached_signal_with_unreferenceable_senders(self):
        signal = Signal(use_caching=True)
        signal.connect(plain_receiver)
        assert len(signal.send(sender=None)) == 1
        assert len(signal.send(sender="text")) == 1
        assert signal.has_listeners(None)


def test_receiver_decorator_with_one_or_many_signals():
    first, second = Signal(), Signal()

    @receiver(first)
    def one(**kwargs):
        return 1

    @receiver([first, second], dispatch_uid="both")
    def both(**kwargs):
        return 2

    assert first.send(sender=None) == [(one, 1), (both, 2)]
    assert second.send(sender=None) == [(both, 2)]


class _Sender:
    pass


def test_receivers_for_any_sender_are_remembered_until_the_receivers_change():
    signal = Signal()
    calls = []

    def everyone(**kwargs):
        calls.append(("everyone", kwargs["sender"]))

    def only_first(**kwargs):
        calls.append(("only_first", kwargs["sender"]))

    first, second = _Sender(), _Sender()
    signal.connect(everyone)
    signal.send(sender=first)
    signal.send(sender=second)
    # A receiver bound to one sender ends the "same receivers for every sender" shortcut.
    signal.connect(only_first, sender=first)
    signal.send(sender=first)
    signal.send(sender=second)
    assert calls == [
        ("everyone", first),
        ("everyone", second),
        ("everyone", first),
        ("only_first", first),
        ("everyone", second),
    ]
    signal.disconnect(only_first, sender=first)
    calls.clear()
    signal.send(sender=first)
    assert calls == [("everyone", first)]


def test_replacing_the_receivers_list_is_honoured():
    signal = Signal()
    calls = []

    def handler(**kwargs):
        calls.append(1)

    signal.connect(handler)
    signal.send(sender=None)
    saved = signal.receivers
    signal.receivers = []
    assert signal.send(sender=None) == []
    signal.receivers = saved
    signal.send(sender=None)
    assert calls == [1, 1]


def test_dead_weak_receiver_is_dropped_after_the_shortcut_was_built():
    signal = Signal()

    def make():
        def temporary(**kwargs):
            return "alive"

        return temporary

    temporary = make()
    signal.connect(temporary)
    assert [r for _, r in signal.send(sender=None)] == ["alive"]
    del temporary
    gc.collect()
    assert signal.send(sender=None) == []
    assert signal.receivers == []
