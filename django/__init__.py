"""Reinhardt: a from-scratch implementation of the Django 6.0 API."""

from __future__ import annotations

VERSION = (6, 0, 0, "final", 0)
__version__ = "6.0"


def get_version(version: tuple | None = None) -> str:
    """Return a PEP 440 version string for a VERSION tuple (default: ours)."""
    major, minor, micro, release, serial = version or VERSION
    main = f"{major}.{minor}" if micro == 0 else f"{major}.{minor}.{micro}"
    suffixes = {"alpha": "a", "beta": "b", "rc": "rc"}
    if release == "final":
        return main
    if release == "alpha" and serial == 0:
        return f"{main}.dev0"
    return f"{main}{suffixes[release]}{serial}"


def setup(set_prefix: bool = True) -> None:
    """Configure logging, set the script prefix and populate the app registry."""
    from django.apps import apps
    from django.conf import settings
    from django.utils.log import configure_logging

    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    if set_prefix:
        from django.urls import set_script_prefix

        script_name = settings.FORCE_SCRIPT_NAME
        set_script_prefix("/" if script_name is None else script_name)
    apps.populate(settings.INSTALLED_APPS)
