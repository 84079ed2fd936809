from django.db.migrations.migration import Migration, swappable_dependency
from django.db.migrations.operations import *  # noqa: F403
from django.db.migrations.operations import __all__ as _operations

__all__ = ["Migration", "swappable_dependency", *_operations]
