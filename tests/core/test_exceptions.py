"""django.core.exceptions: the documented exception classes and ValidationError semantics."""

import copy
import pickle

import pytest

from django.core import exceptions
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def test_suspicious_family():
    for name in (
        "DisallowedHost",
        "DisallowedRedirect",
        "SuspiciousFileOperation",
        "SuspiciousMultipartForm",
        "TooManyFieldsSent",
        "TooManyFilesSent",
        "RequestDataTooBig",
    ):
        assert issubclass(getattr(exceptions, name), exceptions.SuspiciousOperation)


def test_other_documented_exceptions_exist():
    for name in (
        "ImproperlyConfigured",
        "AppRegistryNotReady",
        "ObjectDoesNotExist",
        "MultipleObjectsReturned",
        "ObjectNotUpdated",
        "FieldDoesNotExist",
        "FieldError",
        "RequestAborted",
        "BadRequest",
        "PermissionDenied",
        "ViewDoesNotExist",
        "MiddlewareNotUsed",
        "EmptyResultSet",
        "FullResultSet",
        "SynchronousOnlyOperation",
    ):
        assert issubclass(getattr(exceptions, name), Exception)
    assert exceptions.ObjectDoesNotExist.silent_variable_failure is True


class TestValidationError:
    def test_single_message_with_params(self):
        error = ValidationError("%(value)s is bad", code="bad", params={"value": "x"})
        assert error.message == "%(value)s is bad"
        assert error.code == "bad"
        assert error.messages == ["x is bad"]
        assert list(error) == ["x is bad"]
        assert str(error) == "['x is bad']"
        assert repr(error) == "ValidationError(['x is bad'])"
        assert error.error_list == [error]

    def test_list_of_messages_and_errors(self):
        error = ValidationError(["a", ValidationError("b", code="c"), ValidationError(["d", "e"])])
        assert error.messages == ["a", "b", "d", "e"]
        assert [e.code for e in error.error_list] == [None, "c", None, None]
        assert not hasattr(error, "message")

    def test_dict_of_errors(self):
        error = ValidationError(
            {"name": ["too short", ValidationError("taken", code="unique")], "age": "bad"}
        )
        assert error.message_dict == {"name": ["too short", "taken"], "age": ["bad"]}
        assert sorted(error.messages) == ["bad", "taken", "too short"]
        assert dict(error) == error.message_dict
        assert str(error) == repr(error.message_dict)

    def test_dict_inside_list_is_flattened(self):
        inner = ValidationError({"f": ["x"], "g": ["y"]})
        assert ValidationError([inner]).messages == ["x", "y"]

    def test_wrapping_another_validation_error(self):
        single = ValidationError("m", code="c", params={"a": 1})
        copy_of_single = ValidationError(single)
        assert (copy_of_single.message, copy_of_single.code, copy_of_single.params) == ("m", "c", {"a": 1})
        as_dict = ValidationError(ValidationError({"f": ["x"]}))
        assert as_dict.message_dict == {"f": ["x"]}
        as_list = ValidationError(ValidationError(["a", "b"]))
        assert as_list.messages == ["a", "b"]

    def test_message_dict_without_dict_raises_attribute_error(self):
        with pytest.raises(AttributeError):
            ValidationError("x").message_dict

    def test_update_error_dict(self):
        target = {"f": ["existing"]}
        ValidationError({"f": ["new"], "g": ["x"]}).update_error_dict(target)
        assert [e if isinstance(e, str) else e.message for e in target["f"]] == ["existing", "new"]
        assert "g" in target
        non_field = ValidationError("general").update_error_dict({})
        assert list(non_field) == [NON_FIELD_ERRORS]

    def test_equality_and_hash(self):
        assert ValidationError("a", code="x", params={"p": 1}) == ValidationError(
            "a", code="x", params={"p": 1}
        )
        assert ValidationError("a", code="x") != ValidationError("a", code="y")
        assert ValidationError(["a", "b"]) == ValidationError(["b", "a"])
        assert ValidationError({"f": ["a"]}) == ValidationError({"f": ["a"]})
        assert ValidationError("a") != "a"
        assert len({ValidationError("a"), ValidationError("a")}) == 1

    def test_unhashable_params_still_hash(self):
        error = ValidationError("a", params={"list": [1, 2], "nested": {"k": [3]}})
        assert hash(error) == hash(ValidationError("a", params={"list": [1, 2], "nested": {"k": [3]}}))

    def test_params_without_placeholders(self):
        assert ValidationError("plain", params={"unused": 1}).messages == ["plain"]

    def test_copy_and_pickle(self):
        error = ValidationError({"f": ["x"]})
        assert copy.deepcopy(error).message_dict == {"f": ["x"]}
        restored = pickle.loads(pickle.dumps(ValidationError("m", code="c")))
        assert restored.messages == ["m"] and restored.code == "c"
