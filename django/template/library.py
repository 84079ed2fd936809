"""Library: how tag and filter modules register themselves (`register = Library()`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module
from inspect import getfullargspec, unwrap
from typing import Any

from django.template.exceptions import TemplateSyntaxError
from django.template.nodes import READS, WRITES, Node
from django.template.runtime import render_value_in_context
from django.template.variables import FilterExpression


class InvalidTemplateLibrary(Exception):
    pass


class Library:
    """A set of tags and filters, loaded into templates with {% load %} or as builtins."""

    def __init__(self) -> None:
        self.filters: dict[str, Callable] = {}
        self.tags: dict[str, Callable] = {}

    # -- tags ---------------------------------------------------------------------
    def tag(self, name: Any = None, compile_function: Any = None) -> Any:
        if name is None and compile_function is None:
            return self.tag_function  # @register.tag()
        if name is not None and compile_function is None:
            if callable(name):
                return self.tag_function(name)  # @register.tag

            def dec(func: Callable) -> Callable:  # @register.tag('name')
                return self.tag(name, func)

            return dec
        if name is not None and compile_function is not None:
            self.tags[name] = compile_function
            return compile_function
        raise ValueError("Unsupported arguments to Library.tag: (%r, %r)" % (name, compile_function))

    def tag_function(self, func: Callable) -> Callable:
        self.tags[func.__dict__.get("_decorated_function", func).__name__] = func
        return func

    # -- filters ------------------------------------------------------------------
    def filter(self, name: Any = None, filter_func: Any = None, **flags: Any) -> Any:
        if name is None and filter_func is None:

            def dec(func: Callable) -> Callable:  # @register.filter() / (is_safe=True)
                return self.filter_function(func, **flags)

            return dec
        if name is not None and filter_func is None:
            if callable(name):
                return self.filter_function(name, **flags)  # @register.filter

            def dec(func: Callable) -> Callable:  # @register.filter('name')
                return self.filter(name, func, **flags)

            return dec
        if name is not None and filter_func is not None:
            self.filters[name] = filter_func
            for attr in ("expects_localtime", "is_safe", "needs_autoescape"):
                if attr in flags:
                    value = flags[attr]
                    setattr(filter_func, attr, value)
                    # The flags must survive decorators such as stringfilter.
                    if hasattr(filter_func, "_decorated_function"):
                        setattr(filter_func._decorated_function, attr, value)
            filter_func._filter_name = name
            return filter_func
        raise ValueError("Unsupported arguments to Library.filter: (%r, %r)" % (name, filter_func))

    def filter_function(self, func: Callable, **flags: Any) -> Callable:
        return self.filter(func.__dict__.get("_decorated_function", func).__name__, func, **flags)

    # -- helpers for common tag shapes ---------------------------------------------
    def simple_tag(self, func: Any = None, takes_context: bool | None = None, name: str | None = None) -> Any:
        def dec(func: Callable) -> Callable:
            spec = _spec(func)
            function_name = name or func.__dict__.get("_decorated_function", func).__name__

            @functools.wraps(func)
            def compile_func(parser: Any, token: Any) -> Node:
                bits = token.split_contents()[1:]
                target_var = None
                if len(bits) >= 2 and bits[-2] == "as":
                    target_var = bits[-1]
                    bits = bits[:-2]
                args, kwargs = parse_bits(parser, bits, *spec, takes_context, function_name)
                return SimpleNode(func, takes_context, args, kwargs, target_var)

            self.tag(function_name, compile_func)
            return func

        if func is None:
            return dec
        if callable(func):
            return dec(func)
        raise ValueError("Invalid arguments provided to simple_tag")

    def simple_block_tag(
        self,
        func: Any = None,
        takes_context: bool | None = None,
        name: str | None = None,
        end_name: str | None = None,
    ) -> Any:
        def dec(func: Callable) -> Callable:
            params, varargs, varkw, defaults, kwonly, kwonly_defaults = _spec(func)
            function_name = name or func.__dict__.get("_decorated_function", func).__name__
            closing = end_name or "end%s" % function_name
            position = 1 if takes_context else 0
            if len(params) <= position or params[position] != "content":
                if takes_context and (not params or params[0] != "context"):
                    raise TemplateSyntaxError(
                        "'%s' is decorated with takes_context=True so it must have a first argument of 'context' and a second argument of 'content'"
                        % function_name
                    )
                raise TemplateSyntaxError("'%s' must have a first argument of 'content'" % function_name)
            # 'content' is supplied by the tag, not by the template author.
            params = params[:position] + params[position + 1 :]

            @functools.wraps(func)
            def compile_func(parser: Any, token: Any) -> Node:
                tag_params = params
                bits = token.split_contents()[1:]
                target_var = None
                if len(bits) >= 2 and bits[-2] == "as":
                    target_var = bits[-1]
                    bits = bits[:-2]
                nodelist = parser.parse((closing,))
                parser.delete_first_token()
                args, kwargs = parse_bits(
                    parser,
                    bits,
                    tag_params,
                    varargs,
                    varkw,
                    defaults,
                    kwonly,
                    kwonly_defaults,
                    takes_context,
                    function_name,
                )
                return SimpleBlockNode(nodelist, func, takes_context, args, kwargs, target_var)

            self.tag(function_name, compile_func)
            return func

        if func is None:
            return dec
        if callable(func):
            return dec(func)
        raise ValueError("Invalid arguments provided to simple_block_tag")

    def inclusion_tag(
        self,
        filename: Any,
        func: Any = None,
        takes_context: bool | None = None,
        name: str | None = None,
    ) -> Callable:
        def dec(func: Callable) -> Callable:
            spec = _spec(func)
            function_name = name or func.__dict__.get("_decorated_function", func).__name__

            @functools.wraps(func)
            def compile_func(parser: Any, token: Any) -> Node:
                bits = token.split_contents()[1:]
                args, kwargs = parse_bits(parser, bits, *spec, takes_context, function_name)
                return InclusionNode(func, takes_context, args, kwargs, filename)

            self.tag(function_name, compile_func)
            return func

        return dec


def _spec(func: Callable) -> tuple[list[str], Any, Any, Any, list[str], Any]:
    params, varargs, varkw, defaults, kwonly, kwonly_defaults, _ = getfullargspec(unwrap(func))
    return params, varargs, varkw, defaults, kwonly, kwonly_defaults


class TagHelperNode(Node):
    """Base for nodes made by simple_tag and inclusion_tag: resolves the arguments."""

    def __init__(self, func: Callable, takes_context: bool | None, args: list, kwargs: dict) -> None:
        self.func = func
        self.takes_context = takes_context
        self.args = args
        self.kwargs = kwargs

    def get_resolved_arguments(self, context: Any) -> tuple[list, dict]:
        resolved_args = [var.resolve(context) for var in self.args]
        if self.takes_context:
            resolved_args = [context, *resolved_args]
        resolved_kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        return resolved_args, resolved_kwargs

    @property
    def context_effect(self) -> int:  # type: ignore[override]
        if self.takes_context or getattr(self, "target_var", None):
            return WRITES
        return READS


class SimpleNode(TagHelperNode):
    child_nodelists: tuple[str, ...] = ()

    def __init__(
        self, func: Callable, takes_context: Any, args: list, kwargs: dict, target_var: str | None
    ) -> None:
        super().__init__(func, takes_context, args, kwargs)
        self.target_var = target_var

    def render(self, context: Any) -> str:
        resolved_args, resolved_kwargs = self.get_resolved_arguments(context)
        output = self.func(*resolved_args, **resolved_kwargs)
        if self.target_var is not None:
            context[self.target_var] = output
            return ""
        if context.autoescape:
            from django.utils.html import conditional_escape

            output = conditional_escape(output)
        return output


class SimpleBlockNode(SimpleNode):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nodelist = nodelist

    def get_resolved_arguments(self, context: Any) -> tuple[list, dict]:
        resolved_args, resolved_kwargs = super().get_resolved_arguments(context)
        content = self.nodelist.render(context)
        position = 1 if self.takes_context else 0
        resolved_args.insert(position, content)
        return resolved_args, resolved_kwargs


class InclusionNode(TagHelperNode):
    child_nodelists = ()

    def __init__(self, func: Callable, takes_context: Any, args: list, kwargs: dict, filename: Any) -> None:
        super().__init__(func, takes_context, args, kwargs)
        self.filename = filename

    def render(self, context: Any) -> str:
        resolved_args, resolved_kwargs = self.get_resolved_arguments(context)
        _dict = self.func(*resolved_args, **resolved_kwargs)
        template = context.render_context.get(self)
        if template is None:
            filename = self.filename
            if isinstance(filename, str):
                template = context.template.engine.get_template(filename)
            elif hasattr(filename, "template"):
                template = filename.template
            elif not hasattr(filename, "render"):
                template = context.template.engine.select_template(filename)
            else:
                template = filename
            context.render_context[self] = template
        new_context = context.new(_dict)
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            new_context["csrf_token"] = csrf_token
        return template.render(new_context)


def parse_bits(
    parser: Any,
    bits: list[str],
    params: list[str],
    varargs: Any,
    varkw: Any,
    defaults: Any,
    kwonly: list[str],
    kwonly_defaults: Any,
    takes_context: Any,
    name: str,
) -> tuple[list, dict]:
    """Match a tag's bits against the function's signature, like a Python call."""
    if takes_context:
        if params and params[0] == "context":
            params = params[1:]
        else:
            raise TemplateSyntaxError(
                "'%s' is decorated with takes_context=True so it must have a first argument of 'context'"
                % name
            )
    args: list[FilterExpression] = []
    kwargs: dict[str, FilterExpression] = {}
    unhandled = list(params)
    unhandled_kwonly = [k for k in kwonly if not kwonly_defaults or k not in kwonly_defaults]
    for bit in bits:
        kwarg = _kwarg(bit, parser)
        if kwarg:
            param, value = next(iter(kwarg.items()))
            if param not in params and param not in kwonly and varkw is None:
                raise TemplateSyntaxError("'%s' received unexpected keyword argument '%s'" % (name, param))
            if param in kwargs:
                raise TemplateSyntaxError(
                    "'%s' received multiple values for keyword argument '%s'" % (name, param)
                )
            kwargs[param] = value
            if param in unhandled:
                unhandled.remove(param)
            elif param in unhandled_kwonly:
                unhandled_kwonly.remove(param)
            continue
        if kwargs:
            raise TemplateSyntaxError(
                "'%s' received some positional argument(s) after some keyword argument(s)" % name
            )
        args.append(parser.compile_filter(bit))
        if unhandled:
            unhandled.pop(0)
        elif varargs is None:
            raise TemplateSyntaxError("'%s' received too many positional arguments" % name)
    required = params[: len(params) - len(defaults or ())]
    unhandled = [p for p in unhandled if p in required]
    if unhandled or unhandled_kwonly:
        raise TemplateSyntaxError(
            "'%s' did not receive value(s) for the argument(s): %s"
            % (name, ", ".join("'%s'" % p for p in unhandled + unhandled_kwonly))
        )
    return args, kwargs


def _kwarg(bit: str, parser: Any) -> dict:
    import re

    match = re.match(r"^(\w+)=(.+)$", bit)
    if not match:
        return {}
    return {match[1]: parser.compile_filter(match[2])}


def import_library(name: str) -> Library:
    """Import a module by dotted path and return its `register` Library."""
    try:
        module = import_module(name)
    except ImportError as exc:
        raise InvalidTemplateLibrary(
            "Invalid template library specified. ImportError raised when trying to load '%s': %s"
            % (name, exc)
        )
    try:
        return module.register
    except AttributeError:
        raise InvalidTemplateLibrary("Module %s does not have a variable named 'register'" % name)


__all__ = ["InvalidTemplateLibrary", "Library", "import_library", "parse_bits", "render_value_in_context"]
