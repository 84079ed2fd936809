"""makemessages: extract the translatable strings of the source tree into .po files.

The work is GNU gettext's: xgettext reads Python (templates are first rewritten by
``templatize`` into text it understands), msguniq normalises the catalog template (.pot),
msgmerge updates existing .po files and msgattrib drops obsolete entries. Each group of files
goes to the ``locale`` directory nearest to it (an app's own, else the project's or the first of
LOCALE_PATHS).
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.utils import handle_extensions, popen_wrapper

DOMAINS = ("django", "djangojs")
DEFAULT_IGNORE = ["CVS", ".*", "*~", "*.pyc"]
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")
# Keywords beyond xgettext's own (gettext, ngettext, _ ...) that Django's API adds.
PYTHON_KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
]
JS_KEYWORDS = ["gettext_noop", "gettext_lazy", "ngettext_lazy:1,2", "pgettext:1c,2", "npgettext:1c,2,3"]
# ll, ll_CC, ll_Scrp, ll_Scrp_CC, with an optional @variant: the shapes of gettext locale names.
LOCALE_NAME_RE = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_([A-Z]{2}|\d{3}))?(@[a-z0-9]+)?$")


# Shared with compilemessages: the --ignore option, its matching, and the gettext tools check.


def add_ignore_argument(parser: CommandParser, help_text: str) -> None:
    parser.add_argument(
        "--ignore",
        "-i",
        action="append",
        dest="ignore_patterns",
        default=[],
        metavar="PATTERN",
        help=help_text,
    )


def matches_ignore_pattern(relative: str, patterns: Any) -> bool:
    """Whether the path's last component or the whole relative path matches one of the globs."""
    name = os.path.basename(relative)
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(relative, p) for p in patterns)


def require_tools(tools: Any) -> None:
    """CommandError naming the first GNU gettext program that is not on PATH."""
    for tool in tools:
        if shutil.which(tool) is None:
            raise CommandError(
                f"Can't find {tool}. Make sure you have GNU gettext tools 0.15 or newer installed."
            )


@dataclass(frozen=True)
class SourceFile:
    """A file to extract from: its path relative to the working directory and its locale dir."""

    path: str
    locale_dir: str | None

    @property
    def is_template(self) -> bool:
        return not self.path.endswith((".py", ".js"))


