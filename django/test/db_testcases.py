"""The database test cases: TransactionTestCase (flush after each test), TestCase (a transaction
rolled back after each test, class-level data in an outer transaction) and their assertions."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.testcases import SimpleTestCase
from django.test.utils import CaptureQueriesContext

__all__ = ["TestCase", "TransactionTestCase", "TestData"]


class _AssertNumQueriesContext(CaptureQueriesContext):
    def __init__(self, test_case: Any, num: int, connection: Any) -> None:
        self.test_case = test_case
        self.num = num
        super().__init__(connection)

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        super().__exit__(exc_type, exc_value, traceback)
        if exc_type is not None:
            return
        executed = len(self)
        queries = "\n".join(f"{i}. {query['sql']}" for i, query in enumerate(self.captured_queries, start=1))
        self.test_case.assertEqual(
            executed,
            self.num,
            f"{executed} queries executed, {self.num} expected\nCaptured queries were:\n{queries}",
        )


class TransactionTestCase(SimpleTestCase):
    """Tests that may commit: every database they use is flushed after each test."""

    reset_sequences = False
    available_apps: list[str] | None = None
    fixtures: list[str] | None = None
    databases: Any = {DEFAULT_DB_ALIAS}
    serialized_rollback = False
    # True between a setUpClass that loaded the data and the first test, which then uses it as is.
    _data_loaded_by_class = False

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        if cls._loads_data_in_set_up_class():
            # Fixtures and serialized data are there for setUpClass() already (Django 5.2+).
            with cls._available_apps_set():
                cls._load_data()
            cls._data_loaded_by_class = True
            cls.addClassCleanup(cls._flush_unused_class_data)

    @classmethod
    def _loads_data_in_set_up_class(cls) -> bool:
        return bool(cls.fixtures) or cls.serialized_rollback

    @classmethod
    def _flush_unused_class_data(cls) -> None:
        # No test ran to use (and flush after) what setUpClass loaded: don't leave it behind.
        if cls._data_loaded_by_class:
            cls._data_loaded_by_class = False
            with cls._available_apps_set():
                cls._flush_databases()

    @classmethod
    @contextmanager
    def _available_apps_set(cls) -> Iterator[None]:
        if cls.available_apps is None:
            yield
            return
        from django.apps import apps

        apps.set_available_apps(cls.available_apps)
        try:
            yield
        finally:
            apps.unset_available_apps()

    def _pre_setup(self) -> None:
        super()._pre_setup()
        if self.available_apps is not None:
            from django.apps import apps

            apps.set_available_apps(self.available_apps)
        try:
            self._fixture_setup()
        except Exception:
            if self.available_apps is not None:
                from django.apps import apps

                apps.unset_available_apps()
            raise
        # Queries of the set-up are not the test's.
        for name in self._databases_names(include_mirrors=False):
            connections[name].queries_log.clear()

    @classmethod
    def _databases_names(cls, include_mirrors: bool = True) -> list[str]:
        return [
            alias
            for alias in connections
            if alias in cls._database_aliases()
            and (include_mirrors or not connections[alias].settings_dict.get("TEST", {}).get("MIRROR"))
        ]

    @classmethod
    def _database_aliases(cls) -> set[str]:
        if cls.databases == "__all__":
            return set(connections)
        unknown = set(cls.databases) - set(connections)
        if unknown:
            alias = sorted(unknown)[0]
            raise ImproperlyConfigured(
                f"{cls.__module__}.{cls.__qualname__}.databases refers to {alias!r} which is not defined in "
                "settings.DATABASES."
            )
        return set(cls.databases)

    @classmethod
    def _reset_sequences(cls, db_name: str) -> None:
        conn = connections[db_name]
        if not conn.features.supports_sequence_reset:
            return
        from django.apps import apps
        from django.core.management.color import no_style

        sql_list = conn.ops.sequence_reset_by_name_sql(no_style(), conn.introspection.sequence_list())
        if sql_list:
            with transaction.atomic(using=db_name), conn.cursor() as cursor:
                for sql in sql_list:
                    cursor.execute(sql)
        del apps  # imported for its side effect of a populated registry

    def _fixture_setup(self) -> None:
        cls = type(self)
        if cls._data_loaded_by_class:
            cls._data_loaded_by_class = False  # the first test finds setUpClass's data in place
            return
        self._load_data()

    @classmethod
    def _load_data(cls) -> None:
        for db_name in cls._databases_names(include_mirrors=False):
            if cls.reset_sequences:
                cls._reset_sequences(db_name)
            serialized = getattr(connections[db_name], "_test_serialized_contents", None)
            if cls.serialized_rollback and serialized:
                cls._restore_serialized(db_name, serialized)
            if cls.fixtures:
                call_command("loaddata", *cls.fixtures, verbosity=0, database=db_name)

    @classmethod
    def _restore_serialized(cls, db_name: str, serialized: str) -> None:
        """Bring back the rows the test database had after migrate.

        A TransactionTestCase without serialized_rollback that ran before lets ``post_migrate``
        recreate rows (content types, permissions) under new primary keys; loading the snapshot
        on top of them would break their unique constraints, so the tables are emptied first.
        """
        from django.apps import apps

        if cls.available_apps is not None:
            apps.unset_available_apps()
        try:
            call_command("flush", verbosity=0, interactive=False, database=db_name, inhibit_post_migrate=True)
            connections[db_name].creation.deserialize_db_from_string(serialized)
        finally:
            if cls.available_apps is not None:
                apps.set_available_apps(cls.available_apps)

    def _post_teardown(self) -> None:
        try:
            self._fixture_teardown()
            super()._post_teardown()
            for conn in connections.all(initialized_only=True):
                if self._should_reload_connections():
                    conn.close()
        finally:
            if self.available_apps is not None:
                from django.apps import apps

                apps.unset_available_apps()

    def _should_reload_connections(self) -> bool:
        return True

    def _fixture_teardown(self) -> None:
        self._flush_databases()

    @classmethod
    def _flush_databases(cls) -> None:
        for db_name in cls._databases_names(include_mirrors=False):
            inhibit = cls.available_apps is not None or (
                cls.serialized_rollback and getattr(connections[db_name], "_test_serialized_contents", None)
            )
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                database=db_name,
                reset_sequences=False,
                allow_cascade=cls.available_apps is not None,
                inhibit_post_migrate=bool(inhibit),
            )

    def assertQuerySetEqual(
        self,
        qs: Any,
        values: Any,
        transform: Callable | None = None,
        ordered: bool = True,
        msg: str | None = None,
    ) -> None:
        """``qs`` (mapped through ``transform``) equals ``values``; unordered compares as multisets."""
        values = list(values)
        items = list(qs) if transform is None else [transform(item) for item in qs]
        if not ordered:
            from collections import Counter

            self.assertDictEqual(Counter(items), Counter(values), msg=msg)
            return
        if len(values) > 1 and hasattr(qs, "ordered") and not qs.ordered:
            raise ValueError("Trying to compare non-ordered queryset against more than one ordered value.")
        self.assertEqual(items, values, msg=msg)

    def assertNumQueries(
        self, num: int, func: Callable | None = None, *args: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any
    ) -> Any:
        """Exactly ``num`` queries run on ``using`` inside the block (or the call)."""
        context = _AssertNumQueriesContext(self, num, connections[using])
        if func is None:
            return context
        with context:
            func(*args, **kwargs)
        return None


def connections_support_transactions(aliases: list[str] | None = None) -> bool:
    conns = connections.all() if aliases is None else (connections[alias] for alias in aliases)
    return all(conn.features.supports_transactions for conn in conns)


class TestData:
    """A class attribute set in setUpTestData, deep-copied once per test so tests cannot leak changes."""

    memo_attr = "_testdata_memo"

    def __init__(self, name: str, data: Any) -> None:
        self.name = name
        self.data = data

    def get_memo(self, testcase: Any) -> dict:
        try:
            return getattr(testcase, self.memo_attr)
        except AttributeError:
            memo: dict = {}
            setattr(testcase, self.memo_attr, memo)
            return memo

    def __get__(self, instance: Any, owner: type) -> Any:
        if instance is None:
            return self.data
        memo = self.get_memo(instance)
        data = copy.deepcopy(self.data, memo)
        setattr(instance, self.name, data)
        return data

    def __repr__(self) -> str:
        return f"<TestData: name={self.name!r}, data={self.data!r}>"


class TestCase(TransactionTestCase):
    """Each test runs in a transaction rolled back at its end; class data lives in an outer one."""

    cls_atomics: dict

    @classmethod
    def _enter_atomics(cls) -> dict:
        atomics = {}
        for db_name in cls._databases_names():
            atomic = transaction.atomic(using=db_name)
            atomic._from_testcase = True
            atomic.__enter__()
            atomics[db_name] = atomic
        return atomics

    @classmethod
    def _rollback_atomics(cls, atomics: dict) -> None:
        for db_name in reversed(cls._databases_names()):
            transaction.set_rollback(True, using=db_name)
            atomics[db_name].__exit__(None, None, None)

    @classmethod
    def _databases_support_transactions(cls) -> bool:
        return connections_support_transactions(cls._databases_names())

    @classmethod
    def _loads_data_in_set_up_class(cls) -> bool:
        return False  # fixtures go into the class transaction below (or per test without one)

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        if not cls._databases_support_transactions():
            return
        cls.cls_atomics = cls._enter_atomics()
        if cls.fixtures:
            for db_name in cls._databases_names(include_mirrors=False):
                try:
                    call_command("loaddata", *cls.fixtures, verbosity=0, database=db_name)
                except Exception:
                    cls._rollback_atomics(cls.cls_atomics)
                    raise
        before = set(vars(cls))
        try:
            cls.setUpTestData()
        except Exception:
            cls._rollback_atomics(cls.cls_atomics)
            raise
        for name, value in list(vars(cls).items()):
            if name not in before:
                setattr(cls, name, TestData(name, value))

    @classmethod
    def tearDownClass(cls) -> None:
        if cls._databases_support_transactions():
            cls._rollback_atomics(cls.cls_atomics)
        super().tearDownClass()

    @classmethod
    def setUpTestData(cls) -> None:
        """Create the data shared by every test of the class (once per class)."""

    def _should_reload_connections(self) -> bool:
        return not self._databases_support_transactions()

    def _fixture_setup(self) -> None:
        if not self._databases_support_transactions():
            self.setUpTestData()
            return super()._fixture_setup()
        if self.reset_sequences:
            raise TypeError("reset_sequences cannot be used on TestCase instances")
        self.atomics = self._enter_atomics()
        return None

    def _fixture_teardown(self) -> None:
        if not self._databases_support_transactions():
            return super()._fixture_teardown()
        try:
            for db_name in reversed(self._databases_names()):
                conn = connections[db_name]
                if conn.features.can_defer_constraint_checks and not conn.needs_rollback and conn.is_usable():
                    conn.check_constraints()
        finally:
            self._rollback_atomics(self.atomics)
        return None

    @classmethod
    @contextmanager
    def captureOnCommitCallbacks(
        cls, *, using: str = DEFAULT_DB_ALIAS, execute: bool = False
    ) -> Iterator[list]:
        """Collect the on_commit callbacks registered in the block (and run them if ``execute``)."""
        callbacks: list = []
        start = len(connections[using].run_on_commit)
        try:
            yield callbacks
        finally:
            while True:
                pending = connections[using].run_on_commit[start:]
                if not pending:
                    break
                start += len(pending)
                for _ids, callback, robust in pending:
                    callbacks.append(callback)
                    if execute:
                        if robust:
                            try:
                                callback()
                            except Exception:
                                pass
                        else:
                            callback()
