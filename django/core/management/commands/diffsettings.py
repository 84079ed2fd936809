"""diffsettings: show how the current settings differ from the defaults."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


def module_to_dict(module: Any) -> dict[str, str]:
    """The UPPERCASE names of a settings object or module, mapped to the repr of their values."""
    return {
        name: repr(getattr(module, name))
        for name in dir(module)
        if name.isupper() and not name.startswith("_")
    }


class Command(BaseCommand):
    help = "Displays differences between the current settings.py and Django's default settings."

    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help='Display all settings, regardless of their value. In "hash" mode, default values are '
            'prefixed by "###".',
        )
        parser.add_argument(
            "--default",
            metavar="MODULE",
            help="The settings module to compare the current settings against. Leave empty to "
            "compare against Django's default settings.",
        )
        parser.add_argument(
            "--output",
            default="hash",
            choices=("hash", "unified"),
            help="Selects the output format. 'hash' mode displays each changed setting, with the "
            "settings that don't appear in the defaults followed by ###. 'unified' mode prefixes the "
            "default setting with a minus sign, followed by the changed setting prefixed with a plus sign.",
        )

    def handle(self, **options: Any) -> str:
        from django.conf import Settings, global_settings, settings

        if not settings.configured:
            settings._setup()
        user_settings = module_to_dict(settings._wrapped)
        default_module = options["default"]
        default_settings = module_to_dict(Settings(default_module) if default_module else global_settings)
        if options["output"] == "unified":
            lines = self.output_unified(user_settings, default_settings, options["all"])
        else:
            lines = self.output_hash(user_settings, default_settings, options["all"])
        return "\n".join(lines)

    def output_hash(self, user: dict[str, str], default: dict[str, str], show_all: bool) -> list[str]:
        lines = []
        for name in sorted(user):
            if name not in default:
                lines.append(f"{name} = {user[name]}  ###")
            elif user[name] != default[name]:
                lines.append(f"{name} = {user[name]}")
            elif show_all:
                lines.append(f"### {name} = {user[name]}")
        return lines

    def output_unified(self, user: dict[str, str], default: dict[str, str], show_all: bool) -> list[str]:
        lines = []
        for name in sorted(user):
            if name not in default:
                lines.append(self.style.SUCCESS(f"+ {name} = {user[name]}"))
            elif user[name] != default[name]:
                lines.append(self.style.ERROR(f"- {name} = {default[name]}"))
                lines.append(self.style.SUCCESS(f"+ {name} = {user[name]}"))
            elif show_all:
                lines.append(f"  {name} = {user[name]}")
        return lines
