"""login()/logout() through real middleware: session keys, rotation, request.user, login_required."""

import pytest

from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    authenticate,
    login,
    logout,
)
from django.contrib.auth.decorators import login_required, permission_required, user_passes_test
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path


def do_login(request):
    user = authenticate(request, username=request.GET["u"], password=request.GET["p"])
    if user is None:
        return HttpResponse("denied", status=401)
    login(request, user)
    return HttpResponse("in")


def do_logout(request):
    logout(request)
    return HttpResponse(f"out:{request.user.is_authenticated}")


@login_required
def private(request):
    return HttpResponse(f"hello {request.user.username}")


@permission_required("auth.delete_user", raise_exception=True)
def deleter(request):
    return HttpResponse("may delete")


@user_passes_test(lambda u: u.username.startswith("a"), login_url="/custom-login/")
def a_only(request):
    return HttpResponse("a-user")


urlpatterns = [
    path("login/", do_login),
    path("logout/", do_logout),
    path("private/", private),
    path("deleter/", deleter),
    path("a-only/", a_only),
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]


@pytest.fixture
def client(cdb):
    with override_settings(ROOT_URLCONF=__name__, MIDDLEWARE=MIDDLEWARE):
        yield Client()


def test_login_stores_the_user_in_a_fresh_session(client):
    User.objects.create_user("ann", password="pw-1")
    client.get("/private/")
    assert client.get("/login/?u=ann&p=pw-1").content == b"in"
    session = client.session
    assert session[SESSION_KEY] == str(User.objects.get(username="ann").pk)
    assert session[BACKEND_SESSION_KEY] == "django.contrib.auth.backends.ModelBackend"
    assert session[HASH_SESSION_KEY]
    assert client.get("/private/").content == b"hello ann"


def test_wrong_password_and_anonymous_redirect(client):
    User.objects.create_user("ann", password="pw-1")
    assert client.get("/login/?u=ann&p=nope").status_code == 401
    response = client.get("/private/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/private/%3Fx%3D1"


def test_logout_flushes_the_session(client):
    User.objects.create_user("ann", password="pw-1")
    client.get("/login/?u=ann&p=pw-1")
    assert client.get("/logout/").content == b"out:False"
    assert client.get("/private/").status_code == 302


def test_password_change_invalidates_other_sessions(client):
    user = User.objects.create_user("ann", password="pw-1")
    client.get("/login/?u=ann&p=pw-1")
    user.set_password("pw-2")
    user.save()
    assert client.get("/private/").status_code == 302


def test_permission_required_raises_403(client):
    User.objects.create_user("ann", password="pw-1")
    client.get("/login/?u=ann&p=pw-1")
    assert client.get("/deleter/").status_code == 403


def test_user_passes_test_with_custom_login_url(client):
    User.objects.create_user("bob", password="pw-1")
    client.get("/login/?u=bob&p=pw-1")
    response = client.get("/a-only/")
    assert response.status_code == 302 and response["Location"].startswith("/custom-login/?next=")
