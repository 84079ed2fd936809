"""AUTH_PASSWORD_VALIDATORS: each validator's rule, message and code; help texts."""

import pytest

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
    get_password_validators,
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ImproperlyConfigured, ValidationError

VALIDATORS = get_password_validators(
    [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 9},
        },
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]
)


def codes(password, user=None):
    try:
        validate_password(password, user, password_validators=VALIDATORS)
    except ValidationError as exc:
        return sorted(e.code for e in exc.error_list)
    return []


def test_good_password_passes():
    assert codes("correct-horse-battery") == []


def test_each_rule():
    assert codes("12345678") == ["password_entirely_numeric", "password_too_common", "password_too_short"]
    assert "password_too_short" in codes("short1!")
    user = User(username="margaretthatcher", email="mt@example.com", first_name="Margaret")
    assert codes("margaretthatcher", user) == ["password_too_similar"]


def test_messages_follow_the_documented_wording():
    with pytest.raises(ValidationError) as info:
        MinimumLengthValidator(8).validate("abc")
    assert info.value.messages == ["This password is too short. It must contain at least 8 characters."]
    with pytest.raises(ValidationError) as info:
        NumericPasswordValidator().validate("123")
    assert info.value.messages == ["This password is entirely numeric."]
    with pytest.raises(ValidationError) as info:
        CommonPasswordValidator().validate("Password")
    assert info.value.messages == ["This password is too common."]


def test_custom_common_password_list(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("hunter2\nswordfish\n")
    validator = CommonPasswordValidator(password_list_path=path)
    with pytest.raises(ValidationError):
        validator.validate("SwordFish")
    validator.validate("password")


def test_similarity_option_bounds():
    with pytest.raises(ValueError, match="at least 0.1"):
        UserAttributeSimilarityValidator(max_similarity=0.05)


def test_help_text_html_lists_each_validator():
    html = str(password_validators_help_text_html(VALIDATORS))
    assert html.startswith("<ul>") and html.count("<li>") == 4


def test_bad_validator_path():
    with pytest.raises(ImproperlyConfigured, match="could not be imported"):
        get_password_validators([{"NAME": "no.such.Validator"}])
