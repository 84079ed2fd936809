from django.apps import AppConfig


class QueryTestsConfig(AppConfig):
    name = "tests.db.models.query.qapp"
    label = "query_tests"
    default_auto_field = "django.db.models.BigAutoField"
