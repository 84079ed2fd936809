"""Widget rendering (HTML compared structurally) and reading values back from submitted data."""

from __future__ import annotations

import datetime

import pytest

from django import forms
from django.utils.datastructures import MultiValueDict

from .conftest import assert_html_equal


@pytest.mark.parametrize(
    ("widget", "value", "expected"),
    [
        (forms.TextInput(), 'a"<b>', '<input type="text" name="f" value="a&quot;&lt;b&gt;">'),
        (
            forms.TextInput(attrs={"class": "x", "disabled": True, "hidden": False}),
            None,
            '<input type="text" name="f" class="x" disabled>',
        ),
        (forms.NumberInput(), 5, '<input type="number" name="f" value="5">'),
        (forms.EmailInput(), "", '<input type="email" name="f">'),
        (forms.URLInput(), "http://e.com", '<input type="url" name="f" value="http://e.com">'),
        (forms.ColorInput(), "#fff", '<input type="color" name="f" value="#fff">'),
        (forms.SearchInput(), "q", '<input type="search" name="f" value="q">'),
        (forms.TelInput(), "1", '<input type="tel" name="f" value="1">'),
        (forms.PasswordInput(), "secret", '<input type="password" name="f">'),
        (forms.PasswordInput(render_value=True), "secret", '<input type="password" name="f" value="secret">'),
        (forms.HiddenInput(), "h", '<input type="hidden" name="f" value="h">'),
        (forms.TextInput(attrs={"type": "date"}), "x", '<input type="date" name="f" value="x">'),
        (forms.Textarea(), "<p>", '<textarea name="f" cols="40" rows="10">\n&lt;p&gt;</textarea>'),
        (forms.CheckboxInput(), True, '<input type="checkbox" name="f" checked>'),
        (forms.CheckboxInput(), False, '<input type="checkbox" name="f">'),
        (forms.CheckboxInput(), "yes", '<input type="checkbox" name="f" value="yes" checked>'),
        (forms.DateInput(), datetime.date(2024, 1, 2), '<input type="text" name="f" value="2024-01-02">'),
        (
            forms.DateInput(format="%d/%m/%Y"),
            datetime.date(2024, 1, 2),
            '<input type="text" name="f" value="02/01/2024">',
        ),
        (forms.TimeInput(), datetime.time(1, 2, 3), '<input type="text" name="f" value="01:02:03">'),
        (
            forms.DateTimeInput(),
            datetime.datetime(2024, 1, 2, 3, 4, 5),
            '<input type="text" name="f" value="2024-01-02 03:04:05">',
        ),
        (forms.FileInput(), "ignored", '<input type="file" name="f">'),
        (
            forms.MultipleHiddenInput(),
            ["a", "b"],
            '<input type="hidden" name="f" value="a"><input type="hidden" name="f" value="b">',
        ),
    ],
)
def test_input_widgets_render(widget, value, expected):
    """Each input widget renders its type, name, escaped value and attrs."""
    assert_html_equal(widget.render("f", value), expected)


def test_select_with_optgroups_marks_selected_and_escapes():
    """Select renders option groups, escapes labels and selects the current value."""
    widget = forms.Select(choices=[("", "---"), ("Fruit", [("a", "Apple & co")]), ("b", "<B>")])
    assert_html_equal(
        widget.render("f", "a", attrs={"id": "id_f"}),
        '<select name="f" id="id_f"><option value="">---</option><optgroup label="Fruit">'
        '<option value="a" selected>Apple &amp; co</option></optgroup><option value="b">&lt;B&gt;</option></select>',
    )


def test_select_multiple_selects_each_value():
    """SelectMultiple renders `multiple` and selects every listed value."""
    widget = forms.SelectMultiple(choices=[(1, "one"), (2, "two"), (3, "three")])
    assert_html_equal(
        widget.render("f", [1, 3]),
        '<select name="f" multiple><option value="1" selected>one</option><option value="2">two</option>'
        '<option value="3" selected>three</option></select>',
    )


def test_null_boolean_select_maps_values():
    """NullBooleanSelect shows Unknown/Yes/No and reads 'true'/'false'/anything else."""
    widget = forms.NullBooleanSelect()
    assert_html_equal(
        widget.render("f", True),
        '<select name="f"><option value="unknown">Unknown</option><option value="true" selected>Yes</option>'
        '<option value="false">No</option></select>',
    )
    assert widget.value_from_datadict({"f": "false"}, {}, "f") is False
    assert widget.value_from_datadict({"f": "junk"}, {}, "f") is None


def test_radio_select_renders_labelled_inputs_with_indexed_ids():
    """RadioSelect wraps each input in a label; ids get the option index."""
    widget = forms.RadioSelect(choices=[("a", "A"), ("b", "B")])
    assert_html_equal(
        widget.render("f", "b", attrs={"id": "id_f"}),
        '<div id="id_f"><div><label for="id_f_0"><input type="radio" name="f" value="a" id="id_f_0"> A</label></div>'
        '<div><label for="id_f_1"><input type="radio" name="f" value="b" id="id_f_1" checked> B</label></div></div>',
    )
    assert widget.id_for_label("id_f") == ""
    assert widget.use_fieldset


