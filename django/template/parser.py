"""Parser: tokens -> node tree, calling each tag's compile function."""

from __future__ import annotations

import difflib
from typing import Any, NoReturn

from django.template.exceptions import TemplateSyntaxError
from django.template.lexer import Token, TokenType
from django.template.nodes import NodeList, TextNode, VariableNode
from django.template.variables import FilterExpression


def _text_list(items: list[str], last_word: str) -> str:
    if len(items) == 1:
        return items[0]
    return "%s %s %s" % (", ".join(items[:-1]), last_word, items[-1])


class Parser:
    """The object custom tag functions receive: parse(), next_token(), compile_filter()..."""

    def __init__(
        self,
        tokens: list[Token],
        libraries: dict | None = None,
        builtins: list | None = None,
        origin: Any = None,
    ) -> None:
        # Kept reversed so next_token() is a cheap pop().
        self.tokens = list(reversed(tokens))
        self.tags: dict[str, Any] = {}
        self.filters: dict[str, Any] = {}
        self.command_stack: list[tuple[str, Token]] = []
        self.libraries = libraries or {}
        for builtin in builtins or []:
            self.add_library(builtin)
        self.origin = origin
        self.extra_data: dict[str, Any] = {}

    def __repr__(self) -> str:
        return "<%s tokens=%r>" % (type(self).__qualname__, self.tokens)

    def parse(self, parse_until: tuple | list | None = None) -> NodeList:
        """Parse until one of `parse_until` (left unconsumed) or the end of the template."""
        parse_until = tuple(parse_until or ())
        nodelist = NodeList()
        while self.tokens:
            token = self.next_token()
            kind = token.token_type
            if kind is TokenType.TEXT:
                self.extend_nodelist(nodelist, TextNode(token.contents), token)
            elif kind is TokenType.VAR:
                self.extend_nodelist(nodelist, self._variable_node(token), token)
            elif kind is TokenType.BLOCK:
                bits = token.contents.split()
                if not bits:
                    raise self.error(token, "Empty block tag on line %s" % token.lineno)
                command = bits[0]
                if command in parse_until:
                    self.prepend_token(token)
                    return nodelist
                self.command_stack.append((command, token))
                compile_func = self.tags.get(command)
                if compile_func is None:
                    self.invalid_block_tag(token, command, parse_until)
                try:
                    node = compile_func(self, token)
                except Exception as exc:
                    raise self.error(token, exc)
                self.extend_nodelist(nodelist, node, token)
                self.command_stack.pop()
        if parse_until:
            self.unclosed_block_tag(parse_until)
        return nodelist

    def _variable_node(self, token: Token) -> VariableNode:
        if not token.contents:
            raise self.error(token, "Empty variable tag on line %s" % token.lineno)
        try:
            filter_expression = self.compile_filter(token.contents)
        except TemplateSyntaxError as exc:
            raise self.error(token, exc)
        return VariableNode(filter_expression)

    def skip_past(self, endtag: str) -> None:
        while self.tokens:
            token = self.next_token()
            if token.token_type is TokenType.BLOCK and token.contents == endtag:
                return
        self.unclosed_block_tag([endtag])

    def extend_nodelist(self, nodelist: NodeList, node: Any, token: Token) -> None:
        if node.must_be_first and nodelist.contains_nontext:
            raise self.error(token, "%r must be the first tag in the template." % node)
        if not isinstance(node, TextNode):
            nodelist.contains_nontext = True
        node.token = token
        node.origin = self.origin
        nodelist.append(node)

    def error(self, token: Token, e: Exception | str) -> Exception:
        """Attach the token to an exception (made from a message if needed)."""
        if not isinstance(e, Exception):
            e = TemplateSyntaxError(e)
        if not hasattr(e, "token"):
            e.token = token  # type: ignore[attr-defined]
        return e

    def invalid_block_tag(self, token: Token, command: str, parse_until: Any = None) -> NoReturn:
        # A misplaced closer of a known tag ("endfor" inside an if) is not a typo of that tag.
        misplaced_closer = command.startswith("end") and command[3:] in self.tags
        hint = "" if misplaced_closer else self._did_you_mean(command)
        if parse_until:
            expected = _text_list(["'%s'" % p for p in parse_until], "or")
            message = (
                "Invalid block tag on line %s: '%s', expected %s. Did you forget to register or load this tag?"
                % (
                    token.lineno,
                    command,
                    expected,
                )
            )
        else:
            message = "Invalid block tag on line %s: '%s'. Did you forget to register or load this tag?" % (
                token.lineno,
                command,
            )
        raise self.error(token, message + hint)

    def _did_you_mean(self, command: str) -> str:
        close = difflib.get_close_matches(command, list(self.tags), n=3)
        if not close:
            return ""
        return " (Did you mean %s?)" % _text_list(["'%s'" % c for c in close], "or")

    def unclosed_block_tag(self, parse_until: Any) -> None:
        command, token = self.command_stack.pop()
        message = "Unclosed tag on line %s: '%s'. Looking for one of: %s." % (
            token.lineno,
            command,
            ", ".join(parse_until),
        )
        raise self.error(token, message)

    def next_token(self) -> Token:
        return self.tokens.pop()

    def prepend_token(self, token: Token) -> None:
        self.tokens.append(token)

    def delete_first_token(self) -> None:
        del self.tokens[-1]

    def add_library(self, lib: Any) -> None:
        self.tags.update(lib.tags)
        self.filters.update(lib.filters)

    def compile_filter(self, token: str) -> FilterExpression:
        return FilterExpression(token, self)

    def find_filter(self, filter_name: str) -> Any:
        if filter_name in self.filters:
            return self.filters[filter_name]
        close = difflib.get_close_matches(filter_name, list(self.filters), n=3)
        hint = (" (Did you mean %s?)" % _text_list(["'%s'" % c for c in close], "or")) if close else ""
        raise TemplateSyntaxError("Invalid filter: '%s'%s" % (filter_name, hint))
