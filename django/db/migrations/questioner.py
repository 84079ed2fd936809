"""What makemigrations asks the user when the autodetector cannot decide on its own."""

from __future__ import annotations

import datetime
import importlib
import os
import sys
from typing import Any

from django.apps import apps
from django.db.models import NOT_PROVIDED
from django.utils import timezone

from .loader import MigrationLoader


class MigrationQuestioner:
    """Answers with safe defaults and never asks; subclasses prompt or log instead."""

    def __init__(self, defaults: dict | None = None, specified_apps: Any = None, dry_run: bool | None = None):
        self.defaults = defaults or {}
        self.specified_apps = specified_apps or set()
        self.dry_run = dry_run

    def ask_initial(self, app_label: str) -> bool:
        """Should the first migration of this app be made? Yes if its migrations package is empty."""
        if app_label in self.specified_apps:
            return True
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            return self.defaults.get("ask_initial", False)
        module_name, _ = MigrationLoader.migrations_module(app_config.label)
        if module_name is None:
            return False
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            return self.defaults.get("ask_initial", False)
        module_file = getattr(module, "__file__", None)
        if module_file:
            filenames = os.listdir(os.path.dirname(module_file))
        elif hasattr(module, "__path__"):
            if len(module.__path__) > 1:
                return False
            filenames = os.listdir(list(module.__path__)[0])
        else:
            return False
        return not any(x.endswith(".py") for x in filenames if x != "__init__.py")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        return None

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        return None

    def ask_rename(self, model_name: str, old_name: str, new_name: str, field_instance: Any) -> bool:
        return self.defaults.get("ask_rename", False)

    def ask_rename_model(self, old_model_state: Any, new_model_state: Any) -> bool:
        return self.defaults.get("ask_rename_model", False)

    def ask_merge(self, app_label: str) -> bool:
        return self.defaults.get("ask_merge", False)

    def ask_auto_now_add_addition(self, field_name: str, model_name: str) -> Any:
        return None

    def ask_unique_callable_default_addition(self, field_name: str, model_name: str) -> Any:
        return None


