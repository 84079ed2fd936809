from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

# (MESSAGE_STORAGE path, its class): the class is imported once per setting value, not per request.
_storage_class: tuple[str, Any] = ("", None)


def default_storage(request: Any) -> Any:
    """The MESSAGE_STORAGE backend for a request."""
    global _storage_class
    path = settings.MESSAGE_STORAGE
    if _storage_class[0] != path:
        _storage_class = (path, import_string(path))
    return _storage_class[1](request)
