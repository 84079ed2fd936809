"""Result classes for ``--debug-sql`` (print each failing test's SQL) and ``--pdb``."""

from __future__ import annotations

import logging
import unittest
from io import StringIO
from typing import Any


class DebugSQLTextTestResult(unittest.TextTestResult):
    """Captures the django.db.backends log per test and shows it under each failure."""

    def __init__(self, stream: Any, descriptions: bool, verbosity: int, **kwargs: Any) -> None:
        self.logger = logging.getLogger("django.db.backends")
        self.logger.setLevel(logging.DEBUG)
        self.debug_sql_stream: StringIO | None = None
        super().__init__(stream, descriptions, verbosity, **kwargs)

    def startTest(self, test: Any) -> None:
        self.debug_sql_stream = StringIO()
        self.handler = logging.StreamHandler(self.debug_sql_stream)
        self.logger.addHandler(self.handler)
        super().startTest(test)

    def stopTest(self, test: Any) -> None:
        super().stopTest(test)
        self.logger.removeHandler(self.handler)
        if self.showAll and self.debug_sql_stream is not None:
            self.debug_sql_stream.seek(0)
            self.stream.write(self.debug_sql_stream.read())
            self.stream.writeln(self.separator2)

    def _sql(self) -> str:
        if self.debug_sql_stream is None:
            return ""
        self.debug_sql_stream.seek(0)
        return self.debug_sql_stream.read()

    def addError(self, test: Any, err: Any) -> None:
        super().addError(test, err)
        if self.errors:
            self.errors[-1] = self.errors[-1] + (self._sql(),)  # type: ignore[assignment]

    def addFailure(self, test: Any, err: Any) -> None:
        super().addFailure(test, err)
        self.failures[-1] = self.failures[-1] + (self._sql(),)  # type: ignore[assignment]

    def printErrorList(self, flavour: str, errors: Any) -> None:
        for entry in errors:
            test, err = entry[0], entry[1]
            sql = entry[2] if len(entry) > 2 else ""
            self.stream.writeln(self.separator1)
            self.stream.writeln(f"{flavour}: {self.getDescription(test)}")
            self.stream.writeln(self.separator2)
            self.stream.writeln(err)
            self.stream.writeln(self.separator2)
            self.stream.writeln(sql)


class PDBDebugResult(unittest.TextTestResult):
    """Opens the debugger on the traceback of each error and failure."""

    def addError(self, test: Any, err: Any) -> None:
        super().addError(test, err)
        self.debug(err)

    def addFailure(self, test: Any, err: Any) -> None:
        super().addFailure(test, err)
        self.debug(err)

    def debug(self, error: Any) -> None:
        import pdb

        self.buffer = False
        exc_type, exc_value, traceback = error
        print(f"\nOpening PDB: {exc_value!r}")
        pdb.post_mortem(traceback)
