"""Reusable validators: callables that raise ValidationError for bad values."""

from __future__ import annotations

import ipaddress
import math
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.encoding import punycode
from django.utils.ipv6 import is_valid_ipv6_address
from django.utils.regex_helper import _lazy_re_compile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# Values considered "empty" by fields: validators are not run on them.
EMPTY_VALUES: tuple[Any, ...] = (None, "", [], (), {})


@deconstructible
class RegexValidator:
    """Valid when ``regex`` is found in str(value) (or not, with ``inverse_match``)."""

    regex: Any = ""
    message: Any = _("Enter a valid value.")
    code = "invalid"
    inverse_match = False
    flags = 0

    def __init__(
        self,
        regex: Any = None,
        message: Any = None,
        code: str | None = None,
        inverse_match: bool | None = None,
        flags: int | None = None,
    ) -> None:
        if regex is not None:
            self.regex = regex
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if inverse_match is not None:
            self.inverse_match = inverse_match
        if flags is not None:
            self.flags = flags
        if self.flags and not isinstance(self.regex, str):
            raise TypeError("If the flags are set, regex must be a regular expression string.")
        self.regex = _lazy_re_compile(self.regex, self.flags)

    def __call__(self, value: Any) -> None:
        matched = self.regex.search(str(value))
        invalid = bool(matched) if self.inverse_match else not matched
        if invalid:
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, RegexValidator)
            and self.regex.pattern == other.regex.pattern
            and self.regex.flags == other.regex.flags
            and self.message == other.message
            and self.code == other.code
            and self.inverse_match == other.inverse_match
        )

    __hash__ = object.__hash__


# Pieces of host names (RFC 1034/1123), accepting Unicode letters for IDNs.
_UL = "\u00a1-\uffff"
_LABEL = rf"[a-z{_UL}0-9](?:[a-z{_UL}0-9-]{{0,61}}[a-z{_UL}0-9])?"
_DOMAIN_TAIL = rf"(?:\.(?!-)[a-z{_UL}0-9-]{{1,63}}(?<!-))*"
_TLD = rf"\.(?!-)(?:[a-z{_UL}-]{{2,63}}|xn--[a-z0-9]{{1,59}})(?<!-)\.?"
_HOST = rf"(?:{_LABEL}{_DOMAIN_TAIL}{_TLD}|localhost)"
_IPV4 = r"(?:\d{1,3}(?:\.\d{1,3}){3})"
_IPV6 = r"\[[0-9a-f:.]+\]"


@deconstructible
class DomainNameValidator(RegexValidator):
    """A fully qualified domain name; with ``accept_idna=False`` ASCII only."""

    message = _("Enter a valid domain name.")
    max_length = 255

    def __init__(self, **kwargs: Any) -> None:
        self.accept_idna = kwargs.pop("accept_idna", True)
        if self.accept_idna:
            self.regex = rf"^{_LABEL}{_DOMAIN_TAIL}{_TLD}\Z"
        else:
            ascii_label = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
            ascii_tail = r"(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*"
            ascii_tld = r"\.(?!-)(?:[a-z-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\.?"
            self.regex = rf"^{ascii_label}{ascii_tail}{ascii_tld}\Z"
        kwargs.setdefault("flags", re.IGNORECASE)
        super().__init__(**kwargs)

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str) or len(value) > self.max_length:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if not self.accept_idna and not value.isascii():
            raise ValidationError(self.message, code=self.code, params={"value": value})
        super().__call__(value)


validate_domain_name = DomainNameValidator()


