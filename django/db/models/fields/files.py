"""FileField and ImageField: a path in a column, the file in a storage backend."""

from __future__ import annotations

import datetime
import posixpath
from typing import TYPE_CHECKING, Any

from django.core import checks
from django.core.files.base import File
from django.core.files.utils import validate_file_name
from django.db.models import signals
from django.db.models.fields.base import Field
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models.base import Model

__all__ = ["FieldFile", "FileDescriptor", "FileField", "ImageField", "ImageFieldFile"]


class FieldFile(File):
    """The value of a FileField on an instance: a name plus lazy access to the stored file."""

    def __init__(self, instance: Any, field: Any, name: str | None) -> None:
        super().__init__(None, name)
        self.instance = instance
        self.field = field
        self.storage = field.storage
        self._committed = True

    def __eq__(self, other: object) -> bool:
        if hasattr(other, "name"):
            return self.name == other.name
        return self.name == other

    def __hash__(self) -> int:
        return hash(self.name)

    def _require_file(self) -> None:
        if not self:
            raise ValueError("The '%s' attribute has no file associated with it." % self.field.name)

    def _get_file(self) -> Any:
        self._require_file()
        if getattr(self, "_file", None) is None:
            self._file = self.storage.open(self.name, "rb")
        return self._file

    def _set_file(self, file: Any) -> None:
        self._file = file

    def _del_file(self) -> None:
        del self._file

    file = property(_get_file, _set_file, _del_file)

    @property
    def path(self) -> str:
        self._require_file()
        return self.storage.path(self.name)

    @property
    def url(self) -> str:
        self._require_file()
        return self.storage.url(self.name)

    @property  # type: ignore[misc]  # read-only here, as in Django
    def size(self) -> int:
        self._require_file()
        if not self._committed:
            return self.file.size
        return self.storage.size(self.name)

    def open(self, mode: str = "rb") -> FieldFile:  # type: ignore[override]  # Django's FieldFile.open(mode)
        self._require_file()
        if getattr(self, "_file", None) is None:
            self.file = self.storage.open(self.name, mode)
        else:
            self.file.open(mode)
        return self

    open.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def save(self, name: str, content: Any, save: bool = True) -> None:
        """Store content under a name derived from name and upload_to; optionally save the instance."""
        name = self.field.generate_filename(self.instance, name)
        self.name = self.storage.save(name, content, max_length=self.field.max_length)
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        if save:
            self.instance.save()

    save.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    def delete(self, save: bool = True) -> None:
        if not self:
            return
        if hasattr(self, "_file"):
            self.close()
            del self.file
        self.storage.delete(self.name)
        self.name = None
        setattr(self.instance, self.field.attname, self.name)
        self._committed = False
        if save:
            self.instance.save()

    delete.alters_data = True  # type: ignore[attr-defined]  # flag attribute on a function

    @property
    def closed(self) -> bool:
        file = getattr(self, "_file", None)
        return file is None or file.closed

    def close(self) -> None:
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()

    def __getstate__(self) -> dict:
        # The open file handle isn't picklable; it reopens on demand.
        return {
            "name": self.name,
            "closed": False,
            "_committed": True,
            "_file": None,
            "instance": self.instance,
            "field": self.field,
        }

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.storage = self.field.storage


class FileDescriptor(DeferredAttribute):
    """Turn whatever was assigned (a name, a File, None) into a FieldFile on access."""

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        file = super().__get__(instance, cls)
        if isinstance(file, str) or file is None:
            attr = self.field.attr_class(instance, self.field, file)
            instance.__dict__[self.field.attname] = attr
        elif isinstance(file, File) and not isinstance(file, FieldFile):
            file_copy = self.field.attr_class(instance, self.field, file.name)
            file_copy.file = file
            file_copy._committed = False
            instance.__dict__[self.field.attname] = file_copy
        elif isinstance(file, FieldFile) and not hasattr(file, "field"):
            file.instance = instance
            file.field = self.field
            file.storage = self.field.storage
        elif isinstance(file, FieldFile) and instance is not file.instance:
            file.instance = instance
        return instance.__dict__[self.field.attname]

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


