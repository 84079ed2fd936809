"""Authentication backends: ModelBackend (username + password, model permissions) and friends."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q

UserModel = get_user_model()


class BaseBackend:
    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        return None

    def get_user(self, user_id: Any) -> Any:
        return None

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set:
        return {*self.get_user_permissions(user_obj, obj=obj), *self.get_group_permissions(user_obj, obj=obj)}

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj=obj)


class ModelBackend(BaseBackend):
    """Checks the username and password against the user model; permissions from the database."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if username is None:
            username = kwargs.get(UserModel.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = UserModel._default_manager.get_by_natural_key(username)
        except UserModel.DoesNotExist:
            # Hash anyway so that an unknown username takes as long as a wrong password.
            UserModel().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user: Any) -> bool:
        """Inactive users may not log in (is_active=False)."""
        return getattr(user, "is_active", True)

    def _get_user_permissions(self, user_obj: Any) -> Any:
        return user_obj.user_permissions.all()

    def _get_group_permissions(self, user_obj: Any) -> Any:
        return Permission.objects.filter(**{"group__user": user_obj})

    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cache_name = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cache_name):
            if user_obj.is_superuser:
                perms = Permission.objects.all()
            else:
                perms = getattr(self, f"_get_{from_name}_permissions")(user_obj)
            names = perms.values_list("content_type__app_label", "codename").order_by()
            setattr(user_obj, cache_name, {f"{ct}.{name}" for ct, name in names})
        return getattr(user_obj, cache_name)

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set:
        return self._get_permissions(user_obj, obj, "user")

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set:
        return self._get_permissions(user_obj, obj, "group")

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = super().get_all_permissions(user_obj)
        return user_obj._perm_cache

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return user_obj.is_active and super().has_perm(user_obj, perm, obj=obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return user_obj.is_active and any(
            perm[: perm.index(".")] == app_label for perm in self.get_all_permissions(user_obj)
        )

    def with_perm(
        self, perm: Any, is_active: bool = True, include_superusers: bool = True, obj: Any = None
    ) -> Any:
        """The users that have ``perm`` ("app_label.codename" or a Permission)."""
        if isinstance(perm, str):
            try:
                app_label, codename = perm.split(".")
            except ValueError:
                raise ValueError("Permission name should be in the form app_label.permission_codename.")
        elif not isinstance(perm, Permission):
            raise TypeError("The `perm` argument must be a string or a permission instance.")
        if obj is not None:
            return UserModel._default_manager.none()
        permission_q = Q(group__user=OuterRef("pk")) | Q(user=OuterRef("pk"))
        if isinstance(perm, Permission):
            permission_q &= Q(pk=perm.pk)
        else:
            permission_q &= Q(codename=codename, content_type__app_label=app_label)
        user_q = Exists(Permission.objects.filter(permission_q))
        if include_superusers:
            user_q |= Q(is_superuser=True)
        if is_active is not None:
            user_q &= Q(is_active=is_active)
        return UserModel._default_manager.filter(user_q)

    def get_user(self, user_id: Any) -> Any:
        try:
            user = UserModel._default_manager.get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class AllowAllUsersModelBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return True


class RemoteUserBackend(ModelBackend):
    """Trusts the username a front server authenticated (REMOTE_USER); creates unknown users."""

    create_unknown_user = True

    def authenticate(self, request: Any, remote_user: str | None = None, **kwargs: Any) -> Any:  # type: ignore[override]  # Django's RemoteUserBackend API
        if not remote_user:
            return None
        username = self.clean_username(remote_user)
        if self.create_unknown_user:
            user, created = UserModel._default_manager.get_or_create(**{UserModel.USERNAME_FIELD: username})
        else:
            try:
                user = UserModel._default_manager.get_by_natural_key(username)
            except UserModel.DoesNotExist:
                return None
            created = False
        # Called on every remote login (created=False for known users), so attributes can be synced.
        user = self.configure_user(request, user, created=created)
        return user if self.user_can_authenticate(user) else None

    def clean_username(self, username: str) -> str:
        return username

    def configure_user(self, request: Any, user: Any, created: bool = True) -> Any:
        return user


class AllowAllUsersRemoteUserBackend(RemoteUserBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return True
