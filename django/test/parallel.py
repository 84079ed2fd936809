"""``--parallel N``: run test classes in N forked worker processes, each on its own database clone.

Workers report what happened as plain events (test position, outcome, formatted
traceback); the parent replays them on the real result, so the output reads as in a
serial run.
"""

from __future__ import annotations

import multiprocessing
import traceback
import unittest
from typing import Any

# Set in the parent just before forking; the workers inherit them.
_SUBSUITES: list[list] = []
_ALIASES: list[str] = []
_worker_id = 0


def partition_suite_by_case(suite: Any) -> list[list]:
    """Consecutive tests of the same class stay together (setUpClass runs once per class)."""
    from django.test.runner import iter_test_cases

    groups: list[list] = []
    last_class = None
    for test in iter_test_cases(suite):
        if type(test) is not last_class:
            groups.append([])
            last_class = type(test)
        groups[-1].append(test)
    return groups


def _format(err: Any, test: Any) -> str:
    exc_type, value, tb = err
    return "".join(traceback.format_exception(exc_type, value, tb))


class RemoteTestResult(unittest.TestResult):
    """Records outcomes as picklable events instead of keeping test objects and tracebacks."""

    def __init__(self, tests: list) -> None:
        super().__init__()
        self.positions = {id(test): index for index, test in enumerate(tests)}
        self.events: list[tuple] = []

    def _pos(self, test: Any) -> Any:
        return self.positions.get(id(test), str(test))

    def startTest(self, test: Any) -> None:
        super().startTest(test)
        self.events.append(("startTest", self._pos(test)))

    def stopTest(self, test: Any) -> None:
        super().stopTest(test)
        self.events.append(("stopTest", self._pos(test)))

    def addSuccess(self, test: Any) -> None:
        self.events.append(("addSuccess", self._pos(test)))

    def addError(self, test: Any, err: Any) -> None:
        super().addError(test, err)
        self.events.append(("addError", self._pos(test), _format(err, test)))

    def addFailure(self, test: Any, err: Any) -> None:
        super().addFailure(test, err)
        self.events.append(("addFailure", self._pos(test), _format(err, test)))

    def addSubTest(self, test: Any, subtest: Any, err: Any) -> None:
        if err is not None:
            kind = "addFailure" if issubclass(err[0], test.failureException) else "addError"
            self.events.append((kind, self._pos(test), _format(err, test)))

    def addSkip(self, test: Any, reason: str) -> None:
        self.events.append(("addSkip", self._pos(test), reason))

    def addExpectedFailure(self, test: Any, err: Any) -> None:
        self.events.append(("addExpectedFailure", self._pos(test), _format(err, test)))

    def addUnexpectedSuccess(self, test: Any) -> None:
        self.events.append(("addUnexpectedSuccess", self._pos(test)))


def _init_worker(counter: Any) -> None:
    global _worker_id
    with counter.get_lock():
        counter.value += 1
        _worker_id = counter.value
    from django.db import connections

    for alias in _ALIASES:
        connections[alias].creation.setup_worker_connection(_worker_id)


def _run_subsuite(args: tuple) -> tuple[int, list]:
    index, failfast, buffer = args
    tests = _SUBSUITES[index]
    result = RemoteTestResult(tests)
    result.failfast = failfast
    result.buffer = buffer
    unittest.TestSuite(tests).run(result)
    return index, result.events


class ParallelTestSuite(unittest.TestSuite):
    """A suite whose run() farms test classes out to forked worker processes."""

    def __init__(self, subsuite: Any, processes: int, failfast: bool = False, buffer: bool = False) -> None:
        self.subsuite = subsuite
        self.subsuites = partition_suite_by_case(subsuite)
        self.processes = processes
        self.failfast = failfast
        self.buffer = buffer
        self.aliases: list[str] = []
        super().__init__()

    def __iter__(self) -> Any:
        return iter(self.subsuite)

    def countTestCases(self) -> int:
        return self.subsuite.countTestCases()

    def run(self, result: Any, debug: bool = False) -> Any:
        global _SUBSUITES, _ALIASES
        _SUBSUITES = self.subsuites
        _ALIASES = list(self.aliases)
        context = multiprocessing.get_context("fork")
        counter = context.Value("i", 0)
        with context.Pool(self.processes, initializer=_init_worker, initargs=(counter,)) as pool:
            jobs = [(index, self.failfast, self.buffer) for index in range(len(self.subsuites))]
            for index, events in pool.imap_unordered(_run_subsuite, jobs):
                self._replay(result, self.subsuites[index], events)
                if result.shouldStop:
                    pool.terminate()
                    break
        return result

    @staticmethod
    def _replay(result: Any, tests: list, events: list) -> None:
        for name, position, *args in events:
            test = tests[position] if isinstance(position, int) else unittest.suite._ErrorHolder(position)  # type: ignore[attr-defined]
            handler = getattr(result, name, None)
            if handler is None:
                continue
            if name in ("addError", "addFailure", "addExpectedFailure"):
                text = args[0]
                handler(test, (RemoteTestError, RemoteTestError(text), None))
                _replace_last_text(result, name, test, text)
            else:
                handler(test, *args)


class RemoteTestError(Exception):
    """Stands for an exception raised in a worker; its text is the worker's traceback."""


def _replace_last_text(result: Any, name: str, test: Any, text: str) -> None:
    # Show the worker's own traceback, not a wrapper around it.
    target = {"addError": "errors", "addFailure": "failures", "addExpectedFailure": "expectedFailures"}[name]
    entries = getattr(result, target, None)
    if entries and entries[-1][0] is test:
        entries[-1] = (test, text) + tuple(entries[-1][2:])