class FileField(Field):
    attr_class = FieldFile
    descriptor_class = FileDescriptor
    description = _("File")

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        upload_to: Any = "",
        storage: Any = None,
        **kwargs: Any,
    ) -> None:
        self._primary_key_set_explicitly = "primary_key" in kwargs
        self._storage_argument = storage
        self.upload_to = upload_to
        kwargs.setdefault("max_length", 100)
        super().__init__(verbose_name, name, **kwargs)

    @property
    def storage(self) -> Any:
        storage = self._storage_argument
        if storage is None:
            from django.core.files.storage import default_storage

            return default_storage
        if callable(storage) and not hasattr(storage, "save"):
            storage = storage()
        return storage

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_primary_key(), *self._check_upload_to()]

    def _check_primary_key(self) -> list:
        if self._primary_key_set_explicitly:
            return [
                checks.Error(
                    "'primary_key' is not a valid argument for a %s." % self.__class__.__name__,
                    obj=self,
                    id="fields.E201",
                )
            ]
        return []

    def _check_upload_to(self) -> list:
        if isinstance(self.upload_to, str) and self.upload_to.startswith("/"):
            return [
                checks.Error(
                    "%s's 'upload_to' argument must be a relative path, not an absolute path."
                    % self.__class__.__name__,
                    obj=self,
                    id="fields.E202",
                    hint="Remove the leading slash.",
                )
            ]
        return []

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 100:
            del kwargs["max_length"]
        kwargs["upload_to"] = self.upload_to
        if self._storage_argument is not None:
            from django.core.files.storage import default_storage

            if self._storage_argument is not default_storage:
                kwargs["storage"] = self._storage_argument
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "FileField"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else str(value)

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        file = super().pre_save(model_instance, add)
        if file and not file._committed:
            file.save(file.name, file.file, save=False)
        return file

    def contribute_to_class(self, cls: type[Model], name: str, **kwargs: Any) -> None:  # type: ignore[override]  # options are keyword-only here, as in Django
        super().contribute_to_class(cls, name, **kwargs)
        setattr(cls, self.attname, self.descriptor_class(self))

    def generate_filename(self, instance: Any, filename: str) -> str:
        """upload_to applied to filename (a callable gets (instance, filename))."""
        if callable(self.upload_to):
            filename = self.upload_to(instance, filename)
        else:
            dirname = datetime.datetime.now().strftime(str(self.upload_to))
            filename = posixpath.join(dirname, filename)
        filename = validate_file_name(filename, allow_relative_path=True)
        return self.storage.generate_filename(filename)

    def save_form_data(self, instance: Any, data: Any) -> None:
        # False clears the field; None means "unchanged".
        if data is not None:
            setattr(instance, self.name, data or "")

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.FileField, "max_length": self.max_length, **kwargs})


class ImageFieldFile(FieldFile):
    @property
    def width(self) -> int:
        return self._get_image_dimensions()[0]

    @property
    def height(self) -> int:
        return self._get_image_dimensions()[1]

    def _get_image_dimensions(self) -> tuple:
        from django.core.files.images import get_image_dimensions

        if not hasattr(self, "_dimensions_cache"):
            close = self.closed
            self.open()
            self._dimensions_cache = get_image_dimensions(self, close=close)
        return self._dimensions_cache

    def delete(self, save: bool = True) -> None:
        if hasattr(self, "_dimensions_cache"):
            del self._dimensions_cache
        super().delete(save)


class ImageFileDescriptor(FileDescriptor):
    def __set__(self, instance: Any, value: Any) -> None:
        previous_file = instance.__dict__.get(self.field.attname)
        super().__set__(instance, value)
        # Update dimension fields when a new file is assigned (not when loading from the database).
        if previous_file is not None:
            self.field.update_dimension_fields(instance, force=True)


class ImageField(FileField):
    attr_class = ImageFieldFile
    descriptor_class = ImageFileDescriptor
    description = _("Image")

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        width_field: str | None = None,
        height_field: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.width_field, self.height_field = width_field, height_field
        super().__init__(verbose_name, name, **kwargs)

    def check(self, **kwargs: Any) -> list:
        return [*super().check(**kwargs), *self._check_image_library_installed()]

    def _check_image_library_installed(self) -> list:
        try:
            from PIL import Image  # noqa: F401
        except ImportError:
            return [
                checks.Error(
                    "Cannot use ImageField because Pillow is not installed.",
                    hint='Get Pillow at https://pypi.org/project/Pillow/ or run command "python -m pip install Pillow".',
                    obj=self,
                    id="fields.E210",
                )
            ]
        return []

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.width_field:
            kwargs["width_field"] = self.width_field
        if self.height_field:
            kwargs["height_field"] = self.height_field
        return name, path, args, kwargs

    def contribute_to_class(self, cls: type[Model], name: str, **kwargs: Any) -> None:  # type: ignore[override]  # options are keyword-only here, as in Django
        super().contribute_to_class(cls, name, **kwargs)
        # Dimension fields are filled once the instance is initialised.
        if not cls._meta.abstract and (self.width_field or self.height_field):
            signals.post_init.connect(self.update_dimension_fields, sender=cls)

    def update_dimension_fields(self, instance: Any, force: bool = False, *args: Any, **kwargs: Any) -> None:
        has_dimension_fields = self.width_field or self.height_field
        if not has_dimension_fields or self.attname not in instance.__dict__:
            return
        file = getattr(instance, self.attname)
        if not file and not force:
            return
        dimension_fields_filled = not (
            (self.width_field and not getattr(instance, self.width_field))
            or (self.height_field and not getattr(instance, self.height_field))
        )
        if dimension_fields_filled and not force:
            return
        if file:
            width, height = file.width, file.height
        else:
            width = height = None
        if self.width_field:
            setattr(instance, self.width_field, width)
        if self.height_field:
            setattr(instance, self.height_field, height)

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # options are keyword-only here, as in Django
        from django import forms

        return super().formfield(**{"form_class": forms.ImageField, **kwargs})
