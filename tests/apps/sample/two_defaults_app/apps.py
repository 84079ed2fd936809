from django.apps import AppConfig


class AConfig(AppConfig):
    default = True
    name = "tests.apps.sample.two_defaults_app"


class BConfig(AppConfig):
    default = True
    name = "tests.apps.sample.two_defaults_app"
