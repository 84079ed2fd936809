"""manage.py changepassword [username]."""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

UserModel = get_user_model()


class Command(BaseCommand):
    help = "Change a user's password for django.contrib.auth."
    requires_migrations_checks = True
    requires_system_checks: list = []

    def _get_pass(self, prompt: str = "Password: ") -> str:
        p = getpass.getpass(prompt=prompt)
        if not p:
            raise CommandError("aborted")
        return p

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "username",
            nargs="?",
            help="Username to change password for; by default, it's the current username.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Specifies the database to use. Default is "default".',
        )

    def handle(self, *args: Any, **options: Any) -> str:
        username = options["username"] or getpass.getuser()
        try:
            u = UserModel._default_manager.using(options["database"]).get(
                **{UserModel.USERNAME_FIELD: username}
            )
        except UserModel.DoesNotExist:
            raise CommandError(f"user '{username}' does not exist")
        self.stdout.write(f"Changing password for user '{u}'")
        max_tries = 3
        count = 0
        p1, p2 = "1", "2"
        password_validated = False
        while (p1 != p2 or not password_validated) and count < max_tries:
            p1 = self._get_pass()
            p2 = self._get_pass("Password (again): ")
            if p1 != p2:
                self.stdout.write("Passwords do not match. Please try again.")
                count += 1
                continue
            try:
                validate_password(p2, u)
            except ValidationError as err:
                self.stderr.write("\n".join(err.messages))
                count += 1
            else:
                password_validated = True
        if count == max_tries:
            raise CommandError(f"Aborting password change for user '{u}' after {count} attempts")
        u.set_password(p1)
        u.save()
        return f"Password changed successfully for user '{u}'"
