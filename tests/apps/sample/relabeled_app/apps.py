from django.apps import AppConfig


class RelabeledConfig(AppConfig):
    name = "tests.apps.sample.relabeled_app"
    label = "plain_app"
