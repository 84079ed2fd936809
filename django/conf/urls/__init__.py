"""Default error handlers named by dotted path; a URLconf overrides them with ``handlerNNN``."""

from django.urls import include

handler400 = "django.views.defaults.bad_request"
handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = "django.views.defaults.server_error"

__all__ = ["handler400", "handler403", "handler404", "handler500", "include"]
