"""Users and permissions on each database: the manager's normalisation and superuser rules, the
permission sets (user, group, all, module, with_perm) and their per-object cache, the hash work done
for unknown/inactive users (timing-safe), and the password hash upgraded on login."""

from __future__ import annotations

import pytest

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.forms import BaseUserCreationForm, UserCreationForm
from django.contrib.auth.hashers import MD5PasswordHasher, PBKDF2PasswordHasher
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.test import override_settings


@pytest.mark.parametrize(
    "given, expected",
    [
        ("Ann@EXAMPLE.Com", "Ann@example.com"),
        ("  Ann@Example.COM ", "Ann@example.com"),
        ("no-at-sign", "no-at-sign"),
        ("a@b@Example.ORG", "a@b@example.org"),
        (None, ""),
        ("", ""),
    ],
)
def test_normalize_email_lowercases_only_the_domain(given, expected):
    assert BaseUserManager.normalize_email(given) == expected


def test_create_user_and_superuser_rules(cdb):
    user = User.objects.create_user("ann", "Ann@EXAMPLE.com", "pw")
    assert user.email == "Ann@example.com" and not user.is_staff and not user.is_superuser
    assert user.check_password("pw") and user.password.startswith("md5$")
    nopass = User.objects.create_user("bob")
    assert not nopass.has_usable_password()
    with pytest.raises(ValueError, match="The given username must be set"):
        User.objects.create_user("")
    boss = User.objects.create_superuser("boss", "boss@example.com", "pw")
    assert boss.is_staff and boss.is_superuser and boss.is_active
    with pytest.raises(ValueError, match="Superuser must have is_staff=True."):
        User.objects.create_superuser("x", "x@example.com", "pw", is_staff=False)
    with pytest.raises(ValueError, match="Superuser must have is_superuser=True."):
        User.objects.create_superuser("y", "y@example.com", "pw", is_superuser=False)
    assert get_user_model() is User


def auth_perm(codename: str) -> Permission:
    return Permission.objects.get(codename=codename, content_type__app_label="auth")


@pytest.fixture
def people(cdb):
    """ann has change_user herself and view_group through 'editors'; bob is inactive; root is superuser."""
    change_user = auth_perm("change_user")
    view_group = auth_perm("view_group")
    editors = Group.objects.create(name="editors")
    editors.permissions.add(view_group)
    ann = User.objects.create_user("ann", password="pw")
    ann.user_permissions.add(change_user)
    ann.groups.add(editors)
    bob = User.objects.create_user("bob", password="pw", is_active=False)
    bob.user_permissions.add(change_user)
    root = User.objects.create_superuser("root", "root@example.com", "pw")
    return {"ann": ann, "bob": bob, "root": root, "editors": editors, "connection": cdb}


def test_permission_sets(people):
    ann = User.objects.get(username="ann")
    assert ann.get_user_permissions() == {"auth.change_user"}
    assert ann.get_group_permissions() == {"auth.view_group"}
    assert ann.get_all_permissions() == {"auth.change_user", "auth.view_group"}
    assert ann.has_perm("auth.view_group") and ann.has_perms(["auth.change_user", "auth.view_group"])
    assert not ann.has_perm("auth.delete_user")
    assert ann.has_module_perms("auth") and not ann.has_module_perms("sessions")
    assert ann.get_all_permissions(obj=ann) == set()  # ModelBackend has no object permissions
    with pytest.raises(ValueError):
        ann.has_perms("auth.change_user")  # a string is not a list of permissions


def test_inactive_anonymous_and_super_users(people):
    bob = User.objects.get(username="bob")
    assert bob.get_all_permissions() == set() and not bob.has_perm("auth.change_user")
    assert not bob.has_module_perms("auth")
    anonymous = AnonymousUser()
    assert anonymous.get_all_permissions() == set() and not anonymous.has_perm("auth.change_user")
    root = User.objects.get(username="root")
    every = {
        f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")
    }
    assert root.get_all_permissions() == every
    assert root.has_perm("anything.at_all")  # active superusers have every permission, even unknown ones


