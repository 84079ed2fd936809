"""The DjangoTemplates backend: settings.TEMPLATES -> an Engine."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from pkgutil import walk_packages
from typing import Any, NoReturn

from django.template.context import make_context
from django.template.engine import Engine
from django.template.exceptions import TemplateDoesNotExist
from django.template.library import InvalidTemplateLibrary

from .base import BaseEngine


class DjangoTemplates(BaseEngine):
    app_dirname = "templates"

    def __init__(self, params: dict) -> None:
        params = params.copy()
        options = params.pop("OPTIONS").copy()
        options.setdefault("autoescape", True)
        options.setdefault("debug", _setting("DEBUG", False))
        options.setdefault("file_charset", "utf-8")
        libraries = options.get("libraries", {})
        options["libraries"] = self.get_templatetag_libraries(libraries)
        super().__init__(params)
        self.engine = Engine(self.dirs, self.app_dirs, **options)
        # Let the dev server's autoreloader reset cached loaders when templates change.
        from django.template.autoreload import connect_signals

        connect_signals()

    def check(self, **kwargs: Any) -> list:
        return [
            *self._check_string_if_invalid_is_string(),
            *self._check_for_template_tags_with_the_same_name(),
        ]

    def _check_string_if_invalid_is_string(self) -> list:
        from django.core.checks import Error

        value = self.engine.string_if_invalid
        if isinstance(value, str):
            return []
        return [
            Error(
                "'string_if_invalid' in TEMPLATES OPTIONS must be a string but got: %r (%s)."
                % (value, type(value)),
                obj=self,
                id="templates.E002",
            )
        ]

    def _check_for_template_tags_with_the_same_name(self) -> list:
        """W003: one library name mapped to different modules (by OPTIONS or by two apps)."""
        from collections import defaultdict

        from django.core.checks import Warning

        libraries: defaultdict[str, set] = defaultdict(set)
        for module_name, module_path in get_template_tag_modules():
            libraries[module_name].add(module_path)
        for module_name, module_path in self.engine.libraries.items():
            libraries[module_name].add(module_path)
        return [
            Warning(
                "%r is used for multiple template tag modules: %s"
                % (name, ", ".join(repr(item) for item in sorted(paths))),
                obj=self,
                id="templates.W003",
            )
            for name, paths in libraries.items()
            if len(paths) > 1
        ]

    def from_string(self, template_code: str) -> Template:
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name: str) -> Template:
        try:
            return Template(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            reraise(exc, self)

    def get_templatetag_libraries(self, custom_libraries: dict) -> dict:
        libraries = get_installed_libraries()
        libraries.update(custom_libraries)
        return libraries


def _setting(name: str, default: Any) -> Any:
    from django.conf import settings

    return getattr(settings, name, default)


class Template:
    """What DjangoTemplates.get_template() returns: render(context: dict, request)."""

    def __init__(self, template: Any, backend: DjangoTemplates) -> None:
        self.template = template
        self.backend = backend

    @property
    def origin(self) -> Any:
        return self.template.origin

    def render(self, context: Any = None, request: Any = None) -> Any:
        context = make_context(context, request, autoescape=self.backend.engine.autoescape)
        try:
            return self.template.render(context)
        except TemplateDoesNotExist as exc:
            reraise(exc, self.backend)


def copy_exception(exc: TemplateDoesNotExist, backend: Any = None) -> TemplateDoesNotExist:
    backend = backend or getattr(exc, "backend", None)
    new = type(exc)(*exc.args, tried=exc.tried, backend=backend, chain=exc.chain)  # type: ignore[misc]  # args is (msg,)
    if hasattr(exc, "template_debug"):
        new.template_debug = exc.template_debug  # type: ignore[attr-defined]
    return new


def reraise(exc: TemplateDoesNotExist, backend: Any) -> NoReturn:
    new = copy_exception(exc, backend)
    raise new from exc


def get_template_tag_modules() -> Iterator[Any]:
    """Yield (module_name, module_path) for django.templatetags and every app's templatetags."""
    from django.apps import apps

    candidates = ["django.templatetags"]
    candidates += ["%s.templatetags" % app_config.name for app_config in apps.get_app_configs()]
    for candidate in candidates:
        try:
            pkg = import_module(candidate)
        except ImportError:
            continue
        if hasattr(pkg, "__path__"):
            for name in get_package_libraries(pkg):
                yield name.removeprefix(candidate).lstrip("."), name


def get_installed_libraries() -> dict:
    return dict(get_template_tag_modules())


def get_package_libraries(pkg: Any) -> Iterator[Any]:
    for entry in walk_packages(pkg.__path__, pkg.__name__ + "."):
        try:
            module = import_module(entry[1])
        except ImportError as exc:
            raise InvalidTemplateLibrary(
                "Invalid template library specified. ImportError raised when trying to load '%s': %s"
                % (entry[1], exc)
            ) from exc
        if hasattr(module, "register"):
            yield entry[1]
