"""Cached access to django.conf.settings for hot paths in lower layers.

utils sits below conf, so it may not import settings at module import time;
an import statement inside a hot function costs more than the work itself.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def conf_settings() -> Any:
    from django.conf import settings

    return settings
