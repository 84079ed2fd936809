"""The default CSRF failure view (CSRF_FAILURE_VIEW)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponseForbidden
from django.utils.html import escape

CSRF_FAILURE_TEMPLATE_NAME = "403_csrf.html"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="NONE,NOARCHIVE">
<title>403 Forbidden</title></head>
<body>
<h1>Forbidden <span>(403)</span></h1>
<p>CSRF verification failed. Request aborted.</p>
{detail}
</body>
</html>
"""

_DEBUG_DETAIL = """<h2>Reason given for failure:</h2>
<pre>{reason}</pre>
<p>Django protects forms against cross-site request forgery. Check that the form carries the
<code>{{% csrf_token %}}</code> tag, that the view renders it with the request, that the
browser accepts cookies from this site, and that the site is in CSRF_TRUSTED_ORIGINS when the
request comes from another origin.</p>
<p>You see this explanation because DEBUG = True.</p>
"""

_COOKIE_HINT = (
    "<p>This site needs a CSRF cookie when submitting forms. Please enable cookies for this site "
    "(or at least for this site or same-origin requests).</p>"
)


def _render_template(template_name: str, context: dict[str, Any]) -> str | None:
    """Render a project template if one exists; None to use the built-in page."""
    if not getattr(settings, "TEMPLATES", None):
        return None
    try:
        from django.template import TemplateDoesNotExist, loader
    except ImportError:
        return None
    try:
        template = loader.get_template(template_name)
    except TemplateDoesNotExist:
        if template_name != CSRF_FAILURE_TEMPLATE_NAME:
            raise
        return None
    return template.render(context)


def csrf_failure(request: Any, reason: str = "", template_name: str = CSRF_FAILURE_TEMPLATE_NAME) -> Any:
    """Answer 403 when a request fails CSRF verification."""
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER

    context = {
        "title": "Forbidden",
        "main": "CSRF verification failed. Request aborted.",
        "reason": reason,
        "no_referer": reason == REASON_NO_REFERER,
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "DEBUG": settings.DEBUG,
    }
    rendered = _render_template(template_name, context)
    if rendered is None:
        detail = _DEBUG_DETAIL.format(reason=escape(reason)) if settings.DEBUG else ""
        if context["no_cookie"]:
            detail = _COOKIE_HINT + detail
        rendered = _PAGE.format(detail=detail)
    return HttpResponseForbidden(rendered)