@deconstructible
class URLValidator(RegexValidator):
    """An absolute URL with one of ``schemes``, a host (name, IPv4, [IPv6] or
    localhost), optional port, path, query and fragment."""

    regex = (
        r"^(?:[a-z0-9.+-]*)://"
        r"(?:[^\s:@/]+(?::[^\s:@/]*)?@)?"
        rf"(?:{_IPV4}|{_IPV6}|{_HOST})"
        r"(?::[0-9]{1,5})?"
        r"(?:[/?#][^\s]*)?"
        r"\Z"
    )
    flags = re.IGNORECASE
    message = _("Enter a valid URL.")
    schemes = ["http", "https", "ftp", "ftps"]
    unsafe_chars = frozenset("\t\r\n")
    max_length = 2048

    def __init__(self, schemes: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if schemes is not None:
            self.schemes = schemes

    def _fail(self, value: Any) -> ValidationError:
        return ValidationError(self.message, code=self.code, params={"value": value})

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str) or len(value) > self.max_length:
            raise self._fail(value)
        if self.unsafe_chars.intersection(value):
            raise self._fail(value)
        scheme = value.split("://")[0].lower()
        if scheme not in self.schemes:
            raise self._fail(value)
        try:
            parts = urlsplit(value)
        except ValueError:
            raise self._fail(value)
        if not self.regex.search(value) and not self._matches_as_idna(value, parts):  # type: ignore[attr-defined]
            raise self._fail(value)
        self._check_host(value, parts)

    def _matches_as_idna(self, value: str, parts: Any) -> bool:
        try:
            netloc = punycode(parts.netloc)
        except UnicodeError:
            return False
        candidate = value.replace(parts.netloc, netloc, 1)
        return bool(self.regex.search(candidate))  # type: ignore[attr-defined]

    def _check_host(self, value: str, parts: Any) -> None:
        host_match = re.search(r"^\[(.+)\](?::[0-9]{1,5})?$", parts.netloc.rsplit("@", 1)[-1])
        if host_match and not is_valid_ipv6_address(host_match[1]):
            raise self._fail(value)
        hostname = parts.hostname or ""
        if re.fullmatch(_IPV4, hostname):
            try:
                ipaddress.IPv4Address(hostname)
            except ValueError:
                raise self._fail(value)
        # The full host name may be at most 253 characters (RFC 1034).
        if len(hostname) > 253:
            raise self._fail(value)


integer_validator = RegexValidator(
    _lazy_re_compile(r"^-?\d+\Z"), message=_("Enter a valid integer."), code="invalid"
)


def validate_integer(value: Any) -> None:
    return integer_validator(value)


_ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
_QUOTED_LOCAL = r'"(?:[\x01-\x08\x0b\x0c\x0e-\x1f\x21\x23-\x5b\x5d-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*"'


@deconstructible
class EmailValidator:
    """An address 'user@domain' (dot-atom or quoted user part; domain name,
    allowlisted name such as localhost, or [IP literal]); at most 320 characters."""

    message = _("Enter a valid email address.")
    code = "invalid"
    # RFC 5322 local part: a dot-atom, or a quoted string of printable ASCII
    # (backslash escapes allowed, CR/LF not).
    user_regex = _lazy_re_compile(
        rf"^(?:{_ATOM}(?:\.{_ATOM})*|{_QUOTED_LOCAL})\Z",
        re.IGNORECASE,
    )
    domain_regex = _lazy_re_compile(
        r"((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+)(?:[a-z0-9-]{2,63}(?<!-))\Z",
        re.IGNORECASE,
    )
    literal_regex = _lazy_re_compile(r"\[([a-f0-9:.]+)\]\Z", re.IGNORECASE)
    domain_allowlist = ["localhost"]

    def __init__(
        self, message: Any = None, code: str | None = None, allowlist: list[str] | None = None
    ) -> None:
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if allowlist is not None:
            self.domain_allowlist = allowlist

    def __call__(self, value: Any) -> None:
        if not value or not isinstance(value, str) or "@" not in value or len(value) > 320:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        user_part, domain_part = value.rsplit("@", 1)
        if not self.user_regex.match(user_part):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if domain_part in self.domain_allowlist or self.validate_domain_part(domain_part):
            return
        try:
            ascii_domain = punycode(domain_part)
        except UnicodeError:
            pass
        else:
            if self.validate_domain_part(ascii_domain):
                return
        raise ValidationError(self.message, code=self.code, params={"value": value})

    def validate_domain_part(self, domain_part: str) -> bool:
        if self.domain_regex.match(domain_part):
            return True
        literal = self.literal_regex.match(domain_part)
        if literal:
            try:
                validate_ipv46_address(literal[1])
                return True
            except ValidationError:
                pass
        return False

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, EmailValidator)
            and set(self.domain_allowlist) == set(other.domain_allowlist)
            and self.message == other.message
            and self.code == other.code
        )

    __hash__ = object.__hash__


validate_email = EmailValidator()

