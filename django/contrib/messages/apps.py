from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagesConfig(AppConfig):
    name = "django.contrib.messages"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from .storage import base

        def update_level_tags(setting: str, **kwargs: object) -> None:
            if setting == "MESSAGE_TAGS":
                base.LEVEL_TAGS = base.get_level_tags()

        setting_changed.connect(
            update_level_tags, weak=False, dispatch_uid="django.contrib.messages.update_level_tags"
        )
