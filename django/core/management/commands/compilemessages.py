"""compilemessages: compile every .po file under the locale directories into a .mo file (msgfmt).

A .po that msgfmt rejects leaves the existing .mo untouched (each file is compiled to a temporary
name and moved into place only on success); the errors are reported and the command fails.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.commands.makemessages import (
    add_ignore_argument,
    matches_ignore_pattern,
    require_tools,
)
from django.core.management.utils import popen_wrapper


class Command(BaseCommand):
    help = "Compile the .po message files of every locale directory into the .mo files gettext reads."
    requires_system_checks: list[str] = []

    program = "msgfmt"
    program_options = ["--check-format"]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--locale",
            "-l",
            action="append",
            default=[],
            help="A locale to compile (default: all); repeatable.",
        )
        parser.add_argument(
            "--exclude", "-x", action="append", default=[], help="A locale to skip; repeatable."
        )
        parser.add_argument("--use-fuzzy", "-f", action="store_true", help="Include fuzzy translations.")
        add_ignore_argument(parser, "Skip directories matching this glob pattern; repeatable.")

    def handle(self, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        locales, exclude = options["locale"], options["exclude"]
        ignore_patterns = set(options["ignore_patterns"])
        self.program_options = list(self.program_options)
        if options["use_fuzzy"]:
            self.program_options.append("-f")
        require_tools([self.program])
        basedirs = self.locale_dirs(ignore_patterns)
        if not basedirs:
            raise CommandError(
                "This script should be run from the Django Git checkout or your project or app tree, or "
                "with the settings module specified."
            )
        chosen = self.chosen_locales(basedirs, locales, exclude)
        self.has_errors = False
        for basedir in basedirs:
            for locale in chosen:
                messages_dir = os.path.join(basedir, locale, "LC_MESSAGES")
                if os.path.isdir(messages_dir):
                    self.compile_directory(messages_dir)
        if self.has_errors:
            raise CommandError("compilemessages generated one or more errors.")

    def locale_dirs(self, ignore_patterns: set[str]) -> list[str]:
        """./conf/locale, ./locale, every ``locale`` dir below, and LOCALE_PATHS (each once)."""
        found: list[str] = [
            os.path.abspath(p) for p in (os.path.join("conf", "locale"), "locale") if os.path.isdir(p)
        ]
        for dirpath, dirnames, _filenames in os.walk(".", topdown=True):
            kept = []
            for dirname in sorted(dirnames):
                relative = os.path.normpath(os.path.join(dirpath, dirname))
                if matches_ignore_pattern(relative, ignore_patterns):
                    continue
                kept.append(dirname)
                if dirname == "locale":
                    found.append(os.path.abspath(relative))
            dirnames[:] = kept
        if settings.configured:
            found.extend(os.path.abspath(p) for p in settings.LOCALE_PATHS)
        unique = []
        for path in found:
            if path not in unique and os.path.isdir(path):
                unique.append(path)
        return unique

    def chosen_locales(self, basedirs: list[str], locales: list[str], exclude: list[str]) -> list[str]:
        existing = sorted(
            {entry.name for basedir in basedirs for entry in os.scandir(basedir) if entry.is_dir()}
        )
        return [locale for locale in (locales or existing) if locale not in exclude]

    def compile_directory(self, messages_dir: str) -> None:
        if not os.access(messages_dir, os.W_OK):
            self.stderr.write(
                f"The po files under {messages_dir} are in a seemingly not writable location. mo files will "
                "not be updated/created."
            )
            self.has_errors = True
            return
        for name in sorted(os.listdir(messages_dir)):
            if name.endswith(".po"):
                self.compile_file(os.path.join(messages_dir, name))

    def compile_file(self, po_path: str) -> None:
        mo_path = po_path[:-3] + ".mo"
        if os.path.exists(mo_path) and os.path.getmtime(mo_path) >= os.path.getmtime(po_path):
            if self.verbosity > 0:
                self.stdout.write(f"File “{po_path}” is already compiled and up to date.")
            return
        if self.verbosity > 0:
            self.stdout.write(f"processing file {os.path.basename(po_path)} in {os.path.dirname(po_path)}")
        with open(po_path, "rb") as po_file:
            if po_file.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8:
                self.stderr.write(
                    f"The {po_path} file has a BOM (Byte Order Mark). Django only supports .po files "
                    "encoded in UTF-8 and without any BOM."
                )
                self.has_errors = True
                return
        # msgfmt writes to a temporary file first: a failed compile keeps the previous .mo.
        handle, scratch = tempfile.mkstemp(suffix=".mo", dir=os.path.dirname(po_path))
        os.close(handle)
        try:
            _out, err, status = popen_wrapper([self.program, *self.program_options, "-o", scratch, po_path])
            if status != 0:
                self.stderr.write(f"Execution of {self.program} failed: {err.strip()}")
                self.has_errors = True
                return
            if err:
                self.stderr.write(err)
            os.replace(scratch, mo_path)
            scratch = ""
        finally:
            if scratch and os.path.exists(scratch):
                os.unlink(scratch)
