"""Plan and run migrations against one database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps.registry import apps as global_apps
from django.db import router
from django.db.migrations.exceptions import InvalidMigrationPlan
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.migrations.state import ProjectState

Key = tuple[str, str]


class MigrationExecutor:
    """Applies and unapplies migrations, keeping django_migrations in step.

    Each migration runs in one schema editor (one transaction where DDL is transactional) and its
    recorder row is written inside it.
    """

    def __init__(self, connection: Any, progress_callback: Callable | None = None) -> None:
        self.connection = connection
        self.loader = MigrationLoader(self.connection)
        self.recorder = MigrationRecorder(self.connection)
        self.progress_callback = progress_callback

    # ---------------------------------------------------------------- planning
    def migration_plan(self, targets: list, clean_start: bool = False) -> list[tuple[Any, bool]]:
        """[(migration, backwards)] to reach the targets; a target (app, None) unapplies the app."""
        plan: list[tuple[Any, bool]] = []
        applied = {} if clean_start else dict(self.loader.applied_migrations)
        graph = self.loader.graph
        for target in targets:
            if target[1] is None:
                # Unapply everything of the app.
                for root in graph.root_nodes():
                    if root[0] != target[0]:
                        continue
                    for migration in graph.backwards_plan(root):
                        if migration in applied:
                            plan.append((graph.nodes[migration], True))
                            applied.pop(migration)
            elif target in applied:
                # Roll back to target: unapply its children within the app, and what depends on them.
                children = [n.key for n in graph.node_map[target].children if n.key[0] == target[0]]
                for child in children:
                    for migration in graph.backwards_plan(child):
                        if migration in applied:
                            plan.append((graph.nodes[migration], True))
                            applied.pop(migration)
            else:
                for migration in graph.forwards_plan(target):
                    if migration not in applied:
                        plan.append((graph.nodes[migration], False))
                        applied[migration] = graph.nodes[migration]
        return plan

    def _create_project_state(self, with_applied_migrations: bool = False) -> ProjectState:
        state = ProjectState(real_apps=self.loader.unmigrated_apps)
        if with_applied_migrations:
            full_plan = self.migration_plan(self.loader.graph.leaf_nodes(), clean_start=True)
            applied = {m for m, _ in full_plan if (m.app_label, m.name) in self.loader.applied_migrations}
            for migration, _ in full_plan:
                if migration in applied:
                    migration.mutate_state(state, preserve=False)
        return state

    # ---------------------------------------------------------------- running
    def migrate(
        self,
        targets: list,
        plan: list | None = None,
        state: Any = None,
        fake: bool = False,
        fake_initial: bool = False,
    ) -> ProjectState:
        """Apply or unapply the plan; return the resulting project state."""
        self.recorder.ensure_schema()
        if plan is None:
            plan = self.migration_plan(targets)
        full_plan = self.migration_plan(self.loader.graph.leaf_nodes(), clean_start=True)
        all_forwards = all(not backwards for _, backwards in plan)
        all_backwards = all(backwards for _, backwards in plan)
        if not plan:
            if state is None:
                state = self._create_project_state(with_applied_migrations=True)
        elif all_forwards:
            if state is None:
                state = self._create_project_state(with_applied_migrations=True)
            state = self._migrate_all_forwards(state, plan, full_plan, fake, fake_initial)
        elif all_backwards:
            state = self._migrate_all_backwards(plan, full_plan, fake)
        else:
            raise InvalidMigrationPlan(
                "Migration plans with both forwards and backwards migrations are not supported. "
                "Please split your migration process into separate plans of only forwards OR "
                "backwards migrations.",
                plan,
            )
        self.check_replacements()
        return state

    def _migrate_all_forwards(
        self, state: Any, plan: list, full_plan: list, fake: bool, fake_initial: bool
    ) -> Any:
        migrations_to_run = {m for m, _ in plan}
        for migration, _ in full_plan:
            if not migrations_to_run:
                break
            if migration in migrations_to_run:
                if "apps" not in state.__dict__:
                    if self.progress_callback:
                        self.progress_callback("render_start")
                    state.apps  # noqa: B018 - render now so that the timing shows up here
                    if self.progress_callback:
                        self.progress_callback("render_success")
                state = self.apply_migration(state, migration, fake=fake, fake_initial=fake_initial)
                migrations_to_run.remove(migration)
        return state

    def _migrate_all_backwards(self, plan: list, full_plan: list, fake: bool) -> ProjectState:
        migrations_to_run = {m for m, _ in plan}
        states: dict[Any, ProjectState] = {}
        state = self._create_project_state()
        applied = {m for m in self.loader.applied_migrations}
        if self.progress_callback:
            self.progress_callback("render_start")
        for migration, _ in full_plan:
            if not migrations_to_run:
                break
            if migration in migrations_to_run:
                states[migration] = state
                state = migration.mutate_state(state, preserve=True)
                migrations_to_run.remove(migration)
            elif (migration.app_label, migration.name) in applied:
                migration.mutate_state(state, preserve=False)
        if self.progress_callback:
            self.progress_callback("render_success")
        for migration, _ in plan:
            self.unapply_migration(states[migration], migration, fake=fake)
        # The earliest unapplied migration's "before" state is where the database now stands.
        return states[plan[-1][0]]

    def apply_migration(
        self, state: Any, migration: Any, fake: bool = False, fake_initial: bool = False
    ) -> Any:
        migration_recorded = False
        if self.progress_callback:
            self.progress_callback("apply_start", migration, fake)
        if not fake:
            if fake_initial:
                applied, state = self.detect_soft_applied(state, migration)
                if applied:
                    fake = True
            if not fake:
                with self.connection.schema_editor(atomic=migration.atomic) as schema_editor:
                    state = migration.apply(state, schema_editor)
                    if not schema_editor.deferred_sql:
                        self.record_migration(migration)
                        migration_recorded = True
        if not migration_recorded:
            self.record_migration(migration)
        if self.progress_callback:
            self.progress_callback("apply_success", migration, fake)
        return state

    def record_migration(self, migration: Any) -> None:
        if migration.replaces:
            for app_label, name in migration.replaces:
                self.recorder.record_applied(app_label, name)
        else:
            self.recorder.record_applied(migration.app_label, migration.name)

    def unapply_migration(self, state: Any, migration: Any, fake: bool = False) -> Any:
        if self.progress_callback:
            self.progress_callback("unapply_start", migration, fake)
        if not fake:
            with self.connection.schema_editor(atomic=migration.atomic) as schema_editor:
                state = migration.unapply(state, schema_editor)
        if migration.replaces:
            for app_label, name in migration.replaces:
                self.recorder.record_unapplied(app_label, name)
        self.recorder.record_unapplied(migration.app_label, migration.name)
        if self.progress_callback:
            self.progress_callback("unapply_success", migration, fake)
        return state

    def check_replacements(self) -> None:
        """Record a squashed migration as applied once everything it replaces is."""
        applied = self.recorder.applied_migrations()
        for key, migration in self.loader.replacements.items():
            all_applied = all(tuple(m) in applied for m in migration.replaces)
            if all_applied and key not in applied:
                self.recorder.record_applied(*key)

    def detect_soft_applied(self, project_state: Any, migration: Any) -> tuple[bool, Any]:
        """For --fake-initial: whether the tables/columns an initial migration creates exist."""
        from django.db.migrations.operations import AddField, CreateModel

        if migration.initial is None:
            if any(app == migration.app_label for app, _ in migration.dependencies):
                return False, project_state
        elif migration.initial is False:
            return False, project_state
        if project_state is None:
            after_state = self.loader.project_state((migration.app_label, migration.name), at_end=True)
        else:
            after_state = migration.mutate_state(project_state)
        apps = after_state.apps

        def model_to_check(model_name: str) -> Any:
            """The model (the swapped-in one for a swappable model); None when its table is not ours."""
            model = apps.get_model(migration.app_label, model_name)
            if model._meta.swapped:
                model = global_apps.get_model(model._meta.swapped)
            skip = (
                model._meta.proxy
                or not model._meta.managed
                or model._meta.swapped
                or not router.allow_migrate(
                    self.connection.alias, migration.app_label, model_name=model._meta.model_name
                )
            )
            return None if skip else model

        found_create, found_add = False, False
        with self.connection.cursor() as cursor:
            existing = set(self.connection.introspection.table_names(cursor))
        fold = self.connection.introspection.identifier_converter
        existing = {fold(t) for t in existing}
        for operation in migration.operations:
            if isinstance(operation, CreateModel):
                model = model_to_check(operation.name)
                if model is None:
                    continue
                if fold(model._meta.db_table) not in existing:
                    return False, project_state
                found_create = True
            elif isinstance(operation, AddField):
                model = model_to_check(operation.model_name)
                if model is None:
                    continue
                table = model._meta.db_table
                field = model._meta.get_field(operation.name)
                if fold(table) not in existing:
                    return False, project_state
                with self.connection.cursor() as cursor:
                    columns = self.connection.introspection.get_table_description(cursor, table)
                if fold(field.column) not in {fold(c.name) for c in columns}:
                    return False, project_state
                found_add = True
        return (found_create or found_add), after_state
