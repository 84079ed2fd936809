"""The ``alter_field`` half of the schema editor: changing a column in place with ALTER TABLE."""

from __future__ import annotations

from typing import Any

from django.db.backends.ddl_references import Statement

# Field options that never change the database schema.
NON_DB_ATTRS = (
    "blank",
    "choices",
    "db_column",
    "editable",
    "error_messages",
    "help_text",
    "limit_choices_to",
    "on_delete",
    "related_name",
    "related_query_name",
    "validators",
    "verbose_name",
)


def has_db_default(field: Any) -> bool:
    from django.db.models.fields import NOT_PROVIDED

    return getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED


def _relation_targets(relation: Any, altered_field: Any) -> bool:
    field = relation.field
    if field.many_to_many:
        return False
    to_fields = getattr(field, "to_fields", [None])
    if altered_field.primary_key and list(to_fields) == [None]:
        return True
    return altered_field.name in to_fields


def _incoming_relations(field: Any) -> list:
    if getattr(field, "model", None) is None:
        return []
    meta = field.model._meta
    return [
        rel
        for rel in meta.get_fields(include_hidden=True)
        if rel.auto_created
        and not rel.concrete
        and getattr(rel, "field", None) is not None
        and _relation_targets(rel, field)
    ]


def related_non_m2m_objects(old_field: Any, new_field: Any) -> list[tuple[Any, Any]]:
    """Pairs (old relation, new relation) of foreign keys that point at the altered field."""
    old = _incoming_relations(old_field)
    # A new field made by hand (not attached to a model class) keeps the old relations.
    new = _incoming_relations(new_field) if getattr(new_field, "model", None) is not None else old
    return list(zip(old, new))


