"""TemplateCommand: what startproject and startapp share (copy a template tree, rendering it)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import django
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.utils import handle_extensions

TEMPLATE_SUFFIX = (".py-tpl", ".py")  # rendered files lose "-tpl", so templates are not importable
SKIPPED_DIRS = ("__pycache__",)
SKIPPED_SUFFIXES = (".pyo", ".pyc", ".py.class")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
VARIABLE_RE = re.compile(r"{{\s*([A-Za-z_][A-Za-z0-9_]*)\s*}}")


@dataclass
class PlannedFile:
    source: Path
    target: Path
    render: bool


class TemplateCommand(BaseCommand):
    """Copy a project or app template into place, rendering the files with the given extensions."""

    requires_system_checks: list[str] = []
    url_schemes = ["http", "https", "ftp"]
    rewrite_template_suffixes = (TEMPLATE_SUFFIX,)
    app_or_project = ""
    a_or_an = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Name of the application or project.")
        parser.add_argument("directory", nargs="?", help="Optional destination directory")
        parser.add_argument("--template", help="The path or URL to load the template from.")
        parser.add_argument(
            "--extension",
            "-e",
            dest="extensions",
            action="append",
            default=["py"],
            help='The file extension(s) to render (default: "py"). Separate multiple extensions '
            "with commas, or use -e multiple times.",
        )
        parser.add_argument(
            "--name",
            "-n",
            dest="files",
            action="append",
            default=[],
            help="The file name(s) to render. Separate multiple file names with commas, or use -n multiple times.",
        )
        parser.add_argument(
            "--exclude",
            "-x",
            action="append",
            default=None,
            nargs="?",
            const="",
            help="The directory name(s) to exclude, in addition to .git and __pycache__. "
            "Can be used multiple times.",
        )

    def handle(self, app_or_project: str, name: str, target: str | None = None, **options: Any) -> None:  # type: ignore[override]
        self.app_or_project = app_or_project
        self.a_or_an = "an" if app_or_project == "app" else "a"
        self.verbosity = options["verbosity"]
        self._validate_identifier(name, "name")
        # An existing directory of that name is the more useful thing to report first.
        top_dir, create_top_dir = self._destination(name, target)
        self.validate_name(name)

        extensions = tuple(handle_extensions(options["extensions"]))
        extra_files = {
            part for group in options["files"] for part in group.replace(" ", "").split(",") if part
        }
        excluded = {".git", *SKIPPED_DIRS, *(options.get("exclude") or [])}
        context = self._context(name, top_dir, options)

        with tempfile.TemporaryDirectory(prefix=f"django_{app_or_project}_template_") as workdir:
            template_dir = self.handle_template(
                options.get("template"), f"{app_or_project}_template", workdir
            )
            plan = self._plan(template_dir, top_dir, name, extensions, extra_files, excluded)
            conflicts = [item.target for item in plan if item.target.exists()]
            if conflicts:
                raise CommandError(
                    f"{conflicts[0]} already exists. Overlaying {self.a_or_an} {app_or_project} into an existing "
                    "directory won't replace conflicting files. Nothing was written."
                )
            if create_top_dir:
                top_dir.mkdir(parents=False)
            for item in plan:
                self._write(item, context)

    # ------------------------------------------------------------------ validation
    def validate_name(self, name: str | None, name_or_dir: str = "name") -> None:
        """Refuse names that are not identifiers or that would shadow an importable module."""
        self._validate_identifier(name, name_or_dir)
        if _is_importable(name):  # type: ignore[arg-type]
            raise CommandError(
                f"'{name}' conflicts with the name of an existing Python module and cannot be used as "
                f"{self.a_or_an} {self.app_or_project} {name_or_dir}. Please try another {name_or_dir}."
            )

    def _validate_identifier(self, name: str | None, name_or_dir: str) -> None:
        if name is None:
            raise CommandError(f"you must provide {self.a_or_an} {self.app_or_project} name")
        if not name.isidentifier():
            raise CommandError(
                f"'{name}' is not a valid {self.app_or_project} {name_or_dir}. Please make sure the "
                f"{name_or_dir} is a valid identifier."
            )

    def _destination(self, name: str, target: str | None) -> tuple[Path, bool]:
        """(directory to fill, whether it must be created)."""
        if target is None:
            top_dir = Path.cwd() / name
            if top_dir.exists():
                raise CommandError(
                    f"'{top_dir}' already exists. Choose another {self.app_or_project} name, or remove "
                    "that directory first; nothing was written."
                )
            return top_dir, True
        top_dir = Path(os.path.expanduser(target)).absolute()
        if self.app_or_project == "app":
            self._validate_identifier(top_dir.name, "directory")
            # The target itself is importable when it sits on sys.path; only *another* module clashes.
            if _is_importable(top_dir.name, allowed_location=top_dir):
                self.validate_name(top_dir.name, "directory")
        if not top_dir.exists():
            raise CommandError(f"Destination directory '{top_dir}' does not exist, please create it first.")
        if not top_dir.is_dir():
            raise CommandError(f"Destination '{top_dir}' is not a directory.")
        return top_dir, False

    def _context(self, name: str, top_dir: Path, options: dict[str, Any]) -> dict[str, Any]:
        kind = self.app_or_project
        return {
            **options,
            f"{kind}_name": name,
            f"{kind}_directory": str(top_dir),
            f"camel_case_{kind}_name": "".join(part for part in name.title() if part != "_"),
            "docs_version": get_docs_version(),
            "django_version": django.__version__,
        }

    # ------------------------------------------------------------------ the template tree
    def handle_template(self, template: str | None, subdir: str, workdir: str | None = None) -> Path:
        """The directory holding the template: the built-in one, a directory, or an unpacked archive."""
        if template is None:
            return Path(django.__path__[0]) / "conf" / subdir
        if template.startswith("file://"):
            template = template[len("file://") :]
        if template.split("://", 1)[0] in self.url_schemes and "://" in template:
            raise CommandError(
                f"Downloading {self.app_or_project} templates from URLs is not supported; download "
                f"{template} and pass the local file or directory to --template."
            )
        path = Path(os.path.expanduser(template)).absolute()
        if path.is_dir():
            return path
        if path.is_file() and path.name.lower().endswith(ARCHIVE_SUFFIXES):
            return _extract_archive(path, Path(workdir or tempfile.mkdtemp()))
        raise CommandError(f"couldn't handle {self.app_or_project} template {template}.")

    def _plan(
        self,
        template_dir: Path,
        top_dir: Path,
        name: str,
        extensions: tuple[str, ...],
        extra_files: set[str],
        excluded: set[str],
    ) -> list[PlannedFile]:
        placeholder = f"{self.app_or_project}_name"
        plan = []
        for root, dirs, files in os.walk(template_dir):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in excluded)
            relative = Path(root).relative_to(template_dir)
            target_dir = top_dir / Path(*(part.replace(placeholder, name) for part in relative.parts))
            for filename in sorted(files):
                if filename.endswith(SKIPPED_SUFFIXES) or filename.startswith("."):
                    continue
                target_name = filename.replace(placeholder, name)
                for old_suffix, new_suffix in self.rewrite_template_suffixes:
                    if target_name.endswith(old_suffix):
                        target_name = target_name[: -len(old_suffix)] + new_suffix
                target = target_dir / target_name
                render = target_name.endswith(extensions) or filename in extra_files
                plan.append(PlannedFile(Path(root) / filename, target, render))
        return plan

    def _write(self, item: PlannedFile, context: dict[str, Any]) -> None:
        item.target.parent.mkdir(parents=True, exist_ok=True)
        if item.render:
            content = item.source.read_text(encoding="utf-8")
            item.target.write_text(render_template_text(content, context), encoding="utf-8")
        else:
            shutil.copyfile(item.source, item.target)
        if self.verbosity >= 2:
            self.stdout.write(f"Creating {item.target}")
        try:
            shutil.copymode(item.source, item.target)
            mode = item.target.stat().st_mode
            item.target.chmod(mode | stat.S_IWUSR)  # a read-only template must not give read-only files
        except OSError:
            self.stderr.write(
                f"Notice: Couldn't set permission bits on {item.target}. You're probably using an uncommon "
                "filesystem setup. No problem.",
                self.style.NOTICE,
            )


def _is_importable(name: str, allowed_location: Path | None = None) -> bool:
    """Whether `import name` would find something (other than allowed_location itself)."""
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return False
    if spec is None:
        return False
    if allowed_location is not None:
        locations = {Path(location).resolve() for location in spec.submodule_search_locations or ()}
        if spec.origin and spec.origin not in ("namespace", "built-in", "frozen"):
            locations.add(Path(spec.origin).resolve().parent)
        return allowed_location.resolve() not in locations
    return True


def get_docs_version() -> str:
    """The docs URL component for this version: "6.0", or "dev" for pre-releases."""
    major, minor, _, release, _ = django.VERSION
    return f"{major}.{minor}" if release == "final" else "dev"


def render_template_text(content: str, context: dict[str, Any]) -> str:
    """Fill a template file.

    The built-in templates only use {{ variable }}; those are substituted here without the
    template engine. A custom template that uses tags ({% ... %}) goes through the engine.
    """
    if "{%" in content and find_spec("django.template") is not None:
        return _render_with_engine(content, context)
    return VARIABLE_RE.sub(lambda match: str(context.get(match.group(1), "")), content)


def _render_with_engine(content: str, context: dict[str, Any]) -> str:
    from django.template import Context, Engine

    engine = Engine()
    return engine.from_string(content).render(Context(context, autoescape=False))


def _extract_archive(archive: Path, destination: Path) -> Path:
    """Unpack a template archive safely; a single top-level directory becomes the template root."""
    from django.core.management.base import CommandError

    try:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zipped:
                for member in zipped.namelist():
                    _ensure_inside(destination, member)
                zipped.extractall(destination)
        else:
            with tarfile.open(archive) as tarred:
                tarred.extractall(destination, filter="data")
    except (tarfile.TarError, zipfile.BadZipFile, OSError) as exc:
        raise CommandError(f"couldn't extract file {archive} to {destination}: {exc}")
    entries = [entry for entry in destination.iterdir() if not entry.name.startswith(".")]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return destination


def _ensure_inside(destination: Path, member: str) -> None:
    from django.core.management.base import CommandError

    target = (destination / member).resolve()
    if not target.is_relative_to(destination.resolve()):
        raise CommandError(f"Archive contains invalid path: '{member}'")
