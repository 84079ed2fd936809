"""Template checks: each configured engine checks its own options."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks.messages import CheckMessage
from django.core.checks.registry import Tags, register


@register(Tags.templates)
def check_templates(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Ask every engine in TEMPLATES for its problems (engines offer a check() method)."""
    if not settings.TEMPLATES:
        return []
    from django.template import engines  # the template layer sits above the checks framework

    issues: list[CheckMessage] = []
    for engine in engines.all():
        engine_check = getattr(engine, "check", None)
        if engine_check is not None:
            issues.extend(engine_check())
    return issues
