from django.conf import settings
from django.contrib.messages import constants


def get_level_tags() -> dict:
    """The level -> tag map: the defaults plus MESSAGE_TAGS."""
    return {**constants.DEFAULT_TAGS, **getattr(settings, "MESSAGE_TAGS", {})}
