"""The authentication forms: login, user creation/change, password change and reset."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, identify_hasher
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

__all__ = [
    "UsernameField", "ReadOnlyPasswordHashWidget", "ReadOnlyPasswordHashField", "SetPasswordMixin",
    "SetUnusablePasswordMixin", "BaseUserCreationForm", "UserCreationForm", "AdminUserCreationForm",
    "UserChangeForm", "AuthenticationForm", "PasswordResetForm", "SetPasswordForm", "PasswordChangeForm",
    "AdminPasswordChangeForm",
]  # fmt: skip


def _unicode_ci_compare(s1: str, s2: str) -> bool:
    """Compare two strings case-insensitively after NFKC normalisation (for e-mail lookups)."""
    return unicodedata.normalize("NFKC", s1).casefold() == unicodedata.normalize("NFKC", s2).casefold()


class ReadOnlyPasswordHashWidget(forms.Widget):
    """Show the hash algorithm and a masked summary instead of an editable password, with a link to
    the admin's password page ("Reset password", or "Set password" when there is none)."""

    read_only = True

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> Any:
        usable = bool(value) and not value.startswith(UNUSABLE_PASSWORD_PREFIX)
        if not usable:
            summary = format_html("<strong>{}</strong>", gettext("No password set."))
        else:
            try:
                items = identify_hasher(value).safe_summary(value).items()
            except ValueError:
                summary = format_html(
                    "<strong>{}</strong>", gettext("Invalid password format or unknown hashing algorithm.")
                )
            else:
                summary = format_html_join(
                    " ", "<strong>{}</strong>: <bdi>{}</bdi>", ((gettext(key), val) for key, val in items)
                )
        button = gettext("Reset password") if usable else gettext("Set password")
        return format_html(
            '<div{}><p>{}</p><p><a class="button" href="../password/">{}</a></p></div>',
            flatatt(self.build_attrs(self.attrs, attrs)),
            summary,
            button,
        )

    def id_for_label(self, id_: str) -> None:  # type: ignore[override]
        return None


class ReadOnlyPasswordHashField(forms.Field):
    widget = ReadOnlyPasswordHashWidget

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("disabled", True)
        super().__init__(*args, **kwargs)


