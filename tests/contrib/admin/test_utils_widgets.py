"""Pure helpers: id quoting, column labels and values, list filters' links, widgets, admin_urls tags."""

from __future__ import annotations

import datetime

import pytest

from django.contrib import admin
from tests.contrib.admin.adminpolls.models import Choice, Question


@pytest.mark.parametrize("raw", ["plain", "a/b", "50%_off", "x:y?z#w", "under_score", "", "\\n"])
def test_quote_round_trips_and_leaves_no_path_separators(raw):
    from django.contrib.admin.utils import quote, unquote

    quoted = quote(raw)
    assert "/" not in quoted and "?" not in quoted and "#" not in quoted
    assert unquote(quoted) == raw


def test_quote_leaves_non_strings_alone():
    from django.contrib.admin.utils import quote

    assert quote(42) == 42


def test_label_for_field_covers_fields_display_callables_and_str():
    from django.contrib.admin.utils import label_for_field

    assert label_for_field("pub_date", Question) == "date published"
    assert label_for_field("was_published_recently", Question) == "Published recently?"
    assert label_for_field("__str__", Question) == "question"
    assert label_for_field("question__question_text", Choice) == "question text"
    assert label_for_field(lambda obj: obj, Question) == "--"
    with pytest.raises(AttributeError, match="Unable to lookup 'nope' on Question"):
        label_for_field("nope", Question)


def test_lookup_field_and_display_for_value():
    from django.contrib.admin.utils import display_for_value, lookup_field

    question = Question(question_text="Q?", pub_date=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    field, attr, value = lookup_field("question_text", question)
    assert field.name == "question_text" and attr is None and value == "Q?"
    field, attr, value = lookup_field("was_published_recently", question)
    assert field is None and value is False and attr.boolean is True
    assert 'class="bool bool-no"' in display_for_value(False, "-", boolean=True)
    assert display_for_value(None, "(empty)") == "(empty)"
    assert display_for_value([1, 2], "-") == "1, 2"


def test_display_decorator_rejects_boolean_with_empty_value():
    with pytest.raises(ValueError, match="mutually exclusive"):
        admin.display(boolean=True, empty_value="-")(lambda obj: obj)


def test_admin_split_datetime_renders_two_named_inputs():
    from django.contrib.admin.widgets import AdminSplitDateTime

    html = AdminSplitDateTime().render(
        "pub_date", datetime.datetime(2024, 5, 6, 7, 8, 9), attrs={"id": "id_pub_date"}
    )
    assert 'name="pub_date_0"' in html and 'value="2024-05-06"' in html and 'id="id_pub_date_0"' in html
    assert 'name="pub_date_1"' in html and 'value="07:08:09"' in html and 'class="vTimeField"' in html


def test_date_and_time_widgets_carry_their_css_hooks():
    from django.contrib.admin.widgets import AdminDateWidget, AdminTimeWidget

    assert 'class="vDateField extra"' in AdminDateWidget(attrs={"class": "extra"}).render("d", None)
    assert 'class="vTimeField"' in AdminTimeWidget().render("t", None)


def test_filtered_select_multiple_marks_itself_for_the_script():
    from django.contrib.admin.widgets import FilteredSelectMultiple

    html = FilteredSelectMultiple("Tags", is_stacked=True, choices=[("1", "a")]).render("tags", ["1"])
    assert 'class="selectfilterstacked"' in html and 'data-field-name="Tags"' in html and "multiple" in html


def test_formfield_for_datetime_is_split_and_fk_is_wrapped_with_related_links(rf_admin_site):
    from django import forms
    from django.contrib.admin.widgets import AdminSplitDateTime, RelatedFieldWidgetWrapper

    site, request = rf_admin_site
    choice_admin = admin.ModelAdmin(Choice, site)
    question_admin = site.get_model_admin(Question)
    pub_date = question_admin.formfield_for_dbfield(Question._meta.get_field("pub_date"), request)
    assert isinstance(pub_date, forms.SplitDateTimeField) and isinstance(pub_date.widget, AdminSplitDateTime)
    fk = choice_admin.formfield_for_dbfield(Choice._meta.get_field("question"), request)
    assert isinstance(fk.widget, RelatedFieldWidgetWrapper)
    html = fk.widget.render("question", None)
    assert 'href="/admin/adminpolls/question/add/?_popup=1"' in html


@pytest.fixture
def rf_admin_site(superuser):
    from django.contrib.admin import site
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = superuser
    return site, request


def test_add_preserved_filters_tag():
    from django.contrib.admin.templatetags.admin_urls import add_preserved_filters

    opts = Question._meta
    context = {"opts": opts, "preserved_filters": "_changelist_filters=q%3Dpizza%26p%3D2"}
    # On the changelist itself the filters come back as plain parameters.
    assert (
        add_preserved_filters(context, "/admin/adminpolls/question/")
        == "/admin/adminpolls/question/?q=pizza&p=2"
    )
    # Elsewhere they travel in _changelist_filters.
    assert (
        add_preserved_filters(context, "/admin/adminpolls/question/1/change/")
        == "/admin/adminpolls/question/1/change/?_changelist_filters=q%3Dpizza%26p%3D2"
    )
    assert add_preserved_filters({}, "/x/", popup=True) == "/x/?_popup=1"


def test_admin_urlname_filter():
    from django.contrib.admin.templatetags.admin_urls import admin_urlname

    assert admin_urlname(Question._meta, "change") == "admin:adminpolls_question_change"


def test_get_admin_log_tag_syntax_errors():
    from django.template import Engine, TemplateSyntaxError

    engine = Engine(libraries={"log": "django.contrib.admin.templatetags.log"})
    with pytest.raises(TemplateSyntaxError, match="get_admin_log"):
        engine.from_string("{% load log %}{% get_admin_log 10 %}")


def test_get_admin_log_tag_lists_the_users_latest_entries(superuser, questions):
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.template import Context, Engine

    LogEntry.objects.log_actions(superuser.pk, [questions["tea"], questions["cats"]], ADDITION)
    engine = Engine(libraries={"log": "django.contrib.admin.templatetags.log"})
    template = engine.from_string(
        "{% load log %}{% get_admin_log 1 as entries for_user user %}{% for e in entries %}[{{ e.object_repr }}]{% endfor %}"
    )
    assert template.render(Context({"user": superuser})) in ("[Tea or coffee?]", "[Cats or dogs?]")
