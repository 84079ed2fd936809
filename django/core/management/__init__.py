"""Management commands: discovery, call_command() and the django-admin / manage.py entry point."""

from __future__ import annotations

import functools
import os
import pkgutil
import sys
from collections import defaultdict
from difflib import get_close_matches
from importlib import import_module
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    handle_default_options,
)
from django.core.management.calling import call_command
from django.core.management.color import color_style

__all__ = [
    "BaseCommand",
    "CommandError",
    "CommandParser",
    "ManagementUtility",
    "call_command",
    "execute_from_command_line",
    "find_commands",
    "get_commands",
    "load_command_class",
]

# Commands that do their job without a project's settings.
SETTINGS_FREE_COMMANDS = frozenset(
    {"help", "version", "startproject", "startapp", "--version", "--help", "-h"}
)


def find_commands(management_dir: str) -> list[str]:
    """The command names in <management_dir>/commands (modules not starting with an underscore)."""
    command_dir = os.path.join(management_dir, "commands")
    return [
        name
        for _, name, is_package in pkgutil.iter_modules([command_dir])
        if not is_package and not name.startswith("_")
    ]


def load_command_class(app_name: str, name: str) -> BaseCommand:
    """Import <app_name>.management.commands.<name> and instantiate its Command class."""
    module = import_module(f"{app_name}.management.commands.{name}")
    return module.Command()


@functools.cache
def get_commands() -> dict[str, str]:
    """Map each available command name to the app that provides it ("django.core" for built-ins).

    An installed app's command overrides a core one of the same name, and apps listed earlier
    in INSTALLED_APPS win over later ones. Only file names are read here, nothing is imported.
    """
    commands = dict.fromkeys(find_commands(os.path.dirname(__file__)), "django.core")
    if not settings.configured or not apps.apps_ready:
        return commands
    for app_config in reversed(list(apps.get_app_configs())):
        path = os.path.join(app_config.path, "management")
        commands.update(dict.fromkeys(find_commands(path), app_config.name))
    return commands


