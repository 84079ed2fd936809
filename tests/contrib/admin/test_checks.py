"""System checks of ModelAdmin options and of the admin's dependencies (admin.E*/admin.W*)."""

from __future__ import annotations

import pytest

from django.contrib import admin
from tests.contrib.admin.adminpolls.models import Choice, Question


def _ids(model_admin_class, model=Question):
    site = admin.AdminSite(name="checks")
    return [e.id for e in model_admin_class(model, site).check()]


def test_the_tutorial_question_admin_is_valid():
    from tests.contrib.admin.adminpolls.admin import QuestionAdmin

    assert _ids(QuestionAdmin) == []


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"list_display": "question_text"}, "admin.E107"),
        ({"list_display": ["nope"]}, "admin.E108"),
        ({"list_filter": ["nope"]}, "admin.E116"),
        ({"list_filter": "pub_date"}, "admin.E112"),
        ({"list_per_page": "10"}, "admin.E118"),
        ({"search_fields": "question_text"}, "admin.E126"),
        ({"fields": ["question_text"], "fieldsets": [(None, {"fields": ["pub_date"]})]}, "admin.E005"),
        ({"fields": ["question_text", "question_text"]}, "admin.E006"),
        ({"fieldsets": [(None, {"title": "x"})]}, "admin.E011"),
        ({"ordering": "pub_date"}, "admin.E031"),
        ({"ordering": ["nope"]}, "admin.E033"),
        ({"readonly_fields": ["nope"]}, "admin.E035"),
        ({"inlines": [object]}, "admin.E104"),
    ],
)
def test_bad_options_are_reported_with_their_ids(options, expected):
    bad = type("BadAdmin", (admin.ModelAdmin,), options)
    assert expected in _ids(bad)


def test_inline_without_a_foreign_key_to_the_parent_is_reported():
    class WrongInline(admin.TabularInline):
        model = Question

    class ChoiceAdmin(admin.ModelAdmin):
        inlines = [WrongInline]

    assert "admin.E202" in _ids(ChoiceAdmin, Choice)


def test_dependencies_pass_with_the_project_settings_and_fail_without_templates():
    from django.contrib.admin.checks import check_dependencies
    from django.test.utils import override_settings

    assert check_dependencies() == []
    with override_settings(TEMPLATES=[]):
        assert [e.id for e in check_dependencies()] == ["admin.E403"]
    with override_settings(MIDDLEWARE=[]):
        assert {e.id for e in check_dependencies()} == {"admin.E408", "admin.E409", "admin.E410"}
