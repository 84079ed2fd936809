"""Session stores (database, file, signed cookie) and SessionMiddleware cookies."""

import datetime

import pytest

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.contrib.sessions.backends.file import SessionStore as FileStore
from django.contrib.sessions.backends.signed_cookies import SessionStore as CookieStore
from django.contrib.sessions.exceptions import InvalidSessionKey
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone


def test_db_store_round_trip_and_cycle(cdb):
    s = DBStore()
    s["cart"] = [1, 2]
    s.save()
    key = s.session_key
    assert len(key) == 32 and Session.objects.filter(pk=key).exists()
    again = DBStore(key)
    assert again["cart"] == [1, 2] and not again.modified
    again.cycle_key()
    assert again.session_key != key and not Session.objects.filter(pk=key).exists()
    assert DBStore(again.session_key)["cart"] == [1, 2]
    again.flush()
    assert again.session_key is None


def test_db_store_unknown_or_expired_key_gives_an_empty_session(cdb):
    assert dict(DBStore("no-such-key-123456").items()) == {}
    s = DBStore()
    s["x"] = 1
    s.set_expiry(-10)
    s.save()
    assert DBStore(s.session_key).get("x") is None
    DBStore.clear_expired()
    assert not Session.objects.filter(pk=s.session_key).exists()


def test_update_of_deleted_session_is_an_update_error(cdb):
    s = DBStore()
    s["x"] = 1
    s.save()
    Session.objects.all().delete()
    s["x"] = 2
    with pytest.raises(UpdateError):
        s.save()


def test_expiry_kinds():
    s = CookieStore()
    now = timezone.now()
    s.set_expiry(300)
    assert s.get_expiry_age() == 300
    s.set_expiry(datetime.timedelta(hours=1))
    assert 3590 <= s.get_expiry_age() <= 3600
    s.set_expiry(0)
    assert s.get_expire_at_browser_close()
    s.set_expiry(None)
    assert s.get_expiry_age() == 1209600
    assert s.get_expiry_date(modification=now) == now + datetime.timedelta(seconds=1209600)


def test_tampered_data_decodes_to_nothing():
    s = CookieStore()
    assert s.decode("garbage:data") == {}
    assert s.decode(s.encode({"a": 1})[:-2] + "xx") == {}


def test_file_store(tmp_path):
    with override_settings(SESSION_FILE_PATH=str(tmp_path)):
        if "_storage_path" in vars(FileStore):
            del FileStore._storage_path  # the store caches the path of its first use
        s = FileStore()
        s["k"] = "v"
        s.save()
        assert FileStore(s.session_key)["k"] == "v"
        with pytest.raises(InvalidSessionKey, match="Invalid characters"):
            FileStore("../../etc/passwd")._key_to_file()
        s.delete()
        assert not list(tmp_path.iterdir())
        del FileStore._storage_path


def test_signed_cookie_store_keeps_data_in_the_key():
    s = CookieStore()
    s["n"] = 5
    s.save()
    assert CookieStore(s.session_key)["n"] == 5


def bump(request):
    request.session["n"] = request.session.get("n", 0) + 1
    return HttpResponse(str(request.session["n"]))


def read(request):
    return HttpResponse(str(request.session.get("n")))


def clear(request):
    request.session.flush()
    return HttpResponse("cleared")


urlpatterns = [path("bump/", bump), path("read/", read), path("clear/", clear)]


@pytest.mark.parametrize("engine", ["db", "signed_cookies"])
def test_middleware_sets_and_deletes_the_cookie(cdb, engine):
    with override_settings(
        ROOT_URLCONF=__name__,
        SESSION_ENGINE=f"django.contrib.sessions.backends.{engine}",
        MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware"],
    ):
        client = Client()
        response = client.get("/bump/")
        cookie = response.cookies["sessionid"]
        assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["max-age"] == 1209600
        assert "Cookie" in response["Vary"]
        assert client.get("/bump/").content == b"2"
        assert "sessionid" not in client.get("/read/").cookies  # unmodified: no new cookie
        response = client.get("/clear/")
        assert response.cookies["sessionid"].value == "" and response.cookies["sessionid"]["max-age"] == 0
        assert client.get("/read/").content == b"None"


def test_cookie_with_garbage_is_a_new_session(cdb):
    with override_settings(
        ROOT_URLCONF=__name__, MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware"]
    ):
        client = Client()
        client.cookies["sessionid"] = "\x00not-a-real-key;;"
        assert client.get("/bump/").content == b"1"
