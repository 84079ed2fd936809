"""Compare two project states and produce the migrations that turn one into the other."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.db.migrations import operations
from django.db.migrations.migration import Migration, SwappableTuple
from django.db.migrations.operations.models import AlterModelOptions
from django.db.migrations.optimizer import MigrationOptimizer
from django.db.migrations.questioner import MigrationQuestioner
from django.db.migrations.utils import RegexObject, resolve_relation

ModelKey = tuple[str, str]


@dataclass
class _Op:
    """An operation waiting for its place: what it needs before it, inside and outside its app."""

    operation: Any
    app_label: str
    needs: set = field(default_factory=set)  # (app_label, model_name_lower) that must exist first
    order: int = 0


def _deep_deconstruct(value: Any) -> Any:
    """A comparable form of a value: deconstructible objects become (path, args, kwargs)."""
    if isinstance(value, list):
        return [_deep_deconstruct(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_deep_deconstruct(v) for v in value)
    if isinstance(value, dict):
        return {k: _deep_deconstruct(v) for k, v in value.items()}
    if isinstance(value, type(re.compile(""))):
        return RegexObject(value)
    if isinstance(value, type):
        return value
    if hasattr(value, "deconstruct"):
        parts = value.deconstruct()
        if isinstance(value, models.Field):
            parts = parts[1:]
        path, args, kwargs = parts[0], parts[1] if len(parts) > 2 else (), parts[-1]
        return (
            path,
            [_deep_deconstruct(a) for a in args],
            {k: _deep_deconstruct(v) for k, v in kwargs.items()},
        )
    return value


def _field_signature(field_obj: Any) -> Any:
    """What decides whether a field changed; related targets compared case-insensitively."""
    _, path, args, kwargs = field_obj.deconstruct()
    kwargs = dict(kwargs)
    if "to" in kwargs and isinstance(kwargs["to"], str):
        kwargs["to"] = kwargs["to"].lower()
    if "through" in kwargs and isinstance(kwargs["through"], str):
        kwargs["through"] = kwargs["through"].lower()
    return path, _deep_deconstruct(list(args)), _deep_deconstruct(kwargs)


def _moves_to_the_end(field_obj: Any) -> bool:
    remote = getattr(field_obj, "remote_field", None)
    if remote is None:
        return False
    return not (field_obj.primary_key or getattr(remote, "parent_link", False))


def _has_own_table(model_state: Any) -> bool:
    """Managed, concrete models get schema operations; proxies and unmanaged ones only state."""
    return not model_state.options.get("proxy") and model_state.options.get("managed", True)


_NO_SQL_CONSTRAINT_KEYS = ("violation_error_message", "violation_error_code")


def _without_name(obj: Any) -> Any:
    path, args, kwargs = _deep_deconstruct(obj)
    return path, args, {k: v for k, v in kwargs.items() if k != "name"}


def _without_messages(obj: Any) -> Any:
    path, args, kwargs = _deep_deconstruct(obj)
    return path, args, {k: v for k, v in kwargs.items() if k not in _NO_SQL_CONSTRAINT_KEYS}


class MigrationAutodetector:
    """``changes(graph)`` -> {app_label: [Migration]} taking from_state to to_state."""

    def __init__(self, from_state: Any, to_state: Any, questioner: MigrationQuestioner | None = None) -> None:
        self.from_state = from_state
        self.to_state = to_state
        self.questioner = questioner or MigrationQuestioner()
        self.existing_apps = {app for app, _ in from_state.models}

    # ---------------------------------------------------------------- public
    def changes(
        self,
        graph: Any,
        trim_to_apps: Any = None,
        convert_apps: Any = None,
        migration_name: str | None = None,
    ) -> dict[str, list]:
        changes = self._detect_changes(convert_apps, graph)
        changes = self.arrange_for_graph(changes, graph, migration_name)
        if trim_to_apps:
            changes = self._trim_to_apps(changes, set(trim_to_apps))
        return changes

    def _detect_changes(self, convert_apps: Any = None, graph: Any = None) -> dict[str, list]:
        self.pending: list[_Op] = []
        self._counter = 0
        self.old_keys = set(self.from_state.models)
        self.new_keys = set(self.to_state.models)
        self.renamed_models: dict[ModelKey, ModelKey] = {}
        self._detect_renamed_models()
        self._detect_removed_fields_and_models()
        self._detect_created_models()
        self._detect_field_changes()
        self._detect_option_changes()
        return self._build_migrations(graph)

    # ---------------------------------------------------------------- helpers
    def add(self, app_label: str, operation: Any, needs: set | None = None) -> None:
        self._counter += 1
        self.pending.append(_Op(operation, app_label, set(needs or ()), self._counter))

    def _relation_needs(self, app_label: str, model_name: str, field_obj: Any) -> set[ModelKey]:
        needs: set[ModelKey] = set()
        remote = getattr(field_obj, "remote_field", None)
        if remote is None:
            return needs
        needs.add(resolve_relation(remote.model, app_label, model_name))
        through = getattr(remote, "through", None)
        if through:
            through_key = resolve_relation(through, app_label, model_name)
            if through_key in self.to_state.models:
                needs.add(through_key)
        return needs

    def _old_state(self, key: ModelKey) -> Any:
        return self.from_state.models[self.renamed_models.get(key, key)]

    # ---------------------------------------------------------------- models
    def _detect_renamed_models(self) -> None:
        added = sorted(self.new_keys - self.old_keys)
        removed = sorted(self.old_keys - self.new_keys)
        for new_key in added:
            new_state = self.to_state.models[new_key]
            new_sig = self._model_signature(new_state)
            for old_key in removed:
                if old_key[0] != new_key[0] or old_key in self.renamed_models.values():
                    continue
                old_state = self.from_state.models[old_key]
                if self._model_signature(old_state) != new_sig:
                    continue
                if self.questioner.ask_rename_model(old_state, new_state):
                    self.add(
                        new_key[0], operations.RenameModel(old_name=old_state.name, new_name=new_state.name)
                    )
                    self.renamed_models[new_key] = old_key
                    break

    @staticmethod
    def _model_signature(state: Any) -> Any:
        return sorted(
            (name, _field_signature(f)) for name, f in state.fields.items() if not f.remote_field
        ) + sorted((name, _field_signature(f)[0]) for name, f in state.fields.items() if f.remote_field)

    def _detect_removed_fields_and_models(self) -> None:
        deleted = sorted(self.old_keys - self.new_keys - set(self.renamed_models.values()))
        deleted_set = set(deleted)
        # Fields of deleted models that point at other deleted models go first, so that the
        # DeleteModel operations can run in any order.
        for key in deleted:
            state = self.from_state.models[key]
            for name, field_obj in sorted(state.fields.items()):
                remote = getattr(field_obj, "remote_field", None)
                if remote is None:
                    continue
                target = resolve_relation(remote.model, *key)
                if target in deleted_set and target != key:
                    self.add(key[0], operations.RemoveField(model_name=key[1], name=name))
        for key in deleted:
            state = self.from_state.models[key]
            self.add(key[0], operations.DeleteModel(name=state.name))

    def _detect_created_models(self) -> None:
        created = sorted(self.new_keys - self.old_keys - set(self.renamed_models))
        created_set = set(created)
        ordered = self._order_created(created, created_set)
        placed: set[ModelKey] = set()
        deferred_fields: list[tuple[ModelKey, str, Any]] = []
        for key in ordered:
            state = self.to_state.models[key]
            fields, needs = [], set()
            for name, field_obj in state.fields.items():
                rel_needs = self._relation_needs(key[0], key[1], field_obj)
                blocked = {n for n in rel_needs if n in created_set and n not in placed and n != key}
                if blocked:
                    deferred_fields.append((key, name, field_obj))
                    continue
                needs |= {n for n in rel_needs if n != key}
                fields.append((name, field_obj))
            # Relations after plain fields, as in Django's files; a relation that is the primary
            # key or the parent link stays where it is.
            fields.sort(key=lambda item: _moves_to_the_end(item[1]))
            for base in state.bases:
                if isinstance(base, str):
                    needs.add(resolve_relation(base, key[0]))
            options = {k: v for k, v in state.options.items() if k not in ("indexes", "constraints")}
            unique_together = options.pop("unique_together", None)
            order_wrt = options.pop("order_with_respect_to", None)
            if state.options.get("proxy"):
                fields = []
            managers = state.managers
            self.add(
                key[0],
                operations.CreateModel(
                    name=state.name, fields=fields, options=options, bases=state.bases, managers=managers
                ),
                needs,
            )
            placed.add(key)
            if not state.options.get("managed", True):
                continue  # No database work for unmanaged models beyond the state.
            for index in state.options.get("indexes", []):
                self.add(key[0], operations.AddIndex(model_name=key[1], index=index), {key})
            for constraint in state.options.get("constraints", []):
                self.add(key[0], operations.AddConstraint(model_name=key[1], constraint=constraint), {key})
            if unique_together:
                self.add(
                    key[0],
                    operations.AlterUniqueTogether(name=key[1], unique_together=unique_together),
                    {key},
                )
            if order_wrt:
                self.add(
                    key[0],
                    operations.AlterOrderWithRespectTo(name=key[1], order_with_respect_to=order_wrt),
                    {key} | self._relation_needs(key[0], key[1], state.fields.get(order_wrt)),
                )
        for key, name, field_obj in deferred_fields:
            state = self.to_state.models[key]
            self.add(
                key[0],
                operations.AddField(model_name=key[1], name=name, field=field_obj),
                {key} | self._relation_needs(key[0], key[1], field_obj),
            )

    def _order_created(self, created: list[ModelKey], created_set: set[ModelKey]) -> list[ModelKey]:
        """Created models in an order where bases and relation targets come first where possible."""
        deps: dict[ModelKey, set[ModelKey]] = {}
        for key in created:
            state = self.to_state.models[key]
            needs: set[ModelKey] = set()
            for base in state.bases:
                if isinstance(base, str):
                    needs.add(resolve_relation(base, key[0]))
            for field_obj in state.fields.values():
                needs |= self._relation_needs(key[0], key[1], field_obj)
            deps[key] = {n for n in needs if n in created_set and n != key}
        ordered: list[ModelKey] = []
        remaining = list(created)
        while remaining:
            ready = [k for k in remaining if deps[k] <= set(ordered)]
            if not ready:
                # A cycle of relations: place the one with a base first, else the first name.
                ready = [
                    next(
                        (
                            k
                            for k in remaining
                            if not any(
                                isinstance(b, str) and resolve_relation(b, k[0]) in remaining
                                for b in self.to_state.models[k].bases
                            )
                        ),
                        remaining[0],
                    )
                ]
            for key in ready:
                ordered.append(key)
                remaining.remove(key)
        return ordered

    # ---------------------------------------------------------------- fields
    def _kept_models(self) -> list[ModelKey]:
        return sorted(k for k in self.new_keys if k in self.old_keys or k in self.renamed_models)

    def _detect_field_changes(self) -> None:
        for key in self._kept_models():
            old_state = self._old_state(key)
            new_state = self.to_state.models[key]
            if not _has_own_table(new_state) or not _has_own_table(old_state):
                continue
            old_names = set(old_state.fields)
            new_names = set(new_state.fields)
            renamed = self._detect_renamed_fields(
                key, old_state, new_state, old_names - new_names, new_names - old_names
            )
            for old_name, new_name in renamed:
                old_names.discard(old_name)
                new_names.discard(new_name)
            for name in sorted(old_names - new_names):
                self._remove_field(key, old_state, new_state, name)
            for name in sorted(new_names - old_names):
                self._add_field(key, new_state, name)
            for name in sorted(old_names & new_names):
                self._alter_field(key, old_state, new_state, name, name)
            for old_name, new_name in renamed:
                self._alter_field(key, old_state, new_state, old_name, new_name)

    def _detect_renamed_fields(
        self, key: ModelKey, old_state: Any, new_state: Any, removed: set, added: set
    ) -> Any:
        pairs: list = []
        for new_name in sorted(added):
            new_field = new_state.fields[new_name]
            new_sig = _field_signature(new_field)
            for old_name in sorted(removed):
                if old_name in {p[0] for p in pairs}:
                    continue
                old_field = old_state.fields[old_name]
                old_sig = _field_signature(old_field)
                if old_field.db_column is None and new_field.db_column is not None:
                    # Renamed in Python only: the column keeps its old name.
                    old_sig[2].pop("db_column", None)
                    new_sig = (
                        new_sig[0],
                        new_sig[1],
                        {k: v for k, v in new_sig[2].items() if k != "db_column"},
                    )
                if old_sig == new_sig and self.questioner.ask_rename(key[1], old_name, new_name, new_field):
                    self.add(
                        key[0],
                        operations.RenameField(model_name=key[1], old_name=old_name, new_name=new_name),
                        {key},
                    )
                    pairs.append((old_name, new_name))
                    break
        return pairs

    def _remove_field(self, key: ModelKey, old_state: Any, new_state: Any, name: str) -> None:
        self.add(key[0], operations.RemoveField(model_name=key[1], name=name), set())

    def _add_field(self, key: ModelKey, new_state: Any, name: str) -> None:
        field_obj = new_state.fields[name]
        needs = {key} | self._relation_needs(key[0], key[1], field_obj)
        preserve_default = True
        needs_default = (
            not field_obj.null
            and not field_obj.has_default()
            and getattr(field_obj, "db_default", models.NOT_PROVIDED) is models.NOT_PROVIDED
            and not field_obj.many_to_many
            and not (field_obj.blank and getattr(field_obj, "empty_strings_allowed", False))
            and not isinstance(field_obj, models.AutoField)
            and getattr(field_obj, "generated", False) is False
        )
        if needs_default:
            field_obj = field_obj.clone()
            auto_now_add = getattr(field_obj, "auto_now_add", False) or getattr(field_obj, "auto_now", False)
            if auto_now_add:
                field_obj.default = self.questioner.ask_auto_now_add_addition(name, new_state.name)
            else:
                field_obj.default = self.questioner.ask_not_null_addition(name, new_state.name)
            preserve_default = False
        elif field_obj.unique and field_obj.has_default() and callable(field_obj.default):
            self.questioner.ask_unique_callable_default_addition(name, new_state.name)
        self.add(
            key[0],
            operations.AddField(
                model_name=key[1], name=name, field=field_obj, preserve_default=preserve_default
            ),
            needs,
        )

    def _alter_field(
        self, key: ModelKey, old_state: Any, new_state: Any, old_name: str, new_name: str
    ) -> None:
        old_field = old_state.fields[old_name]
        new_field = new_state.fields[new_name]
        old_sig, new_sig = _field_signature(old_field), _field_signature(new_field)
        if key in self.renamed_models:
            # References to the renamed model itself are expected to change name.
            old_target = getattr(old_field, "remote_field", None)
            if old_target is not None:
                old_sig = (
                    old_sig[0],
                    old_sig[1],
                    {**old_sig[2], "to": new_sig[2].get("to", old_sig[2].get("to"))},
                )
        if old_sig == new_sig:
            return
        both_m2m = old_field.many_to_many and new_field.many_to_many
        neither_m2m = not old_field.many_to_many and not new_field.many_to_many
        if not (both_m2m or neither_m2m):
            self._remove_field(key, old_state, new_state, old_name)
            self._add_field(key, new_state, new_name)
            return
        preserve_default = True
        if (
            old_field.null
            and not new_field.null
            and not new_field.has_default()
            and getattr(new_field, "db_default", models.NOT_PROVIDED) is models.NOT_PROVIDED
            and not new_field.many_to_many
        ):
            default = self.questioner.ask_not_null_alteration(new_name, new_state.name)
            if default is not models.NOT_PROVIDED:
                new_field = new_field.clone()
                new_field.default = default
                preserve_default = False
        self.add(
            key[0],
            operations.AlterField(
                model_name=key[1], name=new_name, field=new_field, preserve_default=preserve_default
            ),
            {key} | self._relation_needs(key[0], key[1], new_field),
        )

    # ---------------------------------------------------------------- options
    def _detect_option_changes(self) -> None:
        for key in self._kept_models():
            old_state = self._old_state(key)
            new_state = self.to_state.models[key]
            name = key[1]
            if not _has_own_table(new_state) or not _has_own_table(old_state):
                self._diff_alterable_options(key, old_state, new_state)
                continue
            self._diff_named(
                key,
                name,
                old_state.options.get("indexes", []),
                new_state.options.get("indexes", []),
                operations.AddIndex,
                operations.RemoveIndex,
                "index",
            )
            self._diff_named(
                key,
                name,
                old_state.options.get("constraints", []),
                new_state.options.get("constraints", []),
                operations.AddConstraint,
                operations.RemoveConstraint,
                "constraint",
            )
            old_ut = {tuple(u) for u in old_state.options.get("unique_together") or ()}
            new_ut = {tuple(u) for u in new_state.options.get("unique_together") or ()}
            if old_ut != new_ut:
                self.add(key[0], operations.AlterUniqueTogether(name=name, unique_together=new_ut), {key})
            old_wrt = old_state.options.get("order_with_respect_to")
            new_wrt = new_state.options.get("order_with_respect_to")
            if old_wrt != new_wrt:
                self.add(
                    key[0],
                    operations.AlterOrderWithRespectTo(name=name, order_with_respect_to=new_wrt),
                    {key},
                )
            self._diff_alterable_options(key, old_state, new_state)

    def _diff_alterable_options(self, key: ModelKey, old_state: Any, new_state: Any) -> None:
        """Options without schema work (and managers, table names): also diffed for unmanaged models."""
        name = key[1]
        old_opts = {k: v for k, v in old_state.options.items() if k in AlterModelOptions.ALTER_OPTION_KEYS}
        new_opts = {k: v for k, v in new_state.options.items() if k in AlterModelOptions.ALTER_OPTION_KEYS}
        if _deep_deconstruct(old_opts) != _deep_deconstruct(new_opts):
            self.add(key[0], operations.AlterModelOptions(name=name, options=new_opts), {key})
        if old_state.managers != new_state.managers and (old_state.managers or new_state.managers):
            if _deep_deconstruct(old_state.managers) != _deep_deconstruct(new_state.managers):
                self.add(key[0], operations.AlterModelManagers(name=name, managers=new_state.managers), {key})
        old_table = old_state.options.get("db_table")
        new_table = new_state.options.get("db_table")
        if old_table != new_table:
            self.add(key[0], operations.AlterModelTable(name=name, table=new_table), {key})
        old_comment = old_state.options.get("db_table_comment")
        new_comment = new_state.options.get("db_table_comment")
        if old_comment != new_comment:
            self.add(key[0], operations.AlterModelTableComment(name=name, table_comment=new_comment), {key})

    def _diff_named(
        self, key: ModelKey, model_name: str, old: list, new: list, add_op: Any, remove_op: Any, kind: str
    ) -> None:
        old_by_name = {o.name: o for o in old}
        new_by_name = {n.name: n for n in new}
        if kind == "index":
            self._detect_renamed_indexes(key, old_by_name, new_by_name)
        else:
            self._detect_altered_constraints(key, old_by_name, new_by_name)
        for name, obj in old_by_name.items():
            if name not in new_by_name or _deep_deconstruct(new_by_name[name]) != _deep_deconstruct(obj):
                self.add(key[0], remove_op(model_name=model_name, name=name), {key})
        for name, obj in new_by_name.items():
            if name not in old_by_name or _deep_deconstruct(old_by_name[name]) != _deep_deconstruct(obj):
                self.add(key[0], add_op(model_name, obj), {key})

    def _detect_renamed_indexes(self, key: ModelKey, old_by_name: dict, new_by_name: dict) -> None:
        """An index whose definition is unchanged but for its name becomes a RenameIndex."""
        removed = [n for n in old_by_name if n not in new_by_name]
        added = [n for n in new_by_name if n not in old_by_name]
        for new_name in added:
            new_shape = _without_name(new_by_name[new_name])
            match = next((o for o in removed if _without_name(old_by_name[o]) == new_shape), None)
            if match is None:
                continue
            removed.remove(match)
            self.add(key[0], operations.RenameIndex(key[1], new_name=new_name, old_name=match), {key})
            # Both sides now agree on this index, so the add/remove pass leaves it alone.
            del old_by_name[match]
            del new_by_name[new_name]

    def _detect_altered_constraints(self, key: ModelKey, old_by_name: dict, new_by_name: dict) -> None:
        """A constraint differing only in attributes without SQL becomes an AlterConstraint."""
        for name in [n for n in new_by_name if n in old_by_name]:
            old, new = old_by_name[name], new_by_name[name]
            if _deep_deconstruct(old) == _deep_deconstruct(new):
                continue
            if _without_messages(old) != _without_messages(new):
                continue
            self.add(key[0], operations.AlterConstraint(key[1], name=name, constraint=new), {key})
            del old_by_name[name]
            del new_by_name[name]

    # ---------------------------------------------------------------- assembling
    def _build_migrations(self, graph: Any) -> dict[str, list]:
        by_app: dict[str, list[_Op]] = {}
        for op in self.pending:
            by_app.setdefault(op.app_label, []).append(op)
        changes: dict[str, list] = {}
        for app_label, ops in by_app.items():
            ordered = self._sort_in_app(app_label, ops)
            migration = type("Migration", (Migration,), {"operations": [], "dependencies": []})(
                "auto_1", app_label
            )
            migration.operations = MigrationOptimizer().optimize([o.operation for o in ordered], app_label)
            deps: list = []
            for op in ordered:
                for need in op.needs:
                    dep = self._external_dependency(app_label, need, graph)
                    if dep is not None and dep not in deps:
                        deps.append(dep)
            migration.dependencies = deps
            migration.initial = app_label not in self.existing_apps
            changes[app_label] = [migration]
        return changes

    def _sort_in_app(self, app_label: str, ops: list[_Op]) -> list[_Op]:
        """Keep generation order, but move an operation after the in-app model creations it needs."""
        creates: dict[ModelKey, _Op] = {}
        for op in ops:
            if isinstance(op.operation, operations.CreateModel):
                creates[(app_label, op.operation.name_lower)] = op
        result: list[_Op] = []
        placed: set[int] = set()

        def place(op: _Op, visiting: set[int]) -> None:
            if op.order in placed or op.order in visiting:
                return
            visiting.add(op.order)
            for need in sorted(op.needs):
                creator = creates.get(need)
                if creator is not None and creator is not op:
                    place(creator, visiting)
            placed.add(op.order)
            result.append(op)

        for op in ops:
            place(op, set())
        return result

    def _external_dependency(self, app_label: str, need: ModelKey, graph: Any) -> Any:
        other_app, model_name = need
        if other_app == app_label:
            return None
        swappable = self._swappable_setting(other_app, model_name)
        if swappable:
            return SwappableTuple((other_app, "__first__"), swappable)
        return (
            (other_app, "__first__")
            if other_app not in self.existing_apps or graph is None
            else (other_app, "__latest__")
        )

    @staticmethod
    def _swappable_setting(app_label: str, model_name: str) -> str | None:
        user_model = getattr(settings, "AUTH_USER_MODEL", "auth.User")
        if f"{app_label}.{model_name}" == user_model.lower():
            return "AUTH_USER_MODEL"
        return None

    def arrange_for_graph(self, changes: dict, graph: Any, migration_name: str | None = None) -> dict:
        """Name and number each new migration and point it at its app's current leaf."""
        leaves = graph.leaf_nodes() if graph is not None else []
        leaf_of = {app: name for app, name in leaves}
        for app_label, migrations in list(changes.items()):
            leaf = leaf_of.get(app_label)
            if self._migrations_disabled(app_label) or (
                leaf is None and not self.questioner.ask_initial(app_label)
            ):
                del changes[app_label]
                continue
            number = (self.parse_number(leaf) or 0) + 1 if leaf else 1
            for migration in migrations:
                if leaf:
                    migration.dependencies.insert(0, (app_label, leaf))
                    migration.initial = False
                else:
                    migration.initial = True
                suggested = migration_name or migration.suggest_name()
                migration.name = "%04i_%s" % (number, suggested)
                leaf = migration.name
                number += 1
        # Resolve __latest__/__first__ dependencies on apps that get a migration in this run too.
        new_first = {app: migs[0].name for app, migs in changes.items()}
        new_last = {app: migs[-1].name for app, migs in changes.items()}
        for migrations in changes.values():
            for migration in migrations:
                resolved = []
                for dep in migration.dependencies:
                    app, name = dep
                    if getattr(dep, "setting", None):
                        resolved.append(dep)
                    elif name == "__latest__":
                        target = new_last.get(app) or leaf_of.get(app)
                        resolved.append((app, target) if target else (app, "__first__"))
                    elif name == "__first__" and app in new_first and app not in self.existing_apps:
                        resolved.append((app, new_first[app]))
                    else:
                        resolved.append(dep)
                migration.dependencies = resolved
        return changes

    @staticmethod
    def _migrations_disabled(app_label: str) -> bool:
        """MIGRATION_MODULES = {app_label: None} turns an app's migrations off."""
        from django.conf import settings

        modules = getattr(settings, "MIGRATION_MODULES", {})
        return app_label in modules and modules[app_label] is None

    def _trim_to_apps(self, changes: dict, app_labels: set[str]) -> dict:
        """Keep the changes of the given apps and of the apps they depend on."""
        needed = set(app_labels)
        queue = list(app_labels)
        while queue:
            app = queue.pop()
            for migration in changes.get(app, []):
                for dep_app, _ in migration.dependencies:
                    if dep_app not in needed:
                        needed.add(dep_app)
                        queue.append(dep_app)
        return {app: migs for app, migs in changes.items() if app in needed}

    @classmethod
    def parse_number(cls, name: str) -> int | None:
        """The leading number of a migration name (squashed names count their last number)."""
        if squashed := re.match(r"^\d+_squashed_(\d+)", name):
            return int(squashed[1])
        match = re.match(r"^\d+", name)
        return int(match[0]) if match else None
