"""SimpleTestCase's HTTP, HTML, JSON and exception assertions (pass and fail cases)."""

import unittest

import pytest

from django.test import SimpleTestCase, override_settings


@override_settings(ROOT_URLCONF="tests.test_client.urls")
class Assertions(SimpleTestCase):
    def test_client_is_provided(self):
        self.assertEqual(self.client.get("/echo/").status_code, 200)

    def test_assert_contains(self):
        response = self.client.get("/text/")
        self.assertContains(response, "hello")
        self.assertContains(response, "hello", count=1)
        self.assertContains(response, "<b>world</b>", html=True)
        self.assertNotContains(response, "goodbye")
        with self.assertRaisesMessage(AssertionError, "Couldn't find 'goodbye' in the following response"):
            self.assertContains(response, "goodbye")
        with self.assertRaisesMessage(AssertionError, "Found 1 instances of 'hello' (expected 2)"):
            self.assertContains(response, "hello", count=2)
        with self.assertRaisesMessage(
            AssertionError, "Couldn't retrieve content: Response code was 200 (expected 404)"
        ):
            self.assertContains(response, "hello", status_code=404)

    def test_assert_redirects(self):
        response = self.client.get("/redirect/")
        self.assertRedirects(response, "/echo/")
        followed = self.client.get("/chain/1/", follow=True)
        self.assertRedirects(followed, "/echo/")
        with self.assertRaisesMessage(AssertionError, "Response redirected to '/echo/', expected '/other/'"):
            self.assertRedirects(response, "/other/")
        with self.assertRaisesMessage(
            AssertionError, "Response didn't redirect as expected: Response code was 200"
        ):
            self.assertRedirects(self.client.get("/echo/"), "/echo/")

    def test_assert_redirects_checks_the_target_status(self):
        response = self.client.get("/redirect/", {"to": "/nowhere/"})
        with self.assertRaisesMessage(AssertionError, "Couldn't retrieve redirection page '/nowhere/'"):
            self.assertRedirects(response, "/nowhere/")
        self.assertRedirects(response, "/nowhere/", fetch_redirect_response=False)

    def test_assert_redirects_to_a_remote_host_needs_fetch_disabled(self):
        response = self.client.get("/redirect/", {"to": "http://elsewhere.example/page/"})
        with self.assertRaisesMessage(ValueError, "The test client is unable to fetch remote URLs"):
            self.assertRedirects(response, "http://elsewhere.example/page/")
        self.assertRedirects(response, "http://elsewhere.example/page/", fetch_redirect_response=False)

    def test_assert_redirects_target_status_code(self):
        response = self.client.get("/redirect/", {"to": "/nowhere/"})
        self.assertRedirects(response, "/nowhere/", target_status_code=404)

    def test_assert_url_equal_ignores_query_order(self):
        self.assertURLEqual("/a/?x=1&y=2", "/a/?y=2&x=1")
        with self.assertRaises(AssertionError):
            self.assertURLEqual("/a/", "/b/")

    def test_assert_json_equal(self):
        self.assertJSONEqual('{"a": [1, 2]}', {"a": [1, 2]})
        self.assertJSONEqual('{"a": 1, "b": 2}', '{"b": 2, "a": 1}')
        self.assertJSONNotEqual('{"a": 1}', {"a": 2})
        with self.assertRaisesMessage(AssertionError, "First argument is not valid JSON"):
            self.assertJSONEqual("{nope", {})

    def test_assert_html_equal(self):
        self.assertHTMLEqual('<p class="b a" id="x">Hi  there</p>', '<p id="x" class="a b">Hi there</p>')
        self.assertHTMLEqual("<input disabled>", '<input disabled="disabled">')
        self.assertHTMLEqual("<div>\n  <span>a</span>\n</div>", "<div><span>a</span></div>")
        self.assertHTMLNotEqual("<p>a</p>", "<p>b</p>")
        with self.assertRaises(AssertionError):
            self.assertHTMLEqual("<p>a</p>", "<p>a</p><p>b</p>")
        with self.assertRaisesMessage(AssertionError, "First argument is not valid HTML"):
            self.assertHTMLEqual("<p></div>", "<p></p>")

    def test_assert_in_html(self):
        self.assertInHTML("<b>x</b>", "<p><b>x</b> and <b>x</b></p>", count=2)
        self.assertInHTML('<a class="q p">y</a>', '<div><a class="p q">y</a></div>')
        self.assertNotInHTML("<i>z</i>", "<p>z</p>")

    def test_assert_raises_message(self):
        with self.assertRaisesMessage(ValueError, "bad thing"):
            raise ValueError("a bad thing happened")
        self.assertRaisesMessage(KeyError, "k", {}.__getitem__, "k")
        with self.assertRaises(AssertionError):
            with self.assertRaisesMessage(ValueError, "other"):
                raise ValueError("bad")

    def test_assert_xml_equal(self):
        self.assertXMLEqual('<a x="1" y="2"><b/></a>', '<a y="2" x="1">\n  <b></b>\n</a>')
        self.assertXMLNotEqual("<a>1</a>", "<a>2</a>")


def test_assertions_suite_passes():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Assertions)
    result = unittest.TestResult()
    suite.run(result)
    assert result.testsRun == 12
    assert not result.failures and not result.errors, result.failures + result.errors


def test_html_parser_counts_and_text():
    from django.test.html import parse_html

    tree = parse_html("<ul><li>a</li><li>a</li><li>b</li></ul>")
    assert tree.count(parse_html("<li>a</li>")) == 2
    assert "a" in tree
    assert str(parse_html('<p  class="z y">t</p>')) == '<p class="y z">t</p>'


def test_html_parser_reports_unexpected_end_tags():
    from django.test.html import HTMLParseError, parse_html

    with pytest.raises(HTMLParseError, match="Unexpected end tag `div`"):
        parse_html("<p></div>")