class Command(BaseCommand):
    help = (
        "Collect the strings marked for translation under the current directory into .po message "
        "files, in the nearest 'locale' directory (an app's, or the project's/LOCALE_PATHS). Pass "
        "--locale, --exclude or --all to say which languages."
    )
    requires_system_checks: list[str] = []

    # Subclasses customise the gettext tools' options through these (documented) attributes.
    msgmerge_options = ["-q", "--backup=none", "--previous", "--update"]
    msguniq_options = ["--to-code=utf-8"]
    msgattrib_options = ["--no-obsolete"]
    xgettext_options = ["--from-code=UTF-8", "--add-comments=Translators"]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--locale", "-l", default=[], action="append", help="A locale to write (e.g. pt_BR); repeatable."
        )
        parser.add_argument(
            "--exclude", "-x", default=[], action="append", help="A locale to leave alone; repeatable."
        )
        parser.add_argument(
            "--domain", "-d", default="django", help="Message domain: django (default) or djangojs."
        )
        parser.add_argument(
            "--all", "-a", action="store_true", help="Update every locale that already exists."
        )
        parser.add_argument(
            "--extension",
            "-e",
            dest="extensions",
            action="append",
            help="File extensions to read, comma-separated or repeated (default html,txt,py; js for djangojs).",
        )
        parser.add_argument(
            "--symlinks", "-s", action="store_true", help="Walk into directories reached through symlinks."
        )
        add_ignore_argument(parser, "Skip files and directories matching this glob pattern; repeatable.")
        parser.add_argument(
            "--no-default-ignore",
            action="store_false",
            dest="use_default_ignore_patterns",
            help="Also read what is skipped by default: CVS, .*, *~ and *.pyc.",
        )
        parser.add_argument("--no-wrap", action="store_true", help="Keep each message on one line.")
        parser.add_argument("--no-location", action="store_true", help="Write no '#: file:line' references.")
        parser.add_argument(
            "--add-location",
            nargs="?",
            const="full",
            choices=["full", "file", "never"],
            help="References with file and line (full, the default), file only, or none (never); "
            "needs gettext 0.19+.",
        )
        parser.add_argument(
            "--no-obsolete", action="store_true", help="Drop messages no longer in the sources."
        )
        parser.add_argument(
            "--keep-pot", action="store_true", help="Leave the .pot template behind (debugging)."
        )

    # -- phases ----------------------------------------------------------------------------

    def handle(self, *args: Any, **options: Any) -> None:
        self.read_options(options)
        self.require_gettext_tools()
        locale_paths, default_locale_path = self.known_locale_paths()
        sources = self.find_files(locale_paths, default_locale_path)
        locales = self.chosen_locales(options, locale_paths)
        by_locale_dir: dict[str | None, list[SourceFile]] = defaultdict(list)
        for source in sources:
            by_locale_dir[source.locale_dir].append(source)
        for locale_dir, files in sorted(by_locale_dir.items(), key=lambda item: item[0] or ""):
            pot_path = self.write_pot_file(locale_dir, files)
            if pot_path is None:
                continue
            try:
                for locale in locales:
                    if self.verbosity > 0:
                        self.stdout.write(f"processing locale {locale}")
                    self.write_po_file(pot_path, locale)
            finally:
                if not self.keep_pot and os.path.exists(pot_path):
                    os.unlink(pot_path)

    def read_options(self, options: dict) -> None:
        self.verbosity = options["verbosity"]
        self.domain = options["domain"]
        if self.domain not in DOMAINS:
            raise CommandError("currently makemessages only supports domains 'django' and 'djangojs'")
        if not options["locale"] and not options["exclude"] and not options["all"]:
            raise CommandError("Type 'manage.py help makemessages' for usage information.")
        self.symlinks = options["symlinks"]
        patterns = list(options["ignore_patterns"])
        if options["use_default_ignore_patterns"]:
            patterns += DEFAULT_IGNORE
        # "dir/*" ignores the directory itself (no need to walk into it).
        self.ignore_patterns = sorted({p[:-2] if p.endswith(("/*", os.sep + "*")) else p for p in patterns})
        default_extensions = ["js"] if self.domain == "djangojs" else ["html", "txt", "py"]
        self.extensions = handle_extensions(options["extensions"] or default_extensions)
        if self.domain == "djangojs" and ".js" not in self.extensions:
            self.extensions.add(".js")
        if self.verbosity > 1:
            self.stdout.write(f"examining files with the extensions: {', '.join(sorted(self.extensions))}")
        self.keep_pot = options["keep_pot"]
        self.no_obsolete = options["no_obsolete"]
        self.location_options: list[str] = []
        if options["no_wrap"]:
            self.location_options.append("--no-wrap")
        if options["no_location"]:
            self.location_options.append("--no-location")
        if options["add_location"]:
            self.location_options.append(f"--add-location={options['add_location']}")

    def require_gettext_tools(self) -> None:
        require_tools(GETTEXT_TOOLS)

    def known_locale_paths(self) -> tuple[list[str], str | None]:
        """LOCALE_PATHS and ./locale; the first of them is where files outside apps go."""
        paths = []
        if settings.configured:
            paths += [os.path.abspath(p) for p in settings.LOCALE_PATHS]
        if os.path.isdir("locale"):
            paths.append(os.path.abspath("locale"))
        default = paths[0] if paths else None
        return paths, default

    def chosen_locales(self, options: dict, locale_paths: list[str]) -> list[str]:
        existing = sorted(
            {
                entry.name
                for path in locale_paths + list(self._app_locale_dirs)
                if os.path.isdir(path)
                for entry in os.scandir(path)
                if entry.is_dir()
            }
        )
        wanted = existing if options["all"] else (options["locale"] or existing)
        chosen = []
        for locale in wanted:
            if locale in options["exclude"] or locale in chosen:
                continue
            if not LOCALE_NAME_RE.match(locale):
                suggestion = self._suggest_locale(locale)
                self.stdout.write(f"invalid locale {locale}, did you mean {suggestion}?")
                continue
            chosen.append(locale)
        return chosen

    @staticmethod
    def _suggest_locale(locale: str) -> str:
        from django.utils.translation import to_locale

        return to_locale(locale.replace("_", "-").lower())

    # -- finding files ---------------------------------------------------------------------

    def is_ignored(self, relative: str) -> bool:
        return matches_ignore_pattern(relative, self.ignore_patterns)

    def ignored_roots(self) -> set[str]:
        roots = set()
        if settings.configured:
            for setting in ("STATIC_ROOT", "MEDIA_ROOT"):
                value = getattr(settings, setting, None)
                if value:
                    roots.add(os.path.abspath(value))
        return roots

    def find_files(self, locale_paths: list[str], default_locale_path: str | None) -> list[SourceFile]:
        """Files with a wanted extension under the working directory, each with its locale dir."""
        self._app_locale_dirs: set[str] = set()
        skip_roots = self.ignored_roots()
        found: list[tuple[str, str]] = []
        for dirpath, dirnames, filenames in os.walk(".", topdown=True, followlinks=self.symlinks):
            kept = []
            for dirname in sorted(dirnames):
                relative = os.path.normpath(os.path.join(dirpath, dirname))
                if self.is_ignored(relative) or os.path.abspath(relative) in skip_roots:
                    continue
                if dirname == "locale":
                    self._app_locale_dirs.add(os.path.abspath(relative))
                kept.append(dirname)
            dirnames[:] = kept
            for filename in sorted(filenames):
                relative = os.path.normpath(os.path.join(dirpath, filename))
                if os.path.splitext(filename)[1] in self.extensions and not self.is_ignored(relative):
                    found.append((relative, os.path.abspath(dirpath)))
        # The nearest enclosing ``locale`` directory wins; the default catches the rest.
        candidates = sorted(set(locale_paths) | self._app_locale_dirs, key=len, reverse=True)
        sources = []
        for relative, directory in found:
            locale_dir = next(
                (c for c in candidates if (directory + os.sep).startswith(os.path.dirname(c) + os.sep)),
                default_locale_path,
            )
            sources.append(SourceFile(relative.replace(os.sep, "/"), locale_dir))
        return sources

    # -- gettext -----------------------------------------------------------------------------

    def run_tool(self, args: list[str]) -> str:
        out, err, status = popen_wrapper(args)
        if status != 0:
            raise CommandError(f"errors happened while running {args[0]}\n{err}")
        if err and self.verbosity > 0:
            self.stderr.write(err)
        return out

    def xgettext_command(self) -> list[str]:
        if self.domain == "djangojs":
            language, keywords = "JavaScript", JS_KEYWORDS
        else:
            language, keywords = "Python", PYTHON_KEYWORDS
        return [
            "xgettext",
            "-d",
            self.domain,
            f"--language={language}",
            *(f"--keyword={keyword}" for keyword in keywords),
            "--output=-",
            *self.xgettext_options,
            *self.location_options,
        ]

    def write_pot_file(self, locale_dir: str | None, files: list[SourceFile]) -> str | None:
        """Extract ``files`` into <locale_dir>/<domain>.pot; None when they hold no messages.

        Files outside every locale directory are an error only if they have messages to store.
        """
        with tempfile.TemporaryDirectory(prefix="makemessages-") as scratch:
            extracted = [source for source in files if self.stage(source, scratch)]
            if not extracted:
                return None
            listing = Path(scratch, ".files")
            listing.write_text("".join(f"{source.path}\n" for source in extracted), encoding="utf-8")
            # Staged (templatized) copies are found first; plain sources are read where they are.
            search = [f"--directory={scratch}", "--directory=.", f"--files-from={listing}"]
            pot = self.run_tool([*self.xgettext_command(), *search])
        if not pot:
            return None
        if locale_dir is None:
            reference = re.search(r"^#: ([^\s:]+)", pot, re.M)
            path = reference.group(1) if reference else extracted[0].path
            raise CommandError(
                f"Unable to find a locale path to store translations for file {path}. Make sure the "
                "'locale' directory exists in an app or LOCALE_PATHS setting is set."
            )
        pot_path = os.path.join(locale_dir, f"{self.domain}.pot")
        os.makedirs(locale_dir, exist_ok=True)
        Path(pot_path).write_text(pot.replace("charset=CHARSET", "charset=UTF-8"), encoding="utf-8")
        unique = self.run_tool(["msguniq", *self.msguniq_options, *self.location_options, pot_path])
        Path(pot_path).write_text(unique, encoding="utf-8")
        return pot_path

    def stage(self, source: SourceFile, scratch: str) -> bool:
        """Make ``source`` readable by xgettext (templates are rewritten into ``scratch`` under the
        same relative path, so references still name the template); False to skip the file."""
        from django.utils.translation.template import TemplateSyntaxForTranslation, templatize

        directory, name = os.path.split(source.path)
        if self.verbosity > 1:
            self.stdout.write(f"processing file {name} in {directory or '.'}")
        if not (source.is_template and self.domain == "django"):
            return True
        try:
            rewritten = templatize(Path(source.path).read_text(encoding="utf-8"), origin=source.path)
        except UnicodeDecodeError as exc:
            # Not a UTF-8 text file (an image named .txt, a legacy encoding): skip it.
            self.stdout.write(
                f"UnicodeDecodeError: skipped file {name} in {directory or '.'} (reason: {exc})"
            )
            return False
        except TemplateSyntaxForTranslation as exc:
            raise CommandError(str(exc)) from exc
        target = Path(scratch, source.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rewritten, encoding="utf-8")
        return True

    def write_po_file(self, pot_path: str, locale: str) -> None:
        """Create or update <locale_dir>/<locale>/LC_MESSAGES/<domain>.po from the .pot in locale_dir."""
        directory = os.path.join(os.path.dirname(pot_path), locale, "LC_MESSAGES")
        os.makedirs(directory, exist_ok=True)
        po_path = os.path.join(directory, f"{self.domain}.po")
        if os.path.exists(po_path):
            self.run_tool(["msgmerge", *self.msgmerge_options, *self.location_options, po_path, pot_path])
        else:
            text = Path(pot_path).read_text(encoding="utf-8")
            Path(po_path).write_text(self.with_locale_header(text, locale, pot_path), encoding="utf-8")
        if self.no_obsolete:
            self.run_tool(
                ["msgattrib", *self.msgattrib_options, *self.location_options, "-o", po_path, po_path]
            )

    def with_locale_header(self, text: str, locale: str, pot_path: str) -> str:
        """A new catalog gets its Language and Plural-Forms from GNU gettext's own locale data."""
        if shutil.which("msginit") is None:
            return text
        out, _err, status = popen_wrapper(
            ["msginit", "--no-translator", f"--locale={locale}", "-i", pot_path, "-o", "-"]
        )
        if status != 0:
            return text
        for header in ("Language", "Plural-Forms"):
            found = re.search(rf'^"{header}: [^"\\]*\\n"$', out, re.M)
            if found:
                text = re.sub(
                    rf'^"{header}: [^"\\]*\\n"$',
                    found.group(0).replace("\\", "\\\\"),
                    text,
                    count=1,
                    flags=re.M,
                )
        return text