slug_re = _lazy_re_compile(r"^[-a-zA-Z0-9_]+\Z")
validate_slug = RegexValidator(
    slug_re,
    _("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    "invalid",
)
slug_unicode_re = _lazy_re_compile(r"^[-\w]+\Z")
validate_unicode_slug = RegexValidator(
    slug_unicode_re,
    _("Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."),
    "invalid",
)


def validate_ipv4_address(value: Any) -> None:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise ValidationError(
            _("Enter a valid %(protocol)s address."),
            code="invalid",
            params={"protocol": _("IPv4"), "value": value},
        )


def validate_ipv6_address(value: Any) -> None:
    if not is_valid_ipv6_address(value):
        raise ValidationError(
            _("Enter a valid %(protocol)s address."),
            code="invalid",
            params={"protocol": _("IPv6"), "value": value},
        )


def validate_ipv46_address(value: Any) -> None:
    try:
        validate_ipv4_address(value)
    except ValidationError:
        try:
            validate_ipv6_address(value)
        except ValidationError:
            raise ValidationError(
                _("Enter a valid %(protocol)s address."),
                code="invalid",
                params={"protocol": _("IPv4 or IPv6"), "value": value},
            )


ip_address_validator_map = {
    "both": [validate_ipv46_address],
    "ipv4": [validate_ipv4_address],
    "ipv6": [validate_ipv6_address],
}


def ip_address_validators(protocol: str, unpack_ipv4: bool) -> list:
    """The validators for a GenericIPAddressField's ``protocol``."""
    if protocol != "both" and unpack_ipv4:
        raise ValueError("You can only use `unpack_ipv4` if `protocol` is set to 'both'")
    try:
        return ip_address_validator_map[protocol.lower()]
    except KeyError:
        raise ValueError(f"The protocol '{protocol}' is unknown. Supported: {list(ip_address_validator_map)}")


def int_list_validator(
    sep: str = ",", message: Any = None, code: str = "invalid", allow_negative: bool = False
) -> RegexValidator:
    """A RegexValidator for integers separated by ``sep``."""
    neg = "(-)?" if allow_negative else ""
    regex = _lazy_re_compile(rf"^{neg}\d+(?:{re.escape(sep)}{neg}\d+)*\Z")
    return RegexValidator(regex, message=message, code=code)


validate_comma_separated_integer_list = int_list_validator(
    message=_("Enter only digits separated by commas.")
)


@deconstructible
class BaseValidator:
    """Compares ``clean(value)`` with ``limit_value`` (which may be a callable)."""

    message: Any = _("Ensure this value is %(limit_value)s (it is %(show_value)s).")
    code = "limit_value"

    def __init__(self, limit_value: Any, message: Any = None) -> None:
        self.limit_value = limit_value
        if message:
            self.message = message

    def __call__(self, value: Any) -> None:
        cleaned = self.clean(value)
        limit_value = self.limit_value() if callable(self.limit_value) else self.limit_value
        params = {"limit_value": limit_value, "show_value": cleaned, "value": value}
        if self.compare(cleaned, limit_value):
            raise ValidationError(self.message, code=self.code, params=params)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, self.__class__):
            return NotImplemented
        return (
            self.limit_value == other.limit_value
            and self.message == other.message
            and self.code == other.code
        )

    __hash__ = object.__hash__

    def compare(self, a: Any, b: Any) -> bool:
        return a is not b

    def clean(self, x: Any) -> Any:
        return x


@deconstructible
class MaxValueValidator(BaseValidator):
    message = _("Ensure this value is less than or equal to %(limit_value)s.")
    code = "max_value"

    def compare(self, a: Any, b: Any) -> bool:
        return a > b


@deconstructible
class MinValueValidator(BaseValidator):
    message = _("Ensure this value is greater than or equal to %(limit_value)s.")
    code = "min_value"

    def compare(self, a: Any, b: Any) -> bool:
        return a < b


@deconstructible
class StepValueValidator(BaseValidator):
    """The value must be ``offset`` plus a whole multiple of ``limit_value``."""

    message = _("Ensure this value is a multiple of step size %(limit_value)s.")
    code = "step_size"

    def __init__(self, limit_value: Any, message: Any = None, offset: Any = None) -> None:
        super().__init__(limit_value, message)
        if offset is not None and not message:
            self.message = _(
                "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, "
                "e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on."
            )
        self.offset = offset

    def __call__(self, value: Any) -> None:
        offset = 0 if self.offset is None else self.offset
        limit_value = self.limit_value() if callable(self.limit_value) else self.limit_value
        if self.compare(value - offset, limit_value):
            params = {
                "limit_value": limit_value,
                "offset": offset,
                "valid_value1": offset + limit_value,
                "valid_value2": offset + 2 * limit_value,
                "show_value": value,
                "value": value,
            }
            raise ValidationError(self.message, code=self.code, params=params)

    def compare(self, a: Any, b: Any) -> bool:
        return not math.isclose(math.remainder(a, b), 0, abs_tol=1e-9)


@deconstructible
class MinLengthValidator(BaseValidator):
    message = ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    )
    code = "min_length"

    def compare(self, a: Any, b: Any) -> bool:
        return a < b

    def clean(self, x: Any) -> int:
        return len(x)


