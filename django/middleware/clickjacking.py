"""XFrameOptionsMiddleware: sets X-Frame-Options unless the view is exempt."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.deprecation import MiddlewareMixin


class XFrameOptionsMiddleware(MiddlewareMixin):
    def process_response(self, request: Any, response: Any) -> Any:
        if "X-Frame-Options" in response.headers or getattr(response, "xframe_options_exempt", False):
            return response
        response.headers["X-Frame-Options"] = self.get_xframe_options_value(request, response)
        return response

    def get_xframe_options_value(self, request: Any, response: Any) -> str:
        """The header value (X_FRAME_OPTIONS, default DENY); override to vary it per request."""
        return getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
