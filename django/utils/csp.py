"""Content Security Policy constants, the lazy per-request nonce, and policy building."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.utils.functional import SimpleLazyObject, empty


class CSP(StrEnum):
    """Source expression keywords (quoted as the CSP grammar requires), the
    header names, and the NONCE placeholder replaced per request."""

    HEADER_ENFORCE = "Content-Security-Policy"
    HEADER_REPORT_ONLY = "Content-Security-Policy-Report-Only"

    NONE = "'none'"
    REPORT_SAMPLE = "'report-sample'"
    SELF = "'self'"
    STRICT_DYNAMIC = "'strict-dynamic'"
    UNSAFE_EVAL = "'unsafe-eval'"
    UNSAFE_HASHES = "'unsafe-hashes'"
    UNSAFE_INLINE = "'unsafe-inline'"
    WASM_UNSAFE_EVAL = "'wasm-unsafe-eval'"

    NONCE = "<CSP_NONCE_SENTINEL>"


class LazyNonce(SimpleLazyObject):
    """A random nonce made only when first used (e.g. by ``{{ csp_nonce }}``).

    ``bool(nonce)`` tells whether it has been made, without making it.
    """

    def __init__(self) -> None:
        super().__init__(lambda: secrets.token_urlsafe(16))

    def __bool__(self) -> bool:
        return self._wrapped is not empty


def _directive_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (set, frozenset)):
        return sorted(str(item) for item in value)
    return [str(item) for item in value]


def build_policy(config: Mapping[str, Any], nonce: Any = None) -> str:
    """Render a policy dict as a header value: 'directive v1 v2; ...'.

    ``True`` values give a bare directive, ``False``/``None`` omit it;
    CSP.NONCE becomes 'nonce-<value>' (or is dropped without a nonce).
    """
    directives = []
    for directive, value in config.items():
        if value is None or value is False:
            continue
        if value is True:
            directives.append(directive)
            continue
        rendered = []
        for item in _directive_values(value):
            if item == CSP.NONCE:
                if nonce is None:
                    continue
                item = f"'nonce-{nonce}'"
            rendered.append(item)
        directives.append(" ".join([directive, *rendered]) if rendered else directive)
    return "; ".join(directives)