class UsernameField(forms.CharField):
    """A username: NFKC-normalised, with the autocapitalize/autocomplete hints browsers need."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if self.max_length is not None and len(value) > self.max_length:
            return value  # let the max_length validator report it
        return unicodedata.normalize("NFKC", value)

    def widget_attrs(self, widget: Any) -> dict:
        return {**super().widget_attrs(widget), "autocapitalize": "none", "autocomplete": "username"}


class SetPasswordMixin:
    """Two password fields that must match and pass the password validators."""

    error_messages = {"password_mismatch": _("The two password fields didn’t match.")}

    @staticmethod
    def create_password_fields(
        label1: Any = _("Password"), label2: Any = _("Password confirmation")
    ) -> tuple:
        password1 = forms.CharField(
            label=label1,
            required=True,
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=password_validation.password_validators_help_text_html(),
        )
        password2 = forms.CharField(
            label=label2,
            required=True,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            strip=False,
            help_text=_("Enter the same password as before, for verification."),
        )
        return password1, password2

    def validate_passwords(
        self, password1_field_name: str = "password1", password2_field_name: str = "password2"
    ) -> None:
        password1 = self.cleaned_data.get(password1_field_name)  # type: ignore[attr-defined]
        password2 = self.cleaned_data.get(password2_field_name)  # type: ignore[attr-defined]
        if password1 and password2 and password1 != password2:
            error = ValidationError(self.error_messages["password_mismatch"], code="password_mismatch")
            self.add_error(password2_field_name, error)  # type: ignore[attr-defined]

    def validate_password_for_user(self, user: Any, password_field_name: str = "password2") -> None:
        password = self.cleaned_data.get(password_field_name)  # type: ignore[attr-defined]
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error(password_field_name, error)  # type: ignore[attr-defined]

    def set_password_and_save(
        self, user: Any, password_field_name: str = "password1", commit: bool = True
    ) -> Any:
        user.set_password(self.cleaned_data[password_field_name])  # type: ignore[attr-defined]
        if commit:
            user.save()
        return user


class SetUnusablePasswordMixin:
    """Adds the 'Password-based authentication' enabled/disabled choice (usable_password)."""

    if TYPE_CHECKING:  # provided by the class this is mixed into
        add_error: Any
        fields: Any

    usable_password_help_text = _(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be "
        "able to authenticate using other backends, such as Single Sign-On or LDAP."
    )

    @staticmethod
    def create_usable_password_field(help_text: Any = usable_password_help_text) -> forms.ChoiceField:
        return forms.ChoiceField(
            label=_("Password-based authentication"),
            required=False,
            initial="true",
            choices={"true": _("Enabled"), "false": _("Disabled")},
            widget=forms.RadioSelect(attrs={"class": "radiolist inline"}),
            help_text=help_text,
        )

    def validate_passwords(
        self, password1_field_name: str = "password1", password2_field_name: str = "password2"
    ) -> None:
        usable_password = self.cleaned_data.pop("usable_password", None) != "false"  # type: ignore[attr-defined]
        self.cleaned_data["set_usable_password"] = usable_password  # type: ignore[attr-defined]
        if not usable_password:
            return
        for name in (password1_field_name, password2_field_name):
            if not self.cleaned_data.get(name) and name not in self.errors:  # type: ignore[attr-defined]
                self.add_error(
                    name, ValidationError(self.fields[name].error_messages["required"], code="required")
                )  # type: ignore[attr-defined]
        super().validate_passwords(password1_field_name, password2_field_name)  # type: ignore[misc]

    def validate_password_for_user(self, user: Any, **kwargs: Any) -> None:
        if self.cleaned_data["set_usable_password"]:  # type: ignore[attr-defined]
            super().validate_password_for_user(user, **kwargs)  # type: ignore[misc]

    def set_password_and_save(self, user: Any, commit: bool = True, **kwargs: Any) -> Any:
        if self.cleaned_data["set_usable_password"]:  # type: ignore[attr-defined]
            return super().set_password_and_save(user, **kwargs, commit=commit)  # type: ignore[misc]
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class BaseUserCreationForm(SetPasswordMixin, forms.ModelForm):
    """Create a user from a username and a password typed twice."""

    password1, password2 = SetPasswordMixin.create_password_fields()

    class Meta:
        model = User
        fields = ("username",)
        field_classes = {"username": UsernameField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username_field = self._meta.model.USERNAME_FIELD
        if username_field in self.fields:
            self.fields[username_field].widget.attrs["autofocus"] = True

    def clean(self) -> dict:
        self.validate_passwords()
        return super().clean()

    def _post_clean(self) -> None:
        super()._post_clean()
        # Validate the password after the instance is updated with the form's data.
        self.validate_password_for_user(self.instance)

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user = self.set_password_and_save(user, commit=commit)
        if commit and hasattr(self, "save_m2m"):
            self.save_m2m()
        return user


class UserCreationForm(BaseUserCreationForm):
    def clean_username(self) -> Any:
        """Reject usernames that differ from an existing one only in case."""
        username = self.cleaned_data.get("username")
        model = self._meta.model
        if username and model.objects.filter(username__iexact=username).exists():
            self._update_errors(
                ValidationError({"username": self.instance.unique_error_message(model, ["username"])})
            )
        return username


class AdminUserCreationForm(SetUnusablePasswordMixin, UserCreationForm):  # type: ignore[misc]  # mixin takes kwargs
    usable_password = SetUnusablePasswordMixin.create_usable_password_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].required = False
        self.fields["password2"].required = False


class UserChangeForm(forms.ModelForm):
    password = ReadOnlyPasswordHashField(
        label=_("Password"),
        help_text=_("Raw passwords are not stored, so there is no way to see the user’s password."),
    )

    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"username": UsernameField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        password = self.fields.get("password")
        if password and self.instance and not self.instance.has_usable_password():
            password.help_text = _(
                "Enable password-based authentication for this user by setting a password."
            )
        user_permissions = self.fields.get("user_permissions")
        if user_permissions:
            user_permissions.queryset = user_permissions.queryset.select_related("content_type")


from ._auth_forms_login import (  # noqa: E402, F401
    AdminPasswordChangeForm,
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
