"""Formsets: counts, management form tampering, min/max, ordering, deletion and rendering."""

from __future__ import annotations

import pytest

from django import forms
from django.forms.formsets import formset_factory


class Item(forms.Form):
    name = forms.CharField()
    qty = forms.IntegerField(required=False)


def data(total, initial=0, prefix="form", **fields):
    result = {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}
    result.update({f"{prefix}-{key.replace('__', '-')}": value for key, value in fields.items()})
    return result


def test_unbound_formset_counts_extra_and_initial():
    """Unbound: initial forms plus `extra`, capped by max_num; management form carries the counts."""
    FS = formset_factory(Item, extra=2, max_num=3)
    fs = FS(initial=[{"name": "a"}, {"name": "b"}])
    assert len(fs.forms) == 3 and fs.initial_form_count() == 2
    mf = fs.management_form
    assert mf["TOTAL_FORMS"].value() == 3 and mf["MAX_NUM_FORMS"].value() == 3
    assert 'name="form-TOTAL_FORMS"' in str(fs)
    assert fs.forms[1]["name"].html_name == "form-1-name"


def test_valid_formset_cleaned_data_skips_empty_extra_forms():
    """Empty extra forms are permitted and clean to {}."""
    FS = formset_factory(Item, extra=2)
    fs = FS(data(2, **{"0__name": "x", "0__qty": "2"}))
    assert fs.is_valid()
    assert fs.cleaned_data == [{"name": "x", "qty": 2}, {}]
    assert fs.total_error_count() == 0 and fs.has_changed()


@pytest.mark.parametrize(
    "bad",
    [{}, {"form-TOTAL_FORMS": "x", "form-INITIAL_FORMS": "0"}, {"form-INITIAL_FORMS": "0"}],
)
def test_missing_or_tampered_management_form_is_a_non_form_error(bad):
    """Missing or non-numeric management data gives the documented error, not an exception."""
    fs = formset_factory(Item)(bad)
    assert not fs.is_valid()
    errors = fs.non_form_errors()
    assert len(errors) == 1
    assert errors[0].startswith("ManagementForm data is missing or has been tampered with. Missing fields: ")
    assert "form-TOTAL_FORMS" in errors[0]
    assert fs.forms == []


def test_total_forms_beyond_absolute_max_is_refused():
    """TOTAL_FORMS above absolute_max builds at most absolute_max forms and fails validation."""
    FS = formset_factory(Item, max_num=2, absolute_max=5)
    fs = FS(data(10_000_000))
    assert len(fs.forms) == 5
    assert not fs.is_valid()
    assert fs.non_form_errors() == ["Please submit at most 2 forms."]


def test_absolute_max_must_cover_max_num():
    """formset_factory refuses max_num > absolute_max."""
    with pytest.raises(ValueError):
        formset_factory(Item, max_num=10, absolute_max=5)


def test_validate_min_and_max():
    """validate_min/validate_max report too few/too many non-empty forms."""
    FS = formset_factory(Item, min_num=2, validate_min=True, extra=0)
    fs = FS(data(2, **{"0__name": "a", "1__name": ""}))
    assert not fs.is_valid()
    FS = formset_factory(Item, min_num=2, validate_min=True, extra=0)
    fs = FS(data(1, **{"0__name": "a"}))
    assert fs.non_form_errors() == ["Please submit at least 2 forms."]
    FS = formset_factory(Item, max_num=1, validate_max=True)
    fs = FS(data(2, **{"0__name": "a", "1__name": "b"}))
    assert fs.non_form_errors() == ["Please submit at most 1 form."]


def test_can_delete_and_can_order():
    """Deleted forms are skipped by validation; ordered_forms sorts by ORDER, blanks last."""
    FS = formset_factory(Item, can_delete=True, can_order=True, extra=0)
    fs = FS(
        data(
            3, 3,
            **{"0__name": "a", "0__ORDER": "2", "1__name": "", "1__DELETE": "on", "2__name": "c", "2__ORDER": "1"},
        )
    )  # fmt: skip
    assert fs.is_valid(), fs.errors
    assert [f.cleaned_data["name"] for f in fs.ordered_forms] == ["c", "a"]
    assert len(fs.deleted_forms) == 1
    unbound = FS(initial=[{"name": "a"}])
    assert "ORDER" in unbound.forms[0].fields and "DELETE" in unbound.forms[0].fields


def test_can_delete_extra_false():
    """can_delete_extra=False leaves the delete box off extra forms."""
    FS = formset_factory(Item, can_delete=True, can_delete_extra=False, extra=1)
    fs = FS(initial=[{"name": "a"}])
    assert "DELETE" in fs.forms[0].fields and "DELETE" not in fs.forms[1].fields


def test_empty_form_uses_prefix_placeholder():
    """empty_form has the __prefix__ placeholder in its names."""
    fs = formset_factory(Item)()
    assert fs.empty_form["name"].html_name == "form-__prefix__-name"
    assert fs.empty_form.empty_permitted


def test_formset_clean_hook_adds_non_form_errors():
    """Raising ValidationError in clean() becomes a non-form error."""

    class Base(forms.BaseFormSet):
        def clean(self):
            names = [f.cleaned_data.get("name") for f in self.forms]
            if len(set(names)) != len(names):
                raise forms.ValidationError("Names must differ.")

    FS = formset_factory(Item, formset=Base, extra=0)
    fs = FS(data(2, **{"0__name": "a", "1__name": "a"}))
    assert not fs.is_valid() and fs.non_form_errors() == ["Names must differ."]
    assert fs.total_error_count() == 1


def test_form_kwargs_and_custom_prefix():
    """form_kwargs reach every form; a custom prefix names the management fields."""

    class Labelled(Item):
        def __init__(self, *args, user=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.user = user

    FS = formset_factory(Labelled, extra=2)
    fs = FS(prefix="items", form_kwargs={"user": "bob"})
    assert all(form.user == "bob" for form in fs) and fs.empty_form.user == "bob"
    assert 'name="items-TOTAL_FORMS"' in str(fs.management_form)


def test_formset_renders_in_each_style():
    """as_p/as_table/as_ul/as_div render the management form and each form."""
    fs = formset_factory(Item, extra=1)()
    for html in (fs.as_p(), fs.as_table(), fs.as_ul(), fs.as_div()):
        assert 'name="form-INITIAL_FORMS"' in html and 'name="form-0-name"' in html


def test_all_valid_checks_every_formset():
    """all_valid runs is_valid on each formset even after a failure."""
    FS = formset_factory(Item)
    bad, good = FS({}), FS(data(1, **{"0__name": "a"}))
    assert not forms.all_valid([bad, good])
    assert good._errors is not None
