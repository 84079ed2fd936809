"""``manage.py dbshell`` for PostgreSQL: psql, with libpq environment variables."""

from __future__ import annotations

import signal

from django.db.backends.base.client import BaseDatabaseClient

_ENV_OPTIONS = {
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


class DatabaseClient(BaseDatabaseClient):
    executable_name = "psql"

    @classmethod
    def settings_to_cmd_args_env(
        cls, settings_dict: dict, parameters: list[str]
    ) -> tuple[list[str], dict | None]:
        options = settings_dict.get("OPTIONS", {})
        args = [cls.executable_name]
        if settings_dict.get("USER"):
            args += ["-U", settings_dict["USER"]]
        if settings_dict.get("HOST"):
            args += ["-h", settings_dict["HOST"]]
        if settings_dict.get("PORT"):
            args += ["-p", str(settings_dict["PORT"])]
        dbname = settings_dict.get("NAME") or options.get("database")
        if not dbname and not options.get("service"):
            dbname = "postgres"
        if dbname:
            args.append(dbname)
        args.extend(parameters)
        env = {}
        if settings_dict.get("PASSWORD"):
            env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
        for option, variable in _ENV_OPTIONS.items():
            if options.get(option):
                env[variable] = str(options[option])
        return args, (env or None)

    def runshell(self, parameters: list[str]) -> None:
        # Ctrl-C should cancel the query in psql, not kill this process.
        previous = signal.getsignal(signal.SIGINT)
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            super().runshell(parameters)
        finally:
            signal.signal(signal.SIGINT, previous)
