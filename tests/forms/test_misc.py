"""Import budget, custom bound field classes, renderer selection and pickling of errors."""

from __future__ import annotations

import pickle
import subprocess
import sys

from django import forms
from django.forms.utils import ErrorList, flatatt, pretty_name


def test_import_forms_loads_no_orm_templates_or_http():
    """`import django.forms` pulls in neither the ORM, the template engine nor django.http."""
    code = (
        "import sys, django.forms\n"
        "bad = [m for m in sys.modules if m.startswith(('django.db', 'django.template', 'django.http'))]\n"
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_bound_field_class_on_form_and_field():
    """bound_field_class (5.2) may be set on the form, a field, or passed to the form."""

    class Loud(forms.BoundField):
        def label_tag(self, *args, **kwargs):
            return "LOUD"

    class F(forms.Form):
        bound_field_class = Loud
        a = forms.CharField()
        b = forms.CharField(bound_field_class=forms.BoundField)

    form = F()
    assert isinstance(form["a"], Loud) and not isinstance(form["b"], Loud)
    assert not isinstance(F(bound_field_class=forms.BoundField)["a"], Loud)


def test_form_renderer_argument_and_default_renderer():
    """A renderer passed to the form (class or instance) or set as default_renderer is used."""
    from django.forms.renderers import DjangoTemplates, Jinja2

    class F(forms.Form):
        default_renderer = Jinja2
        a = forms.CharField()

    assert isinstance(F().renderer, Jinja2)
    assert isinstance(F(renderer=DjangoTemplates()).renderer, DjangoTemplates)


def test_error_list_pickles_and_compares_as_list():
    """ErrorList survives pickling and compares equal to the list of its messages."""
    errors = ErrorList([forms.ValidationError("a"), "b"])
    assert errors == ["a", "b"] and "a" in errors
    assert list(pickle.loads(pickle.dumps(errors))) == ["a", "b"]


def test_helpers():
    """pretty_name and flatatt render names and attributes as documented."""
    assert pretty_name("first_name") == "First name" and pretty_name("") == ""
    assert flatatt({"id": "x", "title": '"q"', "disabled": True, "hidden": False, "x": None}) == (
        ' id="x" title="&quot;q&quot;" disabled'
    )


def test_localized_integer_field_uses_text_input_and_reads_separators():
    """localize=True swaps NumberInput for TextInput and accepts localized input."""
    field = forms.IntegerField(localize=True)
    assert isinstance(field.widget, forms.TextInput) and not isinstance(field.widget, forms.NumberInput)
    assert field.clean("1234") == 1234


def test_as_field_group_renders_label_help_errors_and_widget():
    """BoundField.as_field_group() (5.0): the field's part of the div layout, usable on its own."""
    from django.template import Context, Engine, Template

    from .conftest import assert_html_equal

    class F(forms.Form):
        name = forms.CharField(max_length=3, help_text="Initials <b>only</b>")

    form = F({"name": "abcd"})
    expected = """
        <label for="id_name">Name:</label>
        <div class="helptext" id="id_name_helptext">Initials <b>only</b></div>
        <ul class="errorlist" id="id_name_error">
          <li>Ensure this value has at most 3 characters (it has 4).</li></ul>
        <input type="text" name="name" value="abcd" maxlength="3" required id="id_name" aria-invalid="true"
               aria-describedby="id_name_helptext id_name_error">
    """
    assert_html_equal(form["name"].as_field_group(), expected)
    in_template = Template("{{ form.name.as_field_group }}", engine=Engine()).render(Context({"form": form}))
    assert_html_equal(in_template, expected)
    assert_html_equal(form.as_div(), f"<div>{expected}</div>")


def test_field_and_form_template_names_are_used_by_the_renderer():
    """Field(template_name=...) shapes as_field_group() and the layouts; Form.template_name_div
    replaces the div layout (loaded through TemplatesSetting from the project's directories)."""
    from pathlib import Path

    from django.forms.renderers import ROOT, TemplatesSetting
    from django.test import override_settings

    from .conftest import assert_html_equal

    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [str(Path(__file__).parent / "templates"), str(ROOT / "templates")],
        }
    ]

    class F(forms.Form):
        template_name_div = "formsapp/compact_form.html"
        code = forms.CharField(template_name="formsapp/compact_field.html", max_length=2)
        note = forms.CharField(required=False)

    with override_settings(TEMPLATES=templates):
        form = F({"code": "xyz"}, renderer=TemplatesSetting())
        assert_html_equal(
            form["code"].as_field_group(),
            '<span class="compact">Code <input type="text" name="code" value="xyz" maxlength="2" required '
            'aria-invalid="true" aria-describedby="id_code_error" id="id_code"> '
            "<em>Ensure this value has at most 2 characters (it has 3).</em></span>",
        )
        assert_html_equal(
            form.as_div(),
            '<section><span class="compact">Code <input type="text" name="code" value="xyz" maxlength="2" '
            'required aria-invalid="true" aria-describedby="id_code_error" id="id_code"> '
            "<em>Ensure this value has at most 2 characters (it has 3)."
            '</em></span><label for="id_note">Note:</label><input type="text" name="note" id="id_note"></section>',
        )
