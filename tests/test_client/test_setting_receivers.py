"""The setting_changed receivers drop the caches built from the setting that changed."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.utils import get_app_template_dirs
from django.test import override_settings
from django.utils import formats
from django.utils.translation import trans_real


def test_installed_apps_change_clears_translation_catalogs():
    trans_real.translation("en")
    assert trans_real._translations
    with override_settings(INSTALLED_APPS=list(settings.INSTALLED_APPS)):
        assert not trans_real._translations


def test_installed_apps_change_clears_app_template_dirs():
    get_app_template_dirs("templates")
    assert get_app_template_dirs.cache_info().currsize > 0
    with override_settings(INSTALLED_APPS=list(settings.INSTALLED_APPS)):
        assert get_app_template_dirs.cache_info().currsize == 0


def test_format_module_path_change_resets_format_cache():
    formats.get_format("DATE_FORMAT")
    assert formats._format_cache
    with override_settings(FORMAT_MODULE_PATH="tests.nonexistent_formats"):
        assert not formats._format_cache


def test_media_root_change_moves_default_storage(tmp_path: Path):
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        name = default_storage.save("note.txt", _content(b"hello"))
        assert (tmp_path / name).read_bytes() == b"hello"
        assert Path(default_storage.location) == tmp_path


def test_storages_change_swaps_default_storage_backend():
    """The wrapped backend is rebuilt on entering and on leaving the override."""
    from django.utils.functional import empty

    default_storage.exists("probe")
    original_backend = type(default_storage._wrapped).__name__
    storages = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    with override_settings(STORAGES=storages):
        assert default_storage._wrapped is empty
        default_storage.save("x.txt", _content(b"mem"))
        assert type(default_storage._wrapped).__name__ == "InMemoryStorage"
    default_storage.exists("probe")
    assert type(default_storage._wrapped).__name__ == original_backend != "InMemoryStorage"


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)


def test_overriding_caches_rebuilds_the_backends():
    from django.core.cache import caches
    from django.test import override_settings

    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        caches["default"].set("k", "v")
        assert type(caches["default"]).__name__ == "DummyCache"
        assert caches["default"].get("k") is None
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        caches["default"].set("k", "v")
        assert caches["default"].get("k") == "v"


class _ReadFromOther:
    def db_for_read(self, model, **hints):
        return "other_alias"


def test_database_routers_change_reaches_the_global_router():
    from django.db import router
    from tests.test_client.testapp.models import Author

    before = router.db_for_read(Author)
    with override_settings(DATABASE_ROUTERS=[_ReadFromOther()]):
        assert router.db_for_read(Author) == "other_alias"
    assert router.db_for_read(Author) == before


def test_serialization_modules_change_rebuilds_the_registry():
    from django.core import serializers

    with override_settings(SERIALIZATION_MODULES={"jsonx": "django.core.serializers.json"}):
        assert "jsonx" in serializers.get_serializer_formats()
    assert "jsonx" not in serializers.get_serializer_formats()
    assert "json" in serializers.get_serializer_formats()


def test_auth_user_model_change_reaches_modules_that_cached_it():
    from django.contrib.auth import backends
    from django.contrib.auth.models import User
    from tests.test_client.testapp.models import Author

    with override_settings(AUTH_USER_MODEL="testapp.Author"):
        assert backends.UserModel is Author
    assert backends.UserModel is User


def test_overriding_databases_warns():
    import pytest

    with pytest.warns(
        UserWarning, match="Overriding setting DATABASES can lead to unexpected behavior."
    ) as caught:
        with override_settings(DATABASES=settings.DATABASES):
            pass
    assert caught[0].filename == __file__
