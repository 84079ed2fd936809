"""createsuperuser and changepassword: non-interactive use and bad input."""

import pytest

from django.contrib.auth.models import User
from django.core.management import CommandError, call_command


def test_createsuperuser_noinput_from_environment(cdb, monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "boss")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "s3cret-Pass-42")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "boss@example.com")
    call_command("createsuperuser", interactive=False, database=cdb.alias)
    assert "Superuser created successfully." in capsys.readouterr().out
    boss = User.objects.get(username="boss")
    assert boss.is_superuser and boss.is_staff and boss.email == "boss@example.com"
    assert boss.check_password("s3cret-Pass-42")


def test_createsuperuser_noinput_with_options_and_no_password(cdb):
    call_command(
        "createsuperuser",
        interactive=False,
        username="admin2",
        email="a@example.com",
        database=cdb.alias,
        verbosity=0,
    )
    assert not User.objects.get(username="admin2").has_usable_password()


def test_createsuperuser_requires_username(cdb, monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    with pytest.raises(CommandError, match="You must use --username with --noinput."):
        call_command("createsuperuser", interactive=False, database=cdb.alias)


def test_createsuperuser_refuses_taken_and_invalid_usernames(cdb):
    User.objects.create_user("boss", password="x")
    with pytest.raises(CommandError, match="That username is already taken"):
        call_command(
            "createsuperuser", interactive=False, username="boss", email="b@example.com", database=cdb.alias
        )
    with pytest.raises(CommandError, match="Enter a valid username"):
        call_command(
            "createsuperuser",
            interactive=False,
            username="bad name!",
            email="b@example.com",
            database=cdb.alias,
        )


def test_createsuperuser_validates_the_environment_password(cdb, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "1")
    from django.test import override_settings

    with override_settings(
        AUTH_PASSWORD_VALIDATORS=[
            {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"}
        ]
    ):
        from django.contrib.auth.password_validation import get_default_password_validators

        get_default_password_validators.cache_clear()
        try:
            with pytest.raises(CommandError, match="entirely numeric"):
                call_command(
                    "createsuperuser",
                    interactive=False,
                    username="x",
                    email="x@example.com",
                    database=cdb.alias,
                )
        finally:
            get_default_password_validators.cache_clear()


def test_changepassword_unknown_user(cdb):
    with pytest.raises(CommandError, match="user 'ghost' does not exist"):
        call_command("changepassword", "ghost", database=cdb.alias)


def test_changepassword_with_prompts(cdb, monkeypatch):
    User.objects.create_user("ann", password="old-pass-1")
    answers = iter(["New-pass-123", "New-pass-123"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    result = call_command("changepassword", "ann", database=cdb.alias)
    assert "Password changed successfully for user 'ann'" in result
    assert User.objects.get(username="ann").check_password("New-pass-123")
