"""Write a Migration object as the source of a migration file."""

from __future__ import annotations

import os
from importlib import import_module
from typing import Any

from django import get_version
from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.serializer import Serializer, serializer_factory
from django.utils.module_loading import module_dir
from django.utils.timezone import now

INDENT = "    "


class OperationWriter:
    """Source for one operation call, laid out one argument per line like Django's files."""

    def __init__(self, operation: Any, indentation: int = 2) -> None:
        self.operation = operation
        self.indentation = indentation
        self.buff: list[str] = []

    def feed(self, line: str) -> None:
        self.buff.append(INDENT * self.indentation + line)

    def serialize(self) -> tuple[str, set[str]]:
        imports: set[str] = set()
        name, args, kwargs = self.operation.deconstruct()
        module = self.operation.__class__.__module__
        if module.startswith("django.db.migrations"):
            self.feed(f"migrations.{name}(")
            imports.add("from django.db import migrations")
        else:
            self.feed(f"{module}.{name}(")
            imports.add(f"import {module}")
        self.indentation += 1
        arg_names = self._arg_names()
        for i, arg in enumerate(args):
            self._write_arg(arg_names[i] if i < len(arg_names) else None, arg, imports)
        for key, value in kwargs.items():
            self._write_arg(key, value, imports)
        self.indentation -= 1
        self.feed("),")
        return "\n".join(self.buff), imports

    def _arg_names(self) -> list[str]:
        import inspect

        params = inspect.signature(self.operation.__class__.__init__).parameters
        return [p for p in params if p != "self"]

    def _write_arg(self, name: str | None, value: Any, imports: set[str]) -> None:
        prefix = f"{name}=" if name else ""
        expand = name in self.operation.serialization_expand_args
        if expand and isinstance(value, (list, tuple, dict)):
            if isinstance(value, dict):
                self.feed(prefix + "{")
                self.indentation += 1
                for key, item in value.items():
                    key_src, key_imports = serializer_factory(key).serialize()
                    item_src, item_imports = serializer_factory(item).serialize()
                    self._feed_multiline(f"{key_src}: ", item_src, ",")
                    imports |= key_imports | item_imports
                self.indentation -= 1
                self.feed("},")
            else:
                self.feed(prefix + "[")
                self.indentation += 1
                for item in value:
                    item_src, item_imports = serializer_factory(item).serialize()
                    self._feed_multiline("", item_src, ",")
                    imports |= item_imports
                self.indentation -= 1
                self.feed("],")
            return
        src, value_imports = serializer_factory(value).serialize()
        imports |= value_imports
        self._feed_multiline(prefix, src, ",")

    def _feed_multiline(self, prefix: str, src: str, suffix: str) -> None:
        lines = src.split("\n")
        if len(lines) == 1:
            self.feed(f"{prefix}{src}{suffix}")
            return
        self.feed(prefix + lines[0])
        for line in lines[1:-1]:
            self.feed(line)
        self.feed(lines[-1] + suffix)


class MigrationWriter:
    """The file for a Migration: its source (as_string), file name and path."""

    def __init__(self, migration: Any, include_header: bool = True) -> None:
        self.migration = migration
        self.include_header = include_header
        self.needs_manual_porting = False

    def as_string(self) -> str:
        imports: set[str] = set()
        operations = []
        for operation in self.migration.operations:
            src, op_imports = OperationWriter(operation).serialize()
            imports |= op_imports
            operations.append(src)
        dependencies = []
        for dependency in self.migration.dependencies:
            if getattr(dependency, "setting", None):
                dependencies.append(
                    f"{INDENT * 2}migrations.swappable_dependency(settings.{dependency.setting}),"
                )
                imports.add("from django.conf import settings")
            else:
                dependencies.append(f"{INDENT * 2}{self.serialize(tuple(dependency))[0]},")
        imports.discard("from django.db import models")
        imports.discard("from django.db import migrations")
        uses_models = any("models." in op for op in operations)
        imports.add(
            "from django.db import migrations, models" if uses_models else "from django.db import migrations"
        )
        sorted_imports = sorted(imports, key=lambda i: (i.split()[0] == "from", i.split()[1]))
        items = {
            "imports": "\n".join(sorted_imports),
            "replaces_str": "",
            "initial_str": "",
            "dependencies": "\n".join(dependencies) + "\n" if dependencies else "",
            "operations": "\n".join(operations) + "\n" if operations else "",
        }
        if self.migration.replaces:
            items["replaces_str"] = f"\n{INDENT}replaces = {self.serialize(self.migration.replaces)[0]}\n"
        if self.migration.initial:
            items["initial_str"] = f"\n{INDENT}initial = True\n"
        header = ""
        if self.include_header:
            header = "# Generated by Django %s on %s\n\n" % (get_version(), now().strftime("%Y-%m-%d %H:%M"))
        return header + MIGRATION_TEMPLATE % items

    @property
    def basedir(self) -> str:
        """The folder of the app's migrations package, created (with __init__.py) if missing."""
        module_name, _ = MigrationLoader.migrations_module(self.migration.app_label)
        if module_name is None:
            raise ValueError(
                "Django can't create migrations for app '%s' because migrations have been disabled via "
                "the MIGRATION_MODULES setting." % self.migration.app_label
            )
        try:
            module = import_module(module_name)
        except ImportError:
            pass
        else:
            try:
                return module_dir(module)
            except ValueError:
                pass
        app_config = apps.get_app_config(self.migration.app_label)
        app_name, _, tail = module_name.partition(".")
        if app_config.name == module_name.rsplit(".", 1)[0]:
            path = os.path.join(app_config.path, module_name.rsplit(".", 1)[1])
        else:
            path = os.path.join(app_config.path, *module_name.split(".")[len(app_config.name.split(".")) :])
        os.makedirs(path, exist_ok=True)
        init = os.path.join(path, "__init__.py")
        if not os.path.isfile(init):
            open(init, "w").close()
        return path

    @property
    def filename(self) -> str:
        return f"{self.migration.name}.py"

    @property
    def path(self) -> str:
        return os.path.join(self.basedir, self.filename)

    @classmethod
    def serialize(cls, value: Any) -> tuple[str, set[str]]:
        return serializer_factory(value).serialize()

    @classmethod
    def register_serializer(cls, type_: type, serializer: Any) -> None:
        Serializer.register(type_, serializer)

    @classmethod
    def unregister_serializer(cls, type_: type) -> None:
        Serializer.unregister(type_)


MIGRATION_TEMPLATE = """\
%(imports)s


class Migration(migrations.Migration):
%(replaces_str)s%(initial_str)s
    dependencies = [
%(dependencies)s    ]

    operations = [
%(operations)s    ]
"""
