from django.apps import AppConfig

READY_CALLS = []


class OneConfig(AppConfig):
    name = "tests.apps.sample.one_config_app"
    verbose_name = "The only config"

    def ready(self):
        READY_CALLS.append(self.apps)
