"""Access control through real middleware and the test client: LoginRequiredMiddleware with
login_not_required, the class-based mixins, the auth signals, RemoteUserMiddleware with its backends,
and the async API (aauthenticate, alogin, request.auser())."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync

from django.contrib import auth
from django.contrib.auth.backends import RemoteUserBackend
from django.contrib.auth.decorators import login_not_required, login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin, UserPassesTestMixin
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import include, path
from django.views import View


def plain(request):
    return HttpResponse(f"plain:{request.user.get_username() or 'anon'}")


@login_not_required
def open_view(request):
    return HttpResponse("open")


@login_required(login_url="/elsewhere/", redirect_field_name="to")
def custom_login(request):
    return HttpResponse("custom")


class Members(LoginRequiredMixin, View):
    def get(self, request):
        return HttpResponse("members")


class StrictMembers(LoginRequiredMixin, View):
    raise_exception = True
    permission_denied_message = "members only"

    def get(self, request):
        return HttpResponse("members")


class Deleters(PermissionRequiredMixin, View):
    permission_required = ("auth.delete_user", "auth.view_user")

    def get(self, request):
        return HttpResponse("deleters")


class Unconfigured(PermissionRequiredMixin, View):
    def get(self, request):
        return HttpResponse("never")


class StartsWithA(UserPassesTestMixin, View):
    login_url = "/a-login/"

    def test_func(self):
        return self.request.user.get_username().startswith("a")

    def get(self, request):
        return HttpResponse("a-club")


class NoTest(UserPassesTestMixin, View):
    def get(self, request):
        return HttpResponse("never")


def whoami(request):
    return HttpResponse(request.user.get_username() or "anon")


urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("plain/", plain),
    path("open/", open_view),
    path("custom/", custom_login),
    path("members/", Members.as_view()),
    path("strict/", StrictMembers.as_view()),
    path("deleters/", Deleters.as_view()),
    path("unconfigured/", Unconfigured.as_view()),
    path("a-club/", StartsWithA.as_view()),
    path("no-test/", NoTest.as_view()),
    path("whoami/", login_not_required(whoami)),
]

BASE_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]


@pytest.fixture
def site(cdb, tmp_path):
    (tmp_path / "registration").mkdir()
    names = [
        "logged_out.html",
        *(f"password_reset_{p}.html" for p in ("form", "done", "confirm", "complete")),
    ]
    for name in names:
        (tmp_path / "registration" / name).write_text("{{ form }}")
    (tmp_path / "registration" / "login.html").write_text("{% csrf_token %}{{ form }}")
    templates = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [str(tmp_path)]}]
    with override_settings(ROOT_URLCONF=__name__, MIDDLEWARE=BASE_MIDDLEWARE, TEMPLATES=templates):
        yield


@pytest.fixture
def login_required_site(site):
    with override_settings(
        MIDDLEWARE=[*BASE_MIDDLEWARE, "django.contrib.auth.middleware.LoginRequiredMiddleware"]
    ):
        yield


@pytest.fixture
def ann(cdb):
    return User.objects.create_user("ann", "ann@example.com", "pw-ann-1")


# LoginRequiredMiddleware -------------------------------------------------------------------------


def test_middleware_sends_anonymous_users_to_login(login_required_site):
    response = Client().get("/plain/?q=1")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/plain/%3Fq%3D1"


def test_login_not_required_views_and_the_auth_pages_stay_open(login_required_site):
    client = Client()
    assert client.get("/open/").content == b"open"
    for url in ("/accounts/login/", "/accounts/password_reset/", "/accounts/password_reset/done/"):
        assert client.get(url).status_code == 200, url
    assert client.get("/accounts/reset/MQ/bad-token/").status_code == 200
    assert client.get("/accounts/reset/done/").status_code == 200


def test_login_required_arguments_steer_the_middleware(login_required_site):
    response = Client().get("/custom/")
    assert response["Location"] == "/elsewhere/?to=/custom/"


def test_authenticated_users_pass_the_middleware(login_required_site, ann):
    client = Client()
    client.force_login(ann)
    assert client.get("/plain/").content == b"plain:ann"


@override_settings(LOGIN_URL="https://sso.example.com/login")
def test_a_login_url_on_another_host_gets_the_full_address(login_required_site):
    response = Client().get("/plain/")
    assert response["Location"] == "https://sso.example.com/login?next=http%3A//testserver/plain/"


# Mixins ------------------------------------------------------------------------------------------


def test_login_required_mixin(site, ann):
    client = Client()
    assert client.get("/members/")["Location"] == "/accounts/login/?next=/members/"
    strict = client.get("/strict/")
    assert strict.status_code == 403
    client.force_login(ann)
    assert client.get("/members/").content == b"members"


def test_permission_required_mixin(site, ann):
    client = Client()
    assert client.get("/deleters/").status_code == 302  # anonymous: to the login page
    client.force_login(ann)
    assert client.get("/deleters/").status_code == 403  # logged in without the permissions
    ann.user_permissions.add(Permission.objects.get(codename="delete_user"))
    assert client.get("/deleters/").status_code == 403  # both permissions are needed
    ann.user_permissions.add(Permission.objects.get(codename="view_user"))
    assert client.get("/deleters/").content == b"deleters"


def test_permission_required_mixin_without_permissions_is_a_configuration_error(site, ann):
    client = Client(raise_request_exception=True)
    client.force_login(ann)
    with pytest.raises(
        ImproperlyConfigured, match="Unconfigured is missing the permission_required attribute"
    ):
        client.get("/unconfigured/")


def test_user_passes_test_mixin(site, cdb):
    client = Client()
    assert client.get("/a-club/")["Location"] == "/a-login/?next=/a-club/"
    client.force_login(User.objects.create_user("bob", password="pw"))
    assert client.get("/a-club/").status_code == 403
    client.force_login(User.objects.create_user("alice", password="pw"))
    assert client.get("/a-club/").content == b"a-club"
    with pytest.raises(NotImplementedError, match="NoTest is missing the implementation of the test_func"):
        Client(raise_request_exception=True).get("/no-test/")


# Signals -----------------------------------------------------------------------------------------


def test_login_logout_and_failure_signals(site, ann):
    got = []

    def record(signal_name):
        def receiver(sender, **kwargs):
            got.append((signal_name, sender, kwargs))

        return receiver

    receivers = {
        auth.user_logged_in: record("in"),
        auth.user_logged_out: record("out"),
        auth.user_login_failed: record("failed"),
    }
    for signal, receiver in receivers.items():
        signal.connect(receiver)
    try:
        client = Client()
        client.post("/accounts/login/", {"username": "ann", "password": "wrong-one"})
        client.post("/accounts/login/", {"username": "ann", "password": "pw-ann-1"})
        client.post("/accounts/logout/")
    finally:
        for signal, receiver in receivers.items():
            signal.disconnect(receiver)
    names = [name for name, _sender, _kw in got]
    assert names == ["failed", "in", "out"]
    _name, sender, failed = got[0]
    assert sender == "django.contrib.auth"
    assert failed["credentials"] == {"username": "ann", "password": "********************"}
    assert failed["request"].path == "/accounts/login/"
    _name, sender, logged_in = got[1]
    assert sender is User and logged_in["user"] == ann and logged_in["request"].path == "/accounts/login/"
    _name, sender, logged_out = got[2]
    assert sender is User and logged_out["user"] == ann


def test_login_rotates_the_session_key_and_the_csrf_token(site, ann):
    from django.conf import settings

    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    session = client.session
    session["marker"] = 1
    session.save()
    before_key = session.session_key
    before_csrf = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        "/accounts/login/", {"username": "ann", "password": "pw-ann-1", "csrfmiddlewaretoken": before_csrf}
    )
    assert response.status_code == 302
    after = client.session
    assert after.session_key != before_key  # no session fixation
    assert after["marker"] == 1  # an anonymous session's data survives the login
    assert client.cookies[settings.CSRF_COOKIE_NAME].value != before_csrf


def test_update_session_auth_hash_keeps_the_current_session(site, ann):
    other, this = Client(), Client()
    other.force_login(ann)
    this.force_login(ann)
    ann.set_password("pw-ann-2")
    ann.save()
    request = type("R", (), {})()
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore(this.session.session_key)
    request.user = ann
    auth.update_session_auth_hash(request, ann)
    request.session.save()
    this.cookies["sessionid"] = request.session.session_key
    assert this.get("/whoami/").content == b"ann"
    assert other.get("/whoami/").content == b"anon"  # other sessions end with the old password


# RemoteUserMiddleware ----------------------------------------------------------------------------

REMOTE_MIDDLEWARE = [*BASE_MIDDLEWARE, "django.contrib.auth.middleware.RemoteUserMiddleware"]


@pytest.fixture
def remote_site(site):
    with override_settings(
        MIDDLEWARE=REMOTE_MIDDLEWARE,
        AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.RemoteUserBackend"],
    ):
        yield


def test_remote_user_header_logs_in_and_creates_the_user(remote_site):
    client = Client()
    assert client.get("/whoami/", REMOTE_USER="carol").content == b"carol"
    assert User.objects.filter(username="carol").exists()
    assert client.get("/whoami/", REMOTE_USER="carol").content == b"carol"  # same session
    assert client.get("/whoami/", REMOTE_USER="dave").content == b"dave"  # header changed: switch
    assert client.get("/whoami/").content == b"anon"  # header gone: logged out


def test_remote_user_backend_can_refuse_unknown_users(remote_site, ann):
    with override_settings(
        AUTHENTICATION_BACKENDS=[f"{__name__}.KnownOnly"],
    ):
        client = Client()
        assert client.get("/whoami/", REMOTE_USER="stranger").content == b"anon"
        assert not User.objects.filter(username="stranger").exists()
        assert client.get("/whoami/", REMOTE_USER="ann").content == b"ann"


def test_persistent_remote_user_middleware_keeps_the_login(remote_site):
    middleware = [*BASE_MIDDLEWARE, "django.contrib.auth.middleware.PersistentRemoteUserMiddleware"]
    with override_settings(MIDDLEWARE=middleware):
        client = Client()
        assert client.get("/whoami/", REMOTE_USER="erin").content == b"erin"
        assert client.get("/whoami/").content == b"erin"


def test_configure_user_is_called_for_new_and_existing_users(remote_site, ann):
    calls.clear()
    with override_settings(AUTHENTICATION_BACKENDS=[f"{__name__}.Recording"]):
        Client().get("/whoami/", REMOTE_USER="frank")
        Client().get("/whoami/", REMOTE_USER="ann")
    assert calls == [("frank", True), ("ann", False)]
    assert User.objects.get(username="frank").email == "frank@corp.example"


def test_remote_user_middleware_needs_the_authentication_middleware(site):
    middleware = ["django.contrib.sessions.middleware.SessionMiddleware", *REMOTE_MIDDLEWARE[-1:]]
    with override_settings(MIDDLEWARE=middleware):
        with pytest.raises(ImproperlyConfigured, match="AuthenticationMiddleware"):
            Client(raise_request_exception=True).get("/whoami/")


calls: list[tuple[str, bool]] = []


class KnownOnly(RemoteUserBackend):
    create_unknown_user = False


class Recording(RemoteUserBackend):
    def configure_user(self, request, user, created=True):
        calls.append((user.username, created))
        if created:
            user.email = f"{user.username}@corp.example"
            user.save()
        return user


# Async API ---------------------------------------------------------------------------------------


def test_aauthenticate_alogin_and_auser(site, ann):
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    async def scenario():
        request = RequestFactory().get("/")
        request.session = SessionStore()
        assert await auth.aauthenticate(request, username="ann", password="wrong") is None
        user = await auth.aauthenticate(request, username="ann", password="pw-ann-1")
        assert user == ann
        await auth.alogin(request, user)
        assert request.session[auth.SESSION_KEY] == str(ann.pk)
        assert (await auth.aget_user(request)) == ann
        await auth.alogout(request)
        assert auth.SESSION_KEY not in request.session
        return request

    async_to_sync(scenario)()


def test_request_auser_through_the_middleware(site, ann):
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.test import RequestFactory

    client = Client()
    client.force_login(ann)
    request = RequestFactory().get("/", HTTP_COOKIE=f"sessionid={client.session.session_key}")
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    AuthenticationMiddleware(lambda r: HttpResponse()).process_request(request)

    async def read():
        return await request.auser()

    assert async_to_sync(read)() == ann


# The auth context processor -----------------------------------------------------------------------


def test_context_processor_gives_templates_user_and_perms(site, ann):
    from django.template import engines

    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"context_processors": ["django.contrib.auth.context_processors.auth"]},
        }
    ]
    source = (
        "{{ user.get_username|default:'anon' }}|{% if perms.auth %}auth-app{% endif %}|"
        "{% if perms.auth.change_user %}change{% endif %}|{% if 'auth.view_group' in perms %}view{% endif %}|"
        "{% if 'auth' in perms %}module{% endif %}|{% if perms.sessions %}sessions{% endif %}"
    )
    from django.test import RequestFactory

    def render(user):
        request = RequestFactory().get("/")
        request.user = user
        with override_settings(TEMPLATES=templates):
            return engines["django"].from_string(source).render({}, request)

    from django.contrib.auth.models import AnonymousUser

    assert render(AnonymousUser()) == "anon|||||"
    assert render(ann) == "ann|||||"
    ann.user_permissions.add(Permission.objects.get(codename="change_user", content_type__app_label="auth"))
    ann = User.objects.get(pk=ann.pk)  # permissions are cached per user object
    assert render(ann) == "ann|auth-app|change||module|"
    from django.contrib.auth.context_processors import PermWrapper

    with pytest.raises(TypeError, match="not iterable"):
        iter(PermWrapper(ann))
    with pytest.raises(TypeError, match="not iterable"):
        iter(PermWrapper(ann)["auth"])


def test_rotating_secret_key_keeps_sessions_through_fallbacks(site, ann):
    """A session made under the old SECRET_KEY survives when it is in SECRET_KEY_FALLBACKS (its auth
    hash is renewed); without the fallback the user is logged out."""
    old, new = "old-secret-" + "o" * 40, "new-secret-" + "n" * 40
    client = Client()
    with override_settings(SECRET_KEY=old):
        client.force_login(ann)
        assert client.get("/whoami/").content == b"ann"
        old_hash = client.session[auth.HASH_SESSION_KEY]
    with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[old]):
        assert client.get("/whoami/").content == b"ann"
        renewed = client.session[auth.HASH_SESSION_KEY]
        assert renewed != old_hash and renewed == ann.get_session_auth_hash()
    stranger = Client()
    with override_settings(SECRET_KEY=old):
        stranger.force_login(ann)
    with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[]):
        assert stranger.get("/whoami/").content == b"anon"
