"""login_required, permission_required, user_passes_test, login_not_required (sync and async views)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from asgiref.sync import iscoroutinefunction, sync_to_async

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url


def _redirect_to_login(request: Any, login_url: str | None, redirect_field_name: str | None) -> Any:
    from django.contrib.auth.views import redirect_to_login

    path = request.build_absolute_uri()
    resolved_login_url = resolve_url(login_url or settings.LOGIN_URL)
    login_scheme, login_netloc = urlsplit(resolved_login_url)[:2]
    current_scheme, current_netloc = urlsplit(path)[:2]
    if (not login_scheme or login_scheme == current_scheme) and (
        not login_netloc or login_netloc == current_netloc
    ):
        path = request.get_full_path()
    return redirect_to_login(path, resolved_login_url, redirect_field_name)


def user_passes_test(
    test_func: Callable, login_url: str | None = None, redirect_field_name: str | None = REDIRECT_FIELD_NAME
) -> Callable:
    """Run the view if test_func(request.user) is true; otherwise redirect to the login page."""

    def decorator(view_func: Callable) -> Callable:
        if iscoroutinefunction(view_func):

            @wraps(view_func)
            async def _async_view(request: Any, *args: Any, **kwargs: Any) -> Any:
                auser = await request.auser()
                passed = (
                    await test_func(auser)
                    if iscoroutinefunction(test_func)
                    else await sync_to_async(test_func)(auser)
                )
                if passed:
                    return await view_func(request, *args, **kwargs)
                return _redirect_to_login(request, login_url, redirect_field_name)

            return _async_view

        @wraps(view_func)
        def _view(request: Any, *args: Any, **kwargs: Any) -> Any:
            if test_func(request.user):
                return view_func(request, *args, **kwargs)
            return _redirect_to_login(request, login_url, redirect_field_name)

        return _view

    return decorator


def login_required(
    function: Callable | None = None,
    redirect_field_name: str = REDIRECT_FIELD_NAME,
    login_url: str | None = None,
) -> Callable:
    """Views for authenticated users only; others are sent to LOGIN_URL?next=..."""
    test = user_passes_test(
        lambda u: u.is_authenticated, login_url=login_url, redirect_field_name=redirect_field_name
    )

    def decorator(view_func: Callable) -> Callable:
        view = test(view_func)
        # LoginRequiredMiddleware reads these, so the view's own login page wins there too.
        view.login_url = login_url  # type: ignore[attr-defined]
        view.redirect_field_name = redirect_field_name  # type: ignore[attr-defined]
        return view

    if function:
        return decorator(function)
    return decorator


def login_not_required(view_func: Callable) -> Callable:
    """Exempt a view from LoginRequiredMiddleware."""
    view_func.login_required = False  # type: ignore[attr-defined]
    return view_func


def permission_required(perm: Any, login_url: str | None = None, raise_exception: bool = False) -> Callable:
    """Views for users with the permission(s); others are redirected (or get 403 with raise_exception)."""
    perms = (perm,) if isinstance(perm, str) else perm

    def check_perms(user: Any) -> bool:
        if user.has_perms(perms):
            return True
        if raise_exception:
            raise PermissionDenied
        return False

    return user_passes_test(check_perms, login_url=login_url)
