from django.apps import AppConfig


class ModelTestsConfig(AppConfig):
    name = "tests.db.models.app_models"
    label = "model_tests"
    default_auto_field = "django.db.models.BigAutoField"
