"""CheckMessage and its levels: what a system check reports."""

from __future__ import annotations

from typing import Any

DEBUG = 10
INFO = 20
WARNING = 30
ERROR = 40
CRITICAL = 50


class CheckMessage:
    """One finding of a system check: a level, a message, and an optional hint, object and id."""

    def __init__(
        self, level: int, msg: str, hint: str | None = None, obj: Any = None, id: str | None = None
    ) -> None:
        if not isinstance(level, int):
            raise TypeError("The first argument should be level.")
        self.level = level
        self.msg = msg
        self.hint = hint
        self.obj = obj
        self.id = id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckMessage) or type(self) is not type(other):
            return NotImplemented
        return all(
            getattr(self, attr) == getattr(other, attr) for attr in ("level", "msg", "hint", "obj", "id")
        )

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        """'obj: (id) msg' plus a tab-indented HINT line, as `check` prints it."""
        if self.obj is None:
            obj = "?"
        elif isinstance(self.obj, type) and hasattr(self.obj, "_meta"):
            obj = self.obj._meta.label  # a model class is shown by its "app_label.Model" label
        else:
            obj = str(self.obj)
        id_part = f"({self.id}) " if self.id else ""
        hint_part = f"\n\tHINT: {self.hint}" if self.hint else ""
        return f"{obj}: {id_part}{self.msg}{hint_part}"

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__}: level={self.level!r}, msg={self.msg!r}, "
            f"hint={self.hint!r}, obj={self.obj!r}, id={self.id!r}>"
        )

    def is_serious(self, level: int = ERROR) -> bool:
        return self.level >= level

    def is_silenced(self) -> bool:
        from django.conf import settings

        return self.id in settings.SILENCED_SYSTEM_CHECKS


class Debug(CheckMessage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(DEBUG, *args, **kwargs)


class Info(CheckMessage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(INFO, *args, **kwargs)


class Warning(CheckMessage):  # noqa: A001 - the documented name
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(WARNING, *args, **kwargs)


class Error(CheckMessage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(ERROR, *args, **kwargs)


class Critical(CheckMessage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(CRITICAL, *args, **kwargs)
