"""Connections, routers and the mapping of driver errors to Django's exception classes."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.utils.connection import BaseConnectionHandler, ConnectionDoesNotExist  # noqa: F401
from django.utils.functional import cached_property

DEFAULT_DB_ALIAS = "default"
DJANGO_VERSION_PICKLE_KEY = "_django_version"


# The PEP 249 exception hierarchy, under Django's own names.
class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


# Most specific first: a driver class is matched by the first name it inherits from.
_WRAPPED_ERRORS = (
    DataError,
    OperationalError,
    IntegrityError,
    InternalError,
    ProgrammingError,
    NotSupportedError,
    DatabaseError,
    InterfaceError,
    Error,
)


class DatabaseErrorWrapper:
    """Re-raise a DB-API driver exception as the Django exception of the same name.

    The original exception stays reachable as ``__cause__``. Errors other than data and
    integrity errors mark the connection as possibly broken so that it is health-checked
    before being reused.
    """

    def __init__(self, wrapper: Any) -> None:
        self.wrapper = wrapper

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type | None, exc_value: BaseException | None, traceback: Any) -> None:
        if exc_type is None or exc_value is None:
            return
        driver = self.wrapper.Database
        for django_class in _WRAPPED_ERRORS:
            driver_class = getattr(driver, django_class.__name__, None)
            if driver_class is not None and issubclass(exc_type, driver_class):
                django_error = django_class(*exc_value.args)
                if django_class not in (DataError, IntegrityError):
                    self.wrapper.errors_occurred = True
                raise django_error.with_traceback(traceback) from exc_value

    def __call__(self, func: Any) -> Any:
        @wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return inner


def load_backend(backend_name: str) -> Any:
    """Import the ``base`` module of a backend package, with a helpful error if it is missing."""
    from importlib import import_module

    from django.core.exceptions import ImproperlyConfigured

    try:
        return import_module(f"{backend_name}.base")
    except ImportError as exc:
        builtin = ("mysql", "oracle", "postgresql", "sqlite3", "dummy")
        if not backend_name.startswith("django.db.backends."):
            raise
        short = backend_name.rpartition(".")[2]
        if short in builtin:
            raise
        raise ImproperlyConfigured(
            f"{backend_name!r} isn't an available database backend or couldn't be imported. "
            f"Check the above exception. To use one of the built-in backends, use "
            f"'django.db.backends.XXX', where XXX is one of: "
            f"{', '.join(repr(name) for name in sorted(builtin) if name != 'dummy')}"
        ) from exc


_TEST_DEFAULTS = {"CHARSET": None, "COLLATION": None, "MIGRATE": True, "MIRROR": None, "NAME": None}
_CONNECTION_DEFAULTS = {
    "ATOMIC_REQUESTS": False,
    "AUTOCOMMIT": True,
    "ENGINE": "django.db.backends.dummy",
    "CONN_MAX_AGE": 0,
    "CONN_HEALTH_CHECKS": False,
    "OPTIONS": {},
    "TIME_ZONE": None,
    "NAME": "",
    "USER": "",
    "PASSWORD": "",
    "HOST": "",
    "PORT": "",
}


class ConnectionHandler(BaseConnectionHandler):
    """``django.db.connections``: one DatabaseWrapper per alias and per thread/task."""

    settings_name = "DATABASES"
    # Connections must not be shared between asyncio tasks running in one thread.
    thread_critical = True

    def configure_settings(self, databases: dict | None) -> dict:
        databases = super().configure_settings(databases)
        if databases == {}:
            databases[DEFAULT_DB_ALIAS] = {"ENGINE": "django.db.backends.dummy"}
        elif DEFAULT_DB_ALIAS not in databases:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                f"You must define a '{DEFAULT_DB_ALIAS}' database. Defined: {', '.join(databases)}."
            )
        elif databases[DEFAULT_DB_ALIAS] == {}:
            databases[DEFAULT_DB_ALIAS]["ENGINE"] = "django.db.backends.dummy"
        for conn in databases.values():
            for key, value in _CONNECTION_DEFAULTS.items():
                conn.setdefault(key, dict(value) if isinstance(value, dict) else value)
            if not conn["ENGINE"]:
                conn["ENGINE"] = "django.db.backends.dummy"
            test = conn.setdefault("TEST", {})
            for key, value in _TEST_DEFAULTS.items():
                test.setdefault(key, value)
        return databases

    @property
    def databases(self) -> dict:
        # Kept for code written against older Django versions.
        return self.settings

    def create_connection(self, alias: str) -> Any:
        db = self.settings[alias]
        backend = load_backend(db["ENGINE"])
        return backend.DatabaseWrapper(db, alias)


def _router_fallback_db(model: Any, hints: dict) -> str:
    instance = hints.get("instance")
    if instance is not None and getattr(instance, "_state", None) is not None and instance._state.db:
        return instance._state.db
    return DEFAULT_DB_ALIAS


class ConnectionRouter:
    """``django.db.router``: asks each router of DATABASE_ROUTERS in turn."""

    def __init__(self, routers: list | None = None) -> None:
        self._routers = routers

    @cached_property
    def routers(self) -> list:
        if self._routers is None:
            from django.conf import settings

            self._routers = settings.DATABASE_ROUTERS
        from django.utils.module_loading import import_string

        return [import_string(r)() if isinstance(r, str) else r for r in self._routers]

    def _ask(self, method: str, model: Any, hints: dict) -> str:
        for router in self.routers:
            func = getattr(router, method, None)
            if func is None:
                continue
            chosen = func(model, **hints)
            if chosen:
                return chosen
        return _router_fallback_db(model, hints)

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return self._ask("db_for_read", model, hints)

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return self._ask("db_for_write", model, hints)

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        for router in self.routers:
            func = getattr(router, "allow_relation", None)
            if func is None:
                continue
            allowed = func(obj1, obj2, **hints)
            if allowed is not None:
                return allowed
        return obj1._state.db == obj2._state.db

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        for router in self.routers:
            func = getattr(router, "allow_migrate", None)
            if func is None:
                continue
            allowed = func(db, app_label, **hints)
            if allowed is not None:
                return allowed
        return True

    def allow_migrate_model(self, db: str, model: Any) -> bool:
        meta = model._meta
        can_migrate = getattr(meta, "can_migrate", None)
        if can_migrate is not None and not can_migrate(db):
            return False
        return self.allow_migrate(db, meta.app_label, model_name=meta.model_name, model=model)

    def get_migratable_models(self, app_config: Any, db: str, include_auto_created: bool = False) -> list:
        models = app_config.get_models(include_auto_created=include_auto_created)
        return [model for model in models if self.allow_migrate_model(db, model)]