@deconstructible
class MaxLengthValidator(BaseValidator):
    message = ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    )
    code = "max_length"

    def compare(self, a: Any, b: Any) -> bool:
        return a > b

    def clean(self, x: Any) -> int:
        return len(x)


@deconstructible
class DecimalValidator:
    """A Decimal with at most ``max_digits`` digits, ``decimal_places``
    decimals, and so at most max_digits - decimal_places whole digits."""

    messages = {
        "invalid": _("Enter a number."),
        "max_digits": ngettext_lazy(
            "Ensure that there are no more than %(max)s digit in total.",
            "Ensure that there are no more than %(max)s digits in total.",
            "max",
        ),
        "max_decimal_places": ngettext_lazy(
            "Ensure that there are no more than %(max)s decimal place.",
            "Ensure that there are no more than %(max)s decimal places.",
            "max",
        ),
        "max_whole_digits": ngettext_lazy(
            "Ensure that there are no more than %(max)s digit before the decimal point.",
            "Ensure that there are no more than %(max)s digits before the decimal point.",
            "max",
        ),
    }

    def __init__(self, max_digits: int | None, decimal_places: int | None) -> None:
        self.max_digits = max_digits
        self.decimal_places = decimal_places

    def __call__(self, value: Any) -> None:
        digit_tuple, exponent = value.as_tuple()[1:]
        if exponent in {"F", "n", "N"}:
            raise ValidationError(self.messages["invalid"], code="invalid", params={"value": value})
        if exponent >= 0:
            digits = len(digit_tuple) + (exponent if digit_tuple != (0,) else 0)
            decimals = 0
        elif abs(exponent) > len(digit_tuple):
            # 0.0001 has 4 decimals (and so 4 digits) though only one is stored.
            digits = decimals = abs(exponent)
        else:
            digits = len(digit_tuple)
            decimals = abs(exponent)
        whole_digits = digits - decimals
        if self.max_digits is not None and digits > self.max_digits:
            raise ValidationError(
                self.messages["max_digits"],
                code="max_digits",
                params={"max": self.max_digits, "value": value},
            )
        if self.decimal_places is not None and decimals > self.decimal_places:
            raise ValidationError(
                self.messages["max_decimal_places"],
                code="max_decimal_places",
                params={"max": self.decimal_places, "value": value},
            )
        if (
            self.max_digits is not None
            and self.decimal_places is not None
            and whole_digits > (self.max_digits - self.decimal_places)
        ):
            raise ValidationError(
                self.messages["max_whole_digits"],
                code="max_whole_digits",
                params={"max": (self.max_digits - self.decimal_places), "value": value},
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, self.__class__)
            and self.max_digits == other.max_digits
            and self.decimal_places == other.decimal_places
        )

    __hash__ = object.__hash__


@deconstructible
class FileExtensionValidator:
    """The uploaded file's name must end in one of ``allowed_extensions``
    (case-insensitive; None allows everything)."""

    message = _(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."
    )
    code = "invalid_extension"

    def __init__(self, allowed_extensions: Any = None, message: Any = None, code: str | None = None) -> None:
        if allowed_extensions is not None:
            allowed_extensions = [ext.lower() for ext in allowed_extensions]
        self.allowed_extensions = allowed_extensions
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value: Any) -> None:
        extension = Path(value.name).suffix[1:].lower()
        if self.allowed_extensions is not None and extension not in self.allowed_extensions:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "extension": extension,
                    "allowed_extensions": ", ".join(self.allowed_extensions),
                    "value": value,
                },
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, self.__class__)
            and set(self.allowed_extensions or []) == set(other.allowed_extensions or [])
            and self.message == other.message
            and self.code == other.code
        )

    __hash__ = object.__hash__


def get_available_image_extensions() -> list[str]:
    """File extensions Pillow can open ([] without Pillow)."""
    try:
        from PIL import Image
    except ImportError:
        return []
    Image.init()
    return [ext.lower()[1:] for ext in Image.EXTENSION]


def validate_image_file_extension(value: Any) -> None:
    return FileExtensionValidator(allowed_extensions=get_available_image_extensions())(value)


@deconstructible
class ProhibitNullCharactersValidator:
    """Refuse values containing the NUL character."""

    message = _("Null characters are not allowed.")
    code = "null_characters_not_allowed"

    def __init__(self, message: Any = None, code: str | None = None) -> None:
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value: Any) -> None:
        if "\x00" in str(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__) and self.message == other.message and self.code == other.code

    __hash__ = object.__hash__
