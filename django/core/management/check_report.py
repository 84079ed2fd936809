"""How a command runs the system checks and reports them (BaseCommand.check)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.core.management.base import BaseCommand

# Most serious first, as `check` prints them.
GROUPS = (
    ("CRITICALS", 50, None),
    ("ERRORS", 40, 50),
    ("WARNINGS", 30, 40),
    ("INFOS", 20, 30),
    ("DEBUGS", None, 20),
)


def _group(issues: list[Any], low: int | None, high: int | None) -> list[Any]:
    return [
        issue
        for issue in issues
        if (low is None or issue.level >= low) and (high is None or issue.level < high)
    ]


def _count_phrase(count: int) -> str:
    if count == 0:
        return "no issues"
    return "1 issue" if count == 1 else f"{count} issues"


def report_checks(
    command: BaseCommand,
    *,
    app_configs: Any,
    tags: Any,
    display_num_errors: bool,
    include_deployment_checks: bool,
    fail_level: int | None,
    databases: Any,
) -> None:
    """Print the unsilenced findings grouped by level; raise SystemCheckError at fail_level or above."""
    from django.core import checks
    from django.core.management.base import SystemCheckError

    fail_level = checks.ERROR if fail_level is None else fail_level
    all_issues = checks.run_checks(
        app_configs=app_configs,
        tags=tags,
        include_deployment_checks=include_deployment_checks,
        databases=databases,
    )
    visible = [issue for issue in all_issues if not issue.is_silenced()]
    body = ""
    for title, low, high in GROUPS:
        issues = _group(visible, low, high)
        if issues:
            lines = sorted(
                command.style.ERROR(str(issue)) if issue.is_serious() else command.style.WARNING(str(issue))
                for issue in issues
            )
            body += "\n{}:\n{}\n".format(title, "\n".join(lines))
    header = "System check identified some issues:\n" if visible else ""
    footer = ""
    if display_num_errors:
        footer = ("\n" if visible else "") + (
            f"System check identified {_count_phrase(len(visible))} "
            f"({len(all_issues) - len(visible)} silenced)."
        )
    if any(issue.is_serious(fail_level) for issue in visible):
        raise SystemCheckError(command.style.ERROR(f"SystemCheckError: {header}") + body + footer)
    message = header + body + footer
    if message:
        if visible:
            command.stderr.write(message, lambda text: text)
        else:
            command.stdout.write(message)


def warn_unapplied_migrations(command: BaseCommand) -> None:
    """Print a notice listing unapplied migrations (skipped while the migrations package is absent)."""
    try:
        from django.db import DEFAULT_DB_ALIAS, connections
        from django.db.migrations.executor import MigrationExecutor
    except ImportError:
        return  # no migrations framework in this installation: nothing to compare against

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    except Exception:  # noqa: BLE001 - no usable database means nothing to warn about
        return
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return
    app_labels = sorted({migration.app_label for migration, _ in plan})
    command.stdout.write(
        command.style.NOTICE(
            f"\nYou have {len(plan)} unapplied migration(s). Your project may not work properly until "
            f"you apply the migrations for app(s): {', '.join(app_labels)}."
        )
    )
    command.stdout.write(command.style.NOTICE("Run 'python manage.py migrate' to apply them."))
