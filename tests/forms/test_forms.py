"""Form behaviour: binding, cleaning order, errors, initial, prefixes, ordering and rendering."""

from __future__ import annotations

import json

import pytest

from django import forms
from django.core.exceptions import ValidationError

from .conftest import assert_html_equal


class Person(forms.Form):
    first_name = forms.CharField(max_length=20)
    age = forms.IntegerField(required=False, help_text="In years")

    def clean_first_name(self):
        return self.cleaned_data["first_name"].title()

    def clean(self):
        data = super().clean()
        if data.get("first_name") == "Nobody":
            raise ValidationError("No nobodies.", code="nobody")
        return data


def test_unbound_form_is_not_valid_and_has_no_errors():
    """An unbound form is never valid and reports no errors."""
    form = Person()
    assert not form.is_bound and not form.is_valid() and form.errors == {}


def test_clean_field_methods_run_after_field_clean_then_form_clean():
    """clean_<field>() sees the field's cleaned value; clean() errors are non-field errors."""
    form = Person({"first_name": "ada"})
    assert form.is_valid() and form.cleaned_data == {"first_name": "Ada", "age": None}
    form = Person({"first_name": "nobody"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["No nobodies."]
    assert form.has_error("__all__", "nobody")


def test_errors_api():
    """errors: as_data, as_json, get_json_data, as_text, as_ul; add_error moves values out of cleaned_data."""
    form = Person({"first_name": "", "age": "x"})
    assert not form.is_valid()
    assert form.errors.as_data()["age"][0].code == "invalid"
    assert json.loads(form.errors.as_json()) == {
        "first_name": [{"message": "This field is required.", "code": "required"}],
        "age": [{"message": "Enter a whole number.", "code": "invalid"}],
    }
    assert form.errors["age"].as_text() == "* Enter a whole number."
    assert_html_equal(
        form.errors["age"].as_ul(),
        '<ul class="errorlist" id="id_age_error"><li>Enter a whole number.</li></ul>',
    )
    assert "* age\n  * Enter a whole number." in form.errors.as_text()
    assert (
        form.has_error("age") and form.has_error("age", "invalid") and not form.has_error("age", "required")
    )
    assert form.errors.get_json_data(escape_html=True)["age"][0]["code"] == "invalid"


def test_add_error_validation():
    """add_error rejects unknown fields and field+dict combinations; it removes the field from cleaned_data."""
    form = Person({"first_name": "Ann", "age": "3"})
    assert form.is_valid()
    form.add_error("age", "Too young")
    assert "age" not in form.cleaned_data and form.errors["age"] == ["Too young"]
    with pytest.raises(ValueError):
        form.add_error("nope", "x")
    with pytest.raises(TypeError):
        form.add_error("age", ValidationError({"age": "x"}))
    form.add_error(None, ValidationError({"first_name": ["bad"]}))
    assert form.errors["first_name"] == ["bad"]


def test_initial_callable_and_has_changed():
    """Initial values (callables called) are shown unbound, and has_changed compares against them."""
    form = Person(initial={"first_name": lambda: "Zed", "age": 3})
    assert form["first_name"].value() == "Zed"
    bound = Person({"first_name": "Zed", "age": "3"}, initial={"first_name": "Zed", "age": 3})
    assert not bound.has_changed() and bound.changed_data == []
    bound = Person({"first_name": "Zed", "age": "4"}, initial={"first_name": "Zed", "age": 3})
    assert bound.changed_data == ["age"]


def test_prefix_and_auto_id():
    """prefix is added to names and ids; auto_id controls ids (False: none, True: the name)."""
    form = Person(prefix="p", data={"p-first_name": "x"})
    assert form["first_name"].html_name == "p-first_name"
    assert form["first_name"].auto_id == "id_p-first_name"
    assert form.is_valid()
    assert Person(auto_id=False)["age"].auto_id == ""
    assert Person(auto_id=True)["age"].auto_id == "age"
    assert Person(auto_id="f_%s")["age"].id_for_label == "f_age"


def test_field_order_and_inheritance():
    """Subclasses extend the parent's fields; field_order reorders; None removes an inherited field."""

    class Child(Person):
        email = forms.EmailField()
        age = None

    assert list(Child.base_fields) == ["first_name", "email"]
    assert list(Person(field_order=["age"]).fields) == ["age", "first_name"]
    first, second = Person(), Person()
    first.fields["age"].label = "changed"
    assert second.fields["age"].label is None  # fields are copied per instance


def test_getitem_unknown_field_lists_choices():
    """A missing bound field gives a KeyError naming the available fields."""
    with pytest.raises(KeyError, match="Choices are: age, first_name"):
        Person()["nope"]


def test_empty_permitted_skips_validation_when_unchanged():
    """An empty_permitted form with no changes is valid even with required fields."""
    form = Person({}, empty_permitted=True, use_required_attribute=False)
    assert form.is_valid() and form.cleaned_data == {}


def test_disabled_field_uses_initial():
    """A disabled field ignores submitted data and cleans its initial value."""

    class F(forms.Form):
        name = forms.CharField(disabled=True)

    form = F({"name": "hacked"}, initial={"name": "orig"})
    assert form.is_valid() and form.cleaned_data["name"] == "orig"
    assert "disabled" in str(form["name"])


def test_render_as_div_with_help_text_and_errors():
    """The default (div) rendering ties labels, help text and errors to the input with ARIA attributes."""
    form = Person({"first_name": "", "age": "3"})
    assert_html_equal(
        str(form),
        '<div><label for="id_first_name">First name:</label>'
        '<ul class="errorlist" id="id_first_name_error"><li>This field is required.</li></ul>'
        '<input type="text" name="first_name" maxlength="20" required aria-invalid="true" '
        'aria-describedby="id_first_name_error" id="id_first_name"></div>'
        '<div><label for="id_age">Age:</label><div class="helptext" id="id_age_helptext">In years</div>'
        '<input type="number" name="age" value="3" aria-describedby="id_age_helptext" id="id_age"></div>',
    )


def test_render_as_p_table_ul():
    """as_p, as_table and as_ul use their layouts."""

    class F(forms.Form):
        name = forms.CharField()
        secret = forms.CharField(widget=forms.HiddenInput)

    form = F(initial={"secret": "s"})
    assert_html_equal(
        form.as_p(),
        '<p><label for="id_name">Name:</label> <input type="text" name="name" required id="id_name">'
        '<input type="hidden" name="secret" value="s" id="id_secret"></p>',
    )
    assert_html_equal(
        form.as_table(),
        '<tr><th><label for="id_name">Name:</label></th><td><input type="text" name="name" required id="id_name">'
        '<input type="hidden" name="secret" value="s" id="id_secret"></td></tr>',
    )
    assert_html_equal(
        form.as_ul(),
        '<li><label for="id_name">Name:</label> <input type="text" name="name" required id="id_name">'
        '<input type="hidden" name="secret" value="s" id="id_secret"></li>',
    )


def test_hidden_field_errors_go_to_top():
    """Errors of hidden fields are shown at the top, naming the field."""

    class F(forms.Form):
        token = forms.IntegerField(widget=forms.HiddenInput)

    html = F({"token": "x"}).as_div()
    assert "(Hidden field token) Enter a whole number." in html


def test_css_classes_and_label_suffix():
    """error_css_class/required_css_class go on rows and labels; label_suffix is configurable."""

    class F(forms.Form):
        error_css_class = "err"
        required_css_class = "req"
        name = forms.CharField(label="Your name?")

    form = F({})
    assert form["name"].css_classes() == "err req"
    assert_html_equal(form["name"].label_tag(), '<label for="id_name" class="req">Your name?</label>')
    assert_html_equal(
        F(label_suffix=" ->")["name"].label_tag(contents="Name"),
        '<label for="id_name" class="req">Name -&gt;</label>',
    )
    assert_html_equal(F(auto_id=False)["name"].label_tag(), "Your name?")
    assert_html_equal(F()["name"].legend_tag(), '<legend for="id_name" class="req">Your name?</legend>')


def test_bound_field_api():
    """BoundField exposes value, initial, widget_type, subwidgets, as_hidden, as_text, as_textarea."""

    class F(forms.Form):
        color = forms.ChoiceField(
            choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect, initial="g"
        )
        note = forms.CharField()

    form = F()
    bf = form["color"]
    assert bf.widget_type == "radioselect" and bf.initial == "g" and bf.value() == "g"
    assert [w.choice_label for w in bf] == ["Red", "Green"]
    assert bf[1].id_for_label == "id_color_1"
    assert_html_equal(
        str(bf[0]),
        '<label for="id_color_0"><input type="radio" name="color" value="r" required id="id_color_0"> Red</label>',
    )
    assert_html_equal(bf[0].tag(), '<input type="radio" name="color" value="r" required id="id_color_0">')
    assert_html_equal(form["note"].as_hidden(), '<input type="hidden" name="note" id="id_note">')
    assert "textarea" in form["note"].as_textarea()
    assert 'type="text"' in form["note"].as_text()
    assert bf.use_fieldset and "<fieldset" in form.as_div() and "<legend>Color:</legend>" in form.as_div()
    with pytest.raises(TypeError):
        bf["x"]


def test_show_hidden_initial_renders_initial_and_detects_change():
    """show_hidden_initial adds an 'initial-' hidden input used by has_changed."""

    class F(forms.Form):
        n = forms.IntegerField(show_hidden_initial=True, initial=1)

    assert 'name="initial-n"' in str(F()["n"])
    assert F({"n": "1", "initial-n": "1"}).changed_data == []
    assert F({"n": "1", "initial-n": "2"}).changed_data == ["n"]


def test_media_is_collected_from_widgets_and_multipart_detected():
    """form.media merges widget media; is_multipart sees file inputs."""

    class W(forms.TextInput):
        class Media:
            js = ["w.js"]

    class F(forms.Form):
        a = forms.CharField(widget=W)
        f = forms.FileField()

    assert F().media._js == ["w.js"]
    assert F().is_multipart()
    assert not Person().is_multipart()


def test_hidden_and_visible_fields():
    """hidden_fields()/visible_fields() split by widget."""

    class F(forms.Form):
        a = forms.CharField(widget=forms.HiddenInput)
        b = forms.CharField()

    form = F()
    assert [f.name for f in form.hidden_fields()] == ["a"]
    assert [f.name for f in form.visible_fields()] == ["b"]


def test_use_required_attribute_false_and_empty_permitted_conflict():
    """use_required_attribute=False drops `required`; empty_permitted with it True is refused."""
    assert "required" not in Person(use_required_attribute=False).as_div()
    with pytest.raises(ValueError):
        Person(empty_permitted=True)


def test_template_name_overrides_per_form_and_field():
    """A form's template_name and a field's template_name are used when set."""
    from django.forms.renderers import DjangoTemplates

    class F(forms.Form):
        template_name = "django/forms/p.html"
        name = forms.CharField(template_name="django/forms/widgets/input.html")

    assert str(F()).lstrip().startswith("<p")
    assert F().renderer.__class__ is DjangoTemplates


def test_repr_reports_validity():
    """repr shows bound state, validity and fields."""
    assert repr(Person()) == "<Person bound=False, valid=Unknown, fields=(first_name;age)>"
    form = Person({"first_name": "a"})
    form.is_valid()
    assert repr(form) == "<Person bound=True, valid=True, fields=(first_name;age)>"


def test_jinja2_and_templates_setting_renderers():
    """The Jinja2 and TemplatesSetting renderers render through their engines."""
    from django.forms.renderers import ROOT, TemplatesSetting
    from django.test.utils import override_settings

    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [str(ROOT / "templates")],
            "APP_DIRS": False,
            "OPTIONS": {},
        }
    ]
    with override_settings(TEMPLATES=templates):
        html = Person(renderer=TemplatesSetting()).as_div()
    assert 'id="id_first_name"' in html


