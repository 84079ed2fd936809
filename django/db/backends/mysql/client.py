"""``manage.py dbshell`` for MySQL/MariaDB: the mariadb (or mysql) client."""

from __future__ import annotations

import shutil
import signal

from django.db.backends.base.client import BaseDatabaseClient


class DatabaseClient(BaseDatabaseClient):
    executable_name = "mysql"

    @classmethod
    def settings_to_cmd_args_env(
        cls, settings_dict: dict, parameters: list[str]
    ) -> tuple[list[str], dict | None]:
        options = settings_dict.get("OPTIONS", {})
        program = "mariadb" if shutil.which("mariadb") else cls.executable_name
        args = [program]
        env = None
        database = options.get("database", options.get("db", settings_dict.get("NAME")))
        user = options.get("user", settings_dict.get("USER"))
        password = options.get("password", options.get("passwd", settings_dict.get("PASSWORD")))
        host = options.get("host", settings_dict.get("HOST"))
        port = options.get("port", settings_dict.get("PORT"))
        if options.get("read_default_file"):
            # Must be the first option given to the client.
            args.append(f"--defaults-file={options['read_default_file']}")
        if user:
            args.append(f"--user={user}")
        if password:
            env = {"MYSQL_PWD": str(password)}  # not on the command line, where ps would show it
        if host:
            args.append(f"--socket={host}" if "/" in host else f"--host={host}")
        if port:
            args.append(f"--port={port}")
        charset = options.get("charset")
        if charset:
            args.append(f"--default-character-set={charset}")
        ssl = options.get("ssl", {})
        for key in ("ca", "cert", "key"):
            if ssl.get(key):
                args.append(f"--ssl-{key}={ssl[key]}")
        if database:
            args.append(database)
        args.extend(parameters)
        return args, env

    def runshell(self, parameters: list[str]) -> None:
        previous = signal.getsignal(signal.SIGINT)
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            super().runshell(parameters)
        finally:
            signal.signal(signal.SIGINT, previous)
