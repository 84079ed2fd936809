from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Prints SQL wrapped in a transaction (test command)."
    output_transaction = True
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        return "SELECT 1;"