def test_jinja2_renderer_renders_every_layout():
    """The Jinja2 renderer renders forms in all four layouts, formsets and split widgets."""
    from django.forms.formsets import formset_factory
    from django.forms.renderers import Jinja2

    class F(forms.Form):
        name = forms.CharField(help_text="<b>help</b>")
        secret = forms.CharField(widget=forms.HiddenInput)
        when = forms.SplitDateTimeField(required=False)

    form = F({"name": "<x>", "secret": "s"}, renderer=Jinja2())
    for html in (form.as_div(), form.as_p(), form.as_table(), form.as_ul()):
        assert 'value="&lt;x&gt;"' in html and 'name="secret"' in html and 'name="when_1"' in html
        assert "<b>help</b>" in html
    assert (
        form.errors.as_text() == ""
        and F({}, renderer=Jinja2()).errors["name"].as_text() == "* This field is required."
    )
    formset = formset_factory(F, renderer=Jinja2())()
    assert 'name="form-TOTAL_FORMS"' in formset.as_p()


class Kitchen(forms.Form):
    text = forms.CharField(max_length=5, help_text="short")
    area = forms.CharField(widget=forms.Textarea)
    pick = forms.ChoiceField(choices=[("", "--"), ("G", [("a", "A&B")]), ("c", "C")])
    radio = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect, help_text="one")
    boxes = forms.MultipleChoiceField(
        choices=[("1", "One")], widget=forms.CheckboxSelectMultiple, required=False
    )
    flag = forms.BooleanField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize("renderer_name", ["DjangoTemplates", "Jinja2"])
