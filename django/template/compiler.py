"""Compiler: node tree -> Python source -> code object (once per template).

Generated code shape (see STYLE.md guideline 3): one function per template and per
block; helpers and filters bound as module globals; each context name looked up once per
straight-line region and kept in a local; literal text as constants; every generated
line remembers the template token it came from, so errors point at the template line.
"""

from __future__ import annotations

import itertools
import linecache
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.template import runtime
from django.template.nodes import WRITES, is_native, nodelist_effect
from django.template.variables import Variable, VariableDoesNotExist
from django.utils.safestring import SafeData, SafeString, mark_safe

# Python refuses more than 20 statically nested blocks and ~100 indent levels;
# deeper template nesting is moved into a helper function.
MAX_BLOCK_DEPTH = 12
MAX_INDENT = 40

_module_ids = itertools.count(1)


def _require(value: Any, name: str) -> Any:
    if value is runtime.MISSING:
        raise VariableDoesNotExist("Failed lookup for key [%s]", (name,))
    return value


def _localtime(value: Any, context: Any) -> Any:
    from django.utils.timezone import template_localtime

    return template_localtime(value, context.use_tz)


def _none_if_missing(value: Any) -> Any:
    return None if value is runtime.MISSING else value


HELPERS: dict[str, Any] = {
    "MISSING": runtime.MISSING,
    "resolve": runtime.resolve,
    "resolve0": runtime.resolve0,
    "resolve1": runtime.resolve1,
    "context_get": runtime.context_get,
    "out_escaped": runtime.out_escaped,
    "out_raw": runtime.out_raw,
    "apply_filter": runtime.apply_filter,
    "unpack_loop_item": runtime.unpack_loop_item,
    "loop_sequence": runtime.loop_sequence,
    "SafeString": SafeString,
    "SafeData": SafeData,
    "mark_safe": mark_safe,
    "require": _require,
    "localtime": _localtime,
    "nn": _none_if_missing,
    "VariableDoesNotExist": VariableDoesNotExist,
}


class Scope:
    """Template names known to be held in Python locals in the current region."""

    def __init__(self, names: dict[str, str] | None = None, hoist: Hoist | None = None) -> None:
        self.names: dict[str, str] = dict(names or {})
        self.invalidated = False
        # Where a first lookup of a name goes instead of the current line: in front of the
        # loop(s) around this region, when nothing in them can change a context variable.
        self.hoist = hoist


class Hoist:
    """Context lookups placed in front of a loop, so they run once instead of per iteration."""

    def __init__(self, level: int, scope: Scope) -> None:
        self.level = level
        self.scope = scope  # the loop body's scope: where a hoisted name is valid
        self.lines: list[tuple[int, str, Any]] = []


class Module:
    """One generated Python module: its functions, constants and line map."""

    def __init__(self, name: str, string_if_invalid: str = "") -> None:
        self.name = name
        self.sii = string_if_invalid
        self.namespace: dict[str, Any] = dict(HELPERS)
        self.frames: list[Frame] = []
        self._counter = itertools.count(1)
        self._const_names: dict[int, str] = {}
        self.filename = "<template %s #%d>" % (name, next(_module_ids))
        self.line_tokens: list[Any] = []
        self.source = ""
        self.on_build: list[Any] = []
        self.compiled_blocks: set[int] = set()

    def unique(self, prefix: str) -> str:
        return "%s%d" % (prefix, next(self._counter))

    def const(self, obj: Any, prefix: str = "k") -> str:
        name = self._const_names.get(id(obj))
        if name is None or self.namespace.get(name) is not obj:
            name = self.unique(prefix)
            self.namespace[name] = obj
            self._const_names[id(obj)] = name
        return name

    def frame(self, name: str, params: str = "context", kind: str = "root", **kwargs: Any) -> Frame:
        frame = Frame(self, name, params, kind, **kwargs)
        self.frames.append(frame)
        return frame

    def build(self) -> dict[str, Any]:
        lines: list[str] = []
        tokens: list[Any] = []
        for frame in self.frames:
            for indent, text, token in frame.assemble():
                lines.append("    " * indent + text)
                tokens.append(token)
        self.source = "\n".join(lines) + "\n"
        self.line_tokens = tokens
        code = compile(self.source, self.filename, "exec")
        linecache.cache[self.filename] = (
            len(self.source),
            None,
            self.source.splitlines(True),
            self.filename,
        )
        exec(code, self.namespace)
        for callback in self.on_build:
            callback(self.namespace)
        return self.namespace

    def token_for_line(self, lineno: int) -> Any:
        index = lineno - 1
        while 0 <= index < len(self.line_tokens):
            if self.line_tokens[index] is not None:
                return self.line_tokens[index]
            index -= 1
        return None


