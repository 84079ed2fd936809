from django.apps import AppConfig


class PathedConfig(AppConfig):
    name = "tests.apps.sample.pathed_app"
    path = "/srv/elsewhere"