class ManagementUtility:
    """The logic of django-admin and manage.py: pick a subcommand and run it."""

    def __init__(self, argv: list[str] | None = None) -> None:
        self.argv = argv or sys.argv[:]
        self.prog_name = os.path.basename(self.argv[0])
        if self.prog_name == "__main__.py":
            self.prog_name = "python -m django"
        self.settings_exception: BaseException | None = None

    def main_help_text(self, commands_only: bool = False) -> str:
        """The `help` output: every command, grouped under the app that provides it."""
        if commands_only:
            return "\n".join(sorted(get_commands()))
        lines = [
            "",
            f"Type '{self.prog_name} help <subcommand>' for help on a specific subcommand.",
            "",
            "Available subcommands:",
        ]
        by_app: defaultdict[str, list[str]] = defaultdict(list)
        for name, app in get_commands().items():
            by_app["django" if app == "django.core" else app.rpartition(".")[2]].append(name)
        style = color_style()
        for app in sorted(by_app):
            lines += ["", style.NOTICE(f"[{app}]")]
            lines += [f"    {name}" for name in sorted(by_app[app])]
        if self.settings_exception is not None:
            lines.append(
                style.NOTICE(
                    "Note that only Django core commands are listed as settings are not properly "
                    f"configured (error: {self.settings_exception})."
                )
            )
        return "\n".join(lines)

    def fetch_command(self, subcommand: str) -> BaseCommand:
        """The command object for subcommand; an unknown name exits 1 with the closest suggestion."""
        commands = get_commands()
        app_name: Any = commands.get(subcommand)
        if app_name is None:
            if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
                sys.stderr.write("No Django settings specified.\n")
            message = f"Unknown command: {subcommand!r}"
            matches = get_close_matches(subcommand, commands)
            if matches:
                message += f". Did you mean {matches[0]}?"
            sys.stderr.write(f"{message}\nType '{self.prog_name} help' for usage.\n")
            sys.exit(1)
        if isinstance(app_name, BaseCommand):
            return app_name  # a command object registered directly, as tests sometimes do
        return load_command_class(app_name, subcommand)

    def execute(self) -> None:
        """Parse --settings/--pythonpath, set Django up, then run the requested subcommand."""
        subcommand = self.argv[1] if len(self.argv) > 1 else "help"
        parser = CommandParser(
            prog=self.prog_name,
            usage="%(prog)s subcommand [options] [args]",
            add_help=False,
            allow_abbrev=False,
        )
        parser.add_argument("--settings")
        parser.add_argument("--pythonpath")
        parser.add_argument("args", nargs="*")
        try:
            options, args = parser.parse_known_args(self.argv[2:])
            handle_default_options(options)
        except CommandError:
            options, args = parser.parse_known_args([])  # bad options are reported by the command itself
        self._load_settings(subcommand)
        if subcommand == "help":
            self._help(options, args)
        elif subcommand == "version" or self.argv[1:] == ["--version"]:
            sys.stdout.write(django.get_version() + "\n")
        elif self.argv[1:] in (["--help"], ["-h"]):
            sys.stdout.write(self.main_help_text() + "\n")
        else:
            self._run(subcommand)

    def _load_settings(self, subcommand: str) -> None:
        """Import settings and populate the apps; a broken settings module is a clean error."""
        try:
            settings.INSTALLED_APPS
        except Exception as exc:  # not configured, not importable, or the file itself raised
            self.settings_exception = exc
            if os.environ.get("DJANGO_SETTINGS_MODULE") and subcommand not in SETTINGS_FREE_COMMANDS:
                self._exit_with_error(_describe_settings_error(exc))
            return
        if subcommand == "runserver" and "--noreload" not in self.argv:
            self._setup_for_reloader()
        else:
            self._setup(subcommand)

    def _setup(self, subcommand: str) -> None:
        try:
            django.setup()
        except Exception as exc:
            if subcommand in SETTINGS_FREE_COMMANDS:
                # These commands never need the app registry; a broken app must not block them.
                self.settings_exception = exc
            elif isinstance(exc, ImproperlyConfigured) and "--traceback" not in self.argv:
                self._exit_with_error(f"ImproperlyConfigured: {exc}")
            else:
                raise

    def _setup_for_reloader(self) -> None:
        """Set Django up for runserver's reloader: an error in user code must not stop it.

        The failing file is remembered by the autoreloader, which watches it and restarts once
        it changes; meanwhile the registry is left empty but marked ready so the server can start.
        """
        from django.utils import autoreload

        try:
            autoreload.check_errors(django.setup)()
        except Exception:
            apps.all_models = defaultdict(dict)
            apps.app_configs = {}
            apps.apps_ready = apps.models_ready = apps.ready = True
            # Drop the arguments the runserver parser would not know, so it can still start.
            runserver_parser = self.fetch_command("runserver").create_parser("django", "runserver")
            _, unknown = runserver_parser.parse_known_args(self.argv[2:])
            for argument in unknown:
                self.argv.remove(argument)

    def _help(self, options: Any, args: list[str]) -> None:
        if "--commands" in args:
            sys.stdout.write(self.main_help_text(commands_only=True) + "\n")
        elif not options.args:
            sys.stdout.write(self.main_help_text() + "\n")
        else:
            self.fetch_command(options.args[0]).print_help(self.prog_name, options.args[0])

    def _run(self, subcommand: str) -> None:
        command = self.fetch_command(subcommand)
        try:
            command.run_from_argv(self.argv)
        except ImproperlyConfigured as exc:
            # A configuration mistake is the user's to fix: show what to set, not our stack.
            if "--traceback" in self.argv:
                raise
            self._exit_with_error(f"ImproperlyConfigured: {exc}")

    @staticmethod
    def _exit_with_error(message: str) -> None:
        sys.stderr.write(color_style().ERROR(message) + "\n")
        sys.exit(1)


def _describe_settings_error(exc: BaseException) -> str:
    if isinstance(exc, ImproperlyConfigured):
        return f"ImproperlyConfigured: {exc}"
    module = os.environ.get("DJANGO_SETTINGS_MODULE")
    where = ""
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f" ({exc.filename}, line {exc.lineno})"
    elif exc.__traceback__ is not None:
        import traceback

        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f" ({frame.filename}, line {frame.lineno})"
    return (
        f"Error: the settings module {module!r} could not be imported: {type(exc).__name__}: {exc}{where}. "
        "Fix the settings file, or point DJANGO_SETTINGS_MODULE (or --settings) at another module."
    )


def execute_from_command_line(argv: list[str] | None = None) -> None:
    """Run a management command as django-admin / manage.py would."""
    ManagementUtility(argv).execute()
