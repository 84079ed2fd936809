from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Greets people (test command)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*")
        parser.add_argument("--shout", action="store_true")
        parser.add_argument("--greeting", "-g", dest="greeting_word", default="Hello")
        parser.add_argument("--times", type=int, default=1)

    def handle(self, *args, **options):
        text = ", ".join(f"{options['greeting_word']} {name}" for name in options["names"] or ["world"])
        if options["shout"]:
            text = text.upper()
        for _ in range(options["times"]):
            self.stdout.write(text)
        self.stderr.write(f"verbosity={options['verbosity']}")
        return None
