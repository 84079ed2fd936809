"""IPv6 validation and normalisation (compressed form, IPv4-mapped handling)."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_IPV6_ADDRESS_LENGTH = 39


def _ipv6_address_from_str(ip_str: str, max_length: int = MAX_IPV6_ADDRESS_LENGTH) -> ipaddress.IPv6Address:
    if len(ip_str) > max_length:
        raise ValueError(f"Unable to convert {ip_str} to an IPv6 address (value too long).")
    # Going through int() drops any %scope suffix.
    return ipaddress.IPv6Address(int(ipaddress.IPv6Address(ip_str)))


def clean_ipv6_address(
    ip_str: str,
    unpack_ipv4: bool = False,
    error_message: Any = _("This is not a valid IPv6 address."),
    max_length: int = MAX_IPV6_ADDRESS_LENGTH,
) -> str:
    """The compressed, lowercase form of an IPv6 address; IPv4-mapped
    addresses keep the dotted form ('::ffff:10.0.0.1', or '10.0.0.1' with
    ``unpack_ipv4``). ValidationError (code 'invalid') if not an address."""
    try:
        address = _ipv6_address_from_str(ip_str, max_length)
    except ValueError:
        raise ValidationError(error_message, code="invalid", params={"protocol": _("IPv6")})
    mapped = address.ipv4_mapped
    if mapped is not None:
        return str(mapped) if unpack_ipv4 else f"::ffff:{mapped}"
    return str(address)


def is_valid_ipv6_address(ip_addr: Any) -> bool:
    """True for a valid IPv6 address string (or IPv6Address)."""
    if isinstance(ip_addr, ipaddress.IPv6Address):
        return True
    try:
        _ipv6_address_from_str(ip_addr)
    except (TypeError, ValueError):
        return False
    return True
