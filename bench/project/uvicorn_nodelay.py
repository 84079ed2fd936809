"""uvicorn's command line, with TCP_NODELAY on the listening socket of a multi-worker server.

With --workers N uvicorn binds the socket itself without the TCP protocol number, so asyncio does
not switch Nagle's algorithm off on the accepted connections: every keep-alive response whose
headers and body are written separately then waits ~40 ms for the client's delayed ACK, which caps
any app (even a bare one) near 180 req/s. Linux copies TCP_NODELAY from the listening socket to
the sockets it accepts, so setting it once here gives the workers what a single-process uvicorn has.
Same arguments as `python -m uvicorn`.
"""

import socket
import sys

import uvicorn
from uvicorn.config import Config

_bind_socket = Config.bind_socket


def _bind_socket_nodelay(self: Config) -> socket.socket:
    sock = _bind_socket(self)
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


Config.bind_socket = _bind_socket_nodelay

if __name__ == "__main__":
    sys.exit(uvicorn.main())
