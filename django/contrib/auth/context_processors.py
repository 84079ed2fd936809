"""The ``user`` and ``perms`` template variables."""

from __future__ import annotations

from typing import Any


class PermLookupDict:
    """``perms.app_label.codename`` in templates."""

    def __init__(self, user: Any, app_label: str) -> None:
        self.user, self.app_label = user, app_label

    def __repr__(self) -> str:
        return str(self.user.get_all_permissions())

    def __getitem__(self, perm_name: str) -> bool:
        return self.user.has_perm(f"{self.app_label}.{perm_name}")

    def __iter__(self) -> Any:
        raise TypeError("PermLookupDict is not iterable.")

    def __bool__(self) -> bool:
        return self.user.has_module_perms(self.app_label)


class PermWrapper:
    """``perms.app_label`` (module permissions) and ``"app.codename" in perms``."""

    def __init__(self, user: Any) -> None:
        self.user = user

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}({self.user!r})"

    def __getitem__(self, app_label: str) -> PermLookupDict:
        return PermLookupDict(self.user, app_label)

    def __iter__(self) -> Any:
        raise TypeError("PermWrapper is not iterable.")

    def __contains__(self, perm_name: str) -> bool:
        if "." not in perm_name:
            return bool(self[perm_name])
        app_label, perm = perm_name.split(".", 1)
        return self[app_label][perm]


def auth(request: Any) -> dict:
    if hasattr(request, "user"):
        user = request.user
    else:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return {"user": user, "perms": PermWrapper(user)}
