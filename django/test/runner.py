"""DiscoverRunner: find tests with unittest discovery, set up test databases, run, report."""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import unittest
from collections.abc import Iterable, Iterator
from typing import Any

from django.test.utils import setup_databases as _setup_databases
from django.test.utils import setup_test_environment, teardown_test_environment
from django.test.utils import teardown_databases as _teardown_databases

__all__ = ["DiscoverRunner", "get_max_test_processes", "iter_test_cases", "reorder_tests"]


def get_max_test_processes() -> int:
    """The default for ``--parallel auto``: DJANGO_TEST_PROCESSES or the CPU count."""
    try:
        return int(os.environ["DJANGO_TEST_PROCESSES"])
    except KeyError:
        return os.cpu_count() or 1


def parallel_type(value: str) -> int | str:
    if value == "auto":
        return value
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an integer or the string 'auto'")


def iter_test_cases(tests: Iterable) -> Iterator[unittest.TestCase]:
    """Every TestCase in a (nested) suite, in order."""
    for test in tests:
        if isinstance(test, unittest.TestSuite):
            yield from iter_test_cases(test)
        else:
            yield test


def _tags_of(test: Any) -> set[str]:
    method = getattr(test, getattr(test, "_testMethodName", ""), None)
    return set(getattr(test, "tags", set())) | set(getattr(method, "tags", set()))


def filter_tests_by_tags(tests: list, tags: set[str], exclude_tags: set[str]) -> list:
    kept = []
    for test in tests:
        test_tags = _tags_of(test)
        if tags and not test_tags & tags:
            continue
        if test_tags & exclude_tags:
            continue
        kept.append(test)
    return kept


def reorder_tests(
    tests: list, classes: tuple, reverse: bool = False, shuffler: random.Random | None = None
) -> list:
    """Group by test case kind (TestCase before TransactionTestCase before the rest), keep order in groups."""
    if reverse:
        tests = list(reversed(tests))
    if shuffler is not None:
        tests = list(tests)
        shuffler.shuffle(tests)
    buckets: list[list] = [[] for _ in range(len(classes) + 1)]
    for test in tests:
        for index, cls in enumerate(classes):
            if isinstance(test, cls):
                buckets[index].append(test)
                break
        else:
            buckets[-1].append(test)
    return [test for bucket in buckets for test in bucket]


