from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


def default_storage(request: Any) -> Any:
    """The MESSAGE_STORAGE backend for a request."""
    return import_string(settings.MESSAGE_STORAGE)(request)
