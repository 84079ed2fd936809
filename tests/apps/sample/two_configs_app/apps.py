from django.apps import AppConfig


class FirstConfig(AppConfig):
    name = "tests.apps.sample.two_configs_app"
    verbose_name = "first"


class ChosenConfig(AppConfig):
    default = True
    name = "tests.apps.sample.two_configs_app"
    verbose_name = "chosen"
