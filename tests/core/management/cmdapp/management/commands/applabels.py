from django.core.management.base import AppCommand


class Command(AppCommand):
    requires_system_checks = []

    def handle_app_config(self, app_config, **options):
        return f"app:{app_config.label}"
