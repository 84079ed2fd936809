"""Test helpers: override_settings, modify_settings, captured output, query capture."""

from __future__ import annotations

import functools
import io
import sys
import unittest
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from asgiref.sync import iscoroutinefunction

from django.conf import UserSettingsHolder, settings
from django.core.signals import setting_changed

__all__ = [
    "CaptureQueriesContext",
    "TestContextDecorator",
    "captured_stderr",
    "captured_stdin",
    "captured_stdout",
    "ignore_warnings",
    "modify_settings",
    "override_settings",
    "setup_test_environment",
    "teardown_test_environment",
]


class TestContextDecorator:
    """A context manager that also decorates functions, coroutines and test classes.

    ``attr_name`` stores the entered context on a decorated TestCase; ``kwarg_name``
    passes it to a decorated function as that keyword argument.
    """

    def __init__(self, attr_name: str | None = None, kwarg_name: str | None = None) -> None:
        self.attr_name = attr_name
        self.kwarg_name = kwarg_name

    def enable(self) -> Any:
        raise NotImplementedError

    def disable(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Any:
        return self.enable()

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.disable()

    def decorate_class(self, cls: type) -> type:
        if issubclass(cls, unittest.TestCase):
            original_setup = cls.setUp

            def setUp(inner_self: Any) -> None:
                context = self.enable()
                inner_self.addCleanup(self.disable)
                if self.attr_name is not None:
                    setattr(inner_self, self.attr_name, context)
                original_setup(inner_self)

            cls.setUp = setUp  # type: ignore[method-assign, assignment]
            return cls
        # Plain (pytest-style) test classes: decorate each test method.
        for name, member in list(vars(cls).items()):
            if name.startswith("test") and callable(member):
                setattr(cls, name, self.decorate_callable(member))
        return cls

    def decorate_callable(self, func: Callable) -> Callable:
        if iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_inner(*args: Any, **kwargs: Any) -> Any:
                with self as context:
                    if self.kwarg_name:
                        kwargs[self.kwarg_name] = context
                    return await func(*args, **kwargs)

            return async_inner

        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            with self as context:
                if self.kwarg_name:
                    kwargs[self.kwarg_name] = context
                return func(*args, **kwargs)

        return inner

    def __call__(self, decorated: Any) -> Any:
        if isinstance(decorated, type):
            return self.decorate_class(decorated)
        if callable(decorated):
            return self.decorate_callable(decorated)
        raise TypeError(f"Cannot decorate object of type {type(decorated)}")


class override_settings(TestContextDecorator):
    """Run code with some settings replaced; ``setting_changed`` fires on entry and exit."""

    enable_exception: BaseException | None = None

    def __init__(self, **kwargs: Any) -> None:
        self.options = kwargs
        super().__init__()

    def enable(self) -> None:
        # Switch the app registry first, so a bad INSTALLED_APPS leaves settings untouched.
        if "INSTALLED_APPS" in self.options:
            from django.apps import apps

            try:
                apps.set_installed_apps(self.options["INSTALLED_APPS"])
            except Exception:
                apps.unset_installed_apps()
                raise
        holder = UserSettingsHolder(settings._wrapped)
        for key, value in self.options.items():
            setattr(holder, key, value)
        self.wrapped = settings._wrapped
        settings._wrapped = holder
        for key, value in self.options.items():
            try:
                setting_changed.send(sender=holder.__class__, setting=key, value=value, enter=True)
            except Exception as exc:
                self.enable_exception = exc
                self.disable()

    def disable(self) -> None:
        if "INSTALLED_APPS" in self.options:
            from django.apps import apps

            apps.unset_installed_apps()
        settings._wrapped = self.wrapped
        del self.wrapped
        responses = []
        for key in self.options:
            value = getattr(settings, key, None)
            responses.extend(
                setting_changed.send_robust(
                    sender=settings._wrapped.__class__, setting=key, value=value, enter=False
                )
            )
        if self.enable_exception is not None:
            exc, self.enable_exception = self.enable_exception, None
            raise exc
        for _receiver, response in responses:
            if isinstance(response, Exception):
                raise response

    def save_options(self, test_case: Any) -> None:
        existing = getattr(test_case, "_overridden_settings", None) or {}
        test_case._overridden_settings = {**existing, **self.options}

    def decorate_class(self, cls: type) -> type:
        from django.test.testcases import SimpleTestCase

        if issubclass(cls, unittest.TestCase) and not issubclass(cls, SimpleTestCase):
            raise ValueError(
                "Only subclasses of Django SimpleTestCase can be decorated with override_settings"
            )
        if issubclass(cls, SimpleTestCase):
            self.save_options(cls)
            return cls
        return super().decorate_class(cls)


class modify_settings(override_settings):
    """Append to, prepend to or remove from list settings such as MIDDLEWARE or INSTALLED_APPS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args:
            assert not kwargs, "modify_settings takes either one dict or keyword arguments"
            self.operations = list(args[0].items()) if isinstance(args[0], dict) else args[0]
        else:
            self.operations = list(kwargs.items())
        super(override_settings, self).__init__()

    def save_options(self, test_case: Any) -> None:
        existing = list(getattr(test_case, "_modified_settings", None) or [])
        test_case._modified_settings = existing + self.operations

    def enable(self) -> None:
        self.options = {}
        for name, operations in self.operations:
            value = list(self.options[name] if name in self.options else getattr(settings, name, []))
            for action, items in operations.items():
                if isinstance(items, str):
                    items = [items]
                if action == "append":
                    value += [item for item in items if item not in value]
                elif action == "prepend":
                    value = [item for item in items if item not in value] + value
                elif action == "remove":
                    value = [item for item in value if item not in items]
                else:
                    raise ValueError(f"Unsupported action: {action}")
            self.options[name] = value
        super().enable()


@contextmanager
def captured_output(stream_name: str) -> Iterator[io.StringIO]:
    """Swap ``sys.<stream_name>`` for a StringIO for the duration of the block."""
    original = getattr(sys, stream_name)
    setattr(sys, stream_name, io.StringIO())
    try:
        yield getattr(sys, stream_name)
    finally:
        setattr(sys, stream_name, original)


def captured_stdout() -> Any:
    return captured_output("stdout")


def captured_stderr() -> Any:
    return captured_output("stderr")


def captured_stdin() -> Any:
    return captured_output("stdin")


class ignore_warnings(TestContextDecorator):
    """Silence matching warnings (``warnings.filterwarnings`` arguments) inside the block."""

    def __init__(self, **kwargs: Any) -> None:
        self.ignore_kwargs = kwargs
        self.filter_func = "filterwarnings" if "message" in kwargs or "module" in kwargs else "simplefilter"
        super().__init__()

    def enable(self) -> None:
        import warnings

        self.catch_warnings = warnings.catch_warnings()
        self.catch_warnings.__enter__()
        getattr(warnings, self.filter_func)("ignore", **self.ignore_kwargs)

    def disable(self) -> None:
        self.catch_warnings.__exit__(*sys.exc_info())


_RESET_QUERIES_UID = "django.db.reset_queries"


class CaptureQueriesContext:
    """Record the queries run on ``connection`` inside the block (``captured_queries``)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def __iter__(self) -> Iterator[dict]:
        return iter(self.captured_queries)

    def __getitem__(self, index: Any) -> Any:
        return self.captured_queries[index]

    def __len__(self) -> int:
        return len(self.captured_queries)

    @property
    def captured_queries(self) -> list[dict]:
        return self.connection.queries[self.initial_queries : self.final_queries]

    def __enter__(self) -> CaptureQueriesContext:
        self.force_debug_cursor = self.connection.force_debug_cursor
        self.connection.force_debug_cursor = True
        self.connection.ensure_connection()
        self.initial_queries = len(self.connection.queries_log)
        self.final_queries: int | None = None
        from django.core.signals import request_started

        # Requests made inside the block must not empty the log being captured.
        self._reset_disconnected = request_started.disconnect(dispatch_uid=_RESET_QUERIES_UID)
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        from django.core.signals import request_started
        from django.db import reset_queries

        self.connection.force_debug_cursor = self.force_debug_cursor
        if self._reset_disconnected:
            request_started.connect(reset_queries, dispatch_uid=_RESET_QUERIES_UID)
        if exc_type is None:
            self.final_queries = len(self.connection.queries_log)


class _SavedEnvironment:
    debug: Any
    allowed_hosts: Any
    email_backend: Any


_saved = _SavedEnvironment()


_original_template_render: Any = None


def instrument_template_render() -> None:
    """Make every Template render send ``template_rendered`` (for response.templates/.context).

    Idempotent; the test client calls it too, so tests run by pytest see templates as well.
    """
    global _original_template_render
    if _original_template_render is not None:
        return
    try:
        from django.template.base import Template
    except ImportError:
        return
    from django.test.signals import template_rendered

    original = Template._render

    def instrumented_test_render(self: Any, context: Any) -> str:
        template_rendered.send(sender=self, template=self, context=context)
        return original(self, context)

    _original_template_render = original
    Template._render = instrumented_test_render  # type: ignore[method-assign]


def uninstrument_template_render() -> None:
    global _original_template_render
    if _original_template_render is None:
        return
    from django.template.base import Template

    Template._render = _original_template_render  # type: ignore[method-assign]
    _original_template_render = None


def setup_test_environment(debug: bool | None = None) -> None:
    """Prepare the process for tests: locmem email, 'testserver' allowed, DEBUG forced off."""
    if hasattr(_saved, "debug"):
        raise RuntimeError(
            "setup_test_environment() was already called and can't be called again without first "
            "calling teardown_test_environment()."
        )
    _saved.debug = settings.DEBUG
    _saved.allowed_hosts = settings.ALLOWED_HOSTS
    _saved.email_backend = getattr(settings, "EMAIL_BACKEND", None)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False if debug is None else debug
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    instrument_template_render()
    try:
        from django.core import mail

        mail.outbox = []
    except ImportError:
        pass


def teardown_test_environment() -> None:
    settings.DEBUG = _saved.debug
    settings.ALLOWED_HOSTS = _saved.allowed_hosts
    settings.EMAIL_BACKEND = _saved.email_backend
    uninstrument_template_render()
    for name in ("debug", "allowed_hosts", "email_backend"):
        delattr(_saved, name)
    try:
        from django.core import mail

        del mail.outbox
    except (ImportError, AttributeError):
        pass


def get_runner(settings_obj: Any, test_runner_class: str | None = None) -> type:
    from django.utils.module_loading import import_string

    return import_string(test_runner_class or settings_obj.TEST_RUNNER)


def tag(*tags: str) -> Any:
    """Label a test class or method for ``manage.py test --tag/--exclude-tag``."""

    def decorator(obj: Any) -> Any:
        existing = set(getattr(obj, "tags", set()))
        obj.tags = existing | set(tags)
        return obj

    return decorator


def dependency_ordered(test_databases: list, dependencies: dict) -> list:
    """Order ``(signature, (name, aliases))`` so each database comes after those it depends on."""
    ordered: list = []
    resolved: set[str] = set()
    pending = list(test_databases)
    while pending:
        progressed = []
        for signature, (db_name, aliases) in pending:
            needed = {dep for alias in aliases for dep in dependencies.get(alias, ())}
            if needed - set(aliases) <= resolved:
                ordered.append((signature, (db_name, aliases)))
                resolved.update(aliases)
                progressed.append((signature, (db_name, aliases)))
        if not progressed:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured("Circular dependency in TEST[DEPENDENCIES]")
        pending = [entry for entry in pending if entry not in progressed]
    return ordered


def get_unique_databases_and_mirrors(aliases: set[str] | None = None) -> tuple[dict, dict]:
    """Test databases to create (one per distinct signature) and the aliases that mirror others."""
    from django.db import DEFAULT_DB_ALIAS, connections

    if aliases is None:
        aliases = set(connections)
    mirrored: dict[str, str] = {}
    test_databases: dict = {}
    dependencies: dict[str, list[str]] = {}
    default_signature = connections[DEFAULT_DB_ALIAS].creation.test_db_signature()
    for alias in connections:
        connection = connections[alias]
        test_settings = connection.settings_dict.get("TEST", {})
        if test_settings.get("MIRROR"):
            mirrored[alias] = test_settings["MIRROR"]
        elif alias in aliases:
            name, members = test_databases.setdefault(
                connection.creation.test_db_signature(), (connection.settings_dict["NAME"], [])
            )
            members.append(alias)
            if "DEPENDENCIES" in test_settings:
                dependencies[alias] = test_settings["DEPENDENCIES"]
            elif alias != DEFAULT_DB_ALIAS and connection.creation.test_db_signature() != default_signature:
                dependencies[alias] = test_settings.get("DEPENDENCIES", [DEFAULT_DB_ALIAS])
    ordered = dependency_ordered(list(test_databases.items()), dependencies)
    return dict(ordered), mirrored


def setup_databases(
    verbosity: int,
    interactive: bool,
    *,
    time_keeper: Any = None,
    keepdb: bool = False,
    debug_sql: bool = False,
    parallel: int = 0,
    aliases: set[str] | None = None,
    serialized_aliases: set[str] | None = None,
    **kwargs: Any,
) -> list:
    """Create the test databases; return what teardown_databases() needs to undo it."""
    from django.db import connections

    test_databases, mirrored_aliases = get_unique_databases_and_mirrors(aliases)
    old_names = []
    for db_name, aliases_of_db in test_databases.values():
        first_alias = None
        for alias in aliases_of_db:
            connection = connections[alias]
            old_names.append((connection, db_name, first_alias is None))
            if first_alias is None:
                first_alias = alias
                connection.creation.create_test_db(
                    verbosity=verbosity,
                    autoclobber=not interactive,
                    keepdb=keepdb,
                    serialize=serialized_aliases is None or alias in serialized_aliases,
                )
                if parallel > 1:
                    for index in range(parallel):
                        connection.creation.clone_test_db(
                            suffix=str(index + 1), verbosity=verbosity, keepdb=keepdb
                        )
            else:
                connection.creation.set_as_test_mirror(connections[first_alias].settings_dict)
    for alias, mirror_alias in mirrored_aliases.items():
        connections[alias].creation.set_as_test_mirror(connections[mirror_alias].settings_dict)
    if debug_sql:
        for alias in connections:
            connections[alias].force_debug_cursor = True
    return old_names


def teardown_databases(old_config: list, verbosity: int, parallel: int = 0, keepdb: bool = False) -> None:
    """Destroy the test databases setup_databases() created (and their parallel clones)."""
    for connection, old_name, destroy in old_config:
        if not destroy:
            continue
        if parallel > 1:
            for index in range(parallel):
                connection.creation.destroy_test_db(verbosity=verbosity, keepdb=keepdb, suffix=str(index + 1))
        connection.creation.destroy_test_db(old_name, verbosity, keepdb)


class isolate_apps(TestContextDecorator):
    """Register models defined in the block in a separate app registry (``Apps(installed_apps)``)."""

    def __init__(self, *installed_apps: str, **kwargs: Any) -> None:
        self.installed_apps = installed_apps
        super().__init__(**kwargs)

    def enable(self) -> Any:
        from django.apps.registry import Apps
        from django.db.models.options import Options

        self.old_apps = Options.default_apps
        apps = Apps(self.installed_apps)
        Options.default_apps = apps  # type: ignore[assignment]
        return apps

    def disable(self) -> None:
        from django.db.models.options import Options

        Options.default_apps = self.old_apps