class Frame:
    """Builds one generated function; nodes call its methods from `compile()`."""

    def __init__(
        self,
        module: Module,
        name: str,
        params: str,
        kind: str,
        scope: Scope | None = None,
        autoescape: bool | None = None,
    ) -> None:
        self.module = module
        self.name = name
        self.params = params
        self.kind = kind  # "root" returns a str, "block" a SafeString, "sub" writes to its caller
        self.lines: list[tuple[int, str, Any]] = []
        self.level = 1
        self.block_depth = 0
        self.scope = scope or Scope()
        self.autoescape = autoescape
        self.token: Any = None
        self.pending: list[tuple[str, Any]] = []

    # -- emitting -------------------------------------------------------------
    def emit(self, text: str) -> None:
        self.flush()
        self.lines.append((self.level, text, self.token))

    def emit_now(self, text: str) -> None:
        """Emit without flushing pending output (only for side-effect-free lookups)."""
        self.lines.append((self.level, text, self.token))

    def flush(self) -> None:
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        if len(pending) == 1:
            expr, token = pending[0]
            self.lines.append((self.level, "w(%s)" % expr, token))
            return
        # One call per run of output; each item keeps its own line (and template token),
        # so a traceback still points at the exact variable that failed.
        self.lines.append((self.level, "x((", pending[0][1]))
        for expr, token in pending:
            self.lines.append((self.level + 1, expr + ",", token))
        self.lines.append((self.level, "))", pending[-1][1]))

    @contextmanager
    def indented(self, python_block: bool = False) -> Iterator[Any]:
        self.flush()
        self.level += 1
        self.block_depth += python_block
        try:
            yield
        finally:
            self.flush()
            self.level -= 1
            self.block_depth -= python_block

    def temp(self, prefix: str = "t") -> str:
        return self.module.unique(prefix)

    def const(self, obj: Any, prefix: str = "k") -> str:
        return self.module.const(obj, prefix)

    @property
    def ae(self) -> str:
        return "ae" if self.autoescape is None else repr(self.autoescape)

    @property
    def out_fn(self) -> str:
        if self.autoescape is None:
            return "E"
        return "out_escaped" if self.autoescape else "out_raw"

    @property
    def sii(self) -> str:
        return self.module.sii

    # -- scopes ---------------------------------------------------------------
    @contextmanager
    def branch(self, clear: bool = False, names: dict[str, str] | None = None) -> Iterator[Any]:
        outer = self.scope
        inner = Scope({} if clear else outer.names, None if clear else outer.hoist)
        inner.names.update(names or {})
        self.scope = inner
        try:
            yield inner
        finally:
            self.flush()
            self.scope = outer
            if inner.invalidated:
                self.invalidate()

    def invalidate(self) -> None:
        self.scope.names.clear()
        self.scope.invalidated = True
        self.scope.hoist = None

    def hoist_here(self) -> Hoist:
        """Mark the current line as the place for lookups hoisted out of the loop that follows."""
        self.flush()
        hoist = self.scope.hoist = Hoist(self.level, self.scope)
        self.lines.append((self.level, hoist, None))  # type: ignore[arg-type]  # expanded by assemble()
        return hoist

    def bind(self, name: str, pyname: str) -> None:
        self.scope.names[name] = pyname

    def name_ref(self, name: str) -> str:
        """A Python expression holding the raw context value of `name` (or MISSING)."""
        pyname = self.scope.names.get(name)
        if pyname is None:
            pyname = self.temp("c_")
            lookup = "%s = context_get(context, %r)" % (pyname, name)
            hoist = self.scope.hoist
            if hoist is not None:
                hoist.lines.append((hoist.level, lookup, self.token))
                hoist.scope.names[name] = pyname
            else:
                self.emit_now(lookup)
            self.scope.names[name] = pyname
        return pyname

    # -- values -----------------------------------------------------------------
    def var_expr(self, var: Variable) -> str:
        """Expression for a Variable's value, MISSING when it does not exist."""
        if var.lookups is None:
            value = self.const(var.literal, "lit")
            if var.translate:
                translate = self.const(_translate_for(var), "tr")
                return "%s()" % translate
            return value
        base = self.name_ref(var.lookups[0])
        rest = var.lookups[1:]
        sii = repr(self.sii)
        if not rest:
            expr = "resolve0(%s, %s)" % (base, sii)
        elif len(rest) == 1:
            expr = "resolve1(%s, %r, %s)" % (base, rest[0], sii)
        else:
            expr = "resolve(%s, %r, %s)" % (base, rest, sii)
        if var.translate:
            expr = "%s(%s)" % (self.const(_translate_for(var), "tr"), expr)
        return expr

    def arg_expr(self, lookup: bool, arg: Any) -> str:
        if not lookup:
            return self.const(mark_safe(arg), "lit")
        if arg.lookups is None and not arg.translate:
            return self.var_expr(arg)  # a literal cannot be missing
        return "require(%s, %r)" % (self.var_expr(arg), arg.var)

    def filters_expr(self, fe: Any, value: str) -> str:
        for func, args in fe.filters:
            fname = self.const(func, "f_")
            arg_list = [self.arg_expr(lookup, arg) for lookup, arg in args]
            if getattr(func, "expects_localtime", False):
                value = "localtime(%s, context)" % value
            is_safe = getattr(func, "is_safe", False)
            subject = self.temp("s") if is_safe else value
            call_args = ", ".join([subject, *arg_list])
            if getattr(func, "needs_autoescape", False):
                call_args += ", autoescape=%s" % self.ae
            if is_safe:
                # An is_safe filter keeps a safe input safe (the call is written once per branch).
                call = "%s(%s)" % (fname, call_args)
                value = "(mark_safe(%s) if isinstance((%s := %s), SafeData) else %s)" % (
                    call,
                    subject,
                    value,
                    call,
                )
            else:
                value = "%s(%s)" % (fname, call_args)
        return value

    def expr(self, fe: Any, ignore_failures: bool = False) -> str:
        """Expression for a FilterExpression's value, with Django's missing-value rules."""
        if not fe.is_var:
            return self.filters_expr(fe, self.const(fe.var, "lit"))
        raw = self.var_expr(fe.var)
        if ignore_failures:
            return self.filters_expr(fe, "nn(%s)" % raw if fe.var.lookups is not None else raw)
        if not fe.filters:
            replacement = repr(runtime.invalid(self.sii, fe.var.var)) if self.sii else "''"
            return self._missing_to(raw, replacement)
        if self.sii:
            t = self.temp("v")
            return "(%r if (%s := %s) is MISSING else %s)" % (
                runtime.invalid(self.sii, fe.var.var),
                t,
                raw,
                self.filters_expr(fe, t),
            )
        return self.filters_expr(fe, self._missing_to(raw, "''"))

    def _missing_to(self, raw: str, replacement: str) -> str:
        t = self.temp("v")
        return "(%s if (%s := %s) is MISSING else %s)" % (replacement, t, raw, t)

    def output(self, fe: Any) -> None:
        if not fe.filters and fe.is_var and not self.sii:
            # out_escaped/out_raw render MISSING as "" themselves.
            self.pending.append(("%s(%s, context)" % (self.out_fn, self.var_expr(fe.var)), self.token))
            return
        self.pending.append(("%s(%s, context)" % (self.out_fn, self.expr(fe)), self.token))

    def write_text(self, text: str) -> None:
        if text:
            self.pending.append((repr(text), self.token))

    def write_expr(self, expr: str) -> None:
        """Write an already-rendered string expression."""
        self.pending.append((expr, self.token))

    # -- nodes --------------------------------------------------------------------
    def compile_nodelist(self, nodelist: Any) -> None:
        for node in nodelist:
            self.compile_node(node)

    def compile_node(self, node: Any) -> None:
        token = getattr(node, "token", None)
        if token is not None:
            self.token = token
        if not is_native(node):
            self.opaque(node)
        elif self.block_depth >= MAX_BLOCK_DEPTH or self.level >= MAX_INDENT:
            self.split(node)
        else:
            node.compile(self)

    def opaque(self, node: Any) -> None:
        # Under a static {% autoescape %} the node still reads context.autoescape, which is set.
        self.write_expr("%s.render_annotated(context)" % self.const(node, "node"))
        self.flush()
        effect = node.effect() if hasattr(node, "effect") else WRITES
        if effect >= WRITES:
            self.invalidate()

    def split(self, node: Any) -> None:
        """Compile `node` into its own function to keep Python's nesting limits."""
        local_names = sorted(set(self.scope.names.values()))
        params = ", ".join(["context", "w", "x", "ae", "E", *local_names])
        sub = self.module.frame(self.temp("sub"), params, kind="sub", autoescape=self.autoescape)
        sub.scope = Scope(self.scope.names)
        sub.token = self.token
        node.compile(sub)
        sub.flush()
        self.emit("%s(%s)" % (sub.name, params))
        if sub.scope.invalidated or node.effect() >= WRITES:
            self.invalidate()

    @contextmanager
    def pushed_context(self, names: dict[str, str] | None = None) -> Iterator[Any]:
        """Run the body with a fresh dict on the context stack (for tags and includes)."""
        d = self.temp("d")
        items = ", ".join("%r: %s" % item for item in (names or {}).items())
        self.emit("%s = {%s}" % (d, items))
        self.emit("context.dicts.append(%s)" % d)
        self.emit("try:")
        with self.indented(python_block=True):
            yield d
            self.emit("pass")
        self.emit("finally:")
        with self.indented():
            self.emit("context.dicts.pop()")

    @contextmanager
    def capture(self) -> Iterator[Any]:
        """Redirect output written inside the block into a list; yields its name."""
        saved, buf = self.temp("saved"), self.temp("b")
        self.emit("%s = (w, x)" % saved)
        self.emit("%s = []" % buf)
        self.emit("w = %s.append" % buf)
        self.emit("x = %s.extend" % buf)
        yield buf
        self.emit("w, x = %s" % saved)

    @contextmanager
    def try_finally(self, final_lines: list[str]) -> Iterator[Any]:
        self.emit("try:")
        with self.indented(python_block=True):
            yield
            self.emit("pass")
        self.emit("finally:")
        with self.indented():
            for line in final_lines:
                self.emit(line)

    def assemble(self) -> list[tuple[int, str, Any]]:
        self.flush()
        head = "def %s(%s):" % (self.name, self.params)
        out: list[tuple[int, str, Any]] = [(0, head, None)]
        if self.kind != "sub":
            out += [
                (1, "buf = []", None),
                (1, "w = buf.append", None),
                (1, "x = buf.extend", None),
                (1, "ae = context.autoescape", None),
                (1, "E = out_escaped if ae else out_raw", None),
            ]
        for line in self.lines:
            if type(line[1]) is Hoist:
                out += line[1].lines
            else:
                out.append(line)
        if self.kind == "root":
            out.append((1, "return ''.join(buf)", None))
        elif self.kind != "sub":
            out.append((1, "return SafeString(''.join(buf))", None))
        else:
            out.append((1, "pass", None))
        return out


