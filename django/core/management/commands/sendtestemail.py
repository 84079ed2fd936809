"""``manage.py sendtestemail``: send a test message to the given addresses, ADMINS or MANAGERS."""

from __future__ import annotations

import socket
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Sends a test email to the email addresses specified as arguments."
    missing_args_message = (
        "You must specify some email recipients, or pass the --managers or --admin options."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email", nargs="*", help="One or more email addresses to send a test email to.")
        parser.add_argument(
            "--managers",
            action="store_true",
            help="Send a test email to the addresses specified in settings.MANAGERS.",
        )
        parser.add_argument(
            "--admins",
            action="store_true",
            help="Send a test email to the addresses specified in settings.ADMINS.",
        )

    def handle(self, *args: Any, **kwargs: Any) -> None:
        from django.core.mail import mail_admins, mail_managers, send_mail
        from django.utils import timezone

        recipients = kwargs["email"]
        if not (recipients or kwargs["managers"] or kwargs["admins"]):
            raise CommandError(self.missing_args_message)
        subject = f"Test email from {socket.gethostname()} on {timezone.now()}"
        body = "If you're reading this, it was successful."
        if recipients:
            send_mail(subject=subject, message=body, from_email=None, recipient_list=recipients)
        if kwargs["managers"]:
            mail_managers(subject, "This email was sent to the site managers.")
        if kwargs["admins"]:
            mail_admins(subject, "This email was sent to the site admins.")
