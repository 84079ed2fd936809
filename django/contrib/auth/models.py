"""Permission, Group, the User model and AnonymousUser."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib import auth
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.hashers import make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.manager import EmptyManager
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def update_last_login(sender: Any, user: Any, **kwargs: Any) -> None:
    """A user_logged_in receiver: record when the user logged in."""
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])


class PermissionManager(models.Manager):
    use_in_migrations = True

    def get_by_natural_key(self, codename: str, app_label: str, model: str) -> Permission:
        return self.get(
            codename=codename,
            content_type=ContentType.objects.db_manager(self.db).get_by_natural_key(app_label, model),
        )


class Permission(models.Model):
    """A named right (add/change/delete/view or custom) on one model, given to users and groups."""

    name = models.CharField(_("name"), max_length=255)
    content_type = models.ForeignKey(ContentType, models.CASCADE, verbose_name=_("content type"))
    codename = models.CharField(_("codename"), max_length=100)

    objects = PermissionManager()

    class Meta:
        verbose_name = _("permission")
        verbose_name_plural = _("permissions")
        unique_together = [["content_type", "codename"]]
        ordering = ["content_type__app_label", "content_type__model", "codename"]

    def __str__(self) -> str:
        return f"{self.content_type} | {self.name}"

    def natural_key(self) -> tuple:
        return (self.codename, *self.content_type.natural_key())

    natural_key.dependencies = ["contenttypes.contenttype"]  # type: ignore[attr-defined]


class GroupManager(models.Manager):
    use_in_migrations = True

    def get_by_natural_key(self, name: str) -> Group:
        return self.get(name=name)


class Group(models.Model):
    """A named set of permissions; users in the group have them all."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    permissions = models.ManyToManyField(Permission, verbose_name=_("permissions"), blank=True)

    objects = GroupManager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple:
        return (self.name,)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user_object(
        self, username: str, email: str | None, password: str | None, **extra: Any
    ) -> Any:
        if not username:
            raise ValueError("The given username must be set")
        email = self.normalize_email(email)
        GlobalUserModel = apps.get_model(self.model._meta.app_label, self.model._meta.object_name)  # noqa: N806
        username = GlobalUserModel.normalize_username(username)
        user = self.model(username=username, email=email, **extra)
        user.password = make_password(password)
        return user

    def _create_user(self, username: str, email: str | None, password: str | None, **extra: Any) -> Any:
        user = self._create_user_object(username, email, password, **extra)
        user.save(using=self._db)
        return user

    async def _acreate_user(
        self, username: str, email: str | None, password: str | None, **extra: Any
    ) -> Any:
        user = self._create_user_object(username, email, password, **extra)
        await user.asave(using=self._db)
        return user

    def create_user(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> Any:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(username, email, password, **extra)

    async def acreate_user(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> Any:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return await self._acreate_user(username, email, password, **extra)

    @staticmethod
    def _superuser_fields(extra: dict) -> dict:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        if extra.get("is_staff") is not True:
            raise ValueError("Superuser must have is_staff=True.")
        if extra.get("is_superuser") is not True:
            raise ValueError("Superuser must have is_superuser=True.")
        return extra

    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> Any:
        return self._create_user(username, email, password, **self._superuser_fields(extra))

    async def acreate_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> Any:
        return await self._acreate_user(username, email, password, **self._superuser_fields(extra))

    def with_perm(
        self,
        perm: Any,
        is_active: bool = True,
        include_superusers: bool = True,
        backend: str | None = None,
        obj: Any = None,
    ) -> Any:
        if backend is None:
            backends = auth.get_backends(return_tuples=True)
            if len(backends) == 1:
                backend_obj = backends[0][0]
            else:
                raise ValueError(
                    "You have multiple authentication backends configured and therefore must provide the "
                    "`backend` argument."
                )
        elif not isinstance(backend, str):
            raise TypeError(f"backend must be a dotted import path string (got {backend!r}).")
        else:
            backend_obj = auth.load_backend(backend)
        if hasattr(backend_obj, "with_perm"):
            return backend_obj.with_perm(
                perm, is_active=is_active, include_superusers=include_superusers, obj=obj
            )
        return self.none()


def _user_get_permissions(user: Any, obj: Any, from_name: str) -> set:
    permissions: set = set()
    name = f"get_{from_name}_permissions"
    for backend in auth.get_backends():
        if hasattr(backend, name):
            permissions.update(getattr(backend, name)(user, obj))
    return permissions


def _user_has_perm(user: Any, perm: str, obj: Any) -> bool:
    """Whether any backend grants the permission; a backend raising PermissionDenied stops the search."""
    for backend in auth.get_backends():
        if not hasattr(backend, "has_perm"):
            continue
        try:
            if backend.has_perm(user, perm, obj):
                return True
        except PermissionDenied:
            return False
    return False


def _user_has_module_perms(user: Any, app_label: str) -> bool:
    for backend in auth.get_backends():
        if not hasattr(backend, "has_module_perms"):
            continue
        try:
            if backend.has_module_perms(user, app_label):
                return True
        except PermissionDenied:
            return False
    return False


class PermissionsMixin(models.Model):
    """Superuser status, groups and user permissions, checked through the auth backends."""

    if TYPE_CHECKING:  # provided by the class this is mixed into
        is_active: Any

    is_superuser = models.BooleanField(
        _("superuser status"),
        default=False,
        help_text=_("Designates that this user has all permissions without explicitly assigning them."),
    )
    groups = models.ManyToManyField(
        Group,
        verbose_name=_("groups"),
        blank=True,
        help_text=_(
            "The groups this user belongs to. A user will get all permissions granted to each of their groups."
        ),
        related_name="user_set",
        related_query_name="user",
    )
    user_permissions = models.ManyToManyField(
        Permission,
        verbose_name=_("user permissions"),
        blank=True,
        help_text=_("Specific permissions for this user."),
        related_name="user_set",
        related_query_name="user",
    )

    class Meta:
        abstract = True

    def get_user_permissions(self, obj: Any = None) -> set:
        return _user_get_permissions(self, obj, "user")

    def get_group_permissions(self, obj: Any = None) -> set:
        return _user_get_permissions(self, obj, "group")

    def get_all_permissions(self, obj: Any = None) -> set:
        return _user_get_permissions(self, obj, "all")

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        if self.is_active and self.is_superuser:
            return True
        return _user_has_perm(self, perm, obj)

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        if isinstance(perm_list, str) or not hasattr(perm_list, "__iter__"):
            raise ValueError("perm_list must be an iterable of permissions.")
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        if self.is_active and self.is_superuser:
            return True
        return _user_has_module_perms(self, app_label)


class AbstractUser(AbstractBaseUser, PermissionsMixin):
    """A full-featured user with username, names, email and staff/active flags."""

    username_validator = UnicodeUsernameValidator()

    username = models.CharField(
        _("username"),
        max_length=150,
        unique=True,
        help_text=_("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
        validators=[username_validator],
        error_messages={"unique": _("A user with that username already exists.")},
    )
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into this admin site."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Designates whether this user should be treated as active. Unselect this instead of deleting accounts."
        ),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        abstract = True

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    def email_user(self, subject: str, message: str, from_email: str | None = None, **kwargs: Any) -> None:
        from django.core.mail import send_mail

        send_mail(subject, message, from_email, [self.email], **kwargs)


class User(AbstractUser):
    """The default user model (swap it with AUTH_USER_MODEL)."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class AnonymousUser:
    """The user of a request nobody is logged in on."""

    id = None
    pk = None
    username = ""
    is_staff = False
    is_active = False
    is_superuser = False
    _groups = EmptyManager(Group)
    _user_permissions = EmptyManager(Permission)

    def __str__(self) -> str:
        return "AnonymousUser"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, self.__class__)

    def __hash__(self) -> int:
        return 1

    def __int__(self) -> int:
        raise TypeError("Cannot cast AnonymousUser to int. Are you trying to use it in place of User?")

    def save(self) -> None:
        raise NotImplementedError("Django doesn't provide a DB representation for AnonymousUser.")

    def delete(self) -> None:
        raise NotImplementedError("Django doesn't provide a DB representation for AnonymousUser.")

    def set_password(self, raw_password: str) -> None:
        raise NotImplementedError("Django doesn't provide a DB representation for AnonymousUser.")

    def check_password(self, raw_password: str) -> bool:
        raise NotImplementedError("Django doesn't provide a DB representation for AnonymousUser.")

    @property
    def groups(self) -> Any:
        return self._groups

    @property
    def user_permissions(self) -> Any:
        return self._user_permissions

    def get_user_permissions(self, obj: Any = None) -> set:
        return _user_get_permissions(self, obj, "user")

    def get_group_permissions(self, obj: Any = None) -> set:
        return set()

    def get_all_permissions(self, obj: Any = None) -> set:
        return _user_get_permissions(self, obj, "all")

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return _user_has_perm(self, perm, obj=obj)

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        if isinstance(perm_list, str) or not hasattr(perm_list, "__iter__"):
            raise ValueError("perm_list must be an iterable of permissions.")
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, module: str) -> bool:
        return _user_has_module_perms(self, module)

    @property
    def is_anonymous(self) -> bool:
        return True

    @property
    def is_authenticated(self) -> bool:
        return False

    def get_username(self) -> str:
        return self.username
