from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Always fails (test command)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--code", type=int, default=1)

    def handle(self, *args, **options):
        raise CommandError("the widget is broken", returncode=options["code"])
