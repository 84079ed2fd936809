from django.apps import AppConfig


class ReentrantConfig(AppConfig):
    name = "tests.apps.sample.reentrant_app"

    def ready(self):
        self.apps.populate(["tests.apps.sample.plain_app"])
