"""The public home of ModelAdmin, the inlines and the admin's query-string names.

The code lives in focused modules (base_options, model_admin, inlines, constants, exceptions);
``django.contrib.admin.options`` keeps exporting every name Django users import from it.
"""

from django.contrib.admin.base_options import BaseModelAdmin, get_content_type_for_model, get_ul_class
from django.contrib.admin.constants import (
    HORIZONTAL,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    TO_FIELD_VAR,
    VERTICAL,
    ShowFacets,
)
from django.contrib.admin.exceptions import DisallowedModelAdminLookup, IncorrectLookupParameters
from django.contrib.admin.inlines import InlineModelAdmin, StackedInline, TabularInline
from django.contrib.admin.model_admin import ModelAdmin

__all__ = [
    "BaseModelAdmin",
    "DisallowedModelAdminLookup",
    "HORIZONTAL",
    "IS_FACETS_VAR",
    "IS_POPUP_VAR",
    "IncorrectLookupParameters",
    "InlineModelAdmin",
    "ModelAdmin",
    "ShowFacets",
    "StackedInline",
    "TO_FIELD_VAR",
    "TabularInline",
    "VERTICAL",
    "get_content_type_for_model",
    "get_ul_class",
]
