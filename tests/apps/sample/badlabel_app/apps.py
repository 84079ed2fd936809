from django.apps import AppConfig


class BadLabelConfig(AppConfig):
    name = "tests.apps.sample.badlabel_app"
    label = "not-an-identifier"
