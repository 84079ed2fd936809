"""SimpleTestCase: unittest plus a test client, settings overrides and HTTP/HTML assertions.

The database test cases (TransactionTestCase, TestCase, LiveServerTestCase) build on it.
"""

from __future__ import annotations

import json
import unittest
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from django.test._form_assertions import FormAssertionsMixin
from django.test.client import AsyncClient, Client
from django.test.html import HTMLParseError, parse_html
from django.test.utils import modify_settings, override_settings

__all__ = ["SimpleTestCase"]  # TestCase & co. load lazily through __getattr__ below

_DB_NAMES = {"TestCase", "TransactionTestCase", "TestData", "connections_support_transactions"}


def __getattr__(name: str) -> Any:
    # The database test cases import the ORM; load them only when asked for.
    if name in _DB_NAMES:
        from django.test import db_testcases

        return getattr(db_testcases, name)
    if name in {"LiveServerTestCase", "LiveServerThread", "QuietWSGIRequestHandler"}:
        from django.test import live_server

        return getattr(live_server, name)
    if name in {"skipIfDBFeature", "skipUnlessDBFeature", "skipUnlessAnyDBFeature"}:
        from django.test import features

        return getattr(features, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def assert_and_parse_html(case: unittest.TestCase, html: str, user_msg: str | None, msg: str) -> Any:
    try:
        return parse_html(html)
    except HTMLParseError as e:
        case.fail(case._formatMessage(user_msg, f"{msg}\n{e}"))


def _normalize_url(url: str) -> str:
    """The URL with its query parameters sorted, so equal URLs compare equal."""
    scheme, netloc, path, query, fragment = urlsplit(url)
    return urlunsplit((scheme, netloc, unquote(path), urlencode(sorted(parse_qsl(query))), fragment))


class _TemplateCapture:
    """Collect the names of templates rendered in a block (assertTemplateUsed as context manager)."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, signal: Any, sender: Any, template: Any, context: Any, **kwargs: Any) -> None:
        name = getattr(template, "name", None) or getattr(
            getattr(template, "origin", None), "template_name", None
        )
        if name is not None:
            self.names.append(name)


class DatabaseOperationForbidden(AssertionError):
    pass


class _DatabaseFailure:
    def __init__(self, wrapped: Any, message: str) -> None:
        self.wrapped = wrapped
        self.message = message

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise DatabaseOperationForbidden(self.message)


_GUARDED_CONNECTION_METHODS = ("connect", "temporary_connection", "cursor", "chunked_cursor")


class SimpleTestCase(FormAssertionsMixin, unittest.TestCase):
    """A TestCase with ``self.client``, settings overrides and Django's extra assertions."""

    client_class = Client
    async_client_class = AsyncClient
    _overridden_settings: dict | None = None
    _modified_settings: list | None = None
    databases: set | str = set()
    _cls_overridden_context: Any
    _cls_modified_context: Any

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls._add_databases_failures()
        cls.addClassCleanup(cls._remove_databases_failures)
        if cls._overridden_settings:
            cls._cls_overridden_context = override_settings(**cls._overridden_settings)
            cls._cls_overridden_context.enable()
            cls.addClassCleanup(cls._cls_overridden_context.disable)
        if cls._modified_settings:
            cls._cls_modified_context = modify_settings(cls._modified_settings)
            cls._cls_modified_context.enable()
            cls.addClassCleanup(cls._cls_modified_context.disable)

    @classmethod
    def _allowed_aliases(cls) -> set[str]:
        from django.db import connections

        return set(connections) if cls.databases == "__all__" else set(cls.databases)

    @classmethod
    def _add_databases_failures(cls) -> None:
        """Make queries to databases the test did not declare fail with a clear message."""
        from django.db import connections

        allowed = cls._allowed_aliases()
        label = f"{cls.__module__}.{cls.__qualname__}"
        for alias in connections:
            if alias in allowed:
                continue
            if cls.databases:
                message = (
                    f"Database queries to {alias!r} are not allowed in this test. Add {alias!r} to "
                    f"{label}.databases to ensure proper test isolation and silence this failure."
                )
            else:
                message = (
                    f"Database queries to {alias!r} are not allowed in SimpleTestCase subclasses. Either "
                    "subclass TestCase or TransactionTestCase to ensure proper test isolation or add "
                    f"{alias!r} to {label}.databases to silence this failure."
                )
            connection = connections[alias]
            for name in _GUARDED_CONNECTION_METHODS:
                setattr(connection, name, _DatabaseFailure(getattr(connection, name), message))

    @classmethod
    def _remove_databases_failures(cls) -> None:
        from django.db import connections

        allowed = cls._allowed_aliases()
        for alias in connections:
            if alias in allowed:
                continue
            connection = connections[alias]
            for name in _GUARDED_CONNECTION_METHODS:
                guard = connection.__dict__.get(name)
                if isinstance(guard, _DatabaseFailure):
                    del connection.__dict__[name]

    def __call__(self, result: Any = None) -> Any:
        skipped = getattr(self.__class__, "__unittest_skip__", False) or getattr(
            getattr(self, self._testMethodName), "__unittest_skip__", False
        )
        if not skipped:
            self._wrap_async_test_method()
            try:
                self._pre_setup()
            except Exception:
                if result is not None:
                    import sys

                    result.addError(self, sys.exc_info())
                    return None
                raise
        outcome = super().__call__(result)
        if not skipped:
            self._post_teardown()
        return outcome

    def _wrap_async_test_method(self) -> None:
        # unittest would only create the coroutine; run ``async def`` tests in an event loop.
        from asgiref.sync import async_to_sync, iscoroutinefunction

        method = getattr(self, self._testMethodName)
        if iscoroutinefunction(method):
            setattr(self, self._testMethodName, async_to_sync(method))

    def _pre_setup(self) -> None:
        self.client = self.client_class()
        self.async_client = self.async_client_class()
        try:
            from django.core import mail

            mail.outbox = []
        except (ImportError, AttributeError):
            pass

    def _post_teardown(self) -> None:
        pass

    def settings(self, **kwargs: Any) -> override_settings:
        """A context manager running its block with ``kwargs`` as settings."""
        return override_settings(**kwargs)

    def modify_settings(self, **kwargs: Any) -> modify_settings:
        return modify_settings(**kwargs)

    # -- responses ---------------------------------------------------------------------

    def assertRedirects(
        self,
        response: Any,
        expected_url: str,
        status_code: int = 302,
        target_status_code: int = 200,
        msg_prefix: str = "",
        fetch_redirect_response: bool = True,
    ) -> None:
        """The response redirected to ``expected_url`` (and that page answered ``target_status_code``)."""
        prefix = f"{msg_prefix}: " if msg_prefix else ""
        if hasattr(response, "redirect_chain"):
            self.assertTrue(
                response.redirect_chain,
                f"{prefix}Response didn't redirect as expected: Response code was {response.status_code} "
                f"(expected {status_code})",
            )
            url, first_status = response.redirect_chain[-1]
            self.assertEqual(
                response.redirect_chain[0][1],
                status_code,
                f"{prefix}Initial response didn't redirect as expected: Response code was "
                f"{response.redirect_chain[0][1]} (expected {status_code})",
            )
            self.assertEqual(
                response.status_code,
                target_status_code,
                f"{prefix}Response didn't redirect as expected: Final Response code was "
                f"{response.status_code} (expected {target_status_code})",
            )
        else:
            self.assertEqual(
                response.status_code,
                status_code,
                f"{prefix}Response didn't redirect as expected: Response code was {response.status_code} "
                f"(expected {status_code})",
            )
            url = response.url
            scheme, netloc, path, query, _fragment = urlsplit(url)
            if not path.startswith("/"):
                url = urljoin(response.request["PATH_INFO"], url)
                path = urljoin(response.request["PATH_INFO"], path)
            if fetch_redirect_response:
                self._fetch_redirect_target(
                    response, url, scheme, netloc, path, query, target_status_code, prefix
                )
        self.assertURLEqual(
            url, expected_url, f"{prefix}Response redirected to '{url}', expected '{expected_url}'"
        )

    def _fetch_redirect_target(
        self,
        response: Any,
        url: str,
        scheme: str,
        netloc: str,
        path: str,
        query: str,
        target: int,
        prefix: str,
    ) -> None:
        from django.conf import settings
        from django.http.request import validate_host

        if netloc and not validate_host(netloc.split(":")[0], [*settings.ALLOWED_HOSTS, "testserver"]):
            raise ValueError(
                f"The test client is unable to fetch remote URLs (got {url}). If the host is served by "
                "Django, add it to ALLOWED_HOSTS. Otherwise, use assertRedirects(..., "
                "fetch_redirect_response=False)."
            )
        client = response.client
        method = "get"
        if response.status_code in (307, 308):
            method = response.request["REQUEST_METHOD"].lower()
        extra = {}
        if netloc:
            extra["SERVER_NAME"] = netloc.split(":")[0]
        target_response = getattr(client, method)(
            path, QueryDictOrNone(query), secure=(scheme == "https"), **extra
        )
        self.assertEqual(
            target_response.status_code,
            target,
            f"{prefix}Couldn't retrieve redirection page '{path}': response code was "
            f"{target_response.status_code} (expected {target})",
        )

    def assertURLEqual(self, url1: str, url2: str, msg_prefix: str = "") -> None:
        """Equal URLs, ignoring the order of query parameters."""
        self.assertEqual(
            _normalize_url(str(url1)),
            _normalize_url(str(url2)),
            msg_prefix or f"Expected '{url1}' to equal '{url2}'.",
        )

    def _assert_contains(
        self, response: Any, text: Any, status_code: int, msg_prefix: str, html: bool
    ) -> tuple:
        if getattr(response, "render", None) is not None and not getattr(response, "is_rendered", True):
            response.render()
        prefix = f"{msg_prefix}: " if msg_prefix else ""
        self.assertEqual(
            response.status_code,
            status_code,
            f"{prefix}Couldn't retrieve content: Response code was {response.status_code} (expected {status_code})",
        )
        content: Any
        if response.streaming:
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        if not isinstance(text, bytes) or html:
            text = str(text)
            content = content.decode(response.charset)
            text_repr = f"'{text}'"
        else:
            text_repr = repr(text)
        if html:
            content = assert_and_parse_html(self, content, None, "Response's content is not valid HTML:")
            text = assert_and_parse_html(self, text, None, "Second argument is not valid HTML:")
        real_count = content.count(text)
        return text_repr, real_count, prefix, content

    def assertContains(
        self,
        response: Any,
        text: Any,
        count: int | None = None,
        status_code: int = 200,
        msg_prefix: str = "",
        html: bool = False,
    ) -> None:
        """The response has ``status_code`` and ``text`` occurs in it (exactly ``count`` times if given)."""
        text_repr, real_count, prefix, content = self._assert_contains(
            response, text, status_code, msg_prefix, html
        )
        if count is not None:
            self.assertEqual(
                real_count,
                count,
                f"{prefix}Found {real_count} instances of {text_repr} (expected {count}) in the following "
                f"response\n{content!r}",
            )
        else:
            self.assertTrue(
                real_count != 0, f"{prefix}Couldn't find {text_repr} in the following response\n{content!r}"
            )

    def assertNotContains(
        self, response: Any, text: Any, status_code: int = 200, msg_prefix: str = "", html: bool = False
    ) -> None:
        text_repr, real_count, prefix, content = self._assert_contains(
            response, text, status_code, msg_prefix, html
        )
        self.assertEqual(
            real_count, 0, f"{prefix}{text_repr} unexpectedly found in the following response\n{content!r}"
        )

    @contextmanager
    def _capture_templates(self) -> Iterator[_TemplateCapture]:
        from django.test.signals import template_rendered

        capture = _TemplateCapture()
        template_rendered.connect(capture)
        try:
            yield capture
        finally:
            template_rendered.disconnect(capture)

    def assertTemplateUsed(
        self,
        response: Any = None,
        template_name: str | None = None,
        msg_prefix: str = "",
        count: int | None = None,
    ) -> Any:
        """``template_name`` was rendered for ``response`` (or inside the ``with`` block)."""
        if template_name is None and isinstance(response, str):
            template_name, response = response, None
        if response is None:
            return self._template_used_block(template_name, msg_prefix, count, used=True)
        names = [t.name for t in getattr(response, "templates", []) if getattr(t, "name", None) is not None]
        self._check_template_used(names, template_name, msg_prefix, count)
        return None

    def assertTemplateNotUsed(
        self, response: Any = None, template_name: str | None = None, msg_prefix: str = ""
    ) -> Any:
        if template_name is None and isinstance(response, str):
            template_name, response = response, None
        if response is None:
            return self._template_used_block(template_name, msg_prefix, None, used=False)
        names = [t.name for t in getattr(response, "templates", []) if getattr(t, "name", None) is not None]
        self.assertFalse(
            template_name in names,
            f"{msg_prefix}Template '{template_name}' was used unexpectedly in rendering the response",
        )
        return None

    @contextmanager
    def _template_used_block(
        self, template_name: Any, msg_prefix: str, count: int | None, used: bool
    ) -> Iterator[None]:
        with self._capture_templates() as capture:
            yield
        if used:
            self._check_template_used(capture.names, template_name, msg_prefix, count)
        else:
            self.assertFalse(
                template_name in capture.names,
                f"{msg_prefix}Template '{template_name}' was used unexpectedly in rendering the response",
            )

    def _check_template_used(
        self, names: list[str], template_name: Any, msg_prefix: str, count: int | None
    ) -> None:
        prefix = f"{msg_prefix}: " if msg_prefix else ""
        self.assertTrue(names or template_name is None, f"{prefix}No templates used to render the response")
        self.assertIn(
            template_name,
            names,
            f"{prefix}Template '{template_name}' was not a template used to render the response. Actual "
            f"template(s) used: {', '.join(names)}",
        )
        if count is not None:
            real = names.count(template_name)
            self.assertEqual(
                real,
                count,
                f"{prefix}Template '{template_name}' was expected to be rendered {count} time(s) but was "
                f"actually rendered {real} time(s).",
            )

    # -- exceptions and warnings -------------------------------------------------------

    def assertRaisesMessage(
        self, expected_exception: Any, expected_message: str, *args: Any, **kwargs: Any
    ) -> Any:
        """Like assertRaises, and the exception's message contains ``expected_message``."""
        return self._assert_message(self.assertRaises, expected_exception, expected_message, args, kwargs)

    def assertWarnsMessage(
        self, expected_warning: Any, expected_message: str, *args: Any, **kwargs: Any
    ) -> Any:
        return self._assert_message(self.assertWarns, expected_warning, expected_message, args, kwargs)

    def _assert_message(self, func: Any, expected: Any, message: str, args: tuple, kwargs: dict) -> Any:
        callable_obj = None
        if args:
            callable_obj, *args_list = args
            args = tuple(args_list)

        @contextmanager
        def checker() -> Iterator[None]:
            with func(expected) as context:
                yield
            self.assertIn(
                message, str(getattr(context, "exception", None) or getattr(context, "warning", ""))
            )

        if callable_obj is None:
            return checker()
        with checker():
            callable_obj(*args, **kwargs)
        return None

    # -- structured content --------------------------------------------------------------

    def assertHTMLEqual(self, html1: str, html2: str, msg: str | None = None) -> None:
        """Equal as HTML: whitespace, attribute order and class order do not matter."""
        dom1 = assert_and_parse_html(self, html1, msg, "First argument is not valid HTML:")
        dom2 = assert_and_parse_html(self, html2, msg, "Second argument is not valid HTML:")
        if dom1 != dom2:
            standard = f"{dom1} != {dom2}"
            self.fail(self._formatMessage(msg, standard))

    def assertHTMLNotEqual(self, html1: str, html2: str, msg: str | None = None) -> None:
        dom1 = assert_and_parse_html(self, html1, msg, "First argument is not valid HTML:")
        dom2 = assert_and_parse_html(self, html2, msg, "Second argument is not valid HTML:")
        if dom1 == dom2:
            self.fail(self._formatMessage(msg, f"{dom1} == {dom2}"))

    def assertInHTML(
        self, needle: str, haystack: str, count: int | None = None, msg_prefix: str = ""
    ) -> None:
        parsed_needle = assert_and_parse_html(self, needle, None, "First argument is not valid HTML:")
        parsed_haystack = assert_and_parse_html(self, haystack, None, "Second argument is not valid HTML:")
        real_count = parsed_haystack.count(parsed_needle)
        prefix = f"{msg_prefix}: " if msg_prefix else ""
        if count is not None:
            self.assertEqual(
                real_count,
                count,
                f"{prefix}Found {real_count} instances of '{needle}' (expected {count}) in the following response\n{haystack}",
            )
        else:
            self.assertTrue(
                real_count != 0, f"{prefix}Couldn't find '{needle}' in the following response\n{haystack}"
            )

    def assertNotInHTML(self, needle: str, haystack: str, msg_prefix: str = "") -> None:
        self.assertInHTML(needle, haystack, count=0, msg_prefix=msg_prefix)

    def assertJSONEqual(self, raw: str, expected_data: Any, msg: str | None = None) -> None:
        """``raw`` is JSON equal to ``expected_data`` (itself JSON text or Python data)."""
        self.assertEqual(*self._parsed_json_pair(raw, expected_data), msg=msg)

    def assertJSONNotEqual(self, raw: str, expected_data: Any, msg: str | None = None) -> None:
        self.assertNotEqual(*self._parsed_json_pair(raw, expected_data), msg=msg)

    def _parsed_json_pair(self, raw: str, expected_data: Any) -> tuple[Any, Any]:
        """Both sides of assertJSON(Not)Equal as Python data; a test failure names invalid JSON."""
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            self.fail(f"First argument is not valid JSON: {raw!r}")
        if isinstance(expected_data, str):
            try:
                expected_data = json.loads(expected_data)
            except json.JSONDecodeError:
                self.fail(f"Second argument is not valid JSON: {expected_data!r}")
        return data, expected_data

    def assertXMLEqual(self, xml1: str, xml2: str, msg: str | None = None) -> None:
        from django.test._xml import xml_equal

        if not xml_equal(xml1, xml2):
            self.fail(self._formatMessage(msg, f"{xml1!r} != {xml2!r}"))

    def assertXMLNotEqual(self, xml1: str, xml2: str, msg: str | None = None) -> None:
        from django.test._xml import xml_equal

        if xml_equal(xml1, xml2):
            self.fail(self._formatMessage(msg, f"{xml1!r} == {xml2!r}"))


def QueryDictOrNone(query: str) -> Any:
    from django.http import QueryDict

    return QueryDict(query) if query else None
