"""Small mixins for fields: per-instance caching of related objects, mutable-default checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core import checks
from django.utils.functional import cached_property

if TYPE_CHECKING:
    from django.db.models.fields.base import Field

NOT_PROVIDED = object()


class FieldCacheMixin:
    """Cache the related object of a field in instance._state.fields_cache."""

    @cached_property
    def cache_name(self) -> str:
        raise NotImplementedError

    def get_cache_name(self) -> str:
        return self.cache_name

    def get_cached_value(self, instance: Any, default: Any = NOT_PROVIDED) -> Any:
        try:
            return instance._state.fields_cache[self.cache_name]
        except KeyError:
            if default is NOT_PROVIDED:
                raise
            return default

    def is_cached(self, instance: Any) -> bool:
        return self.cache_name in instance._state.fields_cache

    def set_cached_value(self, instance: Any, value: Any) -> None:
        instance._state.fields_cache[self.cache_name] = value

    def delete_cached_value(self, instance: Any) -> None:
        del instance._state.fields_cache[self.cache_name]


if TYPE_CHECKING:
    _FieldMixin = Field  # type checkers see the mixin below as the Field it is mixed into
else:
    _FieldMixin = object


class CheckFieldDefaultMixin(_FieldMixin):
    """Warn when a mutable default (e.g. a dict) would be shared by every instance."""

    _default_hint = ("<valid default>", "<invalid default>")

    def _check_default(self) -> list:
        if self.has_default() and self.default is not None and not callable(self.default):
            return [
                checks.Warning(
                    "%s default should be a callable instead of an instance so that it's not shared "
                    "between all field instances." % (self.__class__.__name__,),
                    hint="Use a callable instead, e.g., use `%s` instead of `%s`." % self._default_hint,
                    obj=self,
                    id="fields.E010",
                )
            ]
        return []

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_default()]
