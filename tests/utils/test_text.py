"""django.utils.text: capitalisation, wrapping, truncation, slugs, splitting, compression."""

import gzip
import unicodedata

import pytest

from django.core.exceptions import SuspiciousFileOperation
from django.utils import text
from django.utils.functional import Promise, lazystr


def test_capfirst():
    assert text.capfirst("hello world") == "Hello world"
    assert text.capfirst("") == ""
    assert text.capfirst(None) is None
    assert isinstance(text.capfirst(lazystr("x")), Promise)


class TestWrap:
    def test_wraps_at_width_without_breaking_words(self):
        assert text.wrap("1234 67 9", 5) == "1234\n67 9"
        assert text.wrap("short", 100) == "short"
        assert text.wrap("averyveryverylongword here", 5) == "averyveryverylongword\nhere"

    def test_keeps_existing_newlines(self):
        assert text.wrap("a b c\n\nd e f", 3) == "a b\nc\n\nd e\nf"
        assert text.wrap("end\n", 10) == "end\n"


class TestTruncator:
    def test_chars_counts_the_ellipsis(self):
        t = text.Truncator("The quick brown fox jumped")
        assert t.chars(100) == "The quick brown fox jumped"
        assert t.chars(10) == "The quick…"
        assert t.chars(10, truncate="...") == "The qui..."
        assert t.chars(0) == ""

    def test_chars_ignores_combining_characters(self):
        assert text.Truncator("oüoüoüoü").chars(8) == "oüoüoüoü"
        decomposed = "ou\u0308ou\u0308ou\u0308"
        # Text is NFC-normalised first, so the combined form comes back.
        assert text.Truncator(decomposed).chars(6) == unicodedata.normalize("NFC", decomposed)

    def test_words(self):
        t = text.Truncator("The quick brown fox jumped over the lazy dog.")
        assert t.words(4) == "The quick brown fox…"
        assert t.words(4, truncate="[snip]") == "The quick brown fox[snip]"
        assert t.words(100) == "The quick brown fox jumped over the lazy dog."
        assert t.words(0) == ""

    def test_html_words_close_open_tags(self):
        t = text.Truncator('<p id="x">The quick <strong>brown fox</strong> jumped over</p>')
        assert t.words(3, html=True) == '<p id="x">The quick <strong>brown…</strong></p>'
        assert t.words(10, html=True) == '<p id="x">The quick <strong>brown fox</strong> jumped over</p>'

    def test_html_chars_and_void_elements(self):
        t = text.Truncator("<p>one<br>two three</p>")
        assert t.chars(7, html=True) == "<p>one<br>two…</p>"

    def test_html_entities_count_as_one_character(self):
        assert text.Truncator("<i>a &amp; b c</i>").chars(4, html=True) == "<i>a &amp;…</i>"

    def test_html_with_quoted_brackets_and_comments(self):
        t = text.Truncator('<a title="1 > 0">one two</a><!-- x --> three four')
        assert t.words(2, html=True) == '<a title="1 > 0">one two</a><!-- x -->…'
        assert t.chars(5, html=True) == '<a title="1 > 0">one …</a>'

    def test_html_hostile_markup(self):
        hostile = "<a b='" * 20000
        assert text.Truncator(hostile).words(3, html=True).startswith("<a")
        nested = "<b>" * 5000 + "word " * 10
        assert text.Truncator(nested).words(2, html=True).endswith("</b>" * 5000)

    def test_lazy_text(self):
        assert text.Truncator(lazystr("abcdef")).chars(4) == "abc…"


class TestValidFilename:
    def test_cleans_names(self):
        assert text.get_valid_filename("john's portrait in 2004.jpg") == "johns_portrait_in_2004.jpg"

    @pytest.mark.parametrize("name", ["", "..", ".", "$$$"])
    def test_unusable_names_are_refused(self, name):
        with pytest.raises(SuspiciousFileOperation):
            text.get_valid_filename(name)


