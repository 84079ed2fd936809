"""The host's fully qualified name (for Message-ID), looked up once and only when first needed."""

from __future__ import annotations

import socket

from django.utils.encoding import punycode


class CachedDnsName:
    def __str__(self) -> str:
        return self.get_fqdn()

    def get_fqdn(self) -> str:
        if not hasattr(self, "_fqdn"):
            self._fqdn = punycode(socket.getfqdn())
        return self._fqdn


DNS_NAME = CachedDnsName()
