"""django.db.transaction on every reachable database, with real tables and real commits."""

from __future__ import annotations

import pytest

from django.db import DatabaseError, IntegrityError, transaction
from django.db.transaction import TransactionManagementError


@pytest.fixture
def items(connection):
    """A table `tx_items(id, name unique)`, plus helpers to insert and list names."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {qn('tx_items')} ({qn('id')} INTEGER PRIMARY KEY, {qn('name')} VARCHAR(20) UNIQUE)"
        )

    class Items:
        next_id = 0

        def add(self, name: str) -> None:
            Items.next_id += 1
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {qn('tx_items')} ({qn('id')}, {qn('name')}) VALUES (%s, %s)",
                    [Items.next_id, name],
                )

        def names(self) -> list[str]:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {qn('name')} FROM {qn('tx_items')} ORDER BY {qn('id')}")
                return [row[0] for row in cursor.fetchall()]

    yield Items()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {qn('tx_items')}")


def test_atomic_commits_on_success(connection, items):
    with transaction.atomic(using=connection.alias):
        items.add("a")
        assert connection.in_atomic_block
    assert not connection.in_atomic_block
    assert connection.get_autocommit()
    assert items.names() == ["a"]


def test_atomic_rolls_back_on_exception_and_reraises(connection, items):
    with pytest.raises(ValueError):
        with transaction.atomic(using=connection.alias):
            items.add("a")
            raise ValueError("boom")
    assert items.names() == []


def test_atomic_as_bare_decorator_uses_default_database():
    calls = []

    @transaction.atomic
    def work():
        from django.db import connection

        calls.append(connection.in_atomic_block)

    work()
    assert calls == [True]


def test_atomic_as_decorator_with_using(connection, items):
    @transaction.atomic(using=connection.alias)
    def add_two():
        items.add("x")
        items.add("x")  # violates UNIQUE

    with pytest.raises(IntegrityError):
        add_two()
    assert items.names() == []


def test_nested_block_rolls_back_to_its_savepoint_only(connection, items):
    with transaction.atomic(using=connection.alias):
        items.add("outer")
        with pytest.raises(IntegrityError):
            with transaction.atomic(using=connection.alias):
                items.add("inner")
                items.add("outer")  # duplicate: the inner block's savepoint is rolled back
        items.add("after")
    assert items.names() == ["outer", "after"]


def test_integrity_error_keeps_the_driver_exception_as_cause(connection, items):
    items.add("a")
    with pytest.raises(IntegrityError) as info:
        items.add("a")
    assert isinstance(info.value.__cause__, connection.Database.IntegrityError)


def test_savepoint_false_makes_the_outer_block_unusable(connection, items):
    with pytest.raises(TransactionManagementError, match="An error occurred in the current transaction"):
        with transaction.atomic(using=connection.alias):
            items.add("a")
            try:
                with transaction.atomic(using=connection.alias, savepoint=False):
                    items.add("a")
            except IntegrityError:
                pass
            items.add("b")  # the transaction is marked for rollback
    assert items.names() == []


def test_durable_block_cannot_be_nested(connection):
    with transaction.atomic(using=connection.alias):
        with pytest.raises(RuntimeError, match="durable atomic block cannot be nested"):
            with transaction.atomic(using=connection.alias, durable=True):
                pass


def test_durable_block_commits_when_outermost(connection, items):
    with transaction.atomic(using=connection.alias, durable=True):
        items.add("a")
    assert items.names() == ["a"]


def test_set_rollback_discards_the_block_without_an_exception(connection, items):
    with transaction.atomic(using=connection.alias):
        items.add("a")
        assert transaction.get_rollback(using=connection.alias) is False
        transaction.set_rollback(True, using=connection.alias)
    assert items.names() == []


def test_rollback_flag_outside_atomic_is_an_error(connection):
    with pytest.raises(TransactionManagementError, match="outside of an 'atomic' block"):
        transaction.get_rollback(using=connection.alias)
    with pytest.raises(TransactionManagementError, match="outside of an 'atomic' block"):
        transaction.set_rollback(True, using=connection.alias)


def test_mark_for_rollback_on_error_flags_the_enclosing_block(connection, items):
    with transaction.atomic(using=connection.alias):
        items.add("a")
        with pytest.raises(KeyError):
            with transaction.mark_for_rollback_on_error(using=connection.alias):
                raise KeyError("x")
        assert transaction.get_rollback(using=connection.alias) is True
    assert items.names() == []


def test_mark_for_rollback_on_error_outside_atomic_just_reraises(connection):
    with pytest.raises(KeyError):
        with transaction.mark_for_rollback_on_error(using=connection.alias):
            raise KeyError("x")


def test_mark_for_rollback_on_error_as_decorator_and_when_nothing_fails(connection, items):
    @transaction.mark_for_rollback_on_error(using=connection.alias)
    def failing():
        raise ValueError("boom")

    with transaction.atomic(using=connection.alias):
        items.add("kept")
        with transaction.mark_for_rollback_on_error(using=connection.alias):
            pass  # no error: nothing is flagged
        assert transaction.get_rollback(using=connection.alias) is False
    assert items.names() == ["kept"]
    with transaction.atomic(using=connection.alias):
        with pytest.raises(ValueError, match="boom"):
            failing()
        assert transaction.get_rollback(using=connection.alias) is True


class TestOnCommit:
    def test_runs_after_the_outermost_commit_in_order(self, connection):
        ran = []
        with transaction.atomic(using=connection.alias):
            transaction.on_commit(lambda: ran.append(1), using=connection.alias)
            with transaction.atomic(using=connection.alias):
                transaction.on_commit(lambda: ran.append(2), using=connection.alias)
            assert ran == []
        assert ran == [1, 2]

    def test_discarded_on_rollback(self, connection):
        ran = []
        with pytest.raises(ValueError):
            with transaction.atomic(using=connection.alias):
                transaction.on_commit(lambda: ran.append(1), using=connection.alias)
                raise ValueError
        assert ran == []

    def test_hook_of_a_rolled_back_savepoint_is_discarded(self, connection):
        ran = []
        with transaction.atomic(using=connection.alias):
            transaction.on_commit(lambda: ran.append("kept"), using=connection.alias)
            with pytest.raises(ValueError):
                with transaction.atomic(using=connection.alias):
                    transaction.on_commit(lambda: ran.append("dropped"), using=connection.alias)
                    raise ValueError
        assert ran == ["kept"]

    def test_runs_immediately_under_autocommit(self, connection):
        ran = []
        transaction.on_commit(lambda: ran.append(1), using=connection.alias)
        assert ran == [1]

    def test_robust_hook_failure_is_logged_and_later_hooks_run(self, connection, caplog):
        ran = []

        def broken():
            raise RuntimeError("hook failed")

        with transaction.atomic(using=connection.alias):
            transaction.on_commit(broken, using=connection.alias, robust=True)
            transaction.on_commit(lambda: ran.append(2), using=connection.alias)
        assert ran == [2]
        assert "hook failed" in caplog.text

    def test_non_robust_hook_failure_propagates(self, connection):
        def broken():
            raise RuntimeError("hook failed")

        with pytest.raises(RuntimeError, match="hook failed"):
            with transaction.atomic(using=connection.alias):
                transaction.on_commit(broken, using=connection.alias)

    def test_callback_must_be_callable(self, connection):
        with pytest.raises(TypeError, match="must be a callable"):
            transaction.on_commit(None, using=connection.alias)

    def test_refused_in_manual_transaction_management(self, connection):
        transaction.set_autocommit(False, using=connection.alias)
        try:
            with pytest.raises(TransactionManagementError, match="manual transaction management"):
                transaction.on_commit(lambda: None, using=connection.alias)
        finally:
            transaction.rollback(using=connection.alias)
            transaction.set_autocommit(True, using=connection.alias)


class TestManualControl:
    def test_set_autocommit_false_then_commit(self, connection, items):
        transaction.set_autocommit(False, using=connection.alias)
        assert transaction.get_autocommit(using=connection.alias) is False
        items.add("a")
        transaction.commit(using=connection.alias)
        items.add("b")
        transaction.rollback(using=connection.alias)
        transaction.set_autocommit(True, using=connection.alias)
        assert items.names() == ["a"]

    def test_explicit_savepoints(self, connection, items):
        with transaction.atomic(using=connection.alias):
            items.add("a")
            sid = transaction.savepoint(using=connection.alias)
            items.add("b")
            transaction.savepoint_rollback(sid, using=connection.alias)
            sid2 = transaction.savepoint(using=connection.alias)
            items.add("c")
            transaction.savepoint_commit(sid2, using=connection.alias)
        transaction.clean_savepoints(using=connection.alias)
        assert items.names() == ["a", "c"]

    def test_savepoint_outside_a_transaction_is_none(self, connection):
        assert transaction.savepoint(using=connection.alias) is None

    def test_atomic_inside_manual_transaction_leaves_commit_to_caller(self, connection, items):
        transaction.set_autocommit(False, using=connection.alias)
        with transaction.atomic(using=connection.alias):
            items.add("a")
        assert not connection.in_atomic_block
        transaction.rollback(using=connection.alias)
        transaction.set_autocommit(True, using=connection.alias)
        assert items.names() == []

    def test_commit_and_autocommit_changes_forbidden_inside_atomic(self, connection):
        with transaction.atomic(using=connection.alias):
            for action in (
                lambda: transaction.commit(using=connection.alias),
                lambda: transaction.rollback(using=connection.alias),
                lambda: transaction.set_autocommit(False, using=connection.alias),
            ):
                with pytest.raises(
                    TransactionManagementError, match="forbidden when an 'atomic' block is active"
                ):
                    action()

    def test_error_then_query_in_atomic_without_savepoint_is_refused(self, connection, items):
        with transaction.atomic(using=connection.alias):
            items.add("a")
            with pytest.raises(DatabaseError):
                with transaction.atomic(using=connection.alias, savepoint=False):
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT * FROM no_such_table_here")
            with pytest.raises(TransactionManagementError):
                items.names()
        assert items.names() == []


def test_non_atomic_requests_marks_the_view_per_database():
    @transaction.non_atomic_requests
    def view(request):
        return None

    @transaction.non_atomic_requests(using="other")
    def other_view(request):
        return None

    assert view._non_atomic_requests == {"default"}
    assert other_view._non_atomic_requests == {"other"}
    assert transaction.non_atomic_requests(using="other")(view)._non_atomic_requests == {"default", "other"}


def test_transaction_management_error_is_a_programming_error():
    from django.db import ProgrammingError

    assert issubclass(TransactionManagementError, ProgrammingError)
