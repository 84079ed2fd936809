"""assertFormError, assertFormSetError, assertFieldOutput, assertMessages, assertWarnsMessage and
the template assertions as context managers."""

import warnings

import pytest

from django import forms
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.test import MessagesTestMixin
from django.forms import formset_factory
from django.template import Context, Engine
from django.test import Client, SimpleTestCase, override_settings


class PersonForm(forms.Form):
    name = forms.CharField(max_length=5)
    age = forms.IntegerField(required=False)

    def clean(self):
        if self.cleaned_data.get("name") == "bad":
            raise forms.ValidationError("Bad person.")
        return self.cleaned_data


PersonFormSet = formset_factory(PersonForm, extra=0, max_num=2, validate_max=True)


class Case(MessagesTestMixin, SimpleTestCase):
    pass


@pytest.fixture
def case():
    return Case()


def formset(*rows):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for index, (name, age) in enumerate(rows):
        data[f"form-{index}-name"] = name
        data[f"form-{index}-age"] = age
    return PersonFormSet(data)


def test_form_error_accepts_string_or_list(case):
    form = PersonForm({"name": "", "age": "x"})
    case.assertFormError(form, "name", "This field is required.")
    case.assertFormError(form, "age", ["Enter a whole number."])


def test_form_error_no_errors_on_valid_field(case):
    case.assertFormError(PersonForm({"name": "ok"}), "name", [])


def test_form_error_mismatch_message_names_field_and_form(case):
    form = PersonForm({"name": ""})
    with pytest.raises(
        AssertionError, match=r"The errors of field 'name' on form <PersonForm.*> don't match."
    ):
        case.assertFormError(form, "name", "Other.")


def test_form_error_non_field_errors(case):
    form = PersonForm({"name": "bad"})
    case.assertFormError(form, None, "Bad person.")
    with pytest.raises(AssertionError, match="The non-field errors of form"):
        case.assertFormError(form, None, [])


def test_form_error_unbound_form_and_unknown_field(case):
    with pytest.raises(
        AssertionError, match=r"The form <PersonForm.*> is not bound, it will never have any errors."
    ):
        case.assertFormError(PersonForm(), "name", [])
    with pytest.raises(AssertionError, match=r"does not contain the field 'nope'."):
        case.assertFormError(PersonForm({}), "nope", [])


def test_form_error_msg_prefix(case):
    with pytest.raises(AssertionError, match=r"ctx: The errors of field 'name'"):
        case.assertFormError(PersonForm({"name": ""}), "name", [], msg_prefix="ctx")


def test_formset_error_per_form_and_non_form(case):
    bound = formset(("ok", "1"), ("", "2"))
    case.assertFormSetError(bound, 1, "name", "This field is required.")
    case.assertFormSetError(bound, 0, "name", [])
    too_many = formset(("a", ""), ("b", ""), ("c", ""))
    case.assertFormSetError(too_many, None, None, "Please submit at most 2 forms.")
    with pytest.raises(AssertionError, match="The non-form errors of formset"):
        case.assertFormSetError(bound, None, None, "x")


def test_formset_error_messages(case):
    bound = formset(("ok", "1"))
    with pytest.raises(AssertionError, match=r"only has 1 form\."):
        case.assertFormSetError(bound, 3, "name", [])
    with pytest.raises(AssertionError, match=r"only has 2 forms\."):
        case.assertFormSetError(formset(("a", ""), ("b", "")), 2, "name", [])
    with pytest.raises(AssertionError, match=r"The errors of field 'name' on form 0 of formset"):
        case.assertFormSetError(bound, 0, "name", "x")
    with pytest.raises(AssertionError, match="is not bound, it will never have any errors."):
        case.assertFormSetError(PersonFormSet(), 0, "name", [])


def test_field_output_passes_for_correct_expectations(case):
    case.assertFieldOutput(
        forms.IntegerField,
        valid={"1": 1, " 42 ": 42},
        invalid={"x": ["Enter a whole number."]},
        empty_value=None,
    )
    case.assertFieldOutput(forms.CharField, valid={"a": "a"}, invalid={}, field_kwargs={"max_length": 3})


def test_field_output_fails_on_wrong_expectation(case):
    with pytest.raises(AssertionError):
        case.assertFieldOutput(forms.IntegerField, valid={"1": 2}, invalid={}, empty_value=None)
    with pytest.raises(AssertionError):
        case.assertFieldOutput(forms.IntegerField, valid={}, invalid={"x": ["Wrong."]}, empty_value=None)


@override_settings(
    ROOT_URLCONF="tests.test_client.messages_urls",
    MIDDLEWARE=["django.contrib.messages.middleware.MessageMiddleware"],
    MESSAGE_STORAGE="django.contrib.messages.storage.cookie.CookieStorage",
)
def test_assert_messages_ordered_and_unordered(case):
    response = Client().get("/notify/")
    expected = [Message(messages.SUCCESS, "Saved."), Message(messages.WARNING, "Check the date.")]
    case.assertMessages(response, expected)
    case.assertMessages(response, list(reversed(expected)), ordered=False)
    with pytest.raises(AssertionError):
        case.assertMessages(response, list(reversed(expected)))
    with pytest.raises(AssertionError):
        case.assertMessages(response, expected[:1])


def test_assert_warns_message_as_context_manager_and_callable(case):
    with case.assertWarnsMessage(DeprecationWarning, "going away"):
        warnings.warn("this is going away soon", DeprecationWarning)
    case.assertWarnsMessage(UserWarning, "careful", warnings.warn, "be careful", UserWarning)
    with pytest.raises(AssertionError):
        with case.assertWarnsMessage(UserWarning, "absent"):
            warnings.warn("something else", UserWarning)


def test_template_assertions_as_context_managers(case):
    template = Engine().from_string("hi")
    template.name = "greeting.html"
    with case.assertTemplateUsed("greeting.html"):
        template.render(Context())
    with case.assertTemplateNotUsed("other.html"):
        template.render(Context())
    with pytest.raises(AssertionError, match="was not a template used"):
        with case.assertTemplateUsed("other.html"):
            template.render(Context())
    with pytest.raises(AssertionError, match="was used unexpectedly"):
        with case.assertTemplateNotUsed("greeting.html"):
            template.render(Context())
