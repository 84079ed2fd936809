"""The auth forms rendered by the forms library's default (div) templates, compared as HTML:
labels tied to inputs, autocomplete hints, help texts and errors referenced by aria-describedby."""

from __future__ import annotations

import pytest

from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.contrib.auth.models import User
from django.test import SimpleTestCase, override_settings

assertHTMLEqual = SimpleTestCase().assertHTMLEqual  # noqa: N816 - Django's assertion, used as a function

VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


def test_authentication_form():
    assertHTMLEqual(
        AuthenticationForm().as_div(),
        """
        <div><label for="id_username">Username:</label>
          <input type="text" name="username" id="id_username" autofocus autocapitalize="none"
                 autocomplete="username" maxlength="150" required></div>
        <div><label for="id_password">Password:</label>
          <input type="password" name="password" id="id_password" autocomplete="current-password" required>
        </div>
        """,
    )


def test_authentication_form_with_a_failed_login(make_user):
    make_user()
    form = AuthenticationForm(None, {"username": "ann", "password": "wrong"})
    assert not form.is_valid()
    assertHTMLEqual(
        form.as_div(),
        """
        <ul class="errorlist nonfield"><li>Please enter a correct username and password. Note that both
          fields may be case-sensitive.</li></ul>
        <div><label for="id_username">Username:</label>
          <input type="text" name="username" value="ann" id="id_username" autofocus autocapitalize="none"
                 autocomplete="username" maxlength="150" required></div>
        <div><label for="id_password">Password:</label>
          <input type="password" name="password" id="id_password" autocomplete="current-password" required>
        </div>
        """,
    )


def test_set_password_form_with_mismatched_passwords():
    """The password is never echoed back; the error and help text are tied to the input."""
    form = SetPasswordForm(
        User(username="x"), {"new_password1": "abc-123-xyz", "new_password2": "abc-123-xyw"}
    )
    assert not form.is_valid()
    assertHTMLEqual(
        form.as_div(),
        """
        <div><label for="id_new_password1">New password:</label>
          <input type="password" name="new_password1" id="id_new_password1" autocomplete="new-password"
                 required></div>
        <div><label for="id_new_password2">New password confirmation:</label>
          <div class="helptext" id="id_new_password2_helptext">Enter the same password as before, for
            verification.</div>
          <ul class="errorlist" id="id_new_password2_error"><li>The two password fields didn’t match.</li></ul>
          <input type="password" name="new_password2" id="id_new_password2" autocomplete="new-password"
                 required aria-invalid="true"
                 aria-describedby="id_new_password2_helptext id_new_password2_error"></div>
        """,
    )


def test_password_fields_list_the_validators_help_texts():
    with override_settings(AUTH_PASSWORD_VALIDATORS=VALIDATORS):
        field = SetPasswordForm(User())["new_password1"]
        assertHTMLEqual(
            field.as_field_group(),
            """
            <label for="id_new_password1">New password:</label>
            <div class="helptext" id="id_new_password1_helptext"><ul>
              <li>Your password must contain at least 10 characters.</li>
              <li>Your password can’t be entirely numeric.</li>
            </ul></div>
            <input type="password" name="new_password1" id="id_new_password1" autocomplete="new-password"
                   required aria-describedby="id_new_password1_helptext">
            """,
        )


def test_password_change_form_puts_the_old_password_first(make_user):
    form = PasswordChangeForm(make_user())
    assert list(form.fields) == ["old_password", "new_password1", "new_password2"]
    assertHTMLEqual(
        form["old_password"].as_field_group(),
        """
        <label for="id_old_password">Old password:</label>
        <input type="password" name="old_password" id="id_old_password" autocomplete="current-password"
               autofocus required>
        """,
    )


def test_password_reset_form_as_p():
    assertHTMLEqual(
        PasswordResetForm().as_p(),
        """
        <p><label for="id_email">Email:</label>
          <input type="email" name="email" id="id_email" autocomplete="email" maxlength="254" required></p>
        """,
    )


def test_user_creation_form_username_field(auth_db):
    form = UserCreationForm({"username": "bad name!", "password1": "x", "password2": "x"})
    assert not form.is_valid()
    html = form["username"].as_field_group()
    assert 'aria-invalid="true"' in html
    assertHTMLEqual(
        form["username"].label_tag(),
        '<label for="id_username">Username:</label>',
    )
    assert form["username"].errors == [
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."
    ]


@pytest.mark.parametrize(
    "value",
    ['"><script>alert(1)</script>', "a&b<c>"],
    ids=["attribute-break", "markup"],
)
def test_hostile_values_are_escaped(value):
    form = AuthenticationForm(None, {"username": value, "password": "x"})
    form.is_valid()
    html = form["username"].as_widget()
    assert "<script>" not in html and "&lt;" in html


def test_user_change_form_password_summary_and_link():
    """The read-only password: the hash summary (masked) and a link to the password page, whose
    label and help text say whether a password is set."""
    from django.contrib.auth.forms import UserChangeForm

    user = User(username="ann", password="md5$abcdefgh$" + "0123456789abcdef" * 2)
    assertHTMLEqual(
        str(UserChangeForm(instance=user)["password"]),
        """
        <div id="id_password" disabled aria-describedby="id_password_helptext">
          <p><strong>algorithm</strong>: <bdi>md5</bdi> <strong>salt</strong>: <bdi>ab******</bdi>
             <strong>hash</strong>: <bdi>012345**************************</bdi></p>
          <p><a class="button" href="../password/">Reset password</a></p>
        </div>
        """,
    )
    user.set_unusable_password()
    form = UserChangeForm(instance=user)
    assertHTMLEqual(
        str(form["password"]),
        """
        <div id="id_password" disabled aria-describedby="id_password_helptext">
          <p><strong>No password set.</strong></p>
          <p><a class="button" href="../password/">Set password</a></p>
        </div>
        """,
    )
    assert (
        form["password"].help_text
        == "Enable password-based authentication for this user by setting a password."
    )
    user.password = "nonsense$value"
    assert "Invalid password format or unknown hashing algorithm." in str(
        UserChangeForm(instance=user)["password"]
    )
