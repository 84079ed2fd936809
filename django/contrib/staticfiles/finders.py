"""Finders: where static files live before collectstatic (STATICFILES_DIRS, app static/ dirs)."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from typing import Any

from django.contrib.staticfiles import utils
from django.core.exceptions import ImproperlyConfigured

# The locations searched by the last find(), for findstatic -v 2.
searched_locations: list[str] = []


class BaseFinder:
    def check(self, **kwargs: Any) -> list:
        raise NotImplementedError(
            "subclasses may provide a check() method to verify the finder is configured correctly."
        )

    def find(self, path: str, find_all: bool = False) -> Any:
        raise NotImplementedError("subclasses of BaseFinder must provide a find() method")

    def list(self, ignore_patterns: Any) -> Iterator[Any]:
        raise NotImplementedError("subclasses of BaseFinder must provide a list() method")


def _safe_join(base: str, *paths: str) -> str | None:
    final = os.path.abspath(os.path.join(base, *paths))
    base = os.path.abspath(base)
    if final != base and not final.startswith(base + os.sep):
        return None
    return final


class FileSystemFinder(BaseFinder):
    """Files in STATICFILES_DIRS; an entry may be (prefix, path)."""

    def __init__(self, app_names: Any = None, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings
        from django.core.files.storage import FileSystemStorage

        self.locations: list[tuple[str, str]] = []
        self.storages: dict[str, Any] = {}
        for root in settings.STATICFILES_DIRS:
            if isinstance(root, (list, tuple)):
                prefix, root = root
            else:
                prefix = ""
            root = str(root)
            if (prefix, root) not in self.locations:
                self.locations.append((prefix, root))
        for prefix, root in self.locations:
            storage = FileSystemStorage(location=root)
            storage.prefix = prefix  # type: ignore[attr-defined]  # read back by the finder's callers
            self.storages[root] = storage
        super().__init__(*args, **kwargs)

    def check(self, **kwargs: Any) -> list:
        from django.conf import settings
        from django.core.checks import Error, Warning

        errors: list = []
        if not isinstance(settings.STATICFILES_DIRS, (list, tuple)):
            errors.append(
                Error(
                    "The STATICFILES_DIRS setting is not a tuple or list.",
                    hint="Perhaps you forgot a trailing comma?",
                    id="staticfiles.E001",
                )
            )
            return errors
        for root in settings.STATICFILES_DIRS:
            if isinstance(root, (list, tuple)):
                prefix, root = root
                if prefix.endswith("/"):
                    errors.append(
                        Error(
                            "The prefix %r in the STATICFILES_DIRS setting must not end with a slash."
                            % prefix,
                            id="staticfiles.E003",
                        )
                    )
            if settings.STATIC_ROOT and os.path.abspath(settings.STATIC_ROOT) == os.path.abspath(root):
                errors.append(
                    Error(
                        "The STATICFILES_DIRS setting should not contain the STATIC_ROOT setting.",
                        id="staticfiles.E002",
                    )
                )
            if not os.path.isdir(root):
                errors.append(
                    Warning(
                        "The directory '%s' in the STATICFILES_DIRS setting does not exist." % root,
                        id="staticfiles.W004",
                    )
                )
        return errors

    def find(self, path: str, find_all: bool = False) -> Any:
        matches = []
        for prefix, root in self.locations:
            if root not in searched_locations:
                searched_locations.append(root)
            matched_path = self.find_location(root, path, prefix)
            if matched_path:
                if not find_all:
                    return matched_path
                matches.append(matched_path)
        return matches

    def find_location(self, root: str, path: str, prefix: str | None = None) -> str | None:
        if prefix:
            prefix = "%s%s" % (prefix, os.sep)
            if not path.startswith(prefix):
                return None
            path = path.removeprefix(prefix)
        candidate = _safe_join(root, path)
        if candidate is not None and os.path.exists(candidate):
            return candidate
        return None

    def list(self, ignore_patterns: Any) -> Iterator[Any]:
        for _prefix, root in self.locations:
            if os.path.isdir(root):
                storage = self.storages[root]
                for path in utils.get_files(storage, ignore_patterns):
                    yield path, storage


class AppDirectoriesFinder(BaseFinder):
    """Files in each installed app's static/ directory."""

    source_dir = "static"

    def __init__(self, app_names: Any = None, *args: Any, **kwargs: Any) -> None:
        from django.apps import apps
        from django.core.files.storage import FileSystemStorage

        self.apps: list[str] = []
        self.storages: dict[str, Any] = {}
        app_configs = apps.get_app_configs()
        if app_names:
            app_names = set(app_names)
            app_configs = [ac for ac in app_configs if ac.name in app_names]
        for app_config in app_configs:
            if not app_config.path:
                continue
            location = os.path.join(app_config.path, self.source_dir)
            if os.path.isdir(location):
                self.storages[app_config.name] = FileSystemStorage(location=location)
                if app_config.name not in self.apps:
                    self.apps.append(app_config.name)
        super().__init__(*args, **kwargs)

    def check(self, **kwargs: Any) -> list:
        return []

    def list(self, ignore_patterns: Any) -> Iterator[Any]:
        for storage in self.storages.values():
            if storage.exists(""):
                for path in utils.get_files(storage, ignore_patterns):
                    yield path, storage

    def find(self, path: str, find_all: bool = False) -> Any:
        matches = []
        for app in self.apps:
            app_location = self.storages[app].location
            if app_location not in searched_locations:
                searched_locations.append(app_location)
            match = self.find_in_app(app, path)
            if match:
                if not find_all:
                    return match
                matches.append(match)
        return matches

    def find_in_app(self, app: str, path: str) -> str | None:
        storage = self.storages.get(app)
        if storage is None:
            return None
        candidate = _safe_join(storage.location, path)
        if candidate is not None and os.path.exists(candidate):
            return candidate
        return None


