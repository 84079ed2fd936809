"""Multi-consumer multi-producer dispatching (signals)."""

from django.dispatch.dispatcher import Signal, receiver

__all__ = ["Signal", "receiver"]
