"""Importing things by dotted path, and discovering modules in installed apps."""

from __future__ import annotations

import os
import sys
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any


def cached_import(module_path: str, class_name: str) -> Any:
    """getattr(import_module(module_path), class_name), skipping the import
    machinery when the module is already fully initialised."""
    module = sys.modules.get(module_path)
    spec = getattr(module, "__spec__", None)
    if module is None or spec is None or getattr(spec, "_initializing", False):
        module = import_module(module_path)
    return getattr(module, class_name)


def import_string(dotted_path: str) -> Any:
    """Import ``"package.module.Name"`` and return ``Name``; ImportError if the
    path is malformed, the module is missing or the attribute is absent."""
    try:
        module_path, class_name = dotted_path.rsplit(".", 1)
    except (ValueError, AttributeError) as exc:
        raise ImportError(f"{dotted_path} doesn't look like a module path") from exc
    try:
        return cached_import(module_path, class_name)
    except AttributeError as exc:
        raise ImportError(f'Module "{module_path}" does not define a "{class_name}" attribute/class') from exc


def autodiscover_modules(*module_names: str, register_to: Any = None) -> None:
    """Import ``<app>.<name>`` for every installed app and given name, ignoring
    apps that lack the submodule but re-raising errors raised inside it.

    With ``register_to``, its ``_registry`` is restored if an import fails
    half-way so that a retry does not see partial registrations.
    """
    from django.apps import apps

    for app_config in apps.get_app_configs():
        for module_name in module_names:
            before = None
            if register_to is not None:
                before = _copy_registry(register_to)
            try:
                import_module(f"{app_config.name}.{module_name}")
            except Exception:
                if register_to is not None:
                    register_to._registry = before
                if app_config.module is not None and module_has_submodule(app_config.module, module_name):
                    raise


def _copy_registry(register_to: Any) -> Any:
    import copy

    return copy.copy(register_to._registry)


def module_has_submodule(package: ModuleType, module_name: str) -> bool:
    """True if ``package`` has a submodule called ``module_name`` (without importing it)."""
    try:
        package_name = package.__name__
        package_path = package.__path__
    except AttributeError:
        return False
    full_name = f"{package_name}.{module_name}"
    if full_name in sys.modules:
        return True
    try:
        return find_spec(full_name, package_path) is not None  # type: ignore[arg-type]
    except ModuleNotFoundError:
        return False


def module_dir(module: ModuleType) -> str:
    """The filesystem directory of ``module``; ValueError for namespace
    packages spread over several directories or modules without a file."""
    paths = list(getattr(module, "__path__", []))
    if len(paths) == 1:
        return paths[0]
    filename = getattr(module, "__file__", None)
    if filename is not None:
        return os.path.dirname(filename)
    raise ValueError(f"Cannot determine directory containing {module}")
