"""PasswordResetTokenGenerator: what voids a token (password, last login, e-mail, age) and which
secrets sign it (SECRET_KEY, SECRET_KEY_FALLBACKS, an explicit secret)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.test import override_settings
from django.utils import timezone


class FrozenClock(PasswordResetTokenGenerator):
    """A generator whose clock the test sets."""

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self.now = now

    def _now(self) -> datetime:
        return self.now


@pytest.fixture
def user(make_user):
    return make_user(email="ann@example.com")


def test_a_fresh_token_checks_for_its_user_only(user, make_user):
    other = make_user("bob", email="bob@example.com")
    token = default_token_generator.make_token(user)
    assert default_token_generator.check_token(user, token)
    assert not default_token_generator.check_token(other, token)
    assert not default_token_generator.check_token(None, token)


def test_saving_unrelated_fields_keeps_the_token(user):
    token = default_token_generator.make_token(user)
    user.first_name = "Ann"
    user.save()
    user.refresh_from_db()
    assert default_token_generator.check_token(user, token)


@pytest.mark.parametrize(
    "change",
    [
        lambda u: u.set_password("another-Pass-1"),
        lambda u: setattr(u, "last_login", timezone.now()),
        lambda u: setattr(u, "email", "new@example.com"),
    ],
    ids=["password", "last_login", "email"],
)
def test_changes_that_void_a_token(user, change):
    token = default_token_generator.make_token(user)
    change(user)
    user.save()
    user.refresh_from_db()
    assert not default_token_generator.check_token(user, token)


def test_tokens_expire_after_password_reset_timeout(user):
    start = datetime(2030, 5, 1, 12, 0, 0)
    clock = FrozenClock(start)
    with override_settings(PASSWORD_RESET_TIMEOUT=3600):
        token = clock.make_token(user)
        clock.now = start + timedelta(seconds=3600)
        assert clock.check_token(user, token)  # still valid at exactly the timeout
        clock.now = start + timedelta(seconds=3601)
        assert not clock.check_token(user, token)
    with override_settings(PASSWORD_RESET_TIMEOUT=7200):
        assert clock.check_token(user, token)  # the setting is read at check time


def test_secret_key_fallbacks_keep_old_links_working(user):
    with override_settings(SECRET_KEY="old-key-" + "x" * 40):
        old_token = PasswordResetTokenGenerator().make_token(user)
    with override_settings(SECRET_KEY="new-key-" + "y" * 40, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 40]):
        generator = PasswordResetTokenGenerator()
        assert generator.check_token(user, old_token)
        new_token = generator.make_token(user)
        assert new_token != old_token and generator.check_token(user, new_token)
    with override_settings(SECRET_KEY="new-key-" + "y" * 40, SECRET_KEY_FALLBACKS=[]):
        assert not PasswordResetTokenGenerator().check_token(user, old_token)


def test_an_explicit_secret_and_fallbacks_win_over_the_settings(user):
    generator = PasswordResetTokenGenerator()
    generator.secret = "own-secret"
    token = generator.make_token(user)
    assert not default_token_generator.check_token(user, token)
    rotated = PasswordResetTokenGenerator()
    rotated.secret = "next-secret"
    rotated.secret_fallbacks = ["own-secret"]
    assert rotated.check_token(user, token)
    assert rotated.secret_fallbacks == ["own-secret"]


def test_the_algorithm_is_part_of_the_token(user):
    sha512 = PasswordResetTokenGenerator()
    sha512.algorithm = "sha512"
    token = sha512.make_token(user)
    assert sha512.check_token(user, token)
    assert not default_token_generator.check_token(user, token)


def test_token_shape_is_timestamp_dash_hex(user):
    token = default_token_generator.make_token(user)
    timestamp, digest = token.split("-")
    assert timestamp.isalnum() and int(timestamp, 36) > 0
    assert len(digest) == 32 and int(digest, 16) >= 0


@pytest.mark.parametrize(
    "token",
    ["", None, 12, b"1-2", "nodash", "a-b-c", "!!-abc", "zzzzzzzzzzzzzzzzzzzz-abc", "-", "1-", "\x00-\x00"],
    ids=repr,
)
def test_malformed_tokens_are_refused_without_raising(user, token):
    assert default_token_generator.check_token(user, token) is False


def test_a_token_for_a_user_that_never_logged_in_dies_on_first_login(user):
    """last_login None -> set: the first login (as the login view does) voids the token."""
    from django.contrib.auth.models import update_last_login

    assert user.last_login is None
    token = default_token_generator.make_token(user)
    update_last_login(None, user)
    user.refresh_from_db()
    assert not default_token_generator.check_token(user, token)
