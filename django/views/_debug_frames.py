"""Traceback frames for the technical 500 page: source context and (filtered) local variables."""

from __future__ import annotations

import linecache
import pprint
from typing import Any

# Longest repr shown for one local variable before it is cut.
MAX_VAR_REPR = 4096
CONTEXT_LINES = 7


def _exception_chain(exc_value: Any) -> list[Any]:
    """The exception and its causes/contexts, oldest first, without cycles."""
    chain = []
    seen = set()
    current = exc_value
    while current is not None and id(current) not in seen:
        chain.append(current)
        seen.add(id(current))
        explicit = getattr(current, "__cause__", None)
        suppress = getattr(current, "__suppress_context__", False)
        implicit = getattr(current, "__context__", None)
        current = explicit or (None if suppress else implicit)
    chain.reverse()
    return chain


def _source_lines(filename: str, lineno: int, loader: Any, module_name: str | None) -> tuple:
    """(first line number, lines before, the line, lines after) around ``lineno`` (0-based)."""
    source = None
    if loader is not None and hasattr(loader, "get_source"):
        try:
            text = loader.get_source(module_name)
        except (ImportError, OSError):
            text = None
        if text is not None:
            source = text.splitlines()
    if source is None:
        source = [line.rstrip("\n") for line in linecache.getlines(filename)]
    if not source or lineno >= len(source):
        return None, [], None, []
    lower = max(0, lineno - CONTEXT_LINES)
    upper = lineno + CONTEXT_LINES
    return lower, source[lower:lineno], source[lineno], source[lineno + 1 : upper]


def _safe_repr(value: Any) -> str:
    try:
        text = pprint.pformat(value)
    except Exception as e:
        text = f"Error in formatting: {e.__class__.__name__}: {e}"
    if len(text) > MAX_VAR_REPR:
        text = f"{text[:MAX_VAR_REPR]}… <trimmed {len(text)} bytes string>"
    return text


def traceback_frames(reporter: Any) -> list[dict]:
    """One dict per frame of the whole exception chain, innermost last."""
    frames: list[dict] = []
    exc_value = reporter.exc_value
    if not isinstance(exc_value, BaseException):
        return frames  # a plain message (e.g. from a log record) has no traceback
    chain = _exception_chain(exc_value)
    for exc in chain:
        tb = reporter.tb if exc is exc_value else exc.__traceback__
        cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        while tb is not None:
            frames.append(_frame(reporter, exc, cause, tb))
            tb = tb.tb_next
    return frames


def _frame(reporter: Any, exc: Any, cause: Any, tb: Any) -> dict:
    frame = tb.tb_frame
    filename = frame.f_code.co_filename
    function = frame.f_code.co_name
    lineno = tb.tb_lineno - 1
    module_name = frame.f_globals.get("__name__") or ""
    loader = frame.f_globals.get("__loader__")
    pre_lineno, pre, line, post = _source_lines(filename, lineno, loader, module_name)
    if pre_lineno is None:
        pre_lineno, pre, line, post = lineno, [], "<source code not available>", []
    variables = reporter.filter.get_traceback_frame_variables(reporter.request, frame)
    return {
        "exc_cause": cause,
        "exc_cause_explicit": getattr(exc, "__cause__", None) is not None,
        "tb": tb,
        "type": "django" if module_name.startswith("django.") else "user",
        "filename": filename,
        "function": function,
        "lineno": lineno + 1,
        "vars": [(name, _safe_repr(value)) for name, value in variables],
        "id": id(tb),
        "pre_context": pre,
        "context_line": line,
        "post_context": post,
        "pre_context_lineno": pre_lineno + 1,
    }
