"""The development server's auto-reloader.

The parent process only (re)starts a child with RUN_MAIN=true. The child runs Django in a
thread while its main thread polls the files of every loaded module (and any watched file);
on a change it exits with status 3, which tells the parent to start a fresh child. A child
that failed on an error in user code keeps watching the failing file and restarts once fixed.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from django.apps import apps
from django.dispatch import Signal

autoreload_started = Signal()
file_changed = Signal()

DJANGO_AUTORELOAD_ENV = "RUN_MAIN"
RELOAD_EXIT_CODE = 3
logger = logging.getLogger("django.utils.autoreload")

# Files of modules that failed to import; watched so that fixing them triggers a reload.
_error_files: list[str] = []
_exception: tuple[Any, BaseException, Any] | None = None


def is_django_module(module: ModuleType) -> bool:
    return module.__name__.startswith("django.")


def is_django_path(path: str | Path) -> bool:
    import django

    return Path(django.__file__).parent in Path(path).parents


def check_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap fn so that an exception remembers the file at fault before propagating."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        global _exception
        try:
            return fn(*args, **kwargs)
        except Exception:
            _exception = sys.exc_info()  # type: ignore[assignment]
            exc_value = sys.exc_info()[1]
            filename = _failing_filename(exc_value)
            if filename and filename not in _error_files:
                _error_files.append(filename)
            raise

    return wrapper


def _failing_filename(exc: BaseException | None) -> str | None:
    if isinstance(exc, SyntaxError) and exc.filename:
        return exc.filename
    if exc is None or exc.__traceback__ is None:
        return None
    return traceback.extract_tb(exc.__traceback__)[-1].filename


def raise_last_exception() -> None:
    """Re-raise the exception recorded by check_errors (runserver calls this first)."""
    if _exception is not None:
        raise _exception[1]


def ensure_echo_on() -> None:
    """Turn terminal echo back on; a child killed mid-input (e.g. in pdb) can leave it off."""
    try:
        import termios
    except ImportError:
        return
    if not sys.stdin.isatty():
        return
    attributes = termios.tcgetattr(sys.stdin)
    if not attributes[3] & termios.ECHO:
        attributes[3] |= termios.ECHO
        old_handler = signal.signal(signal.SIGTTOU, signal.SIG_IGN) if hasattr(signal, "SIGTTOU") else None
        try:
            termios.tcsetattr(sys.stdin, termios.TCSANOW, attributes)
        finally:
            if old_handler is not None:
                signal.signal(signal.SIGTTOU, old_handler)


def iter_all_python_module_files() -> frozenset[Path]:
    """The source files of every module imported so far, plus files that failed to import."""
    modules = tuple(module for module in list(sys.modules.values()) if isinstance(module, ModuleType))
    return _module_files(modules, frozenset(_error_files))


def _module_files(modules: tuple[ModuleType, ...], extra_files: frozenset[str]) -> frozenset[Path]:
    names: list[str] = []
    for module in modules:
        spec = getattr(module, "__spec__", None)
        if spec is None:
            continue
        if spec.has_location and spec.origin:
            names.append(spec.origin)
    results = set()
    for name in itertools.chain(names, extra_files):
        if not name:
            continue
        path = Path(name)
        try:
            if not path.exists():
                continue
        except ValueError:  # e.g. a path with a NUL byte
            continue
        results.add(path.resolve().absolute())
    return frozenset(results)


def get_child_arguments() -> list[str]:
    """The command line that runs this same program again (as a script or `python -m`)."""
    import __main__

    args = [sys.executable, *(f"-W{option}" for option in sys.warnoptions)]
    args += [f"-X{key}" if value is True else f"-X{key}={value}" for key, value in sys._xoptions.items()]
    spec = getattr(__main__, "__spec__", None)
    if spec is not None and spec.name:
        name = spec.parent if spec.name == "__main__" or spec.name.endswith(".__main__") else spec.name
        return [*args, "-m", name, *sys.argv[1:]]
    script = Path(sys.argv[0])
    if not script.exists():
        # Windows console scripts are "django-admin.exe" or "django-admin-script.py".
        for candidate in (script.with_suffix(".exe"), Path(f"{script}-script.py")):
            if candidate.exists():
                return [*args, str(candidate), *sys.argv[1:]]
        raise RuntimeError(f"Script {script} does not exist.")
    return [*args, *sys.argv]


def trigger_reload(filename: str | Path) -> None:
    logger.info("%s changed, reloading.", filename)
    sys.exit(RELOAD_EXIT_CODE)


def restart_with_reloader() -> int:
    """Run the child until it exits for a reason other than "reload me"; return its status."""
    environ = {**os.environ, DJANGO_AUTORELOAD_ENV: "true"}
    arguments = get_child_arguments()
    while True:
        process = subprocess.run(arguments, env=environ, close_fds=False)
        if process.returncode != RELOAD_EXIT_CODE:
            return process.returncode


class BaseReloader:
    """Watches files and triggers a reload when one changes."""

    def __init__(self) -> None:
        self.extra_files: set[Path] = set()
        self.directory_globs: dict[Path, set[str]] = {}
        self._stop_condition = threading.Event()

    def watch_dir(self, path: str | Path, glob: str) -> None:
        """Also watch the files under path that match glob (e.g. "**/*.html")."""
        path = Path(path)
        try:
            path = path.absolute()
        except FileNotFoundError:
            logger.debug("Unable to watch directory %s as it cannot be resolved.", path, exc_info=True)
            return
        logger.debug("Watching dir %s with glob %s.", path, glob)
        self.directory_globs.setdefault(path, set()).add(glob)

    def watched_files(self, include_globs: bool = True) -> Iterator[Path]:
        """Every module file, every extra file and, optionally, every file matching a watched glob."""
        yield from iter_all_python_module_files()
        yield from self.extra_files
        if include_globs:
            for directory, patterns in self.directory_globs.items():
                for pattern in patterns:
                    yield from directory.glob(pattern)

    def wait_for_apps_ready(self, app_reg: Any, django_main_thread: threading.Thread) -> bool:
        """Wait until the app registry is ready, or the Django thread died (then False)."""
        while django_main_thread.is_alive():
            if app_reg.ready_event.wait(timeout=0.1):
                return True
        logger.debug("Main Django thread has terminated before apps are ready.")
        return False

    def run(self, django_main_thread: threading.Thread) -> None:
        logger.debug("Waiting for apps ready_event.")
        if self.wait_for_apps_ready(apps, django_main_thread):
            from django.urls import get_resolver

            # Import the URLconf now so its modules are watched before the first request.
            try:
                get_resolver().urlconf_module
            except Exception as exc:  # noqa: BLE001 - the server reports URLconf errors itself
                # Watch the broken file, so that fixing it reloads the server.
                filename = _failing_filename(exc)
                if filename and filename not in _error_files:
                    _error_files.append(filename)
            logger.debug("Apps ready_event triggered. Sending autoreload_started signal.")
            autoreload_started.send(sender=self)
        self.run_loop()

    def run_loop(self) -> None:
        ticker = self.tick()
        while not self.should_stop:
            try:
                next(ticker)
            except StopIteration:
                break
        self.stop()

    def tick(self) -> Iterator[None]:
        """One polling step per next(); subclasses implement how changes are detected."""
        raise NotImplementedError("subclasses must implement tick().")

    @classmethod
    def check_availability(cls) -> bool:
        raise NotImplementedError("subclasses must implement check_availability().")

    def notify_file_changed(self, path: Path) -> None:
        """Reload for a changed file, unless a file_changed receiver returned True (handled)."""
        results = file_changed.send(sender=self, file_path=path)
        logger.debug("%s notified as changed. Signal results: %s.", path, results)
        if not any(result for _, result in results):
            trigger_reload(path)

    @property
    def should_stop(self) -> bool:
        return self._stop_condition.is_set()

    def stop(self) -> None:
        self._stop_condition.set()


class StatReloader(BaseReloader):
    """Polls the modification time of every watched file once a second."""

    SLEEP_TIME = 1  # seconds between polls

    def tick(self) -> Iterator[None]:
        mtimes: dict[Path, float] = {}
        while True:
            for path, mtime in self.snapshot_files():
                previous = mtimes.get(path)
                mtimes[path] = mtime
                if previous is None:
                    logger.debug("File %s first seen with mtime %s", path, mtime)
                elif mtime > previous:
                    logger.debug("File %s previous mtime: %s, current mtime: %s", path, previous, mtime)
                    self.notify_file_changed(path)
            time.sleep(self.SLEEP_TIME)
            yield

    def snapshot_files(self) -> Iterator[tuple[Path, float]]:
        seen: set[Path] = set()
        for path in self.watched_files():
            if path in seen:
                continue
            seen.add(path)
            try:
                mtime = path.stat().st_mtime
            except OSError:
                continue  # deleted or unreadable since it was listed
            yield path, mtime

    @classmethod
    def check_availability(cls) -> bool:
        return True


def get_reloader() -> BaseReloader:
    """The file watcher to use; polling is the one that needs nothing installed."""
    return StatReloader()


def start_django(reloader: BaseReloader, main_func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run main_func in a daemon thread and the reloader in this (the main) thread."""
    ensure_echo_on()
    django_main_thread = threading.Thread(
        target=check_errors(main_func), args=args, kwargs=kwargs, name="django-main-thread", daemon=True
    )
    django_main_thread.start()
    while not reloader.should_stop:
        reloader.run(django_main_thread)


def run_with_reloader(main_func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """In the parent: supervise children. In a child (RUN_MAIN=true): run main_func and watch."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            reloader = get_reloader()
            logger.info("Watching for file changes with %s", type(reloader).__name__)
            start_django(reloader, main_func, *args, **kwargs)
        else:
            sys.exit(restart_with_reloader())
    except KeyboardInterrupt:
        pass
