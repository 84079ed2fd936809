from django.core.exceptions import BadRequest, SuspiciousOperation


class InvalidSessionKey(SuspiciousOperation):
    """Invalid characters in session key."""


class SuspiciousSession(SuspiciousOperation):
    """The session may be tampered with."""


class SessionInterrupted(BadRequest):
    """The session was interrupted (deleted by a concurrent request)."""
