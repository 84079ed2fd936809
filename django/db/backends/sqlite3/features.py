"""What SQLite (3.31+) can do."""

from __future__ import annotations

import sqlite3

from django.db.backends.base.features import BaseDatabaseFeatures
from django.utils.functional import cached_property


class DatabaseFeatures(BaseDatabaseFeatures):
    minimum_database_version = (3, 31)
    test_db_allows_multiple_connections = False
    supports_unspecified_pk = True
    supports_timezones = False
    max_query_params = 999
    supports_transactions = True
    atomic_transactions = False
    can_rollback_ddl = True
    can_create_inline_fk = False
    requires_literal_defaults = True
    can_clone_databases = True
    supports_temporal_subtraction = True
    ignores_table_name_case = True
    supports_cast_with_precision = False
    time_cast_precision = 3
    can_release_savepoints = True
    has_case_insensitive_like = False
    supports_parentheses_in_compound = False
    can_defer_constraint_checks = True
    supports_over_clause = True
    supports_frame_range_fixed_distance = True
    supports_frame_exclusion = True
    supports_aggregate_filter_clause = True
    order_by_nulls_first = True
    supports_json_field_contains = False
    supports_update_conflicts = True
    supports_update_conflicts_with_target = True
    supports_stored_generated_columns = True
    supports_virtual_generated_columns = True
    supports_default_keyword_in_insert = False
    supports_default_keyword_in_bulk_insert = False
    can_return_columns_from_insert = True
    can_return_rows_from_bulk_insert = True
    can_return_rows_from_update = True
    supports_sequence_reset = False
    supports_select_for_update_with_limit = False
    supports_index_column_ordering = True
    supports_covering_indexes = False
    supports_comments = False
    supports_tuple_comparison_against_subquery = False
    supports_on_delete_db_default = False
    supports_any_value = False
    insert_test_table_with_defaults = 'INSERT INTO {} ("null") VALUES (1)'
    supported_explain_formats: set[str] = set()
    test_collations = {"ci": "nocase", "cs": "binary", "non_default": "nocase"}
    introspected_field_types = {
        **BaseDatabaseFeatures.introspected_field_types,
        "BigAutoField": "AutoField",
        "DurationField": "BigIntegerField",
        "GenericIPAddressField": "CharField",
        "SmallAutoField": "AutoField",
    }

    @cached_property
    def supports_aggregate_order_by_clause(self) -> bool:
        return sqlite3.sqlite_version_info >= (3, 44, 0)

    @cached_property
    def can_alter_table_drop_column(self) -> bool:
        return sqlite3.sqlite_version_info >= (3, 35, 5)

    @cached_property
    def supports_json_field(self) -> bool:
        with self.connection.cursor() as cursor:
            try:
                cursor.execute("SELECT JSON('{\"a\": true}')")
            except self.connection.Database.OperationalError:
                return False
        return True

    can_introspect_json_field = property(lambda self: self.supports_json_field)
    has_json_object_function = property(lambda self: self.supports_json_field)
