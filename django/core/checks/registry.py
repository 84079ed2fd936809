"""The registry of system checks: register(), run_checks() and the built-in tags."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Any

from django.core.checks.messages import CheckMessage


class Tags:
    """The tags of the built-in checks."""

    admin = "admin"
    async_support = "async_support"
    caches = "caches"
    commands = "commands"
    compatibility = "compatibility"
    database = "database"
    files = "files"
    models = "models"
    security = "security"
    signals = "signals"
    sites = "sites"
    staticfiles = "staticfiles"
    templates = "templates"
    translation = "translation"
    urls = "urls"


def _accepts_kwargs(func: Callable[..., Any]) -> bool:
    try:
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(parameter.kind is inspect.Parameter.VAR_KEYWORD for parameter in parameters)


class CheckRegistry:
    """Holds check functions: the regular ones, and the deployment ones run by `check --deploy`."""

    def __init__(self) -> None:
        # dicts keep registration order, which keeps output stable between runs
        self.registered_checks: dict[Callable[..., Any], None] = {}
        self.deployment_checks: dict[Callable[..., Any], None] = {}

    def register(self, check: Any = None, *tags: str, **kwargs: Any) -> Any:
        """Register a check; usable as @register, @register("tag", ...), or register(func, "tag").

        deploy=True makes it a deployment check, only run with include_deployment_checks.
        """

        def add(func: Callable[..., Any]) -> Callable[..., Any]:
            if not _accepts_kwargs(func):
                raise TypeError("Check functions must accept keyword arguments (**kwargs).")
            func.tags = tags  # type: ignore[attr-defined]
            target = self.deployment_checks if kwargs.get("deploy") else self.registered_checks
            target[func] = None
            return func

        if callable(check):
            return add(check)
        if check:
            tags = (check, *tags)
        return add

    def run_checks(
        self,
        app_configs: Any = None,
        tags: Iterable[str] | None = None,
        include_deployment_checks: bool = False,
        databases: Any = None,
    ) -> list[CheckMessage]:
        """Run the checks (only those with one of `tags`, when given) and collect their messages."""
        checks = self.get_checks(include_deployment_checks)
        if tags is not None:
            wanted = set(tags)
            checks = [check for check in checks if wanted & set(getattr(check, "tags", ()))]
        messages: list[CheckMessage] = []
        for check in checks:
            found = check(app_configs=app_configs, databases=databases)
            if not isinstance(found, Iterable):
                raise TypeError(
                    f"The function {check!r} did not return a list. All functions registered with "
                    "the checks registry must return a list."
                )
            messages.extend(found)
        return messages

    def tag_exists(self, tag: str, include_deployment_checks: bool = False) -> bool:
        return tag in self.tags_available(include_deployment_checks)

    def tags_available(self, deployment_checks: bool = False) -> set[str]:
        return {tag for check in self.get_checks(deployment_checks) for tag in getattr(check, "tags", ())}

    def get_checks(self, include_deployment_checks: bool = False) -> list[Callable[..., Any]]:
        checks = list(self.registered_checks)
        if include_deployment_checks:
            checks.extend(self.deployment_checks)
        return checks


registry = CheckRegistry()
register = registry.register
run_checks = registry.run_checks
tag_exists = registry.tag_exists
