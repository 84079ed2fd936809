"""BaseCommand and friends: the argparse-based base classes of every management command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from functools import partial
from io import TextIOBase
from typing import Any, TextIO

import django
from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import Style, color_style, no_style

ALL_CHECKS = "__all__"

# The options every command accepts; the help lists them after the command's own.
BASE_OPTIONS = frozenset(
    {
        "--version",
        "--verbosity",
        "--traceback",
        "--settings",
        "--pythonpath",
        "--no-color",
        "--force-color",
        "--skip-checks",
    }
)


class CommandError(Exception):
    """A problem while running a command: printed as a message on stderr, exit status `returncode`."""

    def __init__(self, *args: Any, returncode: int = 1, **kwargs: Any) -> None:
        self.returncode = returncode
        super().__init__(*args, **kwargs)


class SystemCheckError(CommandError):
    """The system checks found problems serious enough to stop the command."""


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser that raises CommandError instead of exiting when called from code."""

    def __init__(
        self,
        *,
        missing_args_message: str | None = None,
        called_from_command_line: bool | None = None,
        **kwargs: Any,
    ) -> None:
        self.missing_args_message = missing_args_message
        self.called_from_command_line = called_from_command_line
        super().__init__(**kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> argparse.Namespace:  # type: ignore[override]
        if self.missing_args_message and not args:
            self.error(self.missing_args_message)
        return super().parse_args(args, namespace)

    def error(self, message: str) -> Any:  # type: ignore[override]
        if self.called_from_command_line:
            super().error(message)
        raise CommandError(f"Error: {message}")

    def add_subparsers(self, **kwargs: Any) -> Any:
        parser_class = kwargs.get("parser_class", type(self))
        if issubclass(parser_class, CommandParser):
            kwargs["parser_class"] = partial(
                parser_class, called_from_command_line=self.called_from_command_line
            )
        return super().add_subparsers(**kwargs)


def handle_default_options(options: argparse.Namespace) -> None:
    """Apply --settings and --pythonpath before anything reads settings."""
    if getattr(options, "settings", None):
        os.environ["DJANGO_SETTINGS_MODULE"] = options.settings
    if getattr(options, "pythonpath", None):
        sys.path.insert(0, options.pythonpath)


def no_translations(handle_func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: run handle() with translations deactivated (for output that must not be localized)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from django.utils import translation

        saved = translation.get_language()
        translation.deactivate_all()
        try:
            return handle_func(*args, **kwargs)
        finally:
            if saved is not None:
                translation.activate(saved)

    return wrapper


class DjangoHelpFormatter(argparse.HelpFormatter):
    """Lists a command's own arguments before the options shared by every command."""

    def _reordered(self, actions: Iterable[argparse.Action]) -> list[argparse.Action]:
        return sorted(actions, key=lambda action: bool(set(action.option_strings) & BASE_OPTIONS))

    def add_usage(self, usage: Any, actions: Iterable[argparse.Action], *args: Any, **kwargs: Any) -> None:
        super().add_usage(usage, self._reordered(actions), *args, **kwargs)

    def add_arguments(self, actions: Iterable[argparse.Action]) -> None:
        super().add_arguments(self._reordered(actions))


class OutputWrapper(TextIOBase):
    """A stream wrapper that appends a line ending and applies a style only on terminals."""

    def __init__(self, out: TextIO, ending: str = "\n") -> None:
        self._out = out
        self.style_func = None  # type: ignore[assignment]
        self.ending = ending

    @property
    def style_func(self) -> Callable[[str], str]:
        return self._style_func

    @style_func.setter
    def style_func(self, style_func: Callable[[str], str] | None) -> None:
        self._style_func = style_func if style_func and self.isatty() else _unstyled

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)

    def flush(self) -> None:
        if hasattr(self._out, "flush"):
            self._out.flush()

    def isatty(self) -> bool:
        return hasattr(self._out, "isatty") and self._out.isatty()

    def write(  # type: ignore[override]
        self, msg: str = "", style_func: Callable[[str], str] | None = None, ending: str | None = None
    ) -> None:
        ending = self.ending if ending is None else ending
        if ending and not msg.endswith(ending):
            msg += ending
        self._out.write((style_func or self.style_func)(msg))


def _unstyled(text: str) -> str:
    return text


class BaseCommand:
    """The base of every management command: parse arguments, run checks, call handle()."""

    help = ""
    _called_from_command_line = False
    output_transaction = False  # wrap the output of handle() in BEGIN; ... COMMIT;
    requires_migrations_checks = False
    requires_system_checks: str | list[str] | tuple[str, ...] = ALL_CHECKS
    base_stealth_options: tuple[str, ...] = ("stderr", "stdout")
    stealth_options: tuple[str, ...] = ()
    suppressed_base_arguments: set[str] = set()
    missing_args_message: str | None = None

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        no_color: bool = False,
        force_color: bool = False,
    ) -> None:
        self.stdout = OutputWrapper(stdout or sys.stdout)
        self.stderr = OutputWrapper(stderr or sys.stderr)
        if no_color and force_color:
            raise CommandError("'no_color' and 'force_color' can't be used together.")
        self.style: Style
        if no_color:
            self.style = no_style()
        else:
            self.style = color_style(force_color)
            self.stderr.style_func = self.style.ERROR
        checks = self.requires_system_checks
        if checks != ALL_CHECKS and not isinstance(checks, list | tuple):
            raise TypeError("requires_system_checks must be a list or tuple.")

    def get_version(self) -> str:
        return django.get_version()

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        """The argument parser for this command: base options plus add_arguments()."""
        kwargs.setdefault("formatter_class", DjangoHelpFormatter)
        parser = CommandParser(
            prog=f"{os.path.basename(prog_name)} {subcommand}",
            description=self.help or None,
            missing_args_message=self.missing_args_message,
            called_from_command_line=self._called_from_command_line,
            **kwargs,
        )
        self._add_base_arguments(parser)
        self.add_arguments(parser)
        return parser

    def _add_base_arguments(self, parser: CommandParser) -> None:
        add = partial(self.add_base_argument, parser)
        add(
            "--version",
            action="version",
            version=self.get_version(),
            help="Show program's version number and exit.",
        )
        add(
            "-v",
            "--verbosity",
            default=1,
            type=int,
            choices=[0, 1, 2, 3],
            help="Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, 3=very verbose output",
        )
        add(
            "--settings",
            help='The Python path to a settings module, e.g. "myproject.settings.main". If this isn\'t '
            "provided, the DJANGO_SETTINGS_MODULE environment variable will be used.",
        )
        add(
            "--pythonpath",
            help='A directory to add to the Python path, e.g. "/home/djangoprojects/myproject".',
        )
        add("--traceback", action="store_true", help="Display a full stack trace on CommandError exceptions.")
        add("--no-color", action="store_true", help="Don't colorize the command output.")
        add("--force-color", action="store_true", help="Force colorization of the command output.")
        if self.requires_system_checks:
            parser.add_argument("--skip-checks", action="store_true", help="Skip system checks.")

    def add_base_argument(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        """Add a shared option, hiding its help if the command lists it in suppressed_base_arguments."""
        if any(arg in self.suppressed_base_arguments for arg in args):
            kwargs["help"] = argparse.SUPPRESS
        parser.add_argument(*args, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        """Override to add the command's own arguments."""

    def print_help(self, prog_name: str, subcommand: str) -> None:
        self.create_parser(prog_name, subcommand).print_help()

    def run_from_argv(self, argv: list[str]) -> None:
        """Run from the command line: errors become a message on stderr and an exit status."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as exc:
            if options.traceback:
                raise
            if isinstance(exc, SystemCheckError):
                self.stderr.write(str(exc), _unstyled)
            else:
                self.stderr.write(f"{type(exc).__name__}: {exc}")
            sys.exit(exc.returncode)
        finally:
            _close_connections()

    def execute(self, *args: Any, **options: Any) -> Any:
        """Apply the output options, run the checks, then handle() and print what it returns."""
        if options.get("force_color") and options.get("no_color"):
            raise CommandError("The --no-color and --force-color options can't be used together.")
        if options.get("force_color"):
            self.style = color_style(force_color=True)
        elif options.get("no_color"):
            self.style = no_style()
            self.stderr.style_func = None  # type: ignore[assignment]
        if options.get("stdout"):
            self.stdout = OutputWrapper(options["stdout"])
        if options.get("stderr"):
            self.stderr = OutputWrapper(options["stderr"])
        if self.requires_system_checks and not options.get("skip_checks"):
            if self.requires_system_checks == ALL_CHECKS:
                self.check()
            else:
                self.check(tags=self.requires_system_checks)  # type: ignore[arg-type]
        if self.requires_migrations_checks:
            self.check_migrations()
        output = self.handle(*args, **options)
        if output:
            if self.output_transaction:
                output = self._wrap_in_transaction(output, options.get("database"))
            self.stdout.write(output)
        return output

    def _wrap_in_transaction(self, output: str, database: str | None) -> str:
        from django.db import DEFAULT_DB_ALIAS, connections

        ops = connections[database or DEFAULT_DB_ALIAS].ops
        begin = self.style.SQL_KEYWORD(ops.start_transaction_sql())
        end = self.style.SQL_KEYWORD(ops.end_transaction_sql())
        return f"{begin}\n{output}\n{end}"

    def check(
        self,
        app_configs: Any = None,
        tags: Any = None,
        display_num_errors: bool = False,
        include_deployment_checks: bool = False,
        fail_level: int | None = None,
        databases: Any = None,
    ) -> None:
        """Run the system checks; print what they found and raise SystemCheckError at fail_level."""
        from django.core.management.check_report import report_checks

        report_checks(
            self,
            app_configs=app_configs,
            tags=tags,
            display_num_errors=display_num_errors,
            include_deployment_checks=include_deployment_checks,
            fail_level=fail_level,
            databases=databases,
        )

    def check_migrations(self) -> None:
        """Warn when migrations are not applied (only once the migrations package exists)."""
        from django.core.management.check_report import warn_unapplied_migrations

        warn_unapplied_migrations(self)

    def handle(self, *args: Any, **options: Any) -> str | None:
        """The command's work; return a string to have it printed on stdout."""
        raise NotImplementedError("subclasses of BaseCommand must provide a handle() method")


class AppCommand(BaseCommand):
    """A command that takes one or more installed app labels and handles each."""

    missing_args_message = "Enter at least one application label."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", metavar="app_label", nargs="+", help="One or more application label.")

    def handle(self, *app_labels: str, **options: Any) -> str | None:
        from django.apps import apps

        try:
            app_configs = [apps.get_app_config(label) for label in app_labels]
        except (LookupError, ImportError) as exc:
            raise CommandError(f"{exc}. Are you sure your INSTALLED_APPS setting is correct?")
        output = []
        for app_config in app_configs:
            app_output = self.handle_app_config(app_config, **options)
            if app_output:
                output.append(app_output)
        return "\n".join(output)

    def handle_app_config(self, app_config: Any, **options: Any) -> str | None:
        raise NotImplementedError("Subclasses of AppCommand must provide a handle_app_config() method.")


class LabelCommand(BaseCommand):
    """A command that takes one or more arbitrary labels and handles each."""

    label = "label"
    missing_args_message = "Enter at least one %s."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.missing_args_message and "%s" in self.missing_args_message:
            self.missing_args_message = self.missing_args_message % self.label
        super().__init__(*args, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", metavar=self.label, nargs="+")

    def handle(self, *labels: str, **options: Any) -> str | None:
        output = []
        for label in labels:
            label_output = self.handle_label(label, **options)
            if label_output:
                output.append(label_output)
        return "\n".join(output)

    def handle_label(self, label: str, **options: Any) -> str | None:
        raise NotImplementedError("subclasses of LabelCommand must provide a handle_label() method")


def _close_connections() -> None:
    """Close database connections a command opened, if the database layer was ever used."""
    if "django.db" not in sys.modules:
        return
    try:
        from django.db import connections

        connections.close_all()
    except (ImproperlyConfigured, ImportError, AttributeError):
        pass
