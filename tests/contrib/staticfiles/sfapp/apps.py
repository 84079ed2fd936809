from django.apps import AppConfig


class SfAppConfig(AppConfig):
    name = "tests.contrib.staticfiles.sfapp"
    label = "sfapp"
