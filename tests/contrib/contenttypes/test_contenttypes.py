"""ContentType lookups, caching (query counts) and GenericForeignKey."""

import pytest

from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.test.utils import CaptureQueriesContext


def test_get_for_model_is_cached(cdb):
    with CaptureQueriesContext(cdb) as queries:
        ct = ContentType.objects.get_for_model(User)
        again = ContentType.objects.get_for_model(User())
    assert ct == again and len(queries) == 1
    assert (ct.app_label, ct.model) == ("auth", "user")
    assert ct.model_class() is User
    assert str(ct) == "Authentication and Authorization | user"
    assert ContentType.objects.get_for_id(ct.id) is ct
    assert ContentType.objects.get_by_natural_key("auth", "user") is ct


def test_get_for_models_in_one_query(cdb):
    with CaptureQueriesContext(cdb) as queries:
        result = ContentType.objects.get_for_models(User, Group, Permission)
    assert len(queries) == 1
    assert {ct.model for ct in result.values()} == {"user", "group", "permission"}


def test_stale_content_type_has_no_model_class(cdb):
    ct = ContentType.objects.create(app_label="gone", model="ghost")
    try:
        assert ct.model_class() is None and ct.name == "ghost"
    finally:
        ct.delete()


def test_object_lookup_through_content_type(cdb):
    user = User.objects.create_user("ann", password="x")
    ct = ContentType.objects.get_for_model(User)
    assert ct.get_object_for_this_type(pk=user.pk) == user
    assert list(ct.get_all_objects_for_this_type(username="ann")) == [user]


def test_remove_stale_contenttypes(cdb, monkeypatch, capsys):
    from django.core.management import call_command

    ContentType.objects.create(app_label="auth", model="ghost")
    ContentType.objects.create(app_label="removedapp", model="thing")
    monkeypatch.setattr("builtins.input", lambda prompt="": "no")
    call_command("remove_stale_contenttypes", database=cdb.alias)
    assert "auth | ghost" in capsys.readouterr().out
    assert ContentType.objects.filter(model="ghost").exists()
    call_command("remove_stale_contenttypes", interactive=False, database=cdb.alias)
    assert not ContentType.objects.filter(model="ghost").exists()
    assert ContentType.objects.filter(app_label="removedapp").exists()
    call_command("remove_stale_contenttypes", interactive=False, include_stale_apps=True, database=cdb.alias)
    assert not ContentType.objects.filter(app_label="removedapp").exists()


def test_migrate_creates_content_types_and_permissions(cdb):
    """post_migrate makes a content type per model (proxies too) and its permissions:
    Meta.default_permissions plus Meta.permissions; a later migrate recreates what was removed."""
    from django.core.management import call_command
    from tests.contrib.contenttypes.ctapp.models import Bookmark, ProxyNote

    def permissions(ct):
        return set(Permission.objects.filter(content_type=ct).values_list("codename", "name"))

    bookmark = ContentType.objects.get_for_model(Bookmark)
    expected = {
        ("add_bookmark", "Can add bookmark"),
        ("view_bookmark", "Can view bookmark"),
        ("pin_bookmark", "Can pin bookmarks"),
    }
    assert permissions(bookmark) == expected
    proxy = ContentType.objects.get_for_model(ProxyNote, for_concrete_model=False)
    assert proxy.model == "proxynote" and proxy != ContentType.objects.get_for_model(ProxyNote)
    assert {codename for codename, _name in permissions(proxy)} == {
        "add_proxynote", "change_proxynote", "delete_proxynote", "view_proxynote",
    }  # fmt: skip

    Permission.objects.filter(content_type=bookmark).delete()
    bookmark.delete()
    ContentType.objects.clear_cache()
    assert not ContentType.objects.filter(app_label="ctapp", model="bookmark").exists()
    call_command("migrate", database=cdb.alias, verbosity=0, interactive=False)
    recreated = ContentType.objects.get_for_model(Bookmark)
    assert recreated.pk != bookmark.pk and permissions(recreated) == expected


def test_get_for_id_caches_and_clear_cache_forgets(cdb):
    ct = ContentType.objects.get_by_natural_key("auth", "group")
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(cdb) as queries:
        first = ContentType.objects.get_for_id(ct.pk)
        second = ContentType.objects.get_for_id(ct.pk)
        by_key = ContentType.objects.get_by_natural_key("auth", "group")
        by_model = ContentType.objects.get_for_model(Group)
    assert first is second is by_key is by_model and len(queries) == 1
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(cdb) as queries:
        ContentType.objects.get_for_id(ct.pk)
    assert len(queries) == 1
    with pytest.raises(ContentType.DoesNotExist):
        ContentType.objects.get_for_id(10**9)
    assert ct.natural_key() == ("auth", "group")
