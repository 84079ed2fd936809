"""AuthenticationForm and the password change/reset forms (split from forms.py for size)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .forms import SetPasswordMixin, SetUnusablePasswordMixin, UsernameField, _unicode_ci_compare


class AuthenticationForm(forms.Form):
    """Log a user in: checks the credentials with authenticate() and refuses inactive users."""

    username = UsernameField(widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)
        user_model = get_user_model()
        self.username_field = user_model._meta.get_field(user_model.USERNAME_FIELD)
        username_max_length = self.username_field.max_length or 254
        field = self.fields["username"]
        field.max_length = username_max_length
        field.widget.attrs["maxlength"] = username_max_length
        if field.label is None:
            field.label = capfirst(self.username_field.verbose_name)

    def clean(self) -> dict:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def confirm_login_allowed(self, user: Any) -> None:
        """Refuse inactive users; override to add policies (raise ValidationError)."""
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")

    def get_user(self) -> Any:
        return self.user_cache

    def get_invalid_login_error(self) -> ValidationError:
        return ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"username": self.username_field.verbose_name},
        )


class PasswordResetForm(forms.Form):
    """Ask for an e-mail address and send each matching active user a one-use reset link."""

    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from django.core.mail import EmailMultiAlternatives
        from django.template import loader

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                loader.render_to_string(html_email_template_name, context), "text/html"
            )
        try:
            message.send()
        except Exception:
            import logging

            logging.getLogger("django.contrib.auth").exception(
                "Failed to send password reset email to %s", to_email
            )

    def get_users(self, email: str) -> Iterator[Any]:
        """Active users with this e-mail and a usable password."""
        user_model = get_user_model()
        email_field_name = user_model.get_email_field_name()
        users = user_model._default_manager.filter(
            **{"%s__iexact" % email_field_name: email, "is_active": True}
        )
        return (
            u
            for u in users
            if u.has_usable_password() and _unicode_ci_compare(email, getattr(u, email_field_name))
        )

    def save(
        self,
        domain_override: str | None = None,
        subject_template_name: str = "registration/password_reset_subject.txt",
        email_template_name: str = "registration/password_reset_email.html",
        use_https: bool = False,
        token_generator: Any = None,
        from_email: str | None = None,
        request: Any = None,
        html_email_template_name: str | None = None,
        extra_email_context: dict | None = None,
    ) -> None:
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        if token_generator is None:
            from django.contrib.auth.tokens import default_token_generator

            token_generator = default_token_generator
        email = self.cleaned_data["email"]
        if domain_override:
            site_name = domain = domain_override
        else:
            domain = request.get_host() if request is not None else "localhost"
            site_name = domain
        email_field_name = get_user_model().get_email_field_name()
        for user in self.get_users(email):
            context = {
                "email": getattr(user, email_field_name),
                "domain": domain,
                "site_name": site_name,
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "user": user,
                "token": token_generator.make_token(user),
                "protocol": "https" if use_https else "http",
                **(extra_email_context or {}),
            }
            self.send_mail(
                subject_template_name, email_template_name, context, from_email,
                getattr(user, email_field_name), html_email_template_name=html_email_template_name,
            )  # fmt: skip


class SetPasswordForm(SetPasswordMixin, forms.Form):
    """Set a user's password without asking for the old one."""

    new_password1, new_password2 = SetPasswordMixin.create_password_fields(
        label1=_("New password"), label2=_("New password confirmation")
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password2")
        return super().clean()

    def save(self, commit: bool = True) -> Any:
        return self.set_password_and_save(self.user, "new_password1", commit=commit)


class PasswordChangeForm(SetPasswordForm):
    """Change a password: the old one must be entered first."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_incorrect": _("Your old password was entered incorrectly. Please enter it again."),
    }
    old_password = forms.CharField(
        label=_("Old password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not self.user.check_password(old_password):
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class AdminPasswordChangeForm(SetUnusablePasswordMixin, SetPasswordMixin, forms.Form):  # type: ignore[misc]  # mixin takes kwargs
    """The admin's password form: set (or disable) a user's password."""

    required_css_class = "required"
    usable_password_help_text = SetUnusablePasswordMixin.usable_password_help_text + (
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "If disabled, the current password for this user will be lost.</li></ul>"
    )
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["password1"].widget.attrs["autofocus"] = True
        if self.user.has_usable_password():
            self.fields["password1"].required = False
            self.fields["password2"].required = False
            self.fields["usable_password"] = SetUnusablePasswordMixin.create_usable_password_field(
                self.usable_password_help_text
            )

    def clean(self) -> dict:
        if "usable_password" in self.fields:
            SetUnusablePasswordMixin.validate_passwords(self)
        else:
            SetPasswordMixin.validate_passwords(self)
            self.cleaned_data["set_usable_password"] = True
        self.validate_password_for_user(self.user)
        return super().clean()

    def save(self, commit: bool = True) -> Any:
        return self.set_password_and_save(self.user, commit=commit)

    @property
    def changed_data(self) -> list:  # type: ignore[override]
        data = super().changed_data
        if "set_usable_password" in data or "password1" in data and "password2" in data:
            return ["password"]
        return []
