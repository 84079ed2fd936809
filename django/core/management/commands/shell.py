"""shell: a Python shell with the project's settings and models imported."""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

# What 6.0 imports in every shell, before the models of the installed apps.
DEFAULT_AUTO_IMPORTS = [
    "django.conf.settings",
    "django.db.connection",
    "django.db.reset_queries",
    "django.db.models",
    "django.utils.timezone",
]


class Command(BaseCommand):
    help = (
        "Runs a Python interactive interpreter. Tries to use IPython or bpython, if one of them is "
        "available. Any standard input is executed as code."
    )

    requires_system_checks: list[str] = []
    shells = ["ipython", "bpython", "python"]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-startup",
            action="store_true",
            help="When using plain Python, ignore the PYTHONSTARTUP environment variable and ~/.pythonrc.py script.",
        )
        parser.add_argument("--no-imports", action="store_true", help="Disable automatic imports of models.")
        parser.add_argument(
            "-i",
            "--interface",
            choices=self.shells,
            help='Specify an interactive interpreter interface. Available options: "ipython", "bpython", and "python"',
        )
        parser.add_argument(
            "-c",
            "--command",
            help="Instead of opening an interactive shell, run a command as Django and exit.",
        )

    # ------------------------------------------------------------------ automatic imports
    def get_auto_imports(self) -> Sequence[str] | None:
        """Dotted paths imported into the shell; override to add or remove (None disables)."""
        model_paths = [
            f"{model.__module__}.{model.__name__}"
            for app_config in reversed(list(apps.get_app_configs()))
            for model in app_config.get_models()
        ]
        return [*DEFAULT_AUTO_IMPORTS, *model_paths]

    def get_namespace(self, **options: Any) -> dict[str, Any]:
        if options.get("no_imports"):
            return {}
        paths = self.get_auto_imports()
        if paths is None:
            return {}
        namespace: dict[str, Any] = {}
        by_module: defaultdict[str | None, list[str]] = defaultdict(list)
        failed = []
        for path in paths:
            try:
                value = _import_path(path)
            except ImportError:
                failed.append(path)
                continue
            module, _, name = path.rpartition(".")
            if namespace.get(name) is value:
                continue  # the same object listed twice
            namespace[name] = value
            by_module[module or None].append(name)
        self._report_imports(namespace, by_module, failed, options)
        return namespace

    def _report_imports(
        self,
        namespace: dict[str, Any],
        by_module: dict[str | None, list[str]],
        failed: list[str],
        options: dict[str, Any],
    ) -> None:
        verbosity = options.get("verbosity", 1)
        if verbosity < 1:
            return
        if failed:
            self.stdout.write("Automatic imports failed for: " + ", ".join(failed) + ".")
        # -c and piped input are for scripts: keep their output clean unless asked for details.
        interactive = not options.get("command") and sys.stdin.isatty()
        if verbosity < 2 and not interactive:
            return
        count = len(namespace)
        summary = f"{count} object{'s' if count != 1 else ''} imported automatically"
        if verbosity < 2:
            self.stdout.write(f"{summary} (use -v 2 for details).")
            return
        lines = [
            f"from {module} import {', '.join(names)}" if module else f"import {', '.join(names)}"
            for module, names in by_module.items()
        ]
        self.stdout.write(f"{summary}:\n\n" + "\n".join(lines) + ("\n" if lines else ""))

    # ------------------------------------------------------------------ interpreters
    def ipython(self, options: dict[str, Any]) -> None:
        from IPython import start_ipython

        start_ipython(argv=[], user_ns=self.get_namespace(**options))

    def bpython(self, options: dict[str, Any]) -> None:
        import bpython

        bpython.embed(self.get_namespace(**options))

    def python(self, options: dict[str, Any]) -> None:
        import code

        namespace = self.get_namespace(**options)
        if not options["no_startup"]:
            self._run_startup_files(namespace)
        _enable_completion(namespace)
        code.interact(local=namespace)

    def _run_startup_files(self, namespace: dict[str, Any]) -> None:
        for startup in (os.environ.get("PYTHONSTARTUP"), os.path.expanduser("~/.pythonrc.py")):
            if not startup or not os.path.isfile(startup):
                continue
            with open(startup) as handle:
                try:
                    exec(compile(handle.read(), startup, "exec"), namespace)
                except Exception:  # noqa: BLE001 - a broken rc file must not stop the shell
                    import traceback

                    traceback.print_exc()

    def handle(self, **options: Any) -> None:
        if options["command"]:
            exec(options["command"], {"__name__": "__main__", **self.get_namespace(**options)})
            return
        if not sys.stdin.isatty():
            # Piped input (`echo "print(1)" | manage.py shell`) runs as a script.
            exec(sys.stdin.read(), {"__name__": "__main__", **self.get_namespace(**options)})
            return
        choices: list[str] = [options["interface"]] if options["interface"] else self.shells
        for shell in choices:
            runner: Callable[[dict[str, Any]], None] = getattr(self, shell)
            try:
                return runner(options)
            except ImportError:
                continue
        raise CommandError(f"Couldn't import {choices[0]} interface.")


def _import_path(path: str) -> Any:
    """The object at a dotted path: a module ("django.utils.timezone") or an attribute of one."""
    try:
        return import_module(path)
    except ImportError:
        if "." not in path:
            raise
    return import_string(path)


def _enable_completion(namespace: dict[str, Any]) -> None:
    try:
        import readline
        import rlcompleter
    except ImportError:
        return
    readline.set_completer(rlcompleter.Completer(namespace).complete)
    readline.parse_and_bind("tab: complete")
