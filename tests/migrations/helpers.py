"""Apply operations to a real database the way the executor does, one schema editor each."""

from __future__ import annotations

from django.db.migrations.state import ProjectState


class Applier:
    """Keeps a ProjectState and applies/unapplies operations on ``connection``."""

    def __init__(self, connection, app_label="mig_ops"):
        self.connection = connection
        self.app_label = app_label
        self.state = ProjectState()
        self.history: list = []

    def apply(self, operation, atomic=True):
        before = self.state.clone()
        after = before.clone()
        operation.state_forwards(self.app_label, after)
        with self.connection.schema_editor(atomic=atomic) as editor:
            operation.database_forwards(self.app_label, editor, before, after)
        self.history.append((operation, before, after))
        self.state = after
        return after

    def unapply_last(self, atomic=True):
        operation, before, after = self.history.pop()
        with self.connection.schema_editor(atomic=atomic) as editor:
            operation.database_backwards(self.app_label, editor, after, before)
        self.state = before

    def unapply_all(self):
        while self.history:
            self.unapply_last()

    def tables(self):
        with self.connection.cursor() as cursor:
            return set(self.connection.introspection.table_names(cursor))

    def columns(self, table):
        with self.connection.cursor() as cursor:
            return {c.name for c in self.connection.introspection.get_table_description(cursor, table)}

    def constraints(self, table):
        with self.connection.cursor() as cursor:
            return self.connection.introspection.get_constraints(cursor, table)

    def sql(self, operation, atomic=True):
        """The SQL the operation would run, collected instead of executed."""
        after = self.state.clone()
        operation.state_forwards(self.app_label, after)
        with self.connection.schema_editor(collect_sql=True, atomic=atomic) as editor:
            operation.database_forwards(self.app_label, editor, self.state, after)
        return editor.collected_sql


def applier_leaving_no_tables(connection, app_label):
    """Yields an Applier; afterwards undoes what it applied and drops any ``<app_label>_`` table left."""
    applier = Applier(connection, app_label)
    yield applier
    applier.unapply_all()
    leftovers = [t for t in applier.tables() if t.startswith(app_label + "_")]
    with connection.cursor() as cursor:
        for table in leftovers:
            cursor.execute("DROP TABLE %s" % connection.ops.quote_name(table))
