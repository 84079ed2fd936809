"""Engine: the Django template language's configuration (loaders, libraries, options)."""

from __future__ import annotations

import functools
from typing import Any

from django.template.base import Origin, Template
from django.template.context import Context
from django.template.exceptions import TemplateDoesNotExist
from django.template.library import import_library
from django.utils.functional import cached_property


class Engine:
    default_builtins = [
        "django.template.defaulttags",
        "django.template.defaultfilters",
        "django.template.loader_tags",
    ]

    def __init__(
        self,
        dirs: list | None = None,
        app_dirs: bool = False,
        context_processors: list | None = None,
        debug: bool = False,
        loaders: list | None = None,
        string_if_invalid: str = "",
        file_charset: str = "utf-8",
        libraries: dict | None = None,
        builtins: list | None = None,
        autoescape: bool = True,
    ) -> None:
        from django.core.exceptions import ImproperlyConfigured

        if dirs is None:
            dirs = []
        if context_processors is None:
            context_processors = []
        if loaders is None:
            loaders = ["django.template.loaders.filesystem.Loader"]
            if app_dirs:
                loaders += ["django.template.loaders.app_directories.Loader"]
            # The cached loader is the default in every mode (reset on file changes in dev).
            loaders = [("django.template.loaders.cached.Loader", loaders)]
        elif app_dirs:
            raise ImproperlyConfigured("app_dirs must not be set when loaders is defined.")
        if libraries is None:
            libraries = {}
        if builtins is None:
            builtins = []
        self.dirs = [str(d) for d in dirs]
        self.app_dirs = app_dirs
        self.autoescape = autoescape
        self.context_processors = context_processors
        self.debug = debug
        self.loaders = loaders
        self.string_if_invalid = string_if_invalid
        self.file_charset = file_charset
        self.libraries = libraries
        self.template_libraries = self.get_template_libraries(libraries)
        self.builtins = self.default_builtins + builtins
        self.template_builtins = self.get_template_builtins(self.builtins)

    def __repr__(self) -> str:
        return (
            "<%s: app_dirs=%s debug=%s loaders=%s string_if_invalid=%r file_charset=%r%s%s autoescape=%s>"
            % (
                type(self).__qualname__,
                self.app_dirs,
                self.debug,
                self.loaders,
                self.string_if_invalid,
                self.file_charset,
                " dirs=%r" % self.dirs if self.dirs else "",
                " libraries=%r" % self.libraries if self.libraries else "",
                self.autoescape,
            )
        )

    @staticmethod
    @functools.lru_cache
    def get_default() -> Engine:
        """The engine of the first DjangoTemplates backend in TEMPLATES."""
        from django.core.exceptions import ImproperlyConfigured
        from django.template import engines
        from django.template.backends.django import DjangoTemplates

        for engine in engines.all():
            if isinstance(engine, DjangoTemplates):
                return engine.engine
        raise ImproperlyConfigured("No DjangoTemplates backend is configured.")

    @cached_property
    def template_context_processors(self) -> tuple:
        from django.utils.module_loading import import_string

        processors = ("django.template.context_processors.csrf", *self.context_processors)
        return tuple(import_string(path) for path in processors)

    def get_template_builtins(self, builtins: list) -> list:
        return [import_library(x) for x in builtins]

    def get_template_libraries(self, libraries: dict) -> dict:
        return {name: import_library(path) for name, path in libraries.items()}

    @cached_property
    def template_loaders(self) -> list:
        return self.get_template_loaders(self.loaders)

    def get_template_loaders(self, template_loaders: list) -> list:
        loaders = []
        for template_loader in template_loaders:
            loader = self.find_template_loader(template_loader)
            if loader is not None:
                loaders.append(loader)
        return loaders

    def find_template_loader(self, loader: Any) -> Any:
        from django.core.exceptions import ImproperlyConfigured
        from django.utils.module_loading import import_string

        if isinstance(loader, (tuple, list)):
            loader, *args = loader
        else:
            args = []
        if isinstance(loader, str):
            loader_class = import_string(loader)
            return loader_class(self, *args)
        raise ImproperlyConfigured("Invalid value in template loaders configuration: %r" % loader)

    def find_template(self, name: str, dirs: Any = None, skip: Any = None) -> tuple[Template, Origin]:
        tried: list = []
        for loader in self.template_loaders:
            try:
                template = loader.get_template(name, skip=skip)
                return template, template.origin
            except TemplateDoesNotExist as exc:
                tried.extend(exc.tried)
        raise TemplateDoesNotExist(name, tried=tried)

    def from_string(self, template_code: str) -> Template:
        return Template(template_code, engine=self)

    def get_template(self, template_name: str) -> Any:
        """Return a compiled Template (or a partial, for 'name.html#partial')."""
        name, _, partial = template_name.partition("#")
        template, origin = self.find_template(name)
        if not hasattr(template, "render"):
            template = Template(template, origin, name, engine=self)
        if partial:
            return _find_partial(template, partial, template_name)
        return template

    def render_to_string(self, template_name: Any, context: Any = None) -> str:
        if isinstance(template_name, (list, tuple)):
            t = self.select_template(template_name)
        else:
            t = self.get_template(template_name)
        if isinstance(context, Context):
            return t.render(context)
        return t.render(Context(context, autoescape=self.autoescape))

    def select_template(self, template_name_list: list | tuple) -> Any:
        if not template_name_list:
            raise TemplateDoesNotExist("No template names provided")
        not_found = []
        for template_name in template_name_list:
            try:
                return self.get_template(template_name)
            except TemplateDoesNotExist as exc:
                if exc.args[0] not in not_found:
                    not_found.append(exc.args[0])
        raise TemplateDoesNotExist(", ".join(not_found))


def _find_partial(template: Template, partial: str, full_name: str) -> Any:
    partials = template.extra_data.get("partials", {})
    try:
        return partials[partial]
    except KeyError:
        raise TemplateDoesNotExist(full_name, tried=[(template.origin, "Partial %r not found" % partial)])