class BaseStorageFinder(BaseFinder):
    """Find files in a storage (the `storage` attribute) that has a filesystem path."""

    storage: Any = None

    def __init__(self, storage: Any = None, *args: Any, **kwargs: Any) -> None:
        if storage is not None:
            self.storage = storage
        if self.storage is None:
            raise ImproperlyConfigured(
                "The staticfiles storage finder %r doesn't have a storage class assigned." % self.__class__
            )
        if callable(self.storage) and isinstance(self.storage, type):
            self.storage = self.storage()
        super().__init__(*args, **kwargs)

    def check(self, **kwargs: Any) -> list:
        return []

    def find(self, path: str, find_all: bool = False) -> Any:
        try:
            self.storage.path("")
        except NotImplementedError:
            return []
        if self.storage.location not in searched_locations:
            searched_locations.append(self.storage.location)
        if self.storage.exists(path):
            match = self.storage.path(path)
            return [match] if find_all else match
        return []

    def list(self, ignore_patterns: Any) -> Iterator[Any]:
        for path in utils.get_files(self.storage, ignore_patterns):
            yield path, self.storage


class DefaultStorageFinder(BaseStorageFinder):
    """Find files in the default file storage (MEDIA_ROOT)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.core.files.storage import default_storage

        super().__init__(default_storage, *args, **kwargs)
        base_location = getattr(self.storage, "base_location", True)
        if not base_location:
            raise ImproperlyConfigured(
                "The storage backend of the staticfiles finder %r doesn't have a valid location."
                % self.__class__
            )


def find(path: str, find_all: bool = False) -> Any:
    """The absolute path of `path` (first match), or every match with find_all=True."""
    searched_locations[:] = []
    matches = []
    for finder in get_finders():
        result = finder.find(path, find_all=find_all)
        if not find_all and result:
            return result
        if not isinstance(result, (list, tuple)):
            result = [result]
        matches.extend(result)
    if matches:
        return matches
    return [] if find_all else None


def get_finders() -> Iterator[Any]:
    from django.conf import settings

    for finder_path in settings.STATICFILES_FINDERS:
        yield get_finder(finder_path)


@functools.cache
def get_finder(import_path: str) -> BaseFinder:
    from django.utils.module_loading import import_string

    finder = import_string(import_path)
    if not issubclass(finder, BaseFinder):
        raise ImproperlyConfigured('Finder "%s" is not a subclass of "%s"' % (finder, BaseFinder))
    return finder()
