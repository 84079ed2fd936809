"""The admin's exceptions."""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation


class AlreadyRegistered(Exception):
    """The model is already registered on this admin site."""


class NotRegistered(Exception):
    """The model is not registered on this admin site."""


class IncorrectLookupParameters(Exception):
    """The changelist's query string names a filter value that cannot be applied."""


class DisallowedModelAdminLookup(SuspiciousOperation):
    """A URL asked to filter through a lookup that lookup_allowed() refuses."""


class DisallowedModelAdminToField(SuspiciousOperation):
    """A URL asked for a ``_to_field`` that is not a referenced field of the model."""
