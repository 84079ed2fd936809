"""AuthenticationMiddleware (request.user), LoginRequiredMiddleware and RemoteUserMiddleware."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import REDIRECT_FIELD_NAME, load_backend
from django.contrib.auth.backends import RemoteUserBackend
from django.core.exceptions import ImproperlyConfigured
from django.utils.deprecation import MiddlewareMixin
from django.utils.functional import SimpleLazyObject


def get_user(request: Any) -> Any:
    if not hasattr(request, "_cached_user"):
        request._cached_user = auth.get_user(request)
    return request._cached_user


async def auser(request: Any) -> Any:
    if not hasattr(request, "_acached_user"):
        request._acached_user = await auth.aget_user(request)
    return request._acached_user


class AuthenticationMiddleware(MiddlewareMixin):
    """Sets request.user (lazily) from the session."""

    def process_request(self, request: Any) -> None:
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "The Django authentication middleware requires session middleware to be installed. Edit your "
                "MIDDLEWARE setting to insert 'django.contrib.sessions.middleware.SessionMiddleware' before "
                "'django.contrib.auth.middleware.AuthenticationMiddleware'."
            )
        request.user = SimpleLazyObject(lambda: get_user(request))
        request.auser = partial(auser, request)


class LoginRequiredMiddleware(MiddlewareMixin):
    """Redirects anonymous users to the login page, except for views marked login_not_required."""

    redirect_field_name = REDIRECT_FIELD_NAME

    def process_view(self, request: Any, view_func: Any, view_args: Any, view_kwargs: Any) -> Any:
        if not getattr(view_func, "login_required", True):
            return None
        if request.user.is_authenticated:
            return None
        return self.handle_no_permission(request, view_func)

    def get_login_url(self) -> str:
        login_url = getattr(settings, "LOGIN_URL", None)
        if not login_url:
            raise ImproperlyConfigured(
                "No login URL to redirect to. Define settings.LOGIN_URL or provide a login_url via the "
                "'django.contrib.auth.decorators.login_required' decorator."
            )
        return str(login_url)

    def get_redirect_field_name(self, view_func: Any) -> str:
        return getattr(view_func, "redirect_field_name", self.redirect_field_name)

    def handle_no_permission(self, request: Any, view_func: Any) -> Any:
        from django.contrib.auth.decorators import _redirect_to_login

        login_url = getattr(view_func, "login_url", None) or self.get_login_url()
        return _redirect_to_login(request, login_url, self.get_redirect_field_name(view_func))


class RemoteUserMiddleware(MiddlewareMixin):
    """Logs in the user named by the REMOTE_USER header a front server set."""

    header = "REMOTE_USER"
    force_logout_if_no_header = True

    def process_request(self, request: Any) -> None:
        if not hasattr(request, "user"):
            raise ImproperlyConfigured(
                "The Django remote user auth middleware requires the authentication middleware to be installed. "
                "Edit your MIDDLEWARE setting to insert 'django.contrib.auth.middleware.AuthenticationMiddleware' "
                "before the RemoteUserMiddleware class."
            )
        try:
            username = request.META[self.header]
        except KeyError:
            if self.force_logout_if_no_header and request.user.is_authenticated:
                self._remove_invalid_user(request)
            return
        if request.user.is_authenticated:
            if request.user.get_username() == self.clean_username(username, request):
                return
            self._remove_invalid_user(request)
        user = auth.authenticate(request, remote_user=username)
        if user:
            request.user = user
            auth.login(request, user)

    def clean_username(self, username: str, request: Any) -> str:
        backend_str = request.session[auth.BACKEND_SESSION_KEY]
        backend = auth.load_backend(backend_str)
        try:
            return backend.clean_username(username)
        except AttributeError:
            return username

    def _remove_invalid_user(self, request: Any) -> None:
        try:
            stored_backend = load_backend(request.session.get(auth.BACKEND_SESSION_KEY, ""))
        except ImportError:
            auth.logout(request)
        else:
            if isinstance(stored_backend, RemoteUserBackend):
                auth.logout(request)


class PersistentRemoteUserMiddleware(RemoteUserMiddleware):
    force_logout_if_no_header = False
