"""django.contrib.admin.options keeps exporting the names Django users import from it,
and the focused modules behind it stay small."""

from __future__ import annotations

from pathlib import Path

import pytest

import django.contrib.admin as admin_package
from django.contrib.admin import options
from django.core.exceptions import SuspiciousOperation

PUBLIC_NAMES = [
    "ModelAdmin",
    "BaseModelAdmin",
    "InlineModelAdmin",
    "StackedInline",
    "TabularInline",
    "IS_POPUP_VAR",
    "TO_FIELD_VAR",
    "IS_FACETS_VAR",
    "HORIZONTAL",
    "VERTICAL",
    "ShowFacets",
    "IncorrectLookupParameters",
    "get_content_type_for_model",
    "get_ul_class",
]


@pytest.mark.parametrize("name", PUBLIC_NAMES)
def test_options_exports_public_name(name):
    assert hasattr(options, name)


def test_the_package_and_options_export_the_same_objects():
    assert admin_package.ModelAdmin is options.ModelAdmin
    assert admin_package.TabularInline is options.TabularInline
    assert admin_package.ShowFacets is options.ShowFacets
    assert (options.IS_POPUP_VAR, options.TO_FIELD_VAR, options.IS_FACETS_VAR) == (
        "_popup",
        "_to_field",
        "_facets",
    )
    assert (options.HORIZONTAL, options.VERTICAL) == (1, 2)
    assert issubclass(options.StackedInline, options.InlineModelAdmin)
    assert issubclass(options.ModelAdmin, options.BaseModelAdmin)


def test_show_facets_is_an_enum_of_three_modes():
    assert [m.name for m in options.ShowFacets] == ["NEVER", "ALLOW", "ALWAYS"]
    assert options.ModelAdmin.show_facets is options.ShowFacets.ALLOW


def test_disallowed_lookup_is_a_suspicious_operation():
    from django.contrib.admin.exceptions import DisallowedModelAdminLookup, DisallowedModelAdminToField

    assert issubclass(DisallowedModelAdminLookup, SuspiciousOperation)
    assert issubclass(DisallowedModelAdminToField, SuspiciousOperation)
    assert options.DisallowedModelAdminLookup is DisallowedModelAdminLookup


def test_registration_errors_are_importable_from_sites_and_exceptions():
    from django.contrib.admin import exceptions, sites

    assert sites.AlreadyRegistered is exceptions.AlreadyRegistered
    assert sites.NotRegistered is exceptions.NotRegistered


def test_admin_modules_stay_focused():
    package = Path(admin_package.__file__).parent
    sizes = {path.name: len(path.read_text().splitlines()) for path in package.rglob("*.py")}
    assert max(sizes.values()) < 600, sizes
