"""django.core.validators: each documented validator, its message and code, on good and hostile input."""

import re
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.core.validators import (
    BaseValidator,
    DecimalValidator,
    DomainNameValidator,
    EmailValidator,
    FileExtensionValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
    RegexValidator,
    StepValueValidator,
    URLValidator,
    int_list_validator,
    ip_address_validators,
    validate_comma_separated_integer_list,
    validate_domain_name,
    validate_email,
    validate_integer,
    validate_ipv4_address,
    validate_ipv6_address,
    validate_ipv46_address,
    validate_slug,
    validate_unicode_slug,
)


def error_of(validator, value):
    with pytest.raises(ValidationError) as info:
        validator(value)
    return info.value


class TestRegexValidator:
    def test_match_and_inverse(self):
        validator = RegexValidator(r"^\d+$")
        validator("123")
        error = error_of(validator, "abc")
        assert error.code == "invalid" and error.messages == ["Enter a valid value."]
        assert error.params == {"value": "abc"}
        inverse = RegexValidator(r"x", inverse_match=True, message="no x", code="has_x")
        inverse("abc")
        error = error_of(inverse, "axc")
        assert (error.code, error.messages) == ("has_x", ["no x"])

    def test_flags_and_compiled_patterns(self):
        RegexValidator("^abc$", flags=re.IGNORECASE)("ABC")
        RegexValidator(re.compile("^a"))("abc")
        with pytest.raises(TypeError, match="flags"):
            RegexValidator(re.compile("a"), flags=re.IGNORECASE)

    def test_equality_and_deconstruct(self):
        assert RegexValidator("a") == RegexValidator("a")
        assert RegexValidator("a") != RegexValidator("b")
        assert RegexValidator("a", flags=re.I) != RegexValidator("a")
        path, args, kwargs = RegexValidator("a", message="m").deconstruct()
        assert path == "django.core.validators.RegexValidator"
        assert args == ("a",) and kwargs == {"message": "m"}

    def test_non_string_values_are_stringified(self):
        RegexValidator(r"^\d+$")(42)


class TestURLValidator:
    @pytest.mark.parametrize(
        "url",
        [
            "http://www.djangoproject.com/",
            "HTTP://WWW.DJANGOPROJECT.COM/",
            "http://localhost/",
            "http://example.com:8000/path?q=1#frag",
            "http://user:pass@example.com/",
            "http://200.8.9.10/",
            "http://[::1]:8080/",
            "http://[2001:db8::1]/",
            "https://xn--4ca9at.com/",
            "http://öäü.com/",
            "http://例子.测试/",
            "ftp://example.com/file.txt",
            "ftps://example.com/",
            "http://example.com.",
            "http://a.b-c.de",
            "http://valid-----hyphens.com/",
        ],
    )
    def test_valid(self, url):
        URLValidator()(url)

    @pytest.mark.parametrize(
        "url",
        [
            "",
            "no_scheme",
            "foo",
            "http://",
            "http://example",
            "http://-invalid.com",
            "http://invalid-.com",
            "http://inv-.alid-.com",
            "http://.com",
            "http://a.b..",
            "http:// shouldfail.com",
            "http://example.com/\nwith-newline",
            "http://example.com/\twith-tab",
            "javascript:alert(1)",
            "ws://example.com/",
            "http://999.999.999.999/",
            "http://[::zz]/",
            "http://[]/",
            "http://" + "a" * 250 + ".com/",
            "http://example.com/" + "a" * 2100,
            "http://example.com:999999/",
            "//example.com",
            None,
            123,
        ],
    )
    def test_invalid(self, url):
        error = error_of(URLValidator(), url)
        assert error.code == "invalid" and error.messages == ["Enter a valid URL."]

    def test_custom_schemes(self):
        validator = URLValidator(schemes=["git", "git+ssh"])
        validator("git://example.com/")
        validator("git+ssh://git@github.com/x.git")
        error_of(validator, "http://example.com/")

    def test_pathological_input_is_fast_enough_to_answer(self):
        error_of(URLValidator(), "http://" + "a." * 1000 + "com")


