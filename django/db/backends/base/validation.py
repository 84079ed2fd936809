"""BaseDatabaseValidation: backend-specific system checks for models and fields."""

from __future__ import annotations

from typing import Any


class BaseDatabaseValidation:
    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def check(self, **kwargs: Any) -> list:
        """Checks about the database configuration itself."""
        return []

    def check_field(self, field: Any, **kwargs: Any) -> list:
        """Checks of one model field against what this database supports."""
        meta = field.model._meta
        vendor = getattr(meta, "required_db_vendor", None)
        if vendor and vendor != self.connection.vendor:
            return []
        features = getattr(meta, "required_db_features", ())
        if not all(getattr(self.connection.features, feature, False) for feature in features):
            return []
        field_type = field.db_type(self.connection)
        if field_type is None:
            return []
        return self.check_field_type(field, field_type)

    def check_field_type(self, field: Any, field_type: str) -> list:
        return []
