"""call_command(): run a management command from Python code."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError

# Actions that take no value: passing them by name means "present".
VALUELESS_ACTIONS = (argparse._StoreConstAction, argparse._AppendConstAction, argparse._CountAction)


def _resolve_command(command_name: str | BaseCommand) -> tuple[BaseCommand, str]:
    from django.core.management import get_commands, load_command_class

    if isinstance(command_name, BaseCommand):
        return command_name, type(command_name).__module__.rpartition(".")[2]
    app_name: Any = get_commands().get(command_name)
    if app_name is None:
        raise CommandError(f"Unknown command: {command_name!r}")
    if isinstance(app_name, BaseCommand):
        return app_name, command_name
    return load_command_class(app_name, command_name), command_name


def _all_actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                yield from _all_actions(subparser)
        else:
            yield action


def _flatten(values: Any) -> list[str]:
    if isinstance(values, list | tuple):
        return [str(value) for value in values]
    return [str(values)]


def call_command(command_name: str | BaseCommand, *args: Any, **options: Any) -> Any:
    """Run a command by name (or a command object) with positional args and options.

    Options may be given by their option name (`no_color`) or their dest; required options
    are passed through the parser so it validates them. System checks are skipped unless
    skip_checks=False is passed.
    """
    command, name = _resolve_command(command_name)
    parser = command.create_parser("", name)
    # "--no-color" -> "no_color", mapped to the dest argparse stores it under.
    option_dests = {
        min(action.option_strings).lstrip("-").replace("-", "_"): action.dest
        for action in parser._actions
        if action.option_strings
    }
    arg_options = {option_dests.get(key, key): value for key, value in options.items()}
    actions = list(_all_actions(parser))
    parse_args = [part for arg in args for part in _flatten(arg)]
    parse_args += _required_options_as_args(parser, actions, options, option_dests, arg_options)

    unknown = set(options) - _valid_option_names(command, actions, option_dests)
    if unknown:
        valid = _valid_option_names(command, actions, option_dests)
        raise TypeError(
            f"Unknown option(s) for {name} command: {', '.join(sorted(unknown))}. "
            f"Valid options are: {', '.join(sorted(valid))}."
        )
    defaults = dict(vars(parser.parse_args(args=parse_args)), **arg_options)
    positional = defaults.pop("args", ())
    if "skip_checks" not in options:
        defaults["skip_checks"] = True
    return command.execute(*positional, **defaults)


def _required_options_as_args(
    parser: argparse.ArgumentParser,
    actions: list[argparse.Action],
    options: dict[str, Any],
    option_dests: dict[str, str],
    arg_options: dict[str, Any],
) -> list[str]:
    """Command-line form of the required options passed by keyword, so argparse accepts them."""
    required_in_groups = {
        action
        for group in parser._mutually_exclusive_groups
        if group.required
        for action in group._group_actions
    }
    extra: list[str] = []
    for action in actions:
        if action.dest not in options or not (action.required or action in required_in_groups):
            continue
        if sum(dest == action.dest for dest in option_dests.values()) > 1:
            raise TypeError(
                f"Cannot pass the dest {action.dest!r} that matches multiple arguments via **options."
            )
        extra.append(min(action.option_strings))
        if not isinstance(action, VALUELESS_ACTIONS):
            extra += _flatten(arg_options[action.dest])
    return extra


def _valid_option_names(
    command: BaseCommand, actions: list[argparse.Action], option_dests: dict[str, str]
) -> set[str]:
    stealth = set(command.base_stealth_options) | set(command.stealth_options)
    return {action.dest for action in actions} | stealth | set(option_dests)
