"""Authentication: log users in and out, find the user model and the authentication backends."""

from __future__ import annotations

import inspect
import re
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.middleware.csrf import rotate_token
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string

from .signals import user_logged_in, user_logged_out, user_login_failed

SESSION_KEY = "_auth_user_id"
BACKEND_SESSION_KEY = "_auth_user_backend"
HASH_SESSION_KEY = "_auth_user_hash"
REDIRECT_FIELD_NAME = "next"


def load_backend(path: str) -> Any:
    return import_string(path)()


def _get_backends(return_tuples: bool = False) -> list:
    backends = []
    for backend_path in settings.AUTHENTICATION_BACKENDS:
        backend = load_backend(backend_path)
        backends.append((backend, backend_path) if return_tuples else backend)
    if not backends:
        raise ImproperlyConfigured(
            "No authentication backends have been defined. Does AUTHENTICATION_BACKENDS contain anything?"
        )
    return backends


def get_backends(return_tuples: bool = False) -> list:
    return _get_backends(return_tuples=return_tuples)


_SENSITIVE = re.compile("api|token|key|secret|password|signature", re.I)


def _clean_credentials(credentials: dict) -> dict:
    """Credentials with secret-looking values masked, for the user_login_failed signal."""
    return {
        key: "********************" if _SENSITIVE.search(key) else value for key, value in credentials.items()
    }


def authenticate(request: Any = None, **credentials: Any) -> Any:
    """Try each backend that accepts these credentials; the first user found wins."""
    for backend, backend_path in _get_backends(return_tuples=True):
        try:
            inspect.signature(backend.authenticate).bind(request, **credentials)
        except TypeError:
            continue  # this backend does not take these credentials
        try:
            user = backend.authenticate(request, **credentials)
        except PermissionDenied:
            break  # the backend says no one else may accept these credentials
        if user is None:
            continue
        user.backend = backend_path
        return user
    user_login_failed.send(sender=__name__, credentials=_clean_credentials(credentials), request=request)
    return None


async def aauthenticate(request: Any = None, **credentials: Any) -> Any:
    from asgiref.sync import sync_to_async

    return await sync_to_async(authenticate)(request, **credentials)


def _get_user_session_key(request: Any) -> Any:
    return get_user_model()._meta.pk.to_python(request.session[SESSION_KEY])


def login(request: Any, user: Any, backend: str | None = None) -> None:
    """Keep the user's id and backend in the session, with a fresh session key and CSRF token."""
    session_auth_hash = user.get_session_auth_hash() if hasattr(user, "get_session_auth_hash") else ""
    if SESSION_KEY in request.session:
        if _get_user_session_key(request) != user.pk or (
            session_auth_hash
            and not constant_time_compare(request.session.get(HASH_SESSION_KEY, ""), session_auth_hash)
        ):
            # Someone else was logged in with this session: start afresh.
            request.session.flush()
    else:
        request.session.cycle_key()
    backend = _resolve_backend(user, backend)
    request.session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    request.session[BACKEND_SESSION_KEY] = backend
    request.session[HASH_SESSION_KEY] = session_auth_hash
    if hasattr(request, "user"):
        request.user = user
    rotate_token(request)
    user_logged_in.send(sender=user.__class__, request=request, user=user)


async def alogin(request: Any, user: Any, backend: str | None = None) -> None:
    from asgiref.sync import sync_to_async

    await sync_to_async(login)(request, user, backend)


def _resolve_backend(user: Any, backend: str | None) -> str:
    try:
        backend = backend or user.backend
    except AttributeError:
        backends = _get_backends(return_tuples=True)
        if len(backends) == 1:
            _, backend = backends[0]
        else:
            raise ValueError(
                "You have multiple authentication backends configured and therefore must provide the `backend` "
                "argument or set the `backend` attribute on the user."
            )
    if not isinstance(backend, str):
        raise TypeError(f"backend must be a dotted import path string (got {backend!r}).")
    return backend


def logout(request: Any) -> None:
    """Forget the user of the request: flush the session, set AnonymousUser."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", True):
        user = None
    user_logged_out.send(sender=user.__class__, request=request, user=user)
    request.session.flush()
    if hasattr(request, "user"):
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()


async def alogout(request: Any) -> None:
    from asgiref.sync import sync_to_async

    await sync_to_async(logout)(request)


def get_user_model() -> Any:
    """The active user model (AUTH_USER_MODEL)."""
    try:
        return django_apps.get_model(settings.AUTH_USER_MODEL, require_ready=False)
    except ValueError:
        raise ImproperlyConfigured("AUTH_USER_MODEL must be of the form 'app_label.model_name'")
    except LookupError:
        raise ImproperlyConfigured(
            f"AUTH_USER_MODEL refers to model '{settings.AUTH_USER_MODEL}' that has not been installed"
        )


def get_user(request: Any) -> Any:
    """The user whose id the session holds, if their password hash still matches; else AnonymousUser."""
    from .models import AnonymousUser

    user = None
    try:
        user_id = _get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            backend = load_backend(backend_path)
            user = backend.get_user(user_id)
            if user is not None and hasattr(user, "get_session_auth_hash"):
                session_hash = request.session.get(HASH_SESSION_KEY)
                if not session_hash or not _verify_session_hash(user, session_hash, request):
                    request.session.flush()
                    user = None
    return user or AnonymousUser()


def _verify_session_hash(user: Any, session_hash: str, request: Any) -> bool:
    if constant_time_compare(session_hash, user.get_session_auth_hash()):
        return True
    for fallback in user.get_session_auth_fallback_hash():
        if constant_time_compare(session_hash, fallback):
            # Signed with an old SECRET_KEY: keep the session, with a current hash.
            request.session.cycle_key()
            request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            return True
    return False


async def aget_user(request: Any) -> Any:
    from asgiref.sync import sync_to_async

    return await sync_to_async(get_user)(request)


def get_permission_codename(action: str, opts: Any) -> str:
    return f"{action}_{opts.model_name}"


def update_session_auth_hash(request: Any, user: Any) -> None:
    """After a password change, keep the current session valid (others are logged out)."""
    request.session.cycle_key()
    if hasattr(user, "get_session_auth_hash") and request.user == user:
        request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()


async def aupdate_session_auth_hash(request: Any, user: Any) -> None:
    from asgiref.sync import sync_to_async

    await sync_to_async(update_session_auth_hash)(request, user)
