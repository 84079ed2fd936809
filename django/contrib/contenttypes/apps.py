from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentTypesConfig(AppConfig):
    default_auto_field = "django.db.models.AutoField"
    name = "django.contrib.contenttypes"
    verbose_name = _("Content Types")

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        from .checks import check_generic_foreign_keys, check_model_name_lengths
        from .management import create_contenttypes

        post_migrate.connect(
            create_contenttypes, dispatch_uid="django.contrib.contenttypes.create_contenttypes"
        )
        checks.register(check_generic_foreign_keys, checks.Tags.models)
        checks.register(check_model_name_lengths, checks.Tags.models)
