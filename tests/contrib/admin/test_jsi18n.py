"""AdminSite.i18n_javascript: the JavaScript catalog at admin/jsi18n/, staff only."""

from __future__ import annotations

import pytest

from django.test.utils import override_settings
from django.utils import translation
from tests.views.test_i18n_catalog import write_mo


@pytest.fixture
def french_admin_catalog(tmp_path):
    write_mo(
        tmp_path / "fr" / "LC_MESSAGES" / "djangojs.mo",
        {
            "": "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n > 1);\n",
            "Choose all": "Tout choisir",
            "%s selected\0%s selected": "%s sélectionné\0%s sélectionnés",
        },
    )
    with override_settings(LOCALE_PATHS=[str(tmp_path)], LANGUAGES=[("en", "English"), ("fr", "French")]):
        with translation.override("fr"):
            yield


def test_catalog_is_javascript_with_the_active_language(admin_client, french_admin_catalog):
    response = admin_client.get("/admin/jsi18n/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    script = response.content.decode()
    assert '"Choose all": "Tout choisir"' in script
    assert '"%s s\\u00e9lectionn\\u00e9",\n    "%s s\\u00e9lectionn\\u00e9s"' in script  # both plural forms
    assert "(n > 1)" in script  # the catalog's own plural rule
    for name in ("gettext", "ngettext", "interpolate", "get_format"):
        assert name in script


def test_catalog_without_translations_still_defines_the_api(admin_client, admin_db):
    with translation.override("en"):
        script = admin_client.get("/admin/jsi18n/").content.decode()
    assert "Object.assign(django.catalog, {});" in script
    assert "(n != 1)" in script and "gettext" in script


def test_catalog_is_for_staff_only(admin_db):
    from django.contrib.auth.models import User
    from django.test import Client

    anonymous = Client().get("/admin/jsi18n/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(
        "/admin/login/?next=/admin/jsi18n/"
    )
    User.objects.create_user("reader", password="pw-reader-123")
    client = Client()
    client.force_login(User.objects.get(username="reader"))
    assert client.get("/admin/jsi18n/").status_code == 302
