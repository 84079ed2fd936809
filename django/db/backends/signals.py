"""Signals sent by database backends."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with sender=<DatabaseWrapper class>, connection=<wrapper> after a new connection opens.
connection_created = Signal()
