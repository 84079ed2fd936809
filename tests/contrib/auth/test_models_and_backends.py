"""Users, groups and permissions on real databases; authenticate() and the model backend."""

import pytest

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings


def test_create_user_and_superuser(cdb):
    user = User.objects.create_user("ann", "Ann@EXAMPLE.COM", "pw-1")
    assert user.email == "Ann@example.com"
    assert user.check_password("pw-1") and not user.is_staff and not user.is_superuser
    admin = User.objects.create_superuser("boss", "b@example.com", "pw-2")
    assert admin.is_staff and admin.is_superuser
    with pytest.raises(ValueError, match="is_staff=True"):
        User.objects.create_superuser("x", "x@example.com", "pw", is_staff=False)
    with pytest.raises(ValueError, match="username must be set"):
        User.objects.create_user("", "e@example.com", "pw")


def test_get_user_model_and_bad_setting():
    assert get_user_model() is User
    with override_settings(AUTH_USER_MODEL="nodots"):
        with pytest.raises(ImproperlyConfigured, match="app_label.model_name"):
            get_user_model()
    with override_settings(AUTH_USER_MODEL="auth.Nope"):
        with pytest.raises(ImproperlyConfigured, match="not been installed"):
            get_user_model()


def test_authenticate_checks_password_and_activity(cdb):
    user = User.objects.create_user("ann", password="pw-1")
    found = authenticate(username="ann", password="pw-1")
    assert found == user and found.backend == "django.contrib.auth.backends.ModelBackend"
    assert authenticate(username="ann", password="nope") is None
    assert authenticate(username="ghost", password="pw-1") is None
    user.is_active = False
    user.save()
    assert authenticate(username="ann", password="pw-1") is None


def test_permissions_through_groups_and_user(cdb):
    user = User.objects.create_user("ann", password="pw")
    ct = ContentType.objects.get_for_model(Group)
    change_group = Permission.objects.get(content_type=ct, codename="change_group")
    view_group = Permission.objects.get(content_type=ct, codename="view_group")
    editors = Group.objects.create(name="editors")
    editors.permissions.add(change_group)
    user.groups.add(editors)
    user.user_permissions.add(view_group)
    user = User.objects.get(pk=user.pk)  # fresh permission caches
    assert user.get_group_permissions() == {"auth.change_group"}
    assert user.get_user_permissions() == {"auth.view_group"}
    assert user.has_perm("auth.change_group") and user.has_perms(["auth.change_group", "auth.view_group"])
    assert not user.has_perm("auth.delete_group")
    assert user.has_module_perms("auth") and not user.has_module_perms("sessions")
    assert list(User.objects.with_perm("auth.change_group")) == [user]
    with pytest.raises(ValueError, match="iterable"):
        user.has_perms("auth.change_group")


def test_superuser_has_every_permission_but_inactive_none(cdb):
    boss = User.objects.create_superuser("boss", "b@example.com", "pw")
    assert boss.has_perm("anything.at_all")
    boss.is_active = False
    assert not boss.has_perm("anything.at_all")


def test_default_permissions_were_created_by_migrate(cdb):
    codenames = set(
        Permission.objects.filter(content_type__app_label="auth").values_list("codename", flat=True)
    )
    assert {"add_user", "change_user", "delete_user", "view_user", "add_group"} <= codenames


def test_anonymous_user():
    anon = AnonymousUser()
    assert anon.is_anonymous and not anon.is_authenticated
    assert str(anon) == "AnonymousUser" and anon.pk is None
    assert not anon.has_perm("auth.add_user")
    with pytest.raises(NotImplementedError):
        anon.save()
    with pytest.raises(TypeError):
        int(anon)


def test_model_backend_get_user(cdb):
    user = User.objects.create_user("ann", password="pw")
    assert ModelBackend().get_user(user.pk) == user
    assert ModelBackend().get_user(999999) is None


def test_natural_keys(cdb):
    User.objects.create_user("ann", password="pw")
    assert User.objects.get_by_natural_key("ann").natural_key() == ("ann",)
    perm = Permission.objects.get_by_natural_key("add_user", "auth", "user")
    assert perm.natural_key() == ("add_user", "auth", "user")
    assert str(perm) == "Authentication and Authorization | user | Can add user"


def test_password_reset_tokens(cdb, monkeypatch):
    from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator

    user = User.objects.create_user("ann", "a@example.com", "pw-1")
    token = default_token_generator.make_token(user)
    assert default_token_generator.check_token(user, token)
    for bad in ["", None, "abc", "zz-zz", token + "x", 12]:
        assert not default_token_generator.check_token(user, bad)
    user.set_password("pw-2")
    user.save()
    assert not default_token_generator.check_token(user, token)  # a new password voids old links
    token = default_token_generator.make_token(user)
    later = PasswordResetTokenGenerator()
    real_now = later._now()
    monkeypatch.setattr(later, "_now", lambda: real_now.replace(year=real_now.year + 1))
    assert not later.check_token(user, token)  # past PASSWORD_RESET_TIMEOUT