class AlterFieldMixin:
    """Generic ALTER TABLE implementation of alter_field; SQLite replaces most of it."""

    connection: Any
    deferred_sql: list

    def _field_should_be_altered(self, old_field: Any, new_field: Any, ignore: set | None = None) -> bool:
        """False when only Python-side options (verbose_name, choices...) changed."""
        ignore = ignore or set()
        non_db = set(getattr(new_field, "non_db_attrs", NON_DB_ATTRS)) | ignore
        _, old_path, old_args, old_kwargs = old_field.deconstruct()
        _, new_path, new_args, new_kwargs = new_field.deconstruct()
        for attr in non_db:
            old_kwargs.pop(attr, None)
            new_kwargs.pop(attr, None)
        return self.quote_name(old_field.column) != self.quote_name(new_field.column) or (
            old_path,
            old_args,
            old_kwargs,
        ) != (new_path, new_args, new_kwargs)

    def alter_field(self, model: Any, old_field: Any, new_field: Any, strict: bool = False) -> None:
        """Change a column from ``old_field`` to ``new_field`` (type, null, default, unique, FK...)."""
        if not self._field_should_be_altered(old_field, new_field):
            return
        old_db_params = old_field.db_parameters(connection=self.connection)
        new_db_params = new_field.db_parameters(connection=self.connection)
        old_type, new_type = old_db_params["type"], new_db_params["type"]
        if (old_type is None and old_field.remote_field is None) or (
            new_type is None and new_field.remote_field is None
        ):
            raise ValueError(
                f"Cannot alter field {old_field} into {new_field} - they do not properly define db_type "
                f"(are you using a badly-written custom field?)"
            )
        if old_type is None and new_type is None:
            old_auto = old_field.remote_field.through._meta.auto_created
            new_auto = new_field.remote_field.through._meta.auto_created
            if old_auto and new_auto:
                return self._alter_many_to_many(model, old_field, new_field, strict)
            if not old_auto and not new_auto:
                return None  # Both use an explicit through model: nothing in this table.
        if old_type is None or new_type is None:
            raise ValueError(
                f"Cannot alter field {old_field} into {new_field} - they are not compatible types "
                f"(you cannot alter to or from M2M fields, or add or remove through= on M2M fields)"
            )
        if getattr(old_field, "generated", False) != getattr(new_field, "generated", False) or (
            getattr(new_field, "generated", False) and old_field.db_persist != new_field.db_persist
        ):
            raise ValueError(
                f"Modifying GeneratedFields is not supported - the field {new_field} must be removed and "
                f"re-added with the new definition."
            )
        self._alter_field(
            model, old_field, new_field, old_type, new_type, old_db_params, new_db_params, strict
        )
        return None

    def _alter_many_to_many(self, model: Any, old_field: Any, new_field: Any, strict: bool) -> None:
        old_through = old_field.remote_field.through
        new_through = new_field.remote_field.through
        if old_through._meta.db_table != new_through._meta.db_table:
            self.alter_db_table(old_through, old_through._meta.db_table, new_through._meta.db_table)  # type: ignore[attr-defined]
        self.alter_field(
            new_through,
            old_through._meta.get_field(old_field.m2m_reverse_field_name()),
            new_through._meta.get_field(new_field.m2m_reverse_field_name()),
        )
        self.alter_field(
            new_through,
            old_through._meta.get_field(old_field.m2m_field_name()),
            new_through._meta.get_field(new_field.m2m_field_name()),
        )

    def _alter_field(
        self,
        model: Any,
        old_field: Any,
        new_field: Any,
        old_type: str,
        new_type: str,
        old_db_params: dict,
        new_db_params: dict,
        strict: bool = False,
    ) -> None:
        ed: Any = self
        features = self.connection.features
        table = model._meta.db_table
        fks_dropped = self._drop_changed_fks(model, old_field, new_field, old_type, new_type, strict)
        self._drop_obsolete_unique(model, old_field, new_field, strict)
        drop_foreign_keys = (
            features.supports_foreign_keys
            and ((old_field.primary_key and new_field.primary_key) or (old_field.unique and new_field.unique))
            and (old_type != new_type or old_db_params.get("collation") != new_db_params.get("collation"))
        )
        if drop_foreign_keys:
            for old_rel, _ in related_non_m2m_objects(old_field, new_field):
                for name in ed._constraint_names(
                    old_rel.related_model, [old_rel.field.column], foreign_key=True
                ):
                    ed.execute(ed._delete_fk_sql(old_rel.related_model, name))
        self._drop_obsolete_index(model, old_field, new_field)
        if old_db_params.get("check") != new_db_params.get("check") and old_db_params.get("check"):
            meta_names = {constraint.name for constraint in model._meta.constraints}
            names = ed._constraint_names(model, [old_field.column], check=True, exclude=meta_names)
            if strict and len(names) != 1:
                raise ValueError(
                    f"Found wrong number ({len(names)}) of check constraints for {table}.{old_field.column}"
                )
            for name in names:
                ed.execute(ed._delete_check_sql(model, name))
        if old_field.column != new_field.column:
            ed.execute(self._rename_field_sql(table, old_field, new_field, new_type))
            for sql in self.deferred_sql:
                if isinstance(sql, Statement):
                    sql.rename_column_references(table, old_field.column, new_field.column)
        self._alter_column_definition(
            model, old_field, new_field, old_type, new_type, old_db_params, new_db_params
        )
        rels_to_update = []
        if drop_foreign_keys:
            rels_to_update.extend(related_non_m2m_objects(old_field, new_field))
        if self._unique_should_be_added(old_field, new_field):
            ed.execute(ed._create_unique_sql(model, [new_field]))
        if (not old_field.db_index or old_field.unique) and new_field.db_index and not new_field.unique:
            ed.execute(ed._create_index_sql(model, fields=[new_field]))
        if self._field_became_primary_key(old_field, new_field):
            ed._delete_primary_key(model, strict)
            ed.execute(ed._create_primary_key_sql(model, new_field))
            rels_to_update.extend(related_non_m2m_objects(old_field, new_field))
        self._update_related_columns(rels_to_update, old_db_params, new_db_params)
        if (
            features.supports_foreign_keys
            and new_field.remote_field
            and (fks_dropped or not old_field.remote_field or not old_field.db_constraint)
            and new_field.db_constraint
        ):
            ed.execute(ed._create_fk_sql(model, new_field, "_fk_%(to_table)s_%(to_column)s"))
        if drop_foreign_keys:
            for _, rel in rels_to_update:
                if rel.field.db_constraint:
                    ed.execute(ed._create_fk_sql(rel.related_model, rel.field, "_fk"))
        if old_db_params.get("check") != new_db_params.get("check") and new_db_params.get("check"):
            name = ed._create_index_name(table, [new_field.column], suffix="_check")
            ed.execute(ed._create_check_sql(model, name, new_db_params["check"]))
        if features.connection_persists_old_columns:
            self.connection.close()

    def _drop_changed_fks(
        self, model: Any, old_field: Any, new_field: Any, old_type: str, new_type: str, strict: bool
    ) -> set:
        ed: Any = self
        dropped: set = set()
        if not (
            self.connection.features.supports_foreign_keys
            and old_field.remote_field
            and old_field.db_constraint
        ):
            return dropped
        if not self._field_should_be_altered(old_field, new_field, ignore={"db_comment"}):
            return dropped
        target_changed = (
            not new_field.remote_field
            or not new_field.db_constraint
            or old_type != new_type
            or old_field.column != new_field.column
            or old_field.target_field.model._meta.db_table != new_field.target_field.model._meta.db_table
            or old_field.target_field.column != new_field.target_field.column
        )
        if not target_changed:
            return dropped
        names = ed._constraint_names(model, [old_field.column], foreign_key=True)
        if strict and len(names) != 1:
            raise ValueError(
                f"Found wrong number ({len(names)}) of foreign key constraints for {model._meta.db_table}.{old_field.column}"
            )
        for name in names:
            dropped.add((old_field.column,))
            ed.execute(ed._delete_fk_sql(model, name))
        return dropped

    def _drop_obsolete_unique(self, model: Any, old_field: Any, new_field: Any, strict: bool) -> None:
        ed: Any = self
        if not old_field.unique or (
            new_field.unique and not self._field_became_primary_key(old_field, new_field)
        ):
            return
        meta_names = {constraint.name for constraint in model._meta.constraints}
        names = ed._constraint_names(
            model, [old_field.column], unique=True, primary_key=False, exclude=meta_names
        )
        if strict and len(names) != 1:
            raise ValueError(
                f"Found wrong number ({len(names)}) of unique constraints for {model._meta.db_table}.{old_field.column}"
            )
        for name in names:
            ed.execute(ed._delete_unique_sql(model, name))

    def _drop_obsolete_index(self, model: Any, old_field: Any, new_field: Any) -> None:
        ed: Any = self
        if not (old_field.db_index and not old_field.unique and (not new_field.db_index or new_field.unique)):
            return
        meta_names = {index.name for index in model._meta.indexes}
        names = ed._constraint_names(
            model, [old_field.column], index=True, unique=False, type_="idx", exclude=meta_names
        )
        for name in names:
            ed.execute(ed._delete_index_sql(model, name))

    def _alter_column_definition(
        self,
        model: Any,
        old_field: Any,
        new_field: Any,
        old_type: str,
        new_type: str,
        old_db_params: dict,
        new_db_params: dict,
    ) -> None:
        """Type, collation, comment, database default and NULL changes of one column."""
        ed: Any = self
        from django.db.models.fields import NOT_PROVIDED

        features = self.connection.features
        actions: list = []
        null_actions: list = []
        post_actions: list = []
        old_collation, new_collation = old_db_params.get("collation"), new_db_params.get("collation")
        comment_changed = getattr(old_field, "db_comment", None) != getattr(new_field, "db_comment", None)
        type_changed = (
            old_type != new_type
            or old_field.db_type_suffix(connection=self.connection)
            != new_field.db_type_suffix(connection=self.connection)
            or old_collation != new_collation
        )
        if type_changed or (features.supports_comments_inline and comment_changed):
            # Backends with inline comments restate the column (with its comment) to change it.
            fragment, other = self._alter_column_type_sql(
                model, old_field, new_field, new_type, old_collation, new_collation
            )
            actions.append(fragment)
            post_actions.extend(other)
        elif features.supports_comments and comment_changed:
            sql, params = self._alter_column_comment_sql(model, new_field, new_type, new_field.db_comment)
            if sql:
                post_actions.append((sql, params))
        old_db_default = getattr(old_field, "db_default", NOT_PROVIDED)
        new_db_default = getattr(new_field, "db_default", NOT_PROVIDED)
        if old_db_default != new_db_default:
            if new_db_default is NOT_PROVIDED:
                actions.append(
                    self._alter_column_database_default_sql(model, old_field, new_field, drop=True)
                )
            else:
                actions.append(self._alter_column_database_default_sql(model, old_field, new_field))
        needs_database_default = False
        new_default = None
        if old_field.null and not new_field.null and new_db_default is NOT_PROVIDED:
            new_default = ed.effective_default(new_field)
            if (
                not ed.skip_default_on_alter(new_field)
                and ed.effective_default(old_field) != new_default
                and new_default is not None
            ):
                needs_database_default = True
                actions.append(self._alter_column_default_sql(model, old_field, new_field))
        if old_field.null != new_field.null:
            null_fragment = self._alter_column_null_sql(model, old_field, new_field)
            if null_fragment:
                null_actions.append(null_fragment)
        four_way = (new_field.has_default() or new_db_default is not NOT_PROVIDED) and (
            old_field.null and not new_field.null
        )
        if actions or null_actions:
            if not four_way:
                actions += null_actions
            self._run_alter_actions(model, actions)
            if four_way:
                self._fill_nulls_then_not_null(model, new_field, new_default, null_actions)
            if needs_database_default:
                ed.execute(
                    ed.sql_alter_column
                    % {
                        "table": ed.quote_name(model._meta.db_table),
                        "changes": self._alter_column_default_sql(model, old_field, new_field, drop=True)[0],
                    }
                )
        for sql, params in post_actions:
            ed.execute(sql, params)

    def _run_alter_actions(self, model: Any, actions: list) -> None:
        ed: Any = self
        if self.connection.features.supports_combined_alters and actions:
            sqls, params = zip(*actions)
            actions = [(", ".join(sqls), sum(map(list, params), []))]
        for sql, params in actions:
            ed.execute(
                ed.sql_alter_column % {"table": ed.quote_name(model._meta.db_table), "changes": sql}, params
            )

    def _fill_nulls_then_not_null(
        self, model: Any, new_field: Any, new_default: Any, null_actions: list
    ) -> None:
        """Give existing NULLs the new default, then apply NOT NULL."""
        ed: Any = self
        if has_db_default(new_field):
            default_sql, params = ed.db_default_sql(new_field)
        else:
            default_sql = ed._column_default_sql(new_field)
            params = [ed.effective_default(new_field) if new_default is None else new_default]
        ed.execute(
            ed.sql_update_with_default
            % {
                "table": ed.quote_name(model._meta.db_table),
                "column": ed.quote_name(new_field.column),
                "default": default_sql,
            },
            params,
        )
        for sql, params in null_actions:
            ed.execute(
                ed.sql_alter_column % {"table": ed.quote_name(model._meta.db_table), "changes": sql}, params
            )

    def _update_related_columns(self, rels_to_update: list, old_db_params: dict, new_db_params: dict) -> None:
        """Give the foreign key columns pointing here the new type of their target."""
        ed: Any = self
        for old_rel, new_rel in rels_to_update:
            rel_db_params = new_rel.field.db_parameters(connection=self.connection)
            rel_type = rel_db_params["type"]
            fragment, other = self._alter_column_type_sql(
                new_rel.related_model,
                old_rel.field,
                new_rel.field,
                rel_type,
                old_db_params.get("collation"),
                new_db_params.get("collation"),
            )
            ed.execute(
                ed.sql_alter_column
                % {"table": ed.quote_name(new_rel.related_model._meta.db_table), "changes": fragment[0]},
                fragment[1],
            )
            for sql, params in other:
                ed.execute(sql, params)

    def _alter_column_type_sql(
        self,
        model: Any,
        old_field: Any,
        new_field: Any,
        new_type: str,
        old_collation: Any,
        new_collation: Any,
    ) -> tuple[tuple[str, list], list]:
        """((ALTER COLUMN ... TYPE fragment, params), [statements to run after])."""
        ed: Any = self
        other_actions: list = []
        collate_sql = ed._collate_sql(new_collation, old_collation, model._meta.db_table)
        collate_sql = f" {collate_sql}" if collate_sql else ""
        comment_sql = ""
        features = self.connection.features
        if features.supports_comments and not new_field.many_to_many:
            if getattr(old_field, "db_comment", None) != getattr(new_field, "db_comment", None):
                sql, params = self._alter_column_comment_sql(model, new_field, new_type, new_field.db_comment)
                if sql and not features.supports_comments_inline:
                    other_actions.append((sql, params))
            if getattr(new_field, "db_comment", None) and features.supports_comments_inline:
                comment_sql = ed._comment_sql(new_field.db_comment)
        fragment = ed.sql_alter_column_type % {
            "column": ed.quote_name(new_field.column),
            "type": new_type,
            "collation": collate_sql,
            "comment": comment_sql,
        }
        return (fragment, []), other_actions

    def _alter_column_null_sql(self, model: Any, old_field: Any, new_field: Any) -> tuple[str, list] | None:
        ed: Any = self
        if self.connection.features.interprets_empty_strings_as_nulls and new_field.empty_strings_allowed:
            return None
        new_db_params = new_field.db_parameters(connection=self.connection)
        template = ed.sql_alter_column_null if new_field.null else ed.sql_alter_column_not_null
        return template % {"column": ed.quote_name(new_field.column), "type": new_db_params["type"]}, []

    def _alter_column_default_sql(
        self, model: Any, old_field: Any, new_field: Any, drop: bool = False
    ) -> tuple[str, list]:
        ed: Any = self
        new_default = ed.effective_default(new_field)
        default = ed._column_default_sql(new_field)
        params: list = [new_default]
        if drop:
            params = []
        elif self.connection.features.requires_literal_defaults:
            default = ed.prepare_default(new_default)
            params = []
        new_db_params = new_field.db_parameters(connection=self.connection)
        if drop:
            template = (
                ed.sql_alter_column_no_default_null if new_field.null else ed.sql_alter_column_no_default
            )
        else:
            template = ed.sql_alter_column_default
        return template % {
            "column": ed.quote_name(new_field.column),
            "type": new_db_params["type"],
            "default": default,
        }, params

    def _alter_column_database_default_sql(
        self, model: Any, old_field: Any, new_field: Any, drop: bool = False
    ) -> tuple[str, list]:
        ed: Any = self
        if drop:
            template = (
                ed.sql_alter_column_no_default_null if new_field.null else ed.sql_alter_column_no_default
            )
            default_sql, params = "", []
        else:
            template = ed.sql_alter_column_default
            default_sql, params = ed.db_default_sql(new_field)
        new_db_params = new_field.db_parameters(connection=self.connection)
        return (
            template
            % {
                "column": ed.quote_name(new_field.column),
                "type": new_db_params["type"],
                "default": default_sql,
            },
            params,
        )

    def _alter_column_comment_sql(
        self, model: Any, new_field: Any, new_type: Any, new_db_comment: Any
    ) -> tuple[str, list]:
        ed: Any = self
        return (
            ed.sql_alter_column_comment
            % {
                "table": ed.quote_name(model._meta.db_table),
                "column": ed.quote_name(new_field.column),
                "comment": ed._comment_sql(new_db_comment),
            },
            [],
        )

    def _rename_field_sql(self, table: str, old_field: Any, new_field: Any, new_type: str) -> str:
        ed: Any = self
        return ed.sql_rename_column % {
            "table": ed.quote_name(table),
            "old_column": ed.quote_name(old_field.column),
            "new_column": ed.quote_name(new_field.column),
            "type": new_type,
        }

    def _unique_should_be_added(self, old_field: Any, new_field: Any) -> bool:
        return (
            not new_field.primary_key and new_field.unique and (not old_field.unique or old_field.primary_key)
        )

    def _field_became_primary_key(self, old_field: Any, new_field: Any) -> bool:
        return not old_field.primary_key and new_field.primary_key

    def quote_name(self, name: str) -> str:
        raise NotImplementedError
