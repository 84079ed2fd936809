"""``manage.py loaddata``: install fixtures (from apps' fixtures/ dirs, FIXTURE_DIRS, paths or stdin).

Each call loads everything in one transaction with constraint checks deferred to the
end, so a bad fixture (syntax error, unknown model, missing FK target, duplicate pk)
loads nothing and the error names the fixture and the object.
"""

from __future__ import annotations

import bz2
import glob
import gzip
import lzma
import os
import sys
import zipfile
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, router, transaction

READ_STDIN = "-"


class SingleZipReader(zipfile.ZipFile):
    """A .zip fixture holds exactly one file."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(self.namelist()) != 1:
            raise ValueError("Zip-compressed fixtures must contain one file.")

    def read(self) -> bytes:  # type: ignore[override]
        return zipfile.ZipFile.read(self, self.namelist()[0])


def humanize(dirname: str) -> str:
    return f"'{dirname}'" if dirname else "absolute path"


COMPRESSION_FORMATS: dict[str | None, tuple[Any, Any]] = {
    None: (open, "rb"),
    "gz": (gzip.GzipFile, "rb"),
    "zip": (SingleZipReader, "r"),
    "bz2": (bz2.BZ2File, "r"),
    "lzma": (lzma.LZMAFile, "r"),
    "xz": (lzma.LZMAFile, "r"),
    "stdin": (lambda *args: sys.stdin, None),
}


class Command(BaseCommand):
    help = "Installs the named fixture(s) in the database."
    missing_args_message = (
        "No database fixture specified. Please provide the path of at least one fixture in the command line."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("args", metavar="fixture", nargs="+", help="Fixture labels.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a specific database to load fixtures into. Defaults to the "default" database.',
        )
        parser.add_argument("--app", dest="app_label", help="Only look for fixtures in the specified app.")
        parser.add_argument(
            "--ignorenonexistent",
            "-i",
            action="store_true",
            dest="ignore",
            help="Ignores entries in the serialized data for fields that do not currently exist on the model.",
        )
        parser.add_argument(
            "-e",
            "--exclude",
            action="append",
            default=[],
            help="An app_label or app_label.ModelName to exclude. Can be used multiple times.",
        )
        parser.add_argument("--format", help="Format of serialized data when reading from stdin.")

    def handle(self, *fixture_labels: str, **options: Any) -> None:
        self.ignore = options["ignore"]
        self.using = options["database"]
        self.app_label = options["app_label"]
        self.verbosity = options["verbosity"]
        self.excluded_models, self.excluded_apps = parse_apps_and_model_labels(options["exclude"])
        self.format = options["format"]
        with transaction.atomic(using=self.using):
            self.loaddata(fixture_labels)
        # Outside the transaction: some databases refuse to close a connection inside one.
        if transaction.get_autocommit(self.using):
            connections[self.using].close()

    def loaddata(self, fixture_labels: tuple[str, ...]) -> None:
        connection = connections[self.using]
        self.fixture_count = 0
        self.loaded_object_count = 0
        self.fixture_object_count = 0
        self.models: set = set()
        self.serialization_formats = serializers.get_public_serializer_formats()
        fixture_files = [(label, self.find_fixtures(label)) for label in fixture_labels]
        with connection.constraint_checks_disabled():
            for _label, files in fixture_files:
                for path, fixture_dir, fixture_name in files:
                    self.load_label(path, fixture_dir, fixture_name)
        table_names = [model._meta.db_table for model in self.models]
        try:
            connection.check_constraints(table_names=table_names)
        except Exception as e:
            e.args = ("Problem installing fixtures: %s" % e,)
            raise
        if self.loaded_object_count > 0:
            self.reset_sequences(connection, self.models)
        if self.verbosity >= 1:
            if self.fixture_object_count == self.loaded_object_count:
                self.stdout.write(
                    f"Installed {self.loaded_object_count} object(s) from {self.fixture_count} fixture(s)"
                )
            else:
                self.stdout.write(
                    f"Installed {self.loaded_object_count} object(s) (of {self.fixture_object_count}) from "
                    f"{self.fixture_count} fixture(s)"
                )

    def reset_sequences(self, connection: Any, models: set) -> None:
        sequence_sql = connection.ops.sequence_reset_sql(no_style(), list(models))
        if sequence_sql:
            with connection.cursor() as cursor:
                for line in sequence_sql:
                    cursor.execute(line)

    def load_label(self, fixture_file: str, fixture_dir: str, fixture_name: str) -> None:
        _, ser_fmt, cmp_fmt = self.parse_name(os.path.basename(fixture_file))
        opener, mode = COMPRESSION_FORMATS[cmp_fmt]
        fixture = opener(fixture_file, mode)
        self.fixture_count += 1
        objects_in_fixture = 0
        loaded_in_fixture = 0
        if self.verbosity >= 2:
            self.stdout.write(f"Installing {ser_fmt} fixture '{fixture_name}' from {humanize(fixture_dir)}.")
        try:
            objects = serializers.deserialize(
                str(ser_fmt),
                fixture,
                using=self.using,
                ignorenonexistent=self.ignore,
                handle_forward_references=True,
            )
            deferred = []
            for obj in objects:
                objects_in_fixture += 1
                if self._excluded(obj.object):
                    continue
                if router.allow_migrate_model(self.using, obj.object.__class__):
                    loaded_in_fixture += 1
                    self.models.add(obj.object.__class__)
                    try:
                        obj.save(using=self.using)
                    except (DatabaseError, IntegrityError, ValueError) as e:
                        e.args = (
                            "Could not load %s(pk=%s): %s" % (obj.object._meta.label, obj.object.pk, e),
                        )
                        raise
                if obj.deferred_fields:
                    deferred.append(obj)
            for obj in deferred:
                obj.save_deferred_fields(using=self.using)
            self.loaded_object_count += loaded_in_fixture
            self.fixture_object_count += objects_in_fixture
        except Exception as e:
            if not isinstance(e, CommandError):
                e.args = (f"Problem installing fixture '{fixture_file}': {e}",)
            raise
        finally:
            if fixture is not sys.stdin:
                fixture.close()
        if objects_in_fixture == 0 and self.verbosity >= 1:
            self.stderr.write(f"No fixture data found for '{fixture_name}'. (File format may be invalid.)")

    def _excluded(self, obj: Any) -> bool:
        return obj._meta.app_config in self.excluded_apps or type(obj) in self.excluded_models

    def find_fixtures(self, fixture_label: str) -> list[tuple[str, str, str]]:
        """The (path, directory, name) of each file the label names; CommandError if none."""
        if fixture_label == READ_STDIN:
            if not self.format:
                raise CommandError("--format must be specified when reading from stdin.")
            return [(READ_STDIN, "", "stdin")]
        fixture_name, ser_fmt, cmp_fmt = self.parse_name(fixture_label)
        if self.verbosity >= 2:
            self.stdout.write(f"Loading '{fixture_name}' fixtures...")
        dirname, basename = os.path.split(fixture_name)
        if os.path.isabs(fixture_name):
            fixture_dirs = [dirname]
        else:
            fixture_dirs = self.fixture_dirs
            if os.path.sep in os.path.normpath(fixture_name):
                fixture_dirs = [os.path.join(d, dirname) for d in fixture_dirs]
        fixture_files: list[tuple[str, str, str]] = []
        for fixture_dir in fixture_dirs:
            found = self.find_fixture_files_in_dir(fixture_dir, basename, ser_fmt, cmp_fmt)
            if len(found) > 1:
                raise CommandError(
                    f"Multiple fixtures named '{fixture_name}' in {humanize(fixture_dir)}. Aborting."
                )
            fixture_files.extend((path, fixture_dir, basename) for path in found)
        if not fixture_files:
            raise CommandError(f"No fixture named '{fixture_name}' found.")
        return fixture_files

    def find_fixture_files_in_dir(
        self, fixture_dir: str, fixture_name: str, ser_fmt: str | None, cmp_fmt: str | None
    ) -> list[str]:
        formats = [ser_fmt] if ser_fmt else self.serialization_formats
        compressions = [cmp_fmt] if cmp_fmt else list(COMPRESSION_FORMATS)
        targets = {
            ".".join(part for part in (fixture_name, fmt, cmp) if part)
            for fmt in formats
            for cmp in compressions
            if cmp != "stdin"
        }
        found = []
        for candidate in glob.iglob(glob.escape(os.path.join(fixture_dir, fixture_name)) + "*"):
            if os.path.basename(candidate) in targets and os.path.isfile(candidate):
                found.append(candidate)
        return sorted(found)

    @property
    def fixture_dirs(self) -> list[str]:
        """App fixtures/ directories, then FIXTURE_DIRS, then the current directory."""
        dirs = []
        fixture_dirs = [str(d) for d in settings.FIXTURE_DIRS]
        if len(fixture_dirs) != len(set(fixture_dirs)):
            raise ImproperlyConfigured("settings.FIXTURE_DIRS contains duplicates.")
        for app_config in apps.get_app_configs():
            app_label = app_config.label
            app_dir = os.path.join(app_config.path, "fixtures")
            if app_dir in fixture_dirs:
                raise ImproperlyConfigured(
                    f"'{app_dir}' is a default fixture directory for the '{app_label}' app and cannot be listed "
                    "in settings.FIXTURE_DIRS."
                )
            if self.app_label and app_label != self.app_label:
                continue
            if os.path.isdir(app_dir):
                dirs.append(app_dir)
        dirs.extend(fixture_dirs)
        dirs.append("")
        return [os.path.realpath(d) if d else d for d in dirs]

    def parse_name(self, fixture_name: str) -> tuple[str, str | None, str | None]:
        """Split ``name[.format][.compression]``; an unknown format is a CommandError."""
        if fixture_name == READ_STDIN:
            return READ_STDIN, self.format, "stdin"
        parts = fixture_name.rsplit(".", 2)
        if len(parts) > 1 and parts[-1] in COMPRESSION_FORMATS:
            cmp_fmt: str | None = parts[-1]
            parts = parts[:-1]
        else:
            cmp_fmt = None
        if len(parts) > 1:
            if parts[-1] in self.serialization_formats:
                ser_fmt: str | None = parts[-1]
                parts = parts[:-1]
            else:
                raise CommandError(
                    f"Problem installing fixture '{'.'.join(parts[:-1])}': {parts[-1]} is not a known serialization format."
                )
        else:
            ser_fmt = None
        return ".".join(parts), ser_fmt, cmp_fmt


def parse_apps_and_model_labels(labels: list[str]) -> tuple[set, set]:
    """Split ``app_label`` / ``app_label.ModelName`` labels into models and app configs."""
    models = set()
    app_configs = set()
    for label in labels:
        if "." in label:
            try:
                models.add(apps.get_model(label))
            except LookupError:
                raise CommandError(f"Unknown model: {label}")
        else:
            try:
                app_configs.add(apps.get_app_config(label))
            except LookupError as e:
                raise CommandError(str(e))
    return models, app_configs