class TestEmailValidator:
    @pytest.mark.parametrize(
        "email",
        [
            "email@here.com",
            "weirder-email@here.and.there.com",
            "email@[127.0.0.1]",
            "email@[2001:dB8::1]",
            "example@valid-----hyphens.com",
            "example@valid-with-hyphens.com",
            "test@domain.with.idn.tld.उदाहरण.परीक्षा",
            "email@localhost",
            '"test@test"@example.com',
            "a+b.c@example.co",
        ],
    )
    def test_valid(self, email):
        validate_email(email)

    @pytest.mark.parametrize(
        "email",
        [
            None,
            "",
            "abc",
            "abc@",
            "abc@bar",
            "a @x.cz",
            "abc@.com",
            "something@@somewhere.com",
            "email@127.0.0.1",
            "email@[127.0.0.256]",
            "email@[::zz]",
            "example@invalid-.com",
            "example@-invalid.com",
            "example@invalid.com-",
            "test@example.com\n\n<script src='x.js'>",
            ".dotatstart@example.com",
            "trailingdot.@example.com",
            "a..b@example.com",
            "a@b.c",
            "x" * 310 + "@example.com",
        ],
    )
    def test_invalid(self, email):
        error = error_of(validate_email, email)
        assert error.code == "invalid" and error.messages == ["Enter a valid email address."]

    def test_allowlist_and_equality(self):
        validator = EmailValidator(allowlist=["localdomain"])
        validator("email@localdomain")
        error_of(validator, "email@localhost")
        assert EmailValidator() == EmailValidator()
        assert EmailValidator(allowlist=["a"]) != EmailValidator()


class TestSlugAndInteger:
    def test_slug(self):
        validate_slug("slug-ok_1")
        error = error_of(validate_slug, "not a slug")
        assert error.code == "invalid" and "slug" in error.messages[0]
        error_of(validate_slug, "ünicode")
        validate_unicode_slug("ünicode-ok")
        error_of(validate_unicode_slug, "no spaces")

    def test_integer(self):
        validate_integer("-42")
        validate_integer(42)
        error = error_of(validate_integer, "4.2")
        assert error.messages == ["Enter a valid integer."]
        error_of(validate_integer, "42\n")

    def test_int_lists(self):
        validate_comma_separated_integer_list("1,2,3")
        error = error_of(validate_comma_separated_integer_list, "1,,2")
        assert error.messages == ["Enter only digits separated by commas."]
        error_of(validate_comma_separated_integer_list, "-1,2")
        int_list_validator(sep=".", allow_negative=True)("-1.2.-3")
        error_of(int_list_validator(sep="."), "1,2")


class TestIPAddresses:
    def test_ipv4(self):
        validate_ipv4_address("1.2.3.4")
        for bad in ("256.1.1.1", "1.2.3", "01.2.3.4", "::1", "", "1.2.3.4 "):
            error = error_of(validate_ipv4_address, bad)
            assert error.messages == ["Enter a valid IPv4 address."]

    def test_ipv6(self):
        for good in ("::1", "fe80::1", "2001:db8::8a2e:370:7334", "::ffff:1.2.3.4"):
            validate_ipv6_address(good)
        for bad in ("1.2.3.4", "12345::", "1::2::3", ":::", "g::1", "1" * 100):
            error = error_of(validate_ipv6_address, bad)
            assert error.messages == ["Enter a valid IPv6 address."]

    def test_ipv46(self):
        validate_ipv46_address("1.2.3.4")
        validate_ipv46_address("::1")
        assert error_of(validate_ipv46_address, "nope").messages == ["Enter a valid IPv4 or IPv6 address."]

    def test_ip_address_validators(self):
        assert ip_address_validators("both", True) == [validate_ipv46_address]
        assert ip_address_validators("IPv4", False) == [validate_ipv4_address]
        with pytest.raises(ValueError, match="unpack_ipv4"):
            ip_address_validators("ipv4", True)
        with pytest.raises(ValueError, match="unknown"):
            ip_address_validators("ipv5", False)


