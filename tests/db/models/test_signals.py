"""Model signals: pre/post_init, pre/post_save, class_prepared and lazy "app.Model" senders."""

import pytest

from django.db import models
from django.db.models import signals
from tests.db.models.app_models.models import Author, AuthorProxy, Restaurant


@pytest.fixture
def record():
    """Connect receivers for the test only: ``record(signal, sender=...)`` returns the event list."""
    connected = []

    def connect(signal, **kwargs):
        events = []

        def receiver(sender, **kw):
            kw.pop("signal", None)
            # Copy dicts: pre_init's kwargs is consumed by __init__ afterwards.
            events.append((sender, {k: dict(v) if isinstance(v, dict) else v for k, v in kw.items()}))

        signal.connect(receiver, weak=False, **kwargs)
        connected.append((signal, receiver, kwargs.get("sender")))
        return events

    yield connect
    for signal, receiver, sender in connected:
        signal.disconnect(receiver, sender=sender)


def test_init_signals(record):
    pre = record(signals.pre_init, sender=Author)
    post = record(signals.post_init, sender=Author)
    author = Author(name="x")
    assert pre == [(Author, {"args": (), "kwargs": {"name": "x"}})]
    assert post == [(Author, {"instance": author})]


def test_save_signals(using, record):
    pre = record(signals.pre_save, sender=Author)
    post = record(signals.post_save, sender=Author)
    author = Author(name="x")
    author.save(using=using)
    author.save(using=using, update_fields=["name"])
    assert [kw["update_fields"] for _, kw in pre] == [None, frozenset({"name"})]
    assert [(kw["created"], kw["raw"], kw["using"]) for _, kw in post] == [
        (True, False, using),
        (False, False, using),
    ]
    assert all(kw["instance"] is author for _, kw in post)


def test_proxy_save_sends_with_proxy_sender(using, record):
    events = record(signals.post_save, sender=AuthorProxy)
    AuthorProxy(name="p").save(using=using)
    assert len(events) == 1 and events[0][0] is AuthorProxy


def test_child_save_sends_once_for_the_child(using, record):
    child = record(signals.post_save, sender=Restaurant)
    parent = record(signals.post_save, sender=models.Model)
    Restaurant(name="r").save(using=using)
    assert len(child) == 1
    assert parent == []


def test_lazy_string_sender(using, record):
    events = record(signals.post_save, sender="model_tests.Author")
    Author(name="lazy").save(using=using)
    assert len(events) == 1


def test_invalid_lazy_sender():
    with pytest.raises(ValueError, match="Invalid model reference 'nodot'"):
        signals.post_save.connect(lambda **kw: None, sender="nodot")


def test_class_prepared_is_sent(record):
    events = record(signals.class_prepared)

    class Prepared(models.Model):
        class Meta:
            app_label = "model_tests"
            apps = __import__("django.apps.registry", fromlist=["Apps"]).Apps(["tests.db.models.app_models"])

    assert [sender for sender, _ in events] == [Prepared]