def test_permissions_are_cached_per_user_object(people):
    from django.test.utils import CaptureQueriesContext

    ann = User.objects.get(username="ann")
    with CaptureQueriesContext(people["connection"]) as queries:
        ann.has_perm("auth.change_user")
        first = len(queries)
        ann.has_perm("auth.view_group")
        ann.get_all_permissions()
    assert first == 2 and len(queries) == first  # user and group permissions once; then the cache
    ann.user_permissions.add(auth_perm("delete_user"))
    assert not ann.has_perm("auth.delete_user")  # stale on this object, as documented
    assert User.objects.get(pk=ann.pk).has_perm("auth.delete_user")  # fresh object, fresh cache


def test_with_perm_finds_users_by_permission(people):
    backend = ModelBackend()
    names = lambda qs: sorted(u.username for u in qs)  # noqa: E731
    assert names(backend.with_perm("auth.change_user")) == ["ann", "root"]
    assert names(backend.with_perm("auth.view_group", include_superusers=False)) == ["ann"]
    assert names(backend.with_perm("auth.change_user", is_active=False)) == ["bob"]
    assert names(backend.with_perm(auth_perm("view_group"))) == ["ann", "root"]
    with pytest.raises(ValueError, match="app_label.permission_codename"):
        backend.with_perm("nodot")
    with pytest.raises(TypeError):
        backend.with_perm(42)


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast) that counts the hashes it computes (verify() hashes through encode())."""

    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


@pytest.mark.parametrize(
    "username, password",
    [("ann", "wrong"), ("nobody", "pw"), ("bob", "pw")],
    ids=["wrong-password", "unknown-user", "inactive-user"],
)
def test_failing_logins_all_compute_one_hash(cdb, username, password):
    """Timing safety, counted instead of timed: every failing path hashes the password once."""
    with override_settings(PASSWORD_HASHERS=[f"{__name__}.CountingHasher"]):
        User.objects.create_user("ann", password="pw")
        User.objects.create_user("bob", password="pw", is_active=False)
        CountingHasher.calls = 0
        assert authenticate(None, username=username, password=password) is None
        assert CountingHasher.calls == 1
        CountingHasher.calls = 0
        assert authenticate(None, username="ann", password="pw") is not None
        assert CountingHasher.calls == 1


class FastPBKDF2(PBKDF2PasswordHasher):
    iterations = 10


def test_logging_in_upgrades_an_outdated_hash(cdb):
    """A password stored with a hasher that is no longer first is re-hashed on a successful login."""
    user = User.objects.create_user("ann", password="pw")  # md5 (tests' only hasher)
    assert user.password.startswith("md5$")
    hashers = [f"{__name__}.FastPBKDF2", "django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers):
        assert authenticate(None, username="ann", password="wrong") is None
        assert User.objects.get(pk=user.pk).password.startswith("md5$")  # not on a failure
        assert authenticate(None, username="ann", password="pw") is not None
        stored = User.objects.get(pk=user.pk).password
        assert stored.startswith("pbkdf2_sha256$10$")
        assert authenticate(None, username="ann", password="pw") is not None


def test_user_creation_form_refuses_a_username_differing_only_in_case(cdb):
    User.objects.create_user("Ann", password="pw")
    data = {"username": "ann", "password1": "long-Enough-1", "password2": "long-Enough-1"}
    refused = UserCreationForm(data)
    assert not refused.is_valid()
    assert refused.errors["username"] == ["A user with that username already exists."]
    base = BaseUserCreationForm(data)
    if User.objects.filter(username="ann").exists():
        # A case-insensitive collation (MariaDB's default) makes the database's own unique rule refuse too.
        assert base.errors["username"] == ["A user with that username already exists."]
        return
    assert base.is_valid(), base.errors  # the base form leaves case to the database's unique rule
    user = base.save()
    assert user.username == "ann" and user.check_password("long-Enough-1")


def test_user_creation_form_commit_false_and_validators(cdb):
    form = UserCreationForm({"username": "zed", "password1": "zed", "password2": "zed"})
    validators = [{"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"}]
    with override_settings(AUTH_PASSWORD_VALIDATORS=validators):
        assert not form.is_valid()
    assert form.errors["password2"] == ["The password is too similar to the username."]
    form = UserCreationForm(
        {"username": "zed", "password1": "Very-different-9", "password2": "Very-different-9"}
    )
    user = form.save(commit=False)
    assert user.pk is None and user.check_password("Very-different-9")
    user.save()
    assert User.objects.filter(username="zed").exists()
