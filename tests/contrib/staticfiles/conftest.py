"""Real static file trees in tmp dirs, with staticfiles installed."""

from __future__ import annotations

import pytest

from django.test.utils import override_settings

APPS = ["django.contrib.staticfiles", "tests.contrib.staticfiles.sfapp"]


@pytest.fixture
def static_tree(tmp_path):
    """STATICFILES_DIRS (one plain, one prefixed) and an empty STATIC_ROOT."""
    src, vendor, root = tmp_path / "src", tmp_path / "vendor", tmp_path / "root"
    (src / "css").mkdir(parents=True)
    (src / "img").mkdir()
    vendor.mkdir()
    root.mkdir()
    (src / "css" / "site.css").write_text(
        '@import "base.css";\nbody { background: url("../img/bg.png"); }\n'
        ".a { background: url(data:image/png;base64,AAAA); } .b { background: url(//cdn.example.com/x.png); }\n"
        ".c { src: url('../img/bg.png?v=1#frag'); }\n"
    )
    (src / "css" / "base.css").write_text("h1 { background: url(../img/bg.png); }\n")
    (src / "img" / "bg.png").write_bytes(b"\x89PNG fake image")
    (src / "app.js").write_text("console.log('hi');\n")
    (src / "shared.txt").write_text("from STATICFILES_DIRS")
    (src / ".hidden").write_text("secret")
    (src / "backup.txt~").write_text("old")
    (vendor / "lib.js").write_text("var lib = 1;\n")
    settings = {
        "INSTALLED_APPS": APPS,
        "STATICFILES_DIRS": [str(src), ("vendor", str(vendor))],
        "STATIC_ROOT": str(root),
        "STATIC_URL": "/static/",
        "DEBUG": False,
    }
    from django.contrib.staticfiles import finders

    finders.get_finder.cache_clear()
    with override_settings(**settings):
        yield {"src": src, "vendor": vendor, "root": root}
    finders.get_finder.cache_clear()
    _reset_storages()


def _reset_storages():
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.files.storage import storages
    from django.utils.functional import empty

    storages.reset()
    staticfiles_storage._wrapped = empty


@pytest.fixture
def manifest_storage(static_tree):
    storages_setting = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    _reset_storages()
    with override_settings(STORAGES=storages_setting):
        _reset_storages()
        yield static_tree
    _reset_storages()
