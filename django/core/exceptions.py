"""Django's documented exception classes, shared by every layer."""

from __future__ import annotations

import operator
from collections.abc import Iterator
from typing import Any

from django.utils.hashable import make_hashable

NON_FIELD_ERRORS = "__all__"


class FieldDoesNotExist(Exception):
    """The requested model field does not exist."""


class AppRegistryNotReady(Exception):
    """The django.apps registry is not populated yet."""


class ObjectDoesNotExist(Exception):
    """The requested object does not exist."""

    silent_variable_failure = True


class MultipleObjectsReturned(Exception):
    """The query returned multiple objects when only one was expected."""


class ObjectNotUpdated(Exception):
    """A forced update of a model instance affected no rows."""


class SuspiciousOperation(Exception):
    """The user did something suspicious."""


class SuspiciousMultipartForm(SuspiciousOperation):
    """Suspect MIME request in a multipart form."""


class SuspiciousFileOperation(SuspiciousOperation):
    """A suspicious filesystem operation was attempted."""


class DisallowedHost(SuspiciousOperation):
    """HTTP_HOST header contains an invalid value."""


class DisallowedRedirect(SuspiciousOperation):
    """Redirect to a scheme not in the allowed list."""


class TooManyFieldsSent(SuspiciousOperation):
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS were sent."""


class TooManyFilesSent(SuspiciousOperation):
    """More files than DATA_UPLOAD_MAX_NUMBER_FILES were sent."""


class RequestDataTooBig(SuspiciousOperation):
    """The request body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE."""


class RequestAborted(Exception):
    """The request was closed before it was completed, or timed out."""


class BadRequest(Exception):
    """The request is malformed and cannot be processed."""


class PermissionDenied(Exception):
    """The user did not have permission to do that."""


class ViewDoesNotExist(Exception):
    """The requested view does not exist."""


class MiddlewareNotUsed(Exception):
    """This middleware is not used in this server configuration."""


class ImproperlyConfigured(Exception):
    """Django is somehow improperly configured."""


class FieldError(Exception):
    """Some kind of problem with a model field."""


class EmptyResultSet(Exception):
    """A database query predicate is impossible."""


class FullResultSet(Exception):
    """A database query predicate matches everything."""


class SynchronousOnlyOperation(Exception):
    """The user tried to call a sync-only function from an async context."""


class ValidationError(Exception):
    """An error while validating data.

    Holds either one message (``message``/``code``/``params``), a list of
    errors (``error_list``) or a mapping of field name -> errors (``error_dict``).
    """

    error_dict: dict[str, list[ValidationError]]
    error_list: list[ValidationError]
    message: Any
    code: str | None
    params: Any

    def __init__(self, message: Any, code: str | None = None, params: Any = None) -> None:
        super().__init__(message, code, params)
        if isinstance(message, ValidationError):
            # Re-wrap another error: keep whichever shape it has.
            if hasattr(message, "error_dict"):
                message = message.error_dict
            elif hasattr(message, "message"):
                code = message.code
                params = message.params
                message = message.message
            else:
                message = message.error_list
        if isinstance(message, dict):
            self.error_dict = {field: _as_error(errors).error_list for field, errors in message.items()}
        elif isinstance(message, list):
            self.error_list = [leaf for item in message for leaf in _leaves(_as_error(item))]
        else:
            self.message, self.code, self.params = message, code, params
            self.error_list = [self]

    @property
    def message_dict(self) -> dict[str, list[str]]:
        # Raises AttributeError when there is no error_dict, as documented.
        self.error_dict  # noqa: B018
        return dict(self)

    @property
    def messages(self) -> list[str]:
        if hasattr(self, "error_dict"):
            result: list[str] = []
            for errors in dict(self).values():
                result.extend(errors)
            return result
        return list(self)

    def update_error_dict(self, error_dict: dict) -> dict:
        if hasattr(self, "error_dict"):
            for field, error_list in self.error_dict.items():
                error_dict.setdefault(field, []).extend(error_list)
        else:
            error_dict.setdefault(NON_FIELD_ERRORS, []).extend(self.error_list)
        return error_dict

    def __iter__(self) -> Iterator[Any]:
        if hasattr(self, "error_dict"):
            for field, errors in self.error_dict.items():
                yield field, list(ValidationError(errors))
        else:
            for error in self.error_list:
                message = error.message
                if error.params:
                    message %= error.params
                yield str(message)

    def __str__(self) -> str:
        if hasattr(self, "error_dict"):
            return repr(dict(self))
        return repr(list(self))

    def __repr__(self) -> str:
        return f"ValidationError({self})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ValidationError):
            return NotImplemented
        return hash(self) == hash(other)

    def __hash__(self) -> int:
        if hasattr(self, "message"):
            return hash((self.message, self.code, make_hashable(self.params)))
        if hasattr(self, "error_dict"):
            return hash(make_hashable(self.error_dict))
        return hash(tuple(sorted(self.error_list, key=operator.attrgetter("message"))))


def _as_error(value: Any) -> ValidationError:
    return value if isinstance(value, ValidationError) else ValidationError(value)


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The single-message errors inside ``error``, whatever its shape."""
    if hasattr(error, "error_dict"):
        return [leaf for errors in error.error_dict.values() for leaf in errors]
    return error.error_list
