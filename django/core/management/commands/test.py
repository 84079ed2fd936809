"""``manage.py test``: discover and run tests with the TEST_RUNNER (DiscoverRunner by default)."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.utils import get_command_line_option
from django.test.utils import get_runner


class Command(BaseCommand):
    help = "Discover and run tests in the specified modules or the current directory."
    # The runner runs the checks itself, on the databases the tests use.
    requires_system_checks: list = []
    test_runner: str | None = None

    def run_from_argv(self, argv: list[str]) -> None:
        # --testrunner decides which options exist, so read it before parsing the rest.
        self.test_runner = get_command_line_option(argv, "--testrunner")
        super().run_from_argv(argv)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "args",
            metavar="test_label",
            nargs="*",
            help="Module paths to test; can be modulename, modulename.TestCase or modulename.TestCase.test_method",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells Django to NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--failfast",
            action="store_true",
            help="Tells Django to stop running the test suite after first failed test.",
        )
        parser.add_argument(
            "--testrunner",
            help="Tells Django to use specified test runner class instead of the one specified by the TEST_RUNNER setting.",
        )
        runner_class = get_runner(settings, self.test_runner)
        if hasattr(runner_class, "add_arguments"):
            runner_class.add_arguments(parser)

    def handle(self, *test_labels: str, **options: Any) -> None:
        runner_class = get_runner(settings, options["testrunner"])
        runner = runner_class(**options)
        started = time.perf_counter()
        failures = runner.run_tests(list(test_labels))
        if options.get("timing"):
            sys.stderr.write(f"Total run took {time.perf_counter() - started:.3f}s\n")
        if failures:
            sys.exit(1)
