"""The auth forms against real users on every database."""

from __future__ import annotations

import pytest

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserChangeForm,
    UserCreationForm,
)


def test_authentication_form_accepts_valid_credentials(make_user):
    """Correct credentials validate and get_user() returns the user."""
    user = make_user()
    form = AuthenticationForm(None, {"username": "ann", "password": "s3cret-Pass!"})
    assert form.is_valid() and form.get_user() == user


def test_authentication_form_wrong_password_message(make_user):
    """A wrong password gives the documented message naming the username field."""
    make_user()
    form = AuthenticationForm(None, {"username": "ann", "password": "nope"})
    assert not form.is_valid()
    assert form.non_field_errors() == [
        "Please enter a correct username and password. Note that both fields may be case-sensitive."
    ]
    assert form.errors.as_data()["__all__"][0].code == "invalid_login"


def test_authentication_form_inactive_user(make_user, settings_allow_inactive):
    """An inactive user is refused with 'This account is inactive.'."""
    make_user(is_active=False)
    form = AuthenticationForm(None, {"username": "ann", "password": "s3cret-Pass!"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["This account is inactive."]


@pytest.fixture
def settings_allow_inactive():
    from django.test import override_settings

    with override_settings(
        AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.AllowAllUsersModelBackend"]
    ):
        yield


def test_authentication_form_field_attrs():
    """The username field carries maxlength from the model and autofocus/autocomplete hints."""
    form = AuthenticationForm()
    html = str(form["username"])
    assert 'maxlength="150"' in html and "autofocus" in html and 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in str(form["password"])


def test_admin_authentication_form_requires_staff(make_user):
    """AdminAuthenticationForm refuses non-staff users with its staff-account message."""
    make_user()
    form = AdminAuthenticationForm(None, {"username": "ann", "password": "s3cret-Pass!"})
    assert not form.is_valid()
    assert form.non_field_errors() == [
        "Please enter the correct username and password for a staff account. Note that both fields may be "
        "case-sensitive."
    ]
    make_user("boss", is_staff=True)
    assert AdminAuthenticationForm(None, {"username": "boss", "password": "s3cret-Pass!"}).is_valid()


def test_user_creation_form_creates_user_with_hashed_password(auth_db):
    """UserCreationForm saves a user whose password checks."""
    form = UserCreationForm(
        {"username": "newbie", "password1": "Xy7-long-pass", "password2": "Xy7-long-pass"}
    )
    assert form.is_valid(), form.errors
    user = form.save()
    assert user.pk and user.check_password("Xy7-long-pass")


def test_user_creation_form_mismatch_and_duplicate(make_user):
    """Mismatched passwords and case-insensitive duplicate usernames are refused."""
    form = UserCreationForm({"username": "x", "password1": "Xy7-long-pass", "password2": "other-pass-9"})
    assert form.errors["password2"] == ["The two password fields didn’t match."]
    make_user("Ann")
    form = UserCreationForm({"username": "ann", "password1": "Xy7-long-pass", "password2": "Xy7-long-pass"})
    assert form.errors["username"] == ["A user with that username already exists."]


def test_user_change_form_shows_password_hash_read_only(make_user):
    """UserChangeForm's password field shows the algorithm, is disabled and ignores input."""
    user = make_user()
    form = UserChangeForm(instance=user)
    html = str(form["password"])
    assert "algorithm" in html and "md5" in html
    data = {"username": "ann", "password": "hacked", "date_joined": "2024-01-01 00:00"}
    form = UserChangeForm(data, instance=user)
    assert form.is_valid(), form.errors
    form.save()
    user.refresh_from_db()
    assert user.check_password("s3cret-Pass!")


def test_set_and_change_password_forms(make_user):
    """SetPasswordForm sets a new password; PasswordChangeForm first checks the old one."""
    user = make_user()
    form = PasswordChangeForm(
        user, {"old_password": "bad", "new_password1": "N3w-pass-x", "new_password2": "N3w-pass-x"}
    )
    assert form.errors["old_password"] == [
        "Your old password was entered incorrectly. Please enter it again."
    ]
    assert list(form.fields) == ["old_password", "new_password1", "new_password2"]
    form = PasswordChangeForm(
        user, {"old_password": "s3cret-Pass!", "new_password1": "N3w-pass-x", "new_password2": "N3w-pass-x"}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert user.check_password("N3w-pass-x")
    form = SetPasswordForm(user, {"new_password1": "a-Pass-123x", "new_password2": "a-Pass-123y"})
    assert form.errors["new_password2"] == ["The two password fields didn’t match."]


def test_admin_password_change_form_can_disable_password(make_user):
    """AdminPasswordChangeForm sets a password, or makes it unusable with usable_password=false."""
    user = make_user()
    form = AdminPasswordChangeForm(
        user, {"password1": "Adm1n-pass", "password2": "Adm1n-pass", "usable_password": "true"}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert user.check_password("Adm1n-pass")
    form = AdminPasswordChangeForm(user, {"usable_password": "false"})
    assert form.is_valid(), form.errors
    form.save()
    assert not user.has_usable_password()


def test_password_reset_form_finds_only_active_users_with_usable_passwords(make_user):
    """get_users() matches the e-mail case-insensitively and skips inactive or password-less users."""
    make_user("a", email="Ann@Example.com")
    make_user("b", email="ann@example.com", is_active=False)
    c = make_user("c", email="ann@example.com")
    c.set_unusable_password()
    c.save()
    form = PasswordResetForm({"email": "ann@example.com"})
    assert form.is_valid()
    assert [u.username for u in form.get_users("ann@example.com")] == ["a"]
