"""``manage.py dumpdata``: write the database's contents (or some apps/models) as a fixture."""

from __future__ import annotations

import gzip
import os
import warnings
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands.loaddata import parse_apps_and_model_labels
from django.db import DEFAULT_DB_ALIAS, router


class ProxyModelWarning(Warning):
    pass


class Command(BaseCommand):
    help = (
        "Output the contents of the database as a fixture of the given format (using each model's default "
        "manager unless --all is specified)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "args",
            metavar="app_label[.ModelName]",
            nargs="*",
            help="Restricts dumped data to the specified app_label or app_label.ModelName.",
        )
        parser.add_argument(
            "--format", default="json", help="Specifies the output serialization format for fixtures."
        )
        parser.add_argument(
            "--indent", type=int, help="Specifies the indent level to use when pretty-printing output."
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a specific database to dump fixtures from. Defaults to the "default" database.',
        )
        parser.add_argument(
            "-e",
            "--exclude",
            action="append",
            default=[],
            help="An app_label or app_label.ModelName to exclude (use multiple --exclude to exclude multiple apps/models).",
        )
        parser.add_argument(
            "--natural-foreign",
            action="store_true",
            dest="use_natural_foreign_keys",
            help="Use natural foreign keys if they are available.",
        )
        parser.add_argument(
            "--natural-primary",
            action="store_true",
            dest="use_natural_primary_keys",
            help="Use natural primary keys if they are available.",
        )
        parser.add_argument(
            "-a",
            "--all",
            action="store_true",
            dest="use_base_manager",
            help="Use Django's base manager to dump all models stored in the database, including those that would otherwise be filtered or modified by a custom manager.",
        )
        parser.add_argument(
            "--pks",
            dest="primary_keys",
            help="Only dump objects with given primary keys. Accepts a comma-separated list of keys. This option only works when you specify one model.",
        )
        parser.add_argument("-o", "--output", help="Specifies file to which the output is written.")

    def handle(self, *app_labels: str, **options: Any) -> None:
        fmt = options["format"]
        using = options["database"]
        excluded_models, excluded_apps = parse_apps_and_model_labels(options["exclude"])
        pks = [pk.strip() for pk in options["primary_keys"].split(",")] if options["primary_keys"] else None
        app_list = self._app_list(app_labels, excluded_models, excluded_apps, pks)
        if fmt not in serializers.get_public_serializer_formats():
            raise CommandError(f"Unknown serialization format: {fmt}")
        models = self._ordered_models(app_list, options["use_natural_foreign_keys"])
        objects = self._objects(models, app_list, excluded_models, using, pks, options["use_base_manager"])
        output = options["output"]
        stream = self._open(output) if output else None
        try:
            serializers.serialize(
                fmt,
                objects,
                indent=options["indent"],
                use_natural_foreign_keys=options["use_natural_foreign_keys"],
                use_natural_primary_keys=options["use_natural_primary_keys"],
                stream=stream or self.stdout._out,
                object_count=0,
            )
        except Exception as e:
            if options["traceback"]:
                raise
            raise CommandError(f"Unable to serialize database: {e}")
        finally:
            if stream:
                stream.close()

    def _app_list(
        self, app_labels: tuple, excluded_models: set, excluded_apps: set, pks: list | None
    ) -> dict:
        if not app_labels:
            if pks:
                raise CommandError("You can only use --pks option with one model")
            return {
                config: None
                for config in apps.get_app_configs()
                if config.models_module is not None and config not in excluded_apps
            }
        if len(app_labels) > 1 and pks:
            raise CommandError("You can only use --pks option with one model")
        app_list: dict = {}
        for label in app_labels:
            app_label, _, model_label = label.partition(".")
            try:
                app_config = apps.get_app_config(app_label)
            except LookupError as e:
                raise CommandError(str(e))
            if app_config.models_module is None or app_config in excluded_apps:
                continue
            if model_label:
                try:
                    model = app_config.get_model(model_label)
                except LookupError:
                    raise CommandError(f"Unknown model: {app_label}.{model_label}")
                existing = app_list.setdefault(app_config, [])
                if existing is not None and model not in existing:
                    existing.append(model)
            else:
                if pks:
                    raise CommandError("You can only use --pks option with one model")
                app_list[app_config] = None
        return app_list

    @staticmethod
    def _ordered_models(app_list: dict, natural_foreign: bool) -> list:
        if natural_foreign:
            pairs = [
                (config, model_list or list(config.get_models())) for config, model_list in app_list.items()
            ]
            return serializers.sort_dependencies(pairs, allow_cycles=True)
        models = []
        for config, model_list in app_list.items():
            models.extend(model_list if model_list is not None else config.get_models())
        return models

    def _objects(
        self,
        models: list,
        app_list: dict,
        excluded_models: set,
        using: str,
        pks: list | None,
        base_manager: bool,
    ) -> Iterator[Any]:
        for model in models:
            if model in excluded_models:
                continue
            if model._meta.proxy and model._meta.proxy_for_model not in models:
                warnings.warn(
                    f"{model._meta.label} is a proxy model and won't be serialized.",
                    category=ProxyModelWarning,
                    stacklevel=2,
                )
            if model._meta.proxy or not router.allow_migrate_model(using, model):
                continue
            manager = model._base_manager if base_manager else model._default_manager
            queryset = manager.using(using).order_by(model._meta.pk.name)
            if pks:
                queryset = queryset.filter(pk__in=pks)
            yield from queryset.iterator()

    @staticmethod
    def _open(output: str) -> Any:
        base, ext = os.path.splitext(output)
        if ext == ".gz":
            return gzip.open(output, "wt", encoding="utf-8")
        if ext == ".bz2":
            import bz2

            return bz2.open(output, "wt", encoding="utf-8")
        if ext in (".lzma", ".xz"):
            import lzma

            return lzma.open(output, "wt", encoding="utf-8")
        return open(output, "w", encoding="utf-8")
