"""manage.py remove_stale_contenttypes: delete content types whose model is gone."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import BaseCommand
from django.db import DEFAULT_DB_ALIAS, router
from django.db.models.deletion import Collector


class Command(BaseCommand):
    help = "Deletes stale content types in the database."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells Django to NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates the database to use. Defaults to the "default" database.',
        )
        parser.add_argument(
            "--include-stale-apps",
            action="store_true",
            default=False,
            help="Deletes stale content types including ones from previously installed apps "
            "that have been removed from INSTALLED_APPS.",
        )

    def handle(self, **options: Any) -> None:
        db = options["database"]
        interactive = options["interactive"]
        verbosity = options["verbosity"]
        if not router.allow_migrate_model(db, ContentType):
            return
        ContentType.objects.clear_cache()
        installed = {config.label for config in apps.get_app_configs()}
        stale = [
            ct
            for ct in ContentType.objects.using(db).order_by("app_label", "model")
            if ct.model_class() is None and (options["include_stale_apps"] or ct.app_label in installed)
        ]
        if not stale:
            return
        if interactive:
            collector = Collector(using=db, origin=stale)
            collector.collect(stale)
            related = [
                f"    - {len(objs)} {model._meta.label}(s)"
                for model, objs in collector.data.items()
                if model is not ContentType
            ]
            names = "\n".join(f"    {ct.app_label} | {ct.model}" for ct in stale)
            self.stdout.write(
                f"Some content types in your database are stale and can be deleted.\n"
                "Any objects that depend on these content types will also be deleted.\n"
                f"The content types and dependent objects that would be deleted are:\n\n{names}\n"
                + ("\n".join(related) + "\n" if related else "")
                + "\nThis list doesn't include any cascade deletions to data outside of Django's models "
                "(uncommon).\n\nAre you sure you want to delete these content types?\n"
                "If you're unsure, answer 'no'."
            )
            if input("Type 'yes' to continue, or 'no' to cancel: ") != "yes":
                if verbosity >= 2:
                    self.stdout.write("Stale content types remain.")
                return
        for ct in stale:
            if verbosity >= 2:
                self.stdout.write(f"Deleting stale content type '{ct.app_label} | {ct.model}'")
            ct.delete(using=db)
