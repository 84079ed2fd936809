from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Returns its output instead of writing it."

    def handle(self, *args, **options):
        return "returned text"