def test_checkbox_select_multiple_reads_lists():
    """CheckboxSelectMultiple checks several boxes and reads a list back; never `required`."""
    widget = forms.CheckboxSelectMultiple(choices=[("a", "A"), ("b", "B")])
    html = widget.render("f", ["a", "b"])
    assert html.count("checked") == 2
    data = MultiValueDict({"f": ["a", "b"]})
    assert widget.value_from_datadict(data, {}, "f") == ["a", "b"]
    assert widget.value_omitted_from_data({}, {}, "f") is False
    assert widget.use_required_attribute(None) is False


def test_clearable_file_input_shows_current_file_and_clear_checkbox():
    """ClearableFileInput links the current file and offers a clear checkbox when not required."""

    class FakeFile:
        url = "/media/a.txt"

        def __str__(self):
            return "a.txt"

    widget = forms.ClearableFileInput()
    assert_html_equal(
        widget.render("f", FakeFile()),
        'Currently: <a href="/media/a.txt">a.txt</a> <input type="checkbox" name="f-clear" id="f-clear_id"> '
        '<label for="f-clear_id">Clear</label><br> Change: <input type="file" name="f">',  # as Django writes it
    )
    assert widget.value_from_datadict({"f-clear": "on"}, {}, "f") is False


def test_multiwidget_and_split_datetime():
    """MultiWidget renders subwidgets with suffixed names/ids and reads a list back."""
    widget = forms.SplitDateTimeWidget()
    html = widget.render("when", datetime.datetime(2024, 1, 2, 3, 4), attrs={"id": "id_when"})
    assert_html_equal(
        html,
        '<input type="text" name="when_0" value="2024-01-02" id="id_when_0">'
        '<input type="text" name="when_1" value="03:04:00" id="id_when_1">',
    )
    assert widget.value_from_datadict({"when_0": "d", "when_1": "t"}, {}, "when") == ["d", "t"]
    hidden = forms.SplitHiddenDateTimeWidget()
    assert hidden.is_hidden
    assert 'type="hidden"' in hidden.render("w", None)


def test_multiwidget_with_named_widgets():
    """A dict of widgets names the parts with their keys."""

    class Pair(forms.MultiWidget):
        def decompress(self, value):
            return value.split(",") if value else [None, None]

    widget = Pair(widgets={"x": forms.TextInput(), "": forms.TextInput()})
    assert_html_equal(
        widget.render("p", "1,2"),
        '<input type="text" name="p_x" value="1"><input type="text" name="p" value="2">',
    )


def test_select_date_widget_renders_three_selects_and_reads_date():
    """SelectDateWidget renders month/day/year selects and returns a date string or pseudo-ISO for bad dates."""
    widget = forms.SelectDateWidget(years=[2024])
    html = widget.render("d", datetime.date(2024, 3, 5))
    assert html.count("<select") == 3
    assert '<option value="3" selected>' in html
    assert (
        widget.value_from_datadict({"d_year": "2024", "d_month": "2", "d_day": "3"}, {}, "d") == "2024-02-03"
    )
    assert (
        widget.value_from_datadict({"d_year": "2024", "d_month": "2", "d_day": "31"}, {}, "d") == "2024-2-31"
    )
    assert widget.value_from_datadict({"d_year": "", "d_month": "", "d_day": ""}, {}, "d") is None
    field = forms.DateField(widget=forms.SelectDateWidget)
    assert not field.widget.value_omitted_from_data({"d_year": "1"}, {}, "d")


def test_value_omitted_from_data():
    """Most widgets report omission by name; checkboxes and multiple selects never do."""
    assert forms.TextInput().value_omitted_from_data({}, {}, "f")
    assert not forms.CheckboxInput().value_omitted_from_data({}, {}, "f")
    assert not forms.SelectMultiple().value_omitted_from_data({}, {}, "f")
    assert forms.FileInput().value_omitted_from_data({}, {}, "f")
    assert not forms.FileInput().value_omitted_from_data({}, {"f": object()}, "f")


def test_checkbox_value_from_datadict():
    """CheckboxInput: absent is False; 'false' is False; anything else True."""
    widget = forms.CheckboxInput()
    assert widget.value_from_datadict({}, {}, "c") is False
    assert widget.value_from_datadict({"c": "false"}, {}, "c") is False
    assert widget.value_from_datadict({"c": "on"}, {}, "c") is True


