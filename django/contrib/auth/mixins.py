"""Class-based view mixins: LoginRequiredMixin, PermissionRequiredMixin, UserPassesTestMixin."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ImproperlyConfigured, PermissionDenied


class AccessMixin:
    login_url: str | None = None
    permission_denied_message = ""
    raise_exception = False
    redirect_field_name = REDIRECT_FIELD_NAME

    def get_login_url(self) -> str:
        login_url = self.login_url or settings.LOGIN_URL
        if not login_url:
            raise ImproperlyConfigured(
                f"{self.__class__.__name__} is missing the login_url attribute. Define "
                f"{self.__class__.__name__}.login_url, settings.LOGIN_URL, or override "
                f"{self.__class__.__name__}.get_login_url()."
            )
        return str(login_url)

    def get_permission_denied_message(self) -> str:
        return self.permission_denied_message

    def get_redirect_field_name(self) -> str:
        return self.redirect_field_name

    def handle_no_permission(self) -> Any:
        request = self.request  # type: ignore[attr-defined]
        if self.raise_exception or request.user.is_authenticated:
            raise PermissionDenied(self.get_permission_denied_message())
        from django.contrib.auth.decorators import _redirect_to_login

        return _redirect_to_login(request, self.get_login_url(), self.get_redirect_field_name())


class LoginRequiredMixin(AccessMixin):
    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PermissionRequiredMixin(AccessMixin):
    permission_required: Any = None

    def get_permission_required(self) -> tuple:
        if self.permission_required is None:
            raise ImproperlyConfigured(
                f"{self.__class__.__name__} is missing the permission_required attribute. Define "
                f"{self.__class__.__name__}.permission_required, or override "
                f"{self.__class__.__name__}.get_permission_required()."
            )
        if isinstance(self.permission_required, str):
            return (self.permission_required,)
        return tuple(self.permission_required)

    def has_permission(self) -> bool:
        return self.request.user.has_perms(self.get_permission_required())  # type: ignore[attr-defined]

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.has_permission():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class UserPassesTestMixin(AccessMixin):
    def test_func(self) -> bool:
        raise NotImplementedError(
            f"{self.__class__.__name__} is missing the implementation of the test_func() method."
        )

    def get_test_func(self) -> Any:
        return self.test_func

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.get_test_func()():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
