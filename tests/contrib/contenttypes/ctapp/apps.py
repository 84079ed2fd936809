from django.apps import AppConfig


class GenericRelationsTestConfig(AppConfig):
    name = "tests.contrib.contenttypes.ctapp"
    label = "ct_generic"
    default_auto_field = "django.db.models.BigAutoField"