@pytest.mark.parametrize("layout", ["as_div", "as_p", "as_table", "as_ul"])
def test_python_fast_path_matches_the_templates(renderer_name, layout):
    """The built-in templates rendered by the engine and by the Python fast path give the same HTML."""
    from django.forms import renderers

    base = getattr(renderers, renderer_name)
    slow = type("Slow", (base,), {"_fast_renderers": {}})()
    fast = base()
    data = {"text": "<toolong>", "pick": "a", "radio": "y", "boxes": ["1"], "flag": "on", "hidden": '"q"'}
    for bound in (True, False):
        args = (data,) if bound else ()
        slow_html = getattr(Kitchen(*args, renderer=slow), layout)()
        fast_html = getattr(Kitchen(*args, renderer=fast), layout)()
        assert_html_equal(fast_html, slow_html)


def test_data_keys_follow_prefix_and_an_overridden_add_prefix():
    from django import forms

    class Plain(forms.Form):
        name = forms.CharField()

    class Dotted(Plain):
        def add_prefix(self, field_name):
            return f"{self.prefix or 'x'}.{field_name}"

    assert Plain({"name": "a"}).is_valid()
    prefixed = Plain({"name": "a", "p-name": "b"}, prefix="p")
    assert prefixed.is_valid() and prefixed.cleaned_data == {"name": "b"}
    dotted = Dotted({"name": "a", "x.name": "c"})
    assert dotted.is_valid() and dotted.cleaned_data == {"name": "c"}
    assert not Dotted({"name": "a"}).is_valid()
