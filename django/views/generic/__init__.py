"""Generic class-based views."""

from django.views.generic.base import RedirectView, TemplateView, View
from django.views.generic.detail import DetailView
from django.views.generic.list import ListView

__all__ = ["View", "TemplateView", "RedirectView", "DetailView", "ListView"]
