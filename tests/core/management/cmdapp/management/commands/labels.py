from django.core.management.base import LabelCommand


class Command(LabelCommand):
    label = "thing"
    requires_system_checks = []

    def handle_label(self, label, **options):
        return f"label:{label}"
