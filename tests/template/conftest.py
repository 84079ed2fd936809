"""Helpers for template tests: render a source under several engine configurations."""

from __future__ import annotations

from typing import Any

import pytest

from django.template import Context, Engine

# Each table case runs under every configuration (STYLE.md guideline 8).
ENGINE_OPTIONS: dict[str, dict[str, Any]] = {
    "default": {},
    "no_autoescape": {"autoescape": False},
    "invalid": {"string_if_invalid": "INVALID"},
    "debug": {"debug": True},
}


def make_engine(templates: dict[str, str] | None = None, **options: Any) -> Engine:
    """An engine reading `templates` through the cached loader wrapping a locmem loader."""
    from django.template.backends.django import get_installed_libraries

    loaders = [
        (
            "django.template.loaders.cached.Loader",
            [("django.template.loaders.locmem.Loader", templates or {})],
        )
    ]
    libraries = {**get_installed_libraries(), **options.pop("libraries", {})}
    return Engine(loaders=loaders, libraries=libraries, **options)


def render(
    source: str,
    context: dict | None = None,
    templates: dict[str, str] | None = None,
    *,
    twice: bool = True,
    **options: Any,
) -> str:
    templates = dict(templates or {})
    templates["__main__"] = source
    engine = make_engine(templates, **options)
    autoescape = options.get("autoescape", True)
    first = engine.get_template("__main__").render(Context(dict(context or {}), autoescape=autoescape))
    if not twice:  # output that changes on each render (random text, counters)
        return first
    # The second render comes from the cached loader (the default): a compiled template is
    # reused across renders and must keep no state from the first one.
    cached = engine.get_template("__main__")
    assert cached is engine.get_template("__main__")
    again = cached.render(Context(dict(context or {}), autoescape=autoescape))
    assert again == first, "a template rendered from the cache gave another output"
    return again


def expected_for(expected: Any, option: str) -> Any:
    if isinstance(expected, dict):
        return expected.get(option, expected["default"])
    return expected


@pytest.fixture(params=list(ENGINE_OPTIONS))
def engine_option(request: Any) -> str:
    return request.param
