"""The @deconstructible class decorator: lets migrations serialize instances."""

from __future__ import annotations

from importlib import import_module
from typing import Any


def deconstructible(*args: Any, path: str | None = None) -> Any:
    """Record each instance's constructor arguments so that ``obj.deconstruct()``
    returns ``(import path, args, kwargs)``. ``path`` overrides the import path."""

    def decorator(klass: type) -> type:
        original_new: Any = klass.__new__

        def __new__(cls: Any, *args: Any, **kwargs: Any) -> Any:
            if original_new is object.__new__:
                obj = original_new(cls)
            else:
                obj = original_new(cls, *args, **kwargs)
            obj._constructor_args = (args, kwargs)
            return obj

        def deconstruct(obj: Any) -> tuple[str, tuple, dict]:
            if path and type(obj) is klass:
                module_name, _, name = path.rpartition(".")
            else:
                module_name, name = obj.__class__.__module__, obj.__class__.__name__
            module = import_module(module_name)
            if not hasattr(module, name):
                raise ValueError(
                    f"Could not find object {name} in {module_name}.\n"
                    "Migrations can only serialize objects importable from the top level of a "
                    "module: move the class out of the function or class that defines it."
                )
            dotted = path if path and type(obj) is klass else f"{module_name}.{name}"
            return dotted, obj._constructor_args[0], obj._constructor_args[1]

        klass.__new__ = staticmethod(__new__)  # type: ignore[assignment]
        klass.deconstruct = deconstruct  # type: ignore[attr-defined]
        return klass

    if not args:
        return decorator
    return decorator(*args)
