"""manage.py createsuperuser: interactively, or from --noinput options and DJANGO_SUPERUSER_* variables."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.management import get_default_username
from django.contrib.auth.password_validation import validate_password
from django.core import exceptions
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.functional import cached_property
from django.utils.text import capfirst


class NotRunningInTTYException(Exception):
    pass


PASSWORD_FIELD = "password"


class Command(BaseCommand):
    help = "Used to create a superuser."
    requires_migrations_checks = True
    stealth_options = ("stdin",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.UserModel = get_user_model()
        self.username_field = self.UserModel._meta.get_field(self.UserModel.USERNAME_FIELD)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            f"--{self.UserModel.USERNAME_FIELD}", help="Specifies the login for the superuser."
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Tells Django to NOT prompt the user for input of any kind. You must use --%s with "
            "--noinput, along with an option for any other required field. Superusers created with "
            "--noinput will not be able to log in until they're given a valid password."
            % self.UserModel.USERNAME_FIELD,
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Specifies the database to use. Default is "default".',
        )
        for field_name in self.UserModel.REQUIRED_FIELDS:
            field = self.UserModel._meta.get_field(field_name)
            if field.many_to_many:
                parser.add_argument(
                    f"--{field_name}",
                    action="append",
                    help=f"Specifies the {field_name} for the superuser. Can be used multiple times.",
                )
            else:
                parser.add_argument(f"--{field_name}", help=f"Specifies the {field_name} for the superuser.")

    def execute(self, *args: Any, **options: Any) -> Any:
        self.stdin = options.get("stdin", sys.stdin)
        return super().execute(*args, **options)

    def handle(self, *args: Any, **options: Any) -> None:
        username = options[self.UserModel.USERNAME_FIELD]
        database = options["database"]
        user_data: dict[str, Any] = {}
        verbose_field_name = self.username_field.verbose_name
        try:
            self.UserModel._meta.get_field(PASSWORD_FIELD)
        except exceptions.FieldDoesNotExist:
            pass
        else:
            user_data[PASSWORD_FIELD] = None
        try:
            if options["interactive"]:
                self._interactive(username, database, user_data, options, verbose_field_name)
            else:
                self._non_interactive(username, database, user_data, options)
            self.UserModel._default_manager.db_manager(database).create_superuser(**user_data)
            if options["verbosity"] >= 1:
                self.stdout.write("Superuser created successfully.")
        except KeyboardInterrupt:
            self.stderr.write("\nOperation cancelled.")
            sys.exit(1)
        except exceptions.ValidationError as e:
            raise CommandError("; ".join(e.messages))
        except NotRunningInTTYException:
            self.stdout.write(
                "Superuser creation skipped due to not running in a TTY. You can run `manage.py createsuperuser` "
                "in your project to create one manually."
            )

    def _interactive(
        self, username: Any, database: str, user_data: dict, options: dict, verbose_name: Any
    ) -> None:
        if hasattr(self.stdin, "isatty") and not self.stdin.isatty():  # type: ignore[union-attr]  # hasattr() checked
            raise NotRunningInTTYException
        default_username = get_default_username(database=database)
        if username:
            error = self._validate_username(username, verbose_name, database)
            if error:
                self.stderr.write(error)
                username = None
        elif username == "":
            raise CommandError(f"{capfirst(verbose_name)} cannot be blank.")
        message = self._get_input_message(self.username_field, default_username)
        while username is None:
            username = self.get_input_data(self.username_field, message, default_username)
            if username:
                error = self._validate_username(username, verbose_name, database)
                if error:
                    self.stderr.write(error)
                    username = None
                    continue
        user_data[self.UserModel.USERNAME_FIELD] = username
        for field_name in self.UserModel.REQUIRED_FIELDS:
            field = self.UserModel._meta.get_field(field_name)
            user_data[field_name] = options[field_name]
            while user_data[field_name] is None:
                user_data[field_name] = self.get_input_data(field, self._get_input_message(field))
        while PASSWORD_FIELD in user_data and user_data[PASSWORD_FIELD] is None:
            password = getpass.getpass()
            password2 = getpass.getpass("Password (again): ")
            if password != password2:
                self.stderr.write("Error: Your passwords didn't match.")
                continue
            if password.strip() == "":
                self.stderr.write("Error: Blank passwords aren't allowed.")
                continue
            try:
                validate_password(password2, self.UserModel(**self._fake_user_data(user_data)))
            except exceptions.ValidationError as err:
                self.stderr.write("\n".join(err.messages))
                response = input("Bypass password validation and create user anyway? [y/N]: ")
                if response.lower() != "y":
                    continue
            user_data[PASSWORD_FIELD] = password

    def _non_interactive(self, username: Any, database: str, user_data: dict, options: dict) -> None:
        if PASSWORD_FIELD in user_data and "DJANGO_SUPERUSER_PASSWORD" in os.environ:
            user_data[PASSWORD_FIELD] = os.environ["DJANGO_SUPERUSER_PASSWORD"]
        if username is None:
            username = os.environ.get("DJANGO_SUPERUSER_" + self.UserModel.USERNAME_FIELD.upper())
        if username is None:
            raise CommandError(f"You must use --{self.UserModel.USERNAME_FIELD} with --noinput.")
        error = self._validate_username(username, self.username_field.verbose_name, database)
        if error:
            raise CommandError(error)
        user_data[self.UserModel.USERNAME_FIELD] = self.username_field.clean(username, None)
        for field_name in self.UserModel.REQUIRED_FIELDS:
            env_var = "DJANGO_SUPERUSER_" + field_name.upper()
            value = options[field_name] or os.environ.get(env_var)
            if not value:
                raise CommandError(f"You must use --{field_name} with --noinput.")
            field = self.UserModel._meta.get_field(field_name)
            user_data[field_name] = field.clean(value, None)
        if user_data.get(PASSWORD_FIELD):
            validate_password(user_data[PASSWORD_FIELD], self.UserModel(**self._fake_user_data(user_data)))

    def _fake_user_data(self, user_data: dict) -> dict:
        return {
            k: v
            for k, v in user_data.items()
            if k != PASSWORD_FIELD and not self.UserModel._meta.get_field(k).many_to_many
        }

    def get_input_data(self, field: Any, message: str, default: Any = None) -> Any:
        raw_value = input(message)
        if default and raw_value == "":
            raw_value = default
        try:
            return field.clean(raw_value, None)
        except exceptions.ValidationError as e:
            self.stderr.write("Error: %s" % "; ".join(e.messages))
            return None

    def _get_input_message(self, field: Any, default: Any = None) -> str:
        suffix = ""
        if field.remote_field:
            target = field.m2m_target_field_name() if field.many_to_many else field.remote_field.field_name
            suffix = f" ({field.remote_field.model._meta.object_name}.{target})"
        default_hint = f" (leave blank to use '{default}')" if default else ""
        return f"{capfirst(field.verbose_name)}{default_hint}{suffix}: "

    @cached_property
    def username_is_unique(self) -> bool:
        if self.username_field.unique:
            return True
        return any(
            len(c.fields) == 1 and c.fields[0] == self.username_field.name
            for c in self.UserModel._meta.total_unique_constraints
        )

    def _validate_username(self, username: Any, verbose_field_name: Any, database: str) -> str | None:
        if self.username_is_unique:
            try:
                self.UserModel._default_manager.db_manager(database).get_by_natural_key(username)
            except self.UserModel.DoesNotExist:
                pass
            else:
                return f"Error: That {verbose_field_name} is already taken."
        if not username:
            return f"{capfirst(verbose_field_name)} cannot be blank."
        try:
            self.username_field.clean(username, None)
        except exceptions.ValidationError as e:
            return "; ".join(e.messages)
        return None
