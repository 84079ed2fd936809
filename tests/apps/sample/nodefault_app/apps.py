from django.apps import AppConfig


class OptInConfig(AppConfig):
    default = False
    name = "tests.apps.sample.nodefault_app"
    verbose_name = "opt in"
    default_auto_field = "django.db.models.AutoField"
