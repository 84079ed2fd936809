"""Generic class-based views."""

from django.views.generic.base import RedirectView, TemplateView, View

__all__ = ["View", "TemplateView", "RedirectView"]