class InteractiveMigrationQuestioner(MigrationQuestioner):
    """Asks on the terminal (stdin/stdout of the command)."""

    def __init__(
        self, defaults: Any = None, specified_apps: Any = None, dry_run: Any = None, prompt_output: Any = None
    ) -> None:
        super().__init__(defaults=defaults, specified_apps=specified_apps, dry_run=dry_run)
        self.prompt_output = prompt_output or _StdoutWriter()

    def _read_answer(self) -> str:
        """One line of input; a closed stdin ends the command instead of raising a traceback."""
        try:
            return input()
        except EOFError:
            self.prompt_output.write("\nNo answer: the input ended. Use --noinput to run without questions.")
            sys.exit(1)

    def _boolean_input(self, question: str, default: bool | None = None) -> bool:
        self.prompt_output.write(f"{question} ", ending="")
        result = self._read_answer()
        if not result and default is not None:
            return default
        while not result or result[0].lower() not in "yn":
            self.prompt_output.write("Please answer yes or no: ", ending="")
            result = self._read_answer()
        return result[0].lower() == "y"

    def _choice_input(self, question: str, choices: list[str]) -> int:
        self.prompt_output.write(question)
        for i, choice in enumerate(choices):
            self.prompt_output.write(f" {i + 1}) {choice}")
        self.prompt_output.write("Select an option: ", ending="")
        while True:
            result = self._read_answer()
            try:
                value = int(result)
            except ValueError:
                pass
            else:
                if 0 < value <= len(choices):
                    return value
            self.prompt_output.write("Please select a valid option: ", ending="")

    def _ask_default(self, default: str = "") -> Any:
        """Read a Python expression for a one-off default; datetime and timezone are available."""
        self.prompt_output.write("Please enter the default value as valid Python.")
        if default:
            self.prompt_output.write(
                f"Accept the default '{default}' by pressing 'Enter' or provide another value."
            )
        self.prompt_output.write(
            "The datetime and django.utils.timezone modules are available, so it is possible to provide "
            "e.g. timezone.now as a value."
        )
        self.prompt_output.write("Type 'exit' to exit this prompt")
        while True:
            prompt = f"[default: {default}] >>> " if default else ">>> "
            self.prompt_output.write(prompt, ending="")
            try:
                code = self._read_answer()
            except KeyboardInterrupt:
                self.prompt_output.write("\nCancelled.")
                sys.exit(1)
            if not code and default:
                code = default
            if not code:
                self.prompt_output.write("Please enter some code, or 'exit' (without quotes) to exit.")
            elif code == "exit":
                sys.exit(1)
            else:
                try:
                    return eval(code, {}, {"datetime": datetime, "timezone": timezone})  # noqa: S307
                except Exception as exc:
                    self.prompt_output.write(f"{exc.__class__.__name__}: {exc}")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        if self.dry_run:
            return None
        choice = self._choice_input(
            f"It is impossible to add a non-nullable field '{field_name}' to {model_name} without specifying "
            "a default. This is because the database needs something to populate existing rows.\n"
            "Please select a fix:",
            [
                "Provide a one-off default now (will be set on all existing rows with a null value for this "
                "column)",
                "Quit and manually define a default value in models.py.",
            ],
        )
        if choice == 2:
            sys.exit(3)
        return self._ask_default()

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        if self.dry_run:
            return None
        choice = self._choice_input(
            f"It is impossible to change a nullable field '{field_name}' on {model_name} to non-nullable "
            "without providing a default. This is because the database needs something to populate "
            "existing rows.\nPlease select a fix:",
            [
                "Provide a one-off default now (will be set on all existing rows with a null value for this "
                "column)",
                "Ignore for now. Existing rows that contain NULL values will have to be handled manually, "
                "for example with a RunPython or RunSQL operation.",
                "Quit and manually define a default value in models.py.",
            ],
        )
        if choice == 2:
            return NOT_PROVIDED
        if choice == 3:
            sys.exit(3)
        return self._ask_default()

    def ask_rename(self, model_name: str, old_name: str, new_name: str, field_instance: Any) -> bool:
        return self._boolean_input(
            "Was %s.%s renamed to %s.%s (a %s)? [y/N]"
            % (model_name, old_name, model_name, new_name, field_instance.__class__.__name__),
            False,
        )

    def ask_rename_model(self, old_model_state: Any, new_model_state: Any) -> bool:
        return self._boolean_input(
            "Was the model %s.%s renamed to %s? [y/N]"
            % (old_model_state.app_label, old_model_state.name, new_model_state.name),
            False,
        )

    def ask_merge(self, app_label: str) -> bool:
        return self._boolean_input(
            "\nMerging will only work if the operations printed above do not conflict\n"
            "with each other (working on different fields or models)\n"
            "Should these migration branches be merged? [y/N]",
            False,
        )

    def ask_auto_now_add_addition(self, field_name: str, model_name: str) -> Any:
        if self.dry_run:
            return None
        choice = self._choice_input(
            f"It is impossible to add the field '{field_name}' with 'auto_now_add=True' to {model_name} "
            "without providing a default. This is because the database needs something to populate "
            "existing rows.\n",
            [
                "Provide a one-off default now which will be set on all existing rows",
                "Quit and manually define a default value in models.py.",
            ],
        )
        if choice == 2:
            sys.exit(3)
        return self._ask_default(default="timezone.now")

    def ask_unique_callable_default_addition(self, field_name: str, model_name: str) -> Any:
        if self.dry_run:
            return None
        choice = self._choice_input(
            f"Callable default on unique field {model_name}.{field_name} will not generate unique values upon "
            "migrating.\nPlease choose how to proceed:\n",
            [
                "Continue making this migration as the first step in writing a manual migration to generate "
                "unique values described here: https://docs.djangoproject.com/en/6.0/howto/"
                "writing-migrations/#migrations-that-add-unique-fields.",
                "Quit and edit field options in models.py.",
            ],
        )
        if choice == 2:
            sys.exit(3)
        return None


class NonInteractiveMigrationQuestioner(MigrationQuestioner):
    """Never asks: logs what it decided and exits with status 3 where a default is required."""

    def __init__(
        self,
        defaults: Any = None,
        specified_apps: Any = None,
        dry_run: Any = None,
        verbosity: Any = 1,
        log: Any = None,
    ) -> None:
        self.verbosity = verbosity
        self.log = log or (lambda msg: sys.stderr.write(msg + "\n"))
        super().__init__(defaults=defaults, specified_apps=specified_apps, dry_run=dry_run)

    def log_lack_of_migration(self, field_name: str, model_name: str, reason: str) -> None:
        if self.verbosity > 0:
            self.log(f"Field '{field_name}' on model '{model_name}' not migrated: {reason}.")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        self.log_lack_of_migration(
            field_name,
            model_name,
            "it is impossible to add a non-nullable field without specifying a default",
        )
        sys.exit(3)

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        self.log(
            f"Field '{field_name}' on model '{model_name}' given a default of NOT PROVIDED and must be "
            "corrected."
        )
        return NOT_PROVIDED

    def ask_auto_now_add_addition(self, field_name: str, model_name: str) -> Any:
        self.log_lack_of_migration(
            field_name,
            model_name,
            "it is impossible to add a field with 'auto_now_add=True' without specifying a default",
        )
        sys.exit(3)


class _StdoutWriter:
    def write(self, msg: str = "", ending: str = "\n") -> None:
        sys.stdout.write(msg + ending)
        sys.stdout.flush()