def test_get_text_list():
    assert text.get_text_list(["a", "b", "c", "d"]) == "a, b, c or d"
    assert text.get_text_list(["a", "b", "c"], "and") == "a, b and c"
    assert text.get_text_list(["a", "b"], "and") == "a and b"
    assert text.get_text_list(["a"]) == "a"
    assert text.get_text_list([]) == ""


def test_normalize_newlines():
    assert text.normalize_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_phone2numeric():
    assert text.phone2numeric("1-800-COLLECT") == "1-800-2655328"
    assert text.phone2numeric("0800 flowers") == "0800 3569377"


def test_compress_string_round_trip_and_is_deterministic():
    payload = b"hello " * 100
    compressed = text.compress_string(payload)
    assert gzip.decompress(compressed) == payload
    assert text.compress_string(payload) == compressed
    assert len(compressed) < len(payload)


def test_compress_string_with_random_bytes_varies_but_decompresses():
    payload = b"x" * 1000
    outputs = {text.compress_string(payload, max_random_bytes=100) for _ in range(10)}
    assert len(outputs) > 1
    assert all(gzip.decompress(out) == payload for out in outputs)


def test_compress_sequence_streams_gzip():
    chunks = [b"abc" * 100, b"def" * 100, b""]
    streamed = b"".join(text.compress_sequence(chunks))
    assert gzip.decompress(streamed) == b"".join(chunks)


class TestSmartSplit:
    @pytest.mark.parametrize(
        "value,expected",
        [
            ("This is a test", ["This", "is", "a", "test"]),
            ('This is "a person" test.', ["This", "is", '"a person"', "test."]),
            ("Another 'person\\'s' test.", ["Another", "'person\\'s'", "test."]),
            ('A "\\"funky\\" style" test.', ["A", '"\\"funky\\" style"', "test."]),
            ('url search_page words="something else"', ["url", "search_page", 'words="something else"']),
            ('cut:","|cut:" "', ['cut:","|cut:" "']),
            ("  spaced   out  ", ["spaced", "out"]),
            ('unclosed "quote here', ["unclosed", '"quote', "here"]),
        ],
    )
    def test_examples(self, value, expected):
        assert list(text.smart_split(value)) == expected


def test_unescape_string_literal():
    assert text.unescape_string_literal('"abc"') == "abc"
    assert text.unescape_string_literal("'\\'ab\\' c'") == "'ab' c"
    assert text.unescape_string_literal('"a \\\\ b"') == "a \\ b"
    for bad in ("abc", "'abc\"", "", "'"):
        with pytest.raises(ValueError):
            text.unescape_string_literal(bad)


class TestSlugify:
    @pytest.mark.parametrize(
        "value,expected",
        [
            ("Hello, World!", "hello-world"),
            ("  Joel is a slug  ", "joel-is-a-slug"),
            ("spam & ıçüş", "spam-cus"),
            ("foo ıç bar", "foo-c-bar"),
            ("    foo ıç bar", "foo-c-bar"),
            ("你好", ""),
            ("__strip__underscores-", "strip__underscores"),
            ("a---b   c", "a-b-c"),
        ],
    )
    def test_ascii(self, value, expected):
        assert text.slugify(value) == expected

    def test_unicode(self):
        assert text.slugify("你好 World", allow_unicode=True) == "你好-world"
        assert text.slugify("Ελληνικά", allow_unicode=True) == "ελληνικά"

    def test_lazy_and_non_string(self):
        assert text.slugify(123) == "123"
        assert str(text.slugify(lazystr("A B"))) == "a-b"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("MyModel", "my model"),
        ("HTTPResponse", "http response"),
        ("myHTMLParser", "my html parser"),
        ("Simple", "simple"),
        ("already spaced", "already spaced"),
    ],
)
def test_camel_case_to_spaces(value, expected):
    assert text.camel_case_to_spaces(value) == expected


def test_format_lazy_defers_formatting():
    state = {"v": "a"}
    proxy = text.format_lazy("{}-{name}", lazystr("x"), name=state["v"])
    assert isinstance(proxy, Promise)
    assert str(proxy) == "x-a"
