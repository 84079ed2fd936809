"""Cookie header parsing is tolerant of what real clients send."""

from django.http import SimpleCookie, parse_cookie


def test_simple_pairs_and_whitespace():
    assert parse_cookie(" a = 1 ;b=2;;  ") == {"a": "1", "b": "2"}


def test_quoted_values_are_unquoted():
    assert parse_cookie('a="hello world"; b="\\"q\\""') == {"a": "hello world", "b": '"q"'}


def test_malformed_chunks_do_not_lose_other_cookies():
    cookies = parse_cookie("good=1; =novalue; justvalue; bad\x00=x; a=b=c")
    assert cookies["good"] == "1"
    assert cookies["a"] == "b=c"
    assert "" in cookies


def test_duplicate_names_keep_the_last():
    assert parse_cookie("a=1; a=2") == {"a": "2"}


def test_non_ascii_text_is_kept():
    assert parse_cookie("name=café")["name"] == "café"


def test_empty_header():
    assert parse_cookie("") == {}


def test_simple_cookie_is_exported():
    c = SimpleCookie()
    c["a"] = "b"
    assert c.output() == "Set-Cookie: a=b"
