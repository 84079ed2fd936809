"""What MySQL (8.0.11+) and MariaDB (10.6+) can do; several flags depend on the server."""

from __future__ import annotations

from django.db.backends.base.features import BaseDatabaseFeatures
from django.utils.functional import cached_property


class DatabaseFeatures(BaseDatabaseFeatures):
    empty_fetchmany_value = ()
    allows_group_by_selected_pks = True
    related_fields_match_type = True
    # MySQL cannot LIMIT a subquery used with IN.
    allow_sliced_subqueries_with_in = False
    has_select_for_update = True
    has_select_for_update_nowait = True
    supports_forward_references = False
    supports_regex_backreferencing = False
    supports_date_lookup_using_string = False
    supports_timezones = False
    requires_explicit_null_ordering_when_grouping = True
    atomic_transactions = False
    can_clone_databases = True
    can_rollback_ddl = False
    supports_comments = True
    supports_comments_inline = True
    supports_temporal_subtraction = True
    supports_slicing_ordering_in_compound = True
    supports_index_on_text_field = False
    supports_over_clause = True
    supports_frame_range_fixed_distance = True
    supports_update_conflicts = True
    supports_partial_indexes = False
    supports_stored_generated_columns = True
    supports_virtual_generated_columns = True
    supports_boolean_expr_in_select_clause = True
    supports_logical_xor = True
    supports_order_by_nulls_modifier = False
    order_by_nulls_first = True
    supports_aggregate_filter_clause = False
    supports_default_keyword_in_insert = True
    can_release_savepoints = True
    can_introspect_check_constraints = True
    closed_cursor_error_class = None
    supports_json_field_contains = True
    has_json_object_function = True
    supports_primitives_in_json_field = True
    supports_tuple_comparison_against_subquery = True
    supports_on_delete_db_default = False
    insert_test_table_with_defaults = "INSERT INTO {} () VALUES ()"
    supported_explain_formats = {"JSON", "TEXT", "TRADITIONAL"}
    introspected_field_types = {
        **BaseDatabaseFeatures.introspected_field_types,
        "BinaryField": "TextField",
        "BooleanField": "IntegerField",
        "DurationField": "BigIntegerField",
        "GenericIPAddressField": "CharField",
    }

    @cached_property
    def minimum_database_version(self) -> tuple:  # type: ignore[override]
        return (10, 6) if self.connection.mysql_is_mariadb else (8, 0, 11)

    @cached_property
    def test_collations(self) -> dict:  # type: ignore[override]
        return {
            "ci": "utf8mb4_general_ci",
            "non_default": "utf8mb4_esperanto_ci",
            "swedish_ci": "utf8mb4_swedish_ci",
            "virtual": "utf8mb4_esperanto_ci",
        }

    @cached_property
    def _mariadb(self) -> bool:
        return self.connection.mysql_is_mariadb

    @cached_property
    def can_return_columns_from_insert(self) -> bool:  # type: ignore[override]
        return self._mariadb  # INSERT ... RETURNING (MariaDB 10.5+)

    can_return_rows_from_bulk_insert = property(lambda self: self._mariadb)  # type: ignore[assignment]

    @cached_property
    def has_select_for_update_skip_locked(self) -> bool:  # type: ignore[override]
        return True

    @cached_property
    def has_select_for_update_of(self) -> bool:  # type: ignore[override]
        return not self._mariadb

    @cached_property
    def supports_expression_indexes(self) -> bool:  # type: ignore[override]
        return not self._mariadb

    @cached_property
    def supports_any_value(self) -> bool:  # type: ignore[override]
        return not self._mariadb

    @cached_property
    def supports_select_intersection(self) -> bool:  # type: ignore[override]
        return True

    supports_select_difference = property(lambda self: self.supports_select_intersection)  # type: ignore[assignment]

    @cached_property
    def can_rename_index(self) -> bool:  # type: ignore[override]
        return True

    @cached_property
    def supports_column_check_constraints(self) -> bool:  # type: ignore[override]
        return True

    supports_table_check_constraints = property(lambda self: self.supports_column_check_constraints)  # type: ignore[assignment]

    @cached_property
    def is_sql_auto_is_null_enabled(self) -> bool:
        return self.connection.mysql_server_data["sql_auto_is_null"]

    @cached_property
    def has_zoneinfo_database(self) -> bool:  # type: ignore[override]
        return self.connection.mysql_server_data["has_zoneinfo_database"]

    @cached_property
    def ignores_table_name_case(self) -> bool:  # type: ignore[override]
        return self.connection.mysql_server_data["lower_case_table_names"]

    @cached_property
    def allows_auto_pk_0(self) -> bool:  # type: ignore[override]
        return "NO_AUTO_VALUE_ON_ZERO" in self.connection.sql_mode

    @cached_property
    def _storage_engine(self) -> str:
        return self.connection.mysql_server_data["default_storage_engine"]

    @cached_property
    def supports_transactions(self) -> bool:  # type: ignore[override]
        return self._storage_engine == "InnoDB"

    uses_savepoints = property(lambda self: self.supports_transactions)  # type: ignore[assignment]

    @cached_property
    def can_introspect_foreign_keys(self) -> bool:  # type: ignore[override]
        return self._storage_engine != "MyISAM"

    @cached_property
    def supports_foreign_keys(self) -> bool:  # type: ignore[override]
        return self._storage_engine != "MyISAM"

    @cached_property
    def can_introspect_json_field(self) -> bool:  # type: ignore[override]
        return True

    @cached_property
    def supports_index_column_ordering(self) -> bool:  # type: ignore[override]
        return True
