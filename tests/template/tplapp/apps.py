from django.apps import AppConfig


class TplAppConfig(AppConfig):
    name = "tests.template.tplapp"
    label = "tplapp"