def _translate_for(var: Variable) -> Any:
    from django.template.variables import translate_literal

    if var.lookups is None:
        literal, context = var.literal, var.message_context
        return lambda: translate_literal(literal, context)
    return lambda value: translate_literal(value, var.message_context)


def compile_nodelist_module(nodelist: Any, name: str, engine: Any) -> tuple[Any, Module]:
    """Compile a template's top-level nodelist; returns (root function, module)."""
    sii = engine.string_if_invalid if engine is not None else ""
    module = Module(name, sii)
    frame = module.frame("root")
    frame.compile_nodelist(nodelist)
    namespace = module.build()
    return namespace["root"], module


def compile_standalone(nodes: Any, template: Any) -> Any:
    """Compile nodes rendered on their own (from a third-party tag's render())."""
    engine = getattr(template, "engine", None)
    name = getattr(template, "name", None) or "<nodelist>"
    sii = engine.string_if_invalid if engine is not None else ""
    module = Module(name, sii)
    frame = module.frame("root", kind="block")
    frame.compile_nodelist(nodes)
    if template is not None:
        template._modules.append(module)
    return module.build()["root"]


__all__ = [
    "Frame",
    "Hoist",
    "Module",
    "Scope",
    "compile_nodelist_module",
    "compile_standalone",
    "nodelist_effect",
]
