"""Applications: AppConfig and the global registry `apps`."""

from django.apps.config import AppConfig
from django.apps.registry import apps

__all__ = ["AppConfig", "apps"]
