"""FileField and ImageField."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .fields import Field
from .widgets import FILE_INPUT_CONTRADICTION, ClearableFileInput, FileInput


class FileField(Field):
    widget = ClearableFileInput
    default_error_messages = {
        "invalid": _("No file was submitted. Check the encoding type on the form."),
        "missing": _("No file was submitted."),
        "empty": _("The submitted file is empty."),
        "max_length": ngettext_lazy(
            "Ensure this filename has at most %(max)d character (it has %(length)d).",
            "Ensure this filename has at most %(max)d characters (it has %(length)d).",
            "max",
        ),
        "contradiction": _("Please either submit a file or check the clear checkbox, not both."),
    }

    def __init__(
        self, *, max_length: int | None = None, allow_empty_file: bool = False, **kwargs: Any
    ) -> None:
        self.max_length = max_length
        self.allow_empty_file = allow_empty_file
        super().__init__(**kwargs)

    def to_python(self, data: Any) -> Any:
        if data in self.empty_values:
            return None
        try:
            file_name = data.name
            file_size = data.size
        except AttributeError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if self.max_length is not None and len(file_name) > self.max_length:
            params = {"max": self.max_length, "length": len(file_name)}
            raise ValidationError(self.error_messages["max_length"], code="max_length", params=params)
        if not file_name:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not self.allow_empty_file and not file_size:
            raise ValidationError(self.error_messages["empty"], code="empty")
        return data

    def clean(self, data: Any, initial: Any = None) -> Any:  # type: ignore[override]
        if data is FILE_INPUT_CONTRADICTION:
            raise ValidationError(self.error_messages["contradiction"], code="contradiction")
        if data is False:
            if not self.required:
                return False  # the clear checkbox was ticked
            data = None
        if not data and initial:
            return initial
        return super().clean(data)

    def bound_data(self, data: Any, initial: Any) -> Any:
        return initial if data in (None, FILE_INPUT_CONTRADICTION) else data

    def has_changed(self, initial: Any, data: Any) -> bool:
        return not self.disabled and data is not None


class ImageField(FileField):
    default_validators = [validators.validate_image_file_extension]
    default_error_messages = {
        "invalid_image": _(
            "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
        ),
    }

    def to_python(self, data: Any) -> Any:
        """Check the upload is an image Pillow can read (when Pillow is installed)."""
        upload = super().to_python(data)
        if upload is None:
            return None
        try:
            from PIL import Image
        except ImportError:
            return upload
        if hasattr(data, "temporary_file_path"):
            source: Any = data.temporary_file_path()
        elif hasattr(data, "read"):
            source = BytesIO(data.read())
        else:
            source = BytesIO(data["content"])
        try:
            image = Image.open(source)
            image.verify()
            upload.image = image
            upload.content_type = Image.MIME.get(image.format)  # type: ignore[arg-type]  # None gives None
        except Exception as exc:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc
        if hasattr(upload, "seek") and callable(upload.seek):
            upload.seek(0)
        return upload

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", "image/*")
        return attrs
