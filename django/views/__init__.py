"""Views: the class-based View and the built-in views (errors, debug, static files)."""

from django.views.generic.base import View

__all__ = ["View"]
