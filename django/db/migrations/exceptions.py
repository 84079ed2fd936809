"""Errors raised while loading, planning and applying migrations."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError


class AmbiguityError(Exception):
    """More than one migration matches a name prefix."""


class BadMigrationError(Exception):
    """A migration module does not define a usable Migration class."""


class CircularDependencyError(Exception):
    """The dependency graph has a cycle."""


class InconsistentMigrationHistory(Exception):
    """A migration is applied while one of its dependencies is not."""


class InvalidBasesError(ValueError):
    """A model state's bases cannot be resolved."""


class IrreversibleError(RuntimeError):
    """An operation cannot be reversed."""


class NodeNotFoundError(LookupError):
    """A migration refers to a migration that does not exist."""

    def __init__(self, message: str, node: Any, origin: Any = None) -> None:
        self.message = message
        self.origin = origin
        self.node = node

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"NodeNotFoundError({self.node!r})"


class MigrationSchemaMissing(DatabaseError):
    """The django_migrations table could not be created."""


class InvalidMigrationPlan(ValueError):
    """A plan mixes forwards and backwards migrations."""