class DiscoverRunner:
    """The default TEST_RUNNER (see the ``manage.py test`` options in add_arguments)."""

    test_suite = unittest.TestSuite
    test_runner = unittest.TextTestRunner
    test_loader = unittest.defaultTestLoader

    def __init__(
        self,
        pattern: str | None = None,
        top_level: str | None = None,
        verbosity: int = 1,
        interactive: bool = True,
        failfast: bool = False,
        keepdb: bool = False,
        reverse: bool = False,
        debug_mode: bool = False,
        debug_sql: bool = False,
        parallel: int | str = 0,
        tags: Iterable[str] | None = None,
        exclude_tags: Iterable[str] | None = None,
        test_name_patterns: list[str] | None = None,
        pdb: bool = False,
        buffer: bool = False,
        enable_faulthandler: bool = True,
        timing: bool = False,
        shuffle: bool | int | None = False,
        logger: Any = None,
        durations: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.pattern = pattern
        self.top_level = top_level
        self.verbosity = verbosity
        self.interactive = interactive
        self.failfast = failfast
        self.keepdb = keepdb
        self.reverse = reverse
        self.debug_mode = debug_mode
        self.debug_sql = debug_sql
        self.parallel = get_max_test_processes() if parallel == "auto" else int(parallel or 0)
        self.tags = set(tags or [])
        self.exclude_tags = set(exclude_tags or [])
        self.pdb = pdb
        self.buffer = buffer
        self.timing = timing
        self.shuffle = shuffle
        self.logger = logger
        self.durations = durations
        self.test_name_patterns = None
        if test_name_patterns:
            self.test_name_patterns = {p if "*" in p else f"*{p}*" for p in test_name_patterns}
        if enable_faulthandler:
            import faulthandler

            if not faulthandler.is_enabled():
                faulthandler.enable(file=sys.__stderr__ or sys.stderr, all_threads=False)
        if self.pdb and self.parallel > 1:
            raise ValueError("You cannot use --pdb with parallel tests; pass --parallel=1 to use it.")
        if self.buffer and self.parallel > 1:
            raise ValueError("You cannot use -b/--buffer with parallel tests; pass --parallel=1 to use it.")

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "-t",
            "--top-level-directory",
            dest="top_level",
            help="Top level of project for unittest discovery.",
        )
        parser.add_argument(
            "-p", "--pattern", default="test*.py", help="The test matching pattern. Defaults to test*.py."
        )
        parser.add_argument("--keepdb", action="store_true", help="Preserves the test DB between runs.")
        parser.add_argument(
            "--shuffle", nargs="?", default=False, type=int, metavar="SEED", help="Shuffles test case order."
        )
        parser.add_argument("-r", "--reverse", action="store_true", help="Reverses test case order.")
        parser.add_argument("--debug-mode", action="store_true", help="Sets settings.DEBUG to True.")
        parser.add_argument(
            "-d", "--debug-sql", action="store_true", help="Prints logged SQL queries on failure."
        )
        parser.add_argument(
            "--parallel",
            nargs="?",
            const="auto",
            default=0,
            type=parallel_type,
            metavar="N",
            help='Run tests using up to N parallel processes. Use the value "auto" to run one test process for each processor core.',
        )
        parser.add_argument(
            "--tag",
            action="append",
            dest="tags",
            help="Run only tests with the specified tag. Can be used multiple times.",
        )
        parser.add_argument(
            "--exclude-tag",
            action="append",
            dest="exclude_tags",
            help="Do not run tests with the specified tag. Can be used multiple times.",
        )
        parser.add_argument(
            "--pdb",
            action="store_true",
            help="Runs a debugger (pdb, or ipdb if installed) on error or failure.",
        )
        parser.add_argument("-b", "--buffer", action="store_true", help="Discard output from passing tests.")
        parser.add_argument(
            "--no-faulthandler",
            action="store_false",
            dest="enable_faulthandler",
            help="Disables the Python faulthandler module during tests.",
        )
        parser.add_argument(
            "--timing",
            action="store_true",
            help="Output timings, including database set up and total run time.",
        )
        parser.add_argument(
            "-k",
            action="append",
            dest="test_name_patterns",
            help="Only run test methods and classes that match the pattern or substring. Can be used multiple times. Same as unittest -k option.",
        )
        if sys.version_info >= (3, 12):
            # unittest reports durations only from Python 3.12 on; before, the option doesn't exist.
            parser.add_argument(
                "--durations",
                dest="durations",
                type=int,
                default=None,
                metavar="N",
                help="List the N slowest tests after the run (0 lists them all).",
            )

    # -- phases ----------------------------------------------------------------------------

    def log(self, msg: str, level: int | None = None) -> None:
        if self.logger is None:
            if self.verbosity > 0:
                print(msg)
        else:
            import logging

            self.logger.log(logging.INFO if level is None else level, msg)

    def setup_test_environment(self, **kwargs: Any) -> None:
        setup_test_environment(debug=self.debug_mode)
        unittest.installHandler()

    def load_tests_for_label(self, label: str, discover_kwargs: dict) -> unittest.TestSuite:
        """A label is a dotted module/class/method name or a directory path."""
        label_as_path = os.path.abspath(label)
        is_importable = not os.path.exists(label_as_path)
        if is_importable:
            try:
                return self.test_loader.loadTestsFromName(label)
            except (ImportError, AttributeError) as e:
                if os.path.sep in label or not _looks_like_module(label):
                    raise RuntimeError(f"Could not find or import test label {label!r}: {e}") from e
                raise
        if os.path.isfile(label_as_path):
            raise RuntimeError(
                f"One of the test labels is a path to a file: {label!r}, which is not supported. Use a "
                "dotted module name or path to a directory instead."
            )
        kwargs = dict(discover_kwargs)
        if not kwargs.get("top_level_dir"):
            kwargs["top_level_dir"] = _top_level_of(label_as_path)
        return self.test_loader.discover(start_dir=label_as_path, **kwargs)

    def build_suite(self, test_labels: Iterable[str] | None = None, **kwargs: Any) -> unittest.TestSuite:
        """Load, filter (-k, --tag, --exclude-tag), order and (optionally) shuffle the tests."""
        self.test_loader = unittest.TestLoader()
        if self.test_name_patterns:
            self.test_loader.testNamePatterns = sorted(self.test_name_patterns)
        discover_kwargs = {"pattern": self.pattern or "test*.py"}
        if self.top_level is not None:
            discover_kwargs["top_level_dir"] = self.top_level
        labels = list(test_labels or ["."])
        tests: list = []
        for label in labels:
            tests.extend(iter_test_cases(self.load_tests_for_label(label, discover_kwargs)))
        if self.tags or self.exclude_tags:
            if self.tags:
                self.log(f"Including test tag(s): {', '.join(sorted(self.tags))}.", level=10)
            if self.exclude_tags:
                self.log(f"Excluding test tag(s): {', '.join(sorted(self.exclude_tags))}.", level=10)
            tests = filter_tests_by_tags(tests, self.tags, self.exclude_tags)
        shuffler = None
        if self.shuffle is not False:
            seed = self.shuffle if isinstance(self.shuffle, int) else random.randint(0, 10**10)
            generated = "" if isinstance(self.shuffle, int) else " (generated)"
            self.log(f"Using shuffle seed: {seed}{generated}")
            shuffler = random.Random(seed)
        tests = reorder_tests(tests, _reorder_classes(), reverse=self.reverse, shuffler=shuffler)
        suite = self.test_suite(_unique(tests))
        if self.parallel > 1:
            from django.test.parallel import ParallelTestSuite

            processes = min(self.parallel, len({type(t) for t in tests}) or 1)
            if processes > 1:
                self.parallel = processes  # one database clone per worker
                return ParallelTestSuite(suite, processes, self.failfast, self.buffer)
            self.parallel = 1
        return suite

    def get_databases(self, suite: Any) -> set[str]:
        """The aliases any test of the suite declares in ``databases``."""
        from django.db import connections

        aliases: set[str] = set()
        for test in iter_test_cases(getattr(suite, "subsuite", suite)):
            declared: Any = getattr(test, "databases", None)
            if not declared:
                continue
            if declared == "__all__":
                return set(connections)
            aliases.update(declared)
        unused = sorted(set(connections) - aliases)
        if unused and self.verbosity >= 2:
            self.log(f"Skipping setup of unused database(s): {', '.join(unused)}.")
        return aliases

    def setup_databases(self, **kwargs: Any) -> list:
        return _setup_databases(
            self.verbosity,
            self.interactive,
            keepdb=self.keepdb,
            debug_sql=self.debug_sql,
            parallel=self.parallel,
            **kwargs,
        )

    def run_checks(self, databases: set[str]) -> None:
        from django.core.management import call_command

        call_command("check", verbosity=self.verbosity, databases=databases)

    def get_resultclass(self) -> Any:
        if self.debug_sql:
            from django.test.debug_result import DebugSQLTextTestResult

            return DebugSQLTextTestResult
        if self.pdb:
            from django.test.debug_result import PDBDebugResult

            return PDBDebugResult
        return None

    def run_suite(self, suite: Any, **kwargs: Any) -> unittest.TestResult:
        options: dict[str, Any] = {
            "verbosity": self.verbosity,
            "failfast": self.failfast,
            "resultclass": self.get_resultclass(),
            "buffer": self.buffer,
        }
        if sys.version_info >= (3, 12):
            options["durations"] = self.durations
        return self.test_runner(**options).run(suite)

    def teardown_databases(self, old_config: list, **kwargs: Any) -> None:
        _teardown_databases(old_config, verbosity=self.verbosity, parallel=self.parallel, keepdb=self.keepdb)

    def teardown_test_environment(self, **kwargs: Any) -> None:
        unittest.removeHandler()
        teardown_test_environment()

    def suite_result(self, suite: Any, result: unittest.TestResult, **kwargs: Any) -> int:
        return len(result.failures) + len(result.errors) + len(getattr(result, "unexpectedSuccesses", []))

    def run_tests(self, test_labels: Iterable[str] | None, **kwargs: Any) -> int:
        """Run the tests for ``test_labels``; the number of failures and errors."""
        self.setup_test_environment()
        suite = self.build_suite(test_labels)
        databases = self.get_databases(suite)
        if hasattr(suite, "aliases"):
            suite.aliases = sorted(databases)
        serialized = {alias for alias in databases if _wants_serialized_rollback(suite, alias)}
        started = time.perf_counter()
        old_config = self.setup_databases(aliases=databases, serialized_aliases=serialized)
        self._timings = [("Total database setup", time.perf_counter() - started)]
        run_failed = False
        try:
            self.run_checks(databases)
            result = self.run_suite(suite)
        except Exception:
            run_failed = True
            raise
        finally:
            try:
                started = time.perf_counter()
                self.teardown_databases(old_config)
                self._timings.append(("Total database teardown", time.perf_counter() - started))
                if self.timing:
                    for label, seconds in self._timings:
                        sys.stderr.write(f"{label} took {seconds:.3f}s\n")
                self.teardown_test_environment()
            except Exception:
                if not run_failed:
                    raise
        return self.suite_result(suite, result)


def _wants_serialized_rollback(suite: Any, alias: str) -> bool:
    for test in iter_test_cases(getattr(suite, "subsuite", suite)):
        if getattr(test, "serialized_rollback", False):
            declared: Any = getattr(test, "databases", set())
            if declared == "__all__" or alias in declared:
                return True
    return False


def _reorder_classes() -> tuple:
    from django.test.db_testcases import TestCase, TransactionTestCase

    return (TestCase, TransactionTestCase)


def _unique(tests: list) -> list:
    seen: set[int] = set()
    result = []
    for test in tests:
        key = id(test)
        if key not in seen:
            seen.add(key)
            result.append(test)
    return result


def _looks_like_module(label: str) -> bool:
    return all(part.isidentifier() for part in label.split("."))


def _top_level_of(path: str) -> str:
    """The directory above the outermost package containing ``path`` (unittest's top level)."""
    top = path
    while os.path.exists(os.path.join(top, "__init__.py")):
        parent = os.path.dirname(top)
        if parent == top:
            break
        top = parent
    return top
