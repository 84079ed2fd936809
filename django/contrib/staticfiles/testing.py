"""StaticLiveServerTestCase: a live server that also serves static files from the finders."""

from __future__ import annotations

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test import LiveServerTestCase


class StaticLiveServerTestCase(LiveServerTestCase):
    static_handler = StaticFilesHandler
