"""The Jinja2 backend: OPTIONS are passed to jinja2.Environment (plus `environment`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
from django.utils.functional import cached_property
from django.utils.module_loading import import_string

from .base import BaseEngine
from .utils import csrf_input_lazy, csrf_token_lazy


class Jinja2(BaseEngine):
    app_dirname = "jinja2"

    def __init__(self, params: dict) -> None:
        import jinja2

        params = params.copy()
        options = params.pop("OPTIONS").copy()
        super().__init__(params)
        self.context_processors = options.pop("context_processors", [])
        environment = options.pop("environment", "jinja2.Environment")
        environment_cls = import_string(environment)
        if "loader" not in options:
            options["loader"] = jinja2.FileSystemLoader(self.template_dirs)
        options.setdefault("autoescape", True)
        options.setdefault("auto_reload", _setting("DEBUG", False))
        options.setdefault(
            "undefined", jinja2.DebugUndefined if _setting("DEBUG", False) else jinja2.Undefined
        )
        self.env = environment_cls(**options)

    def from_string(self, template_code: str) -> Template:
        return Template(self.env.from_string(template_code), self)

    def get_template(self, template_name: str) -> Template:
        import jinja2

        try:
            return Template(self.env.get_template(template_name), self)
        except jinja2.TemplateNotFound as exc:
            raise TemplateDoesNotExist(exc.name, backend=self) from exc
        except jinja2.TemplateSyntaxError as exc:
            new = TemplateSyntaxError(exc.args)
            new.template_debug = get_exception_info(exc)  # type: ignore[attr-defined]
            raise new from exc

    @cached_property
    def template_context_processors(self) -> list:
        return [import_string(path) for path in self.context_processors]


def _setting(name: str, default: Any) -> Any:
    from django.conf import settings

    return getattr(settings, name, default)


class Template:
    def __init__(self, template: Any, backend: Jinja2) -> None:
        self.template = template
        self.backend = backend
        self.origin = Origin(name=template.filename, template_name=template.name)

    def render(self, context: Any = None, request: Any = None) -> Any:
        from django.utils.safestring import SafeString

        if context is None:
            context = {}
        if request is not None:
            context["request"] = request
            context["csrf_input"] = csrf_input_lazy(request)
            context["csrf_token"] = csrf_token_lazy(request)
            for processor in self.backend.template_context_processors:
                context.update(processor(request))
        try:
            return SafeString(self.template.render(context))
        except Exception as exc:
            import jinja2

            if isinstance(exc, jinja2.TemplateSyntaxError):
                new = TemplateSyntaxError(exc.args)
                new.template_debug = get_exception_info(exc)  # type: ignore[attr-defined]
                raise new from exc
            raise


class Origin:
    """Just what the debug page needs from a Jinja2 template's origin."""

    def __init__(self, name: str | None, template_name: str | None) -> None:
        self.name = name
        self.template_name = template_name


def get_exception_info(exception: Any) -> dict:
    """The debug-page dict for a jinja2.TemplateSyntaxError."""
    context_lines = 10
    lineno = exception.lineno
    source = exception.source
    if source is None:
        exception_file = Path(exception.filename) if exception.filename else None
        if exception_file is not None and exception_file.exists():
            source = exception_file.read_text()
    if source is not None:
        lines = list(enumerate(source.strip().split("\n"), start=1))
        during = lines[lineno - 1][1] if 0 < lineno <= len(lines) else ""
        total = len(lines)
        top = max(0, lineno - context_lines - 1)
        bottom = min(total, lineno + context_lines)
    else:
        during, lines, total, top, bottom = "", [], 0, 0, 0
    return {
        "name": exception.filename,
        "message": exception.message,
        "source_lines": lines[top:bottom],
        "line": lineno,
        "before": "",
        "during": during,
        "after": "",
        "total": total,
        "top": top,
        "bottom": bottom,
    }
