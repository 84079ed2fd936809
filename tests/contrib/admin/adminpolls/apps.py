from django.apps import AppConfig


class AdminPollsConfig(AppConfig):
    name = "tests.contrib.admin.adminpolls"
    label = "adminpolls"
    verbose_name = "Polls"
    default_auto_field = "django.db.models.BigAutoField"
