from django.core.management.base import BaseCommand


class Command(BaseCommand):
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--target", required=True)
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--fast", action="store_true")
        group.add_argument("--slow", action="store_true")

    def handle(self, *args, **options):
        return f"target={options['target']} fast={options['fast']} slow={options['slow']}"