def test_media_merges_and_renders():
    """Media adds keep relative order, drop duplicates and render link/script tags."""

    class A(forms.TextInput):
        class Media:
            css = {"all": ["a.css"]}
            js = ["/static/a.js", "https://cdn.example/b.js"]

    class B(A):
        class Media:
            js = ["c.js"]

    media = B().media
    assert media._js == ["/static/a.js", "https://cdn.example/b.js", "/static/c.js"] or media._js[:2] == [
        "/static/a.js",
        "https://cdn.example/b.js",
    ]
    html = str(media)
    assert '<link href="/static/a.css" media="all" rel="stylesheet">' in html
    assert '<script src="https://cdn.example/b.js"></script>' in html
    combined = forms.Media(js=["x.js", "y.js"]) + forms.Media(js=["x.js", "z.js"])
    assert combined._js == ["x.js", "y.js", "z.js"]


def test_media_order_conflict_warns():
    """Two media lists in opposite orders raise MediaOrderConflictWarning."""
    with pytest.warns(forms.MediaOrderConflictWarning):
        (forms.Media(js=["a.js", "b.js"]) + forms.Media(js=["b.js", "a.js"]))._js


HOSTILE_TEXT = "\"><script>alert(1)</script>&'"
CHOICES = [(HOSTILE_TEXT, HOSTILE_TEXT), ("group" + HOSTILE_TEXT, [(HOSTILE_TEXT + "2", HOSTILE_TEXT)])]
EVERY_WIDGET = [
    (forms.TextInput, HOSTILE_TEXT), (forms.NumberInput, HOSTILE_TEXT), (forms.EmailInput, HOSTILE_TEXT),
    (forms.URLInput, HOSTILE_TEXT), (forms.ColorInput, HOSTILE_TEXT), (forms.SearchInput, HOSTILE_TEXT),
    (forms.TelInput, HOSTILE_TEXT), (forms.HiddenInput, HOSTILE_TEXT), (forms.DateInput, HOSTILE_TEXT),
    (forms.DateTimeInput, HOSTILE_TEXT), (forms.TimeInput, HOSTILE_TEXT), (forms.Textarea, HOSTILE_TEXT),
    (forms.CheckboxInput, HOSTILE_TEXT), (forms.FileInput, HOSTILE_TEXT),
    (forms.ClearableFileInput, HOSTILE_TEXT), (forms.MultipleHiddenInput, [HOSTILE_TEXT, HOSTILE_TEXT]),
    (forms.SplitDateTimeWidget, [HOSTILE_TEXT, HOSTILE_TEXT]),
    (forms.SplitHiddenDateTimeWidget, [HOSTILE_TEXT, HOSTILE_TEXT]), (forms.SelectDateWidget, HOSTILE_TEXT),
    (forms.NullBooleanSelect, HOSTILE_TEXT),
    (lambda attrs: forms.PasswordInput(attrs=attrs, render_value=True), HOSTILE_TEXT),
    (lambda attrs: forms.Select(attrs=attrs, choices=CHOICES), HOSTILE_TEXT),
    (lambda attrs: forms.SelectMultiple(attrs=attrs, choices=CHOICES), [HOSTILE_TEXT]),
    (lambda attrs: forms.RadioSelect(attrs=attrs, choices=CHOICES), HOSTILE_TEXT),
    (lambda attrs: forms.CheckboxSelectMultiple(attrs=attrs, choices=CHOICES), [HOSTILE_TEXT]),
    (lambda attrs: forms.MultiWidget([forms.TextInput(), forms.Select(choices=CHOICES)], attrs=attrs),
     [HOSTILE_TEXT, HOSTILE_TEXT]),
]  # fmt: skip


@pytest.mark.parametrize(
    "make, value", EVERY_WIDGET, ids=lambda p: getattr(p, "__name__", None) if callable(p) else "v"
)
def test_every_widget_escapes_values_labels_and_attrs(make, value):
    """No widget lets a value, a choice label/value or an attribute break out of its markup."""
    from django.test.html import parse_html

    widget = make({"title": HOSTILE_TEXT})
    html = widget.render("name" + HOSTILE_TEXT, value)
    assert "<script>" not in html and "&lt;script&gt;" in html

    def element_names(node):
        if isinstance(node, str):
            return []
        own = [node.name] if getattr(node, "name", None) else []
        return own + [name for child in node.children for name in element_names(child)]

    assert "script" not in element_names(parse_html(html))  # the text stayed text and attribute values


def test_multiwidget_with_named_widgets_numbers_the_ids():
    """Dict widgets give the names their keys as suffixes (an empty key: the bare name); ids stay numbered."""
    widget = forms.MultiWidget(widgets={"first": forms.TextInput(), "": forms.Select(choices=[("x", "X")])})
    assert_html_equal(
        widget.render("mw", ["a", "x"], attrs={"id": "id_mw"}),
        '<input type="text" name="mw_first" value="a" id="id_mw_0">'
        '<select name="mw" id="id_mw_1"><option value="x" selected>X</option></select>',
    )
    assert widget.value_from_datadict({"mw_first": "b", "mw": "x"}, {}, "mw") == ["b", "x"]
