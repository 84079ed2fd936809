from django.apps import AppConfig


class FlushAppConfig(AppConfig):
    name = "tests.db.backends.flushapp"
    label = "flushapp"
    default_auto_field = "django.db.models.BigAutoField"