class TestLimitValidators:
    def test_max_min_value(self):
        MaxValueValidator(10)(10)
        error = error_of(MaxValueValidator(10), 11)
        assert (error.code, error.messages) == (
            "max_value",
            ["Ensure this value is less than or equal to 10."],
        )
        error = error_of(MinValueValidator(10), 9)
        assert (error.code, error.messages) == (
            "min_value",
            ["Ensure this value is greater than or equal to 10."],
        )
        assert error.params == {"limit_value": 10, "show_value": 9, "value": 9}

    def test_callable_limit(self):
        error = error_of(MaxValueValidator(lambda: 5), 6)
        assert error.messages == ["Ensure this value is less than or equal to 5."]

    def test_lengths_use_plural_messages(self):
        error = error_of(MinLengthValidator(3), "ab")
        assert error.code == "min_length"
        assert error.messages == ["Ensure this value has at least 3 characters (it has 2)."]
        assert error_of(MinLengthValidator(1), "").messages == [
            "Ensure this value has at least 1 character (it has 0)."
        ]
        error = error_of(MaxLengthValidator(2), "abc")
        assert (error.code, error.messages) == (
            "max_length",
            ["Ensure this value has at most 2 characters (it has 3)."],
        )

    def test_step(self):
        StepValueValidator(3)(9)
        StepValueValidator(0.1)(0.3)
        error = error_of(StepValueValidator(3), 10)
        assert (error.code, error.messages) == (
            "step_size",
            ["Ensure this value is a multiple of step size 3."],
        )
        StepValueValidator(3, offset=1)(7)
        error = error_of(StepValueValidator(3, offset=1), 9)
        assert error.messages == [
            "Ensure this value is a multiple of step size 3, starting from 1, e.g. 1, 4, 7, and so on."
        ]

    def test_custom_message_and_equality(self):
        assert error_of(MaxValueValidator(1, message="too big"), 2).messages == ["too big"]
        assert MaxValueValidator(1) == MaxValueValidator(1)
        assert MaxValueValidator(1) != MaxValueValidator(2)
        assert MaxValueValidator(1) != MinValueValidator(1)
        assert BaseValidator(1).deconstruct()[2] == {}


class TestDecimalValidator:
    @pytest.mark.parametrize(
        "max_digits,places,value,code,message",
        [
            (
                6,
                2,
                Decimal("123.456"),
                "max_decimal_places",
                "Ensure that there are no more than 2 decimal places.",
            ),
            (
                5,
                2,
                Decimal("1234.5"),
                "max_whole_digits",
                "Ensure that there are no more than 3 digits before the decimal point.",
            ),
            (3, None, Decimal("1234"), "max_digits", "Ensure that there are no more than 3 digits in total."),
            (1, 0, Decimal("12"), "max_digits", "Ensure that there are no more than 1 digit in total."),
            (
                5,
                1,
                Decimal("0.01"),
                "max_decimal_places",
                "Ensure that there are no more than 1 decimal place.",
            ),
            (5, 2, Decimal("NaN"), "invalid", "Enter a number."),
            (5, 2, Decimal("Infinity"), "invalid", "Enter a number."),
            (5, 2, Decimal("1E+5"), "max_digits", "Ensure that there are no more than 5 digits in total."),
        ],
    )
    def test_errors(self, max_digits, places, value, code, message):
        error = error_of(DecimalValidator(max_digits, places), value)
        assert (error.code, error.messages) == (code, [message])

    @pytest.mark.parametrize("value", ["123.45", "0.01", "0", "-999.99", "1E+2", "0E-2"])
    def test_valid(self, value):
        DecimalValidator(5, 2)(Decimal(value))

    def test_equality(self):
        assert DecimalValidator(5, 2) == DecimalValidator(5, 2)
        assert DecimalValidator(5, 2) != DecimalValidator(5, 3)


class FakeFile:
    def __init__(self, name):
        self.name = name


class TestFileExtensionValidator:
    def test_allowed_and_refused(self):
        validator = FileExtensionValidator(["TXT", "pdf"])
        validator(FakeFile("notes.txt"))
        validator(FakeFile("dir/Report.PDF"))
        error = error_of(validator, FakeFile("x.exe"))
        assert error.code == "invalid_extension"
        assert error.messages == ["File extension “exe” is not allowed. Allowed extensions are: txt, pdf."]
        error_of(validator, FakeFile("noext"))

    def test_none_allows_everything(self):
        FileExtensionValidator()(FakeFile("anything.xyz"))

    def test_equality(self):
        assert FileExtensionValidator(["a", "b"]) == FileExtensionValidator(["B", "A"])
        assert FileExtensionValidator(["a"]) != FileExtensionValidator(["a"], code="other")


def test_prohibit_null_characters():
    validator = ProhibitNullCharactersValidator()
    validator("fine")
    error = error_of(validator, "bad\x00value")
    assert (error.code, error.messages) == (
        "null_characters_not_allowed",
        ["Null characters are not allowed."],
    )
    assert ProhibitNullCharactersValidator() == ProhibitNullCharactersValidator()


class TestDomainName:
    def test_valid_and_invalid(self):
        for good in ("example.com", "sub.example.co.uk", "xn--bcher-kva.example", "bücher.example"):
            validate_domain_name(good)
        for bad in ("", "example", "-bad.com", "bad-.com", "a..com", "x" * 300 + ".com", None):
            error = error_of(validate_domain_name, bad)
            assert error.messages == ["Enter a valid domain name."]

    def test_ascii_only(self):
        validator = DomainNameValidator(accept_idna=False)
        validator("example.com")
        error_of(validator, "bücher.example")
