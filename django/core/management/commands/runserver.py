"""runserver: the threaded development server, with auto-reload."""

from __future__ import annotations

import errno
import os
import re
import socket
import sys
from datetime import datetime
from typing import Any

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.servers.basehttp import WSGIServer, get_internal_wsgi_application, run
from django.utils import autoreload

# "8000", "127.0.0.1:8000", "[::1]:8000", "localhost:8000", "[::1]" ...
ADDRPORT_RE = re.compile(
    r"""^(?:
        (?P<addr>
            (?P<ipv4>\d{1,3}(?:\.\d{1,3}){3}) |
            (?:\[(?P<ipv6>[a-fA-F0-9:]+)\]) |
            (?P<fqdn>[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)
        ):)?(?P<port>\d+)$""",
    re.VERBOSE,
)
ERROR_MESSAGES = {
    errno.EACCES: "You don't have permission to access that port.",
    errno.EADDRINUSE: "That port is already in use.",
    errno.EADDRNOTAVAIL: "That IP address can't be assigned to.",
}


class Command(BaseCommand):
    help = "Starts a lightweight web server for development."

    # The checks run inside the server thread (so the reloader survives errors), not before it.
    requires_system_checks: list[str] = []
    stealth_options = ("shutdown_message",)
    suppressed_base_arguments = {"--verbosity", "--traceback"}

    default_addr = "127.0.0.1"
    default_addr_ipv6 = "::1"
    default_port = "8000"
    protocol = "http"
    server_cls = WSGIServer

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", help="Optional port number, or ipaddr:port")
        parser.add_argument(
            "--ipv6", "-6", action="store_true", dest="use_ipv6", help="Tells Django to use an IPv6 address."
        )
        parser.add_argument(
            "--nothreading",
            action="store_false",
            dest="use_threading",
            help="Tells Django to NOT use threading.",
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Tells Django to NOT use the auto-reloader.",
        )
        parser.add_argument("--skip-checks", action="store_true", help="Skip system checks.")

    def execute(self, *args: Any, **options: Any) -> Any:
        if options["no_color"]:
            # The request log goes through logging; its formatter reads this to pick plain output.
            os.environ["DJANGO_COLORS"] = "nocolor"
        return super().execute(*args, **options)

    def get_handler(self, *args: Any, **options: Any) -> Any:
        """The WSGI application to serve (overridden by staticfiles to also serve static files)."""
        return get_internal_wsgi_application()

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not settings.ALLOWED_HOSTS:
            raise CommandError("You must set settings.ALLOWED_HOSTS if DEBUG is False.")
        self.use_ipv6 = options["use_ipv6"]
        if self.use_ipv6 and not socket.has_ipv6:
            raise CommandError("Your Python does not support IPv6.")
        self._parse_addrport(options.get("addrport"))
        self.run(**options)

    def _parse_addrport(self, addrport: str | None) -> None:
        self._raw_ipv6 = False
        if not addrport:
            self.addr = ""
            self.port = self.default_port
        else:
            match = ADDRPORT_RE.match(addrport)
            if match is None:
                raise CommandError(f'"{addrport}" is not a valid port number or address:port pair.')
            self.addr, ipv4, ipv6, fqdn, self.port = match.group("addr", "ipv4", "ipv6", "fqdn", "port")
            if not self.port.isdigit() or not 0 < int(self.port) < 65536:
                raise CommandError(f"{self.port!r} is not a valid port number.")
            if self.addr:
                if ipv6:
                    self.addr = self.addr[1:-1]
                    self.use_ipv6 = True
                    self._raw_ipv6 = True
                elif self.use_ipv6 and not fqdn:
                    raise CommandError(f'"{self.addr}" is not a valid IPv6 address.')
        if not self.addr:
            self.addr = self.default_addr_ipv6 if self.use_ipv6 else self.default_addr
            self._raw_ipv6 = self.use_ipv6

    def run(self, **options: Any) -> None:
        """Serve, through the auto-reloader unless --noreload."""
        if options["use_reloader"]:
            autoreload.run_with_reloader(self.inner_run, **options)
        else:
            self.inner_run(None, **options)

    def inner_run(self, *args: Any, **options: Any) -> None:
        # An error while Django was set up (in the reloader's child) is raised here, in this thread.
        autoreload.raise_last_exception()
        threading = options["use_threading"]
        shutdown_message = options.get("shutdown_message", "")
        if not options["skip_checks"]:
            self.stdout.write("Performing system checks...\n\n")
            self.check(display_num_errors=True)
        self.check_migrations()
        self.print_banner()
        try:
            handler = self.get_handler(*args, **options)
            run(
                self.addr,
                int(self.port),
                handler,
                ipv6=self.use_ipv6,
                threading=threading,
                on_bind=self.on_bind,
                server_cls=self.server_cls,
            )
        except OSError as exc:
            message = ERROR_MESSAGES.get(exc.errno or 0, str(exc))
            self.stderr.write(f"Error: {message}")
            os._exit(1)  # also leaves the reloader; a busy port will not free itself
        except KeyboardInterrupt:
            if shutdown_message:
                self.stdout.write(shutdown_message)
            sys.exit(0)

    def print_banner(self) -> None:
        now = datetime.now().strftime("%B %d, %Y - %X")
        self.stdout.write(now)
        self.stdout.write(f"Django version {self.get_version()}, using settings {settings.SETTINGS_MODULE!r}")

    def on_bind(self, server_port: int) -> None:
        """Announce the address once the socket is bound (server_port is real even for port 0)."""
        quit_command = "CTRL-BREAK" if sys.platform == "win32" else "CONTROL-C"
        addr = f"[{self.addr}]" if self._raw_ipv6 else "0.0.0.0" if self.addr == "0" else self.addr
        self.stdout.write(
            f"Starting development server at {self.protocol}://{addr}:{server_port}/\n"
            f"Quit the server with {quit_command}.\n"
        )
        if os.environ.get("DJANGO_RUNSERVER_HIDE_WARNING") == "true":
            self.stdout.flush()
            return
        docs_version = ".".join(str(part) for part in django.VERSION[:2])
        self.stdout.write(
            self.style.WARNING(
                "WARNING: This is a development server. Do not use it in a production setting. "
                "Use a production WSGI or ASGI server instead.\n"
                "For more information on production servers see: "
                f"https://docs.djangoproject.com/en/{docs_version}/howto/deployment/"
            )
        )
        self.stdout.flush()
