"""Deployment check: async-unsafe operations must not be globally allowed."""

from __future__ import annotations

import os
from typing import Any

from django.core.checks.messages import Error
from django.core.checks.registry import Tags, register

E001 = Error(
    "You should not set the DJANGO_ALLOW_ASYNC_UNSAFE environment variable in deployment. "
    "This disables async safety protection.",
    id="async.E001",
)


@register(Tags.async_support, deploy=True)
def check_async_unsafe(app_configs: Any, **kwargs: Any) -> list[Error]:
    return [E001] if os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE") else []
