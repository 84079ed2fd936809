"""System checks specific to MySQL/MariaDB (mysql.W002, mysql.W003)."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.validation import BaseDatabaseValidation


class DatabaseValidation(BaseDatabaseValidation):
    def check(self, **kwargs: Any) -> list:
        issues = super().check(**kwargs)
        issues.extend(self._check_sql_mode(**kwargs))
        return issues

    def _check_sql_mode(self, **kwargs: Any) -> list:
        from django.core import checks

        if self.connection.sql_mode & {"STRICT_TRANS_TABLES", "STRICT_ALL_TABLES"}:
            return []
        return [
            checks.Warning(
                f"{self.connection.display_name} Strict Mode is not set for database connection "
                f"'{self.connection.alias}'",
                hint=(
                    f"{self.connection.display_name}'s Strict Mode fixes many data integrity problems in "
                    f"{self.connection.display_name}, such as data truncation upon insertion, by escalating "
                    f"warnings into errors. It is strongly recommended you activate it."
                ),
                id="mysql.W002",
            )
        ]

    def check_field_type(self, field: Any, field_type: str) -> list:
        from django.core import checks

        errors = []
        if (
            field_type.startswith("varchar")
            and field.unique
            and (field.max_length is None or int(field.max_length) > 255)
        ):
            errors.append(
                checks.Warning(
                    f"{self.connection.display_name} may not allow unique CharFields to have a max_length > 255.",
                    obj=field,
                    id="mysql.W003",
                )
            )
        if field.db_index and field_type.lower() in self.connection._limited_data_types:
            errors.append(
                checks.Warning(
                    f"{self.connection.display_name} does not support a database index on {field_type} columns.",
                    hint="An index won't be created. Silence this warning if you don't care about it.",
                    obj=field,
                    id="fields.W162",
                )
            )
        return errors
