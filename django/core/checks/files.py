"""Checks of file-upload settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks.messages import Error
from django.core.checks.registry import Tags, register


@register(Tags.files)
def check_setting_file_upload_temp_dir(app_configs: Any, **kwargs: Any) -> list[Error]:
    temp_dir = settings.FILE_UPLOAD_TEMP_DIR
    if temp_dir and not Path(temp_dir).exists():
        return [
            Error(
                f"The FILE_UPLOAD_TEMP_DIR setting refers to the nonexistent directory '{temp_dir}'.",
                id="files.E001",
            )
        ]
    return []
