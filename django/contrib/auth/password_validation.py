"""AUTH_PASSWORD_VALIDATORS: the validators, validate_password and their help texts."""

from __future__ import annotations

import functools
import gzip
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import cached_property, lazy
from django.utils.html import format_html, format_html_join
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@functools.cache
def get_default_password_validators() -> list:
    return get_password_validators(settings.AUTH_PASSWORD_VALIDATORS)


@receiver(setting_changed)
def _reset_default_validators(*, setting: str, **kwargs: Any) -> None:
    if setting == "AUTH_PASSWORD_VALIDATORS":
        get_default_password_validators.cache_clear()


def get_password_validators(validator_config: list) -> list:
    validators = []
    for validator in validator_config:
        try:
            klass = import_string(validator["NAME"])
        except ImportError:
            raise ImproperlyConfigured(
                "The module in NAME could not be imported: %s. Check your AUTH_PASSWORD_VALIDATORS setting."
                % validator["NAME"]
            )
        validators.append(klass(**validator.get("OPTIONS", {})))
    return validators


def validate_password(password: str, user: Any = None, password_validators: list | None = None) -> None:
    """Raise one ValidationError holding every validator's complaint; return None if all pass."""
    errors = []
    for validator in (
        get_default_password_validators() if password_validators is None else password_validators
    ):
        try:
            validator.validate(password, user)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)


def password_changed(password: str, user: Any = None, password_validators: list | None = None) -> None:
    for validator in (
        get_default_password_validators() if password_validators is None else password_validators
    ):
        changed = getattr(validator, "password_changed", None)
        if changed is not None:
            changed(password, user)


def password_validators_help_texts(password_validators: list | None = None) -> list[str]:
    validators = get_default_password_validators() if password_validators is None else password_validators
    return [validator.get_help_text() for validator in validators]


def _password_validators_help_text_html(password_validators: list | None = None) -> str:
    help_texts = password_validators_help_texts(password_validators)
    items = format_html_join("", "<li>{}</li>", ((text,) for text in help_texts))
    return format_html("<ul>{}</ul>", items) if items else ""


password_validators_help_text_html = lazy(_password_validators_help_text_html, str)


class MinimumLengthValidator:
    """At least ``min_length`` characters (default 8)."""

    def __init__(self, min_length: int = 8) -> None:
        self.min_length = min_length

    def get_error_message(self) -> str:
        return (
            ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                self.min_length,
            )
            % self.min_length
        )

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                self.get_error_message(), code="password_too_short", params={"min_length": self.min_length}
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


def exceeds_maximum_length_ratio(password: str, max_similarity: float, value: str) -> bool:
    """Whether password is so much longer than value that they cannot be similar enough."""
    pwd_len = len(password)
    length_bound_similarity = max_similarity / 2 * pwd_len
    value_len = len(value)
    return pwd_len >= 10 * value_len and value_len < length_bound_similarity


class UserAttributeSimilarityValidator:
    """Not too similar to the user's username, names or email."""

    DEFAULT_USER_ATTRIBUTES = ("username", "first_name", "last_name", "email")

    def __init__(self, user_attributes: Any = DEFAULT_USER_ATTRIBUTES, max_similarity: float = 0.7) -> None:
        self.user_attributes = user_attributes
        if max_similarity < 0.1:
            raise ValueError("max_similarity must be at least 0.1")
        self.max_similarity = max_similarity

    def get_error_message(self) -> str:
        return _("The password is too similar to the %(verbose_name)s.")

    def validate(self, password: str, user: Any = None) -> None:
        if not user:
            return
        password = password.lower()
        for attribute_name in self.user_attributes:
            value = getattr(user, attribute_name, None)
            if not value or not isinstance(value, str):
                continue
            value_lower = value.lower()
            value_parts = [*re.split(r"\W+", value_lower), value_lower]
            for value_part in value_parts:
                if exceeds_maximum_length_ratio(password, self.max_similarity, value_part):
                    continue
                if SequenceMatcher(a=password, b=value_part).quick_ratio() >= self.max_similarity:
                    try:
                        verbose_name = str(user._meta.get_field(attribute_name).verbose_name)
                    except FieldDoesNotExist:
                        verbose_name = attribute_name
                    raise ValidationError(
                        self.get_error_message(),
                        code="password_too_similar",
                        params={"verbose_name": verbose_name},
                    )

    def get_help_text(self) -> str:
        return _("Your password can’t be too similar to your other personal information.")


class CommonPasswordValidator:
    """Not in a list of common passwords (one a line, optionally gzipped)."""

    @cached_property
    def DEFAULT_PASSWORD_LIST_PATH(self) -> Path:  # noqa: N802 - Django's name
        return Path(__file__).resolve().parent / "common-passwords.txt.gz"

    def __init__(self, password_list_path: Any = None) -> None:
        path = password_list_path if password_list_path is not None else self.DEFAULT_PASSWORD_LIST_PATH
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                self.passwords = {line.strip() for line in fh}
        except OSError:
            with open(path, encoding="utf-8") as fh:
                self.passwords = {line.strip() for line in fh}

    def get_error_message(self) -> str:
        return _("This password is too common.")

    def validate(self, password: str, user: Any = None) -> None:
        if password.lower().strip() in self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_help_text(self) -> str:
        return _("Your password can’t be a commonly used password.")


class NumericPasswordValidator:
    """Not entirely numeric."""

    def get_error_message(self) -> str:
        return _("This password is entirely numeric.")

    def validate(self, password: str, user: Any = None) -> None:
        if password.isdigit():
            raise ValidationError(self.get_error_message(), code="password_entirely_numeric")

    def get_help_text(self) -> str:
        return _("Your password can’t be entirely numeric.")
