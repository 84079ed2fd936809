"""What PostgreSQL (14+) can do."""

from __future__ import annotations

from django.db.backends.base.features import BaseDatabaseFeatures
from django.db.utils import DataError, InterfaceError
from django.utils.functional import cached_property


class DatabaseFeatures(BaseDatabaseFeatures):
    minimum_database_version = (14,)
    allows_group_by_selected_pks = True
    can_return_columns_from_insert = True
    can_return_rows_from_bulk_insert = True
    can_return_rows_from_update = True
    has_real_datatype = True
    has_native_uuid_field = True
    has_native_duration_field = True
    has_native_json_field = True
    can_defer_constraint_checks = True
    has_select_for_update = True
    has_select_for_update_nowait = True
    has_select_for_update_of = True
    has_select_for_update_skip_locked = True
    has_select_for_no_key_update = True
    can_release_savepoints = True
    supports_comments = True
    supports_tablespaces = True
    supports_transactions = True
    can_introspect_materialized_views = True
    can_distinct_on_fields = True
    can_rollback_ddl = True
    schema_editor_uses_clientside_param_binding = True
    supports_combined_alters = True
    nulls_order_largest = True
    closed_cursor_error_class = InterfaceError
    greatest_least_ignores_nulls = True
    can_clone_databases = True
    supports_temporal_subtraction = True
    supports_slicing_ordering_in_compound = True
    requires_casted_case_in_updates = True
    supports_over_clause = True
    supports_frame_range_fixed_distance = True
    supports_frame_exclusion = True
    supports_aggregate_filter_clause = True
    supports_aggregate_order_by_clause = True
    supported_explain_formats = {"JSON", "TEXT", "XML", "YAML"}
    supports_deferrable_unique_constraints = True
    has_json_operators = True
    json_key_contains_list_matching_requires_list = True
    supports_update_conflicts = True
    supports_update_conflicts_with_target = True
    supports_covering_indexes = True
    supports_stored_generated_columns = True
    supports_virtual_generated_columns = False
    can_rename_index = True
    supports_unlimited_charfield = True
    supports_select_union = True
    supports_logical_xor = False
    test_collations = {
        "deterministic": "C",
        "non_default": "sv-x-icu",
        "swedish_ci": "sv-x-icu",
    }
    test_now_utc_template = "STATEMENT_TIMESTAMP() AT TIME ZONE 'UTC'"
    insert_test_table_with_defaults = "INSERT INTO {} DEFAULT VALUES"
    # psycopg 3 refuses NUL in text before sending it.
    prohibits_null_characters_in_text_exception = (
        DataError,
        "PostgreSQL text fields cannot contain NUL (0x00) bytes",
    )
    introspected_field_types = {
        **BaseDatabaseFeatures.introspected_field_types,
        "PositiveBigIntegerField": "BigIntegerField",
        "PositiveIntegerField": "IntegerField",
        "PositiveSmallIntegerField": "SmallIntegerField",
    }

    @cached_property
    def is_postgresql_15(self) -> bool:
        return self.connection.pg_version >= 150000

    @cached_property
    def is_postgresql_16(self) -> bool:
        return self.connection.pg_version >= 160000

    @cached_property
    def is_postgresql_17(self) -> bool:
        return self.connection.pg_version >= 170000

    @cached_property
    def supports_nulls_distinct_unique_constraints(self) -> bool:  # type: ignore[override]
        return self.is_postgresql_15

    @cached_property
    def supports_any_value(self) -> bool:  # type: ignore[override]
        return self.is_postgresql_16

    @cached_property
    def uses_server_side_binding(self) -> bool:
        return bool(self.connection.settings_dict["OPTIONS"].get("server_side_binding"))

    @cached_property
    def can_use_chunked_reads(self) -> bool:  # type: ignore[override]
        return not self.connection.settings_dict["OPTIONS"].get("DISABLE_SERVER_SIDE_CURSORS", False)
