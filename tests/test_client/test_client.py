"""The test Client: requests through the handler, cookies, redirects, JSON, exceptions."""

import asyncio
import io

import pytest

from django.test import AsyncClient, Client
from django.test.client import RedirectCycleError


@pytest.fixture
def client():
    return Client()


def test_get_with_query_data_and_headers(client):
    response = client.get("/echo/", {"a": ["1", "2"], "b": "x"}, headers={"X-Custom": "yes"})
    data = response.json()
    assert response.status_code == 200
    assert data["GET"] == {"a": ["1", "2"], "b": ["x"]}
    assert data["x_custom"] == "yes"


def test_query_params_argument_and_path_query(client):
    assert client.get("/echo/", query_params={"q": "v"}).json()["GET"] == {"q": ["v"]}
    assert client.get("/echo/?z=9").json()["GET"] == {"z": ["9"]}
    with pytest.raises(ValueError, match="mutually exclusive"):
        client.get("/echo/", {"a": 1}, query_params={"b": 2})


def test_post_form_data_is_multipart(client):
    data = client.post("/echo/", {"name": "value", "multi": ["a", "b"]}).json()
    assert data["POST"] == {"name": ["value"], "multi": ["a", "b"]}
    assert data["content_type"] == "multipart/form-data"


def test_post_file_upload(client):
    upload = io.BytesIO(b"file body")
    upload.name = "notes.txt"
    assert client.post("/upload/", {"file": upload}).content == b"notes.txt:file body"


def test_post_none_value_is_refused(client):
    with pytest.raises(TypeError, match="Cannot encode None for key 'a' as POST data"):
        client.post("/echo/", {"a": None})


def test_json_body_is_encoded_for_json_content_type(client):
    response = client.post("/json/", {"k": [1, 2]}, content_type="application/json")
    assert response.json() == {"received": {"k": [1, 2]}}
    put = client.put("/echo/", {"k": 1}, content_type="application/json").json()
    assert put["body"] == '{"k": 1}'


def test_other_methods(client):
    for method in ("put", "patch", "delete", "options"):
        assert (
            getattr(client, method)("/echo/", "raw", content_type="text/plain").json()["method"]
            == method.upper()
        )


def test_head_response_has_no_body(client):
    response = client.head("/text/")
    assert response.status_code == 200
    assert response.content == b""


def test_secure_request(client):
    assert client.get("/echo/", secure=True).json()["secure"] is True


def test_cookies_persist_between_requests_and_can_be_deleted(client):
    client.get("/set-cookie/", {"value": "vanilla"})
    assert client.cookies["flavour"].value == "vanilla"
    assert client.get("/echo/").json()["cookies"] == {"flavour": "vanilla"}
    client.get("/delete-cookie/")
    assert client.get("/echo/").json()["cookies"] == {}


def test_redirect_not_followed_by_default(client):
    response = client.get("/redirect/")
    assert response.status_code == 302
    assert response.url == "/echo/"


def test_follow_records_the_redirect_chain(client):
    response = client.get("/chain/2/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/chain/1/", 302), ("/chain/0/", 302), ("/echo/", 302)]
    assert response.json()["path"] == "/echo/"


def test_follow_relative_redirect(client):
    response = client.get("/sub/relative/", follow=True)
    assert response.redirect_chain == [("../../echo/", 302)]
    assert response.json()["path"] == "/echo/"


def test_follow_post_becomes_get_but_307_keeps_method_and_body(client):
    response = client.post("/redirect/", {"a": "1"}, follow=True)
    assert response.json()["method"] == "GET"
    kept = client.post("/redirect-307/", {"a": "1"}, follow=True)
    assert kept.redirect_chain == [("/echo/", 307)]
    assert kept.json()["method"] == "POST"
    assert kept.json()["POST"] == {"a": ["1"]}


def test_redirect_loop_is_detected(client):
    with pytest.raises(RedirectCycleError, match="Redirect loop detected.") as info:
        client.get("/loop/", follow=True)
    assert info.value.last_response.status_code == 302


def test_too_many_redirects(client):
    with pytest.raises(RedirectCycleError, match="Too many redirects."):
        client.get("/chain/30/", follow=True)


def test_follow_to_other_host_sets_server_name(client):
    response = client.get("/redirect/", {"to": "http://example.com/echo/"}, follow=True)
    assert response.json()["host"] == "example.com"


def test_view_exception_is_raised_in_the_test(client):
    with pytest.raises(ValueError, match="the view exploded"):
        client.get("/boom/")


def test_raise_request_exception_false_returns_the_500():
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500


def test_404_for_unknown_path(client):
    assert client.get("/nowhere/").status_code == 404


def test_json_refuses_non_json_content_type(client):
    with pytest.raises(ValueError, match='Content-Type header is "text/plain", not "application/json"'):
        client.get("/not-json/").json()


def test_response_carries_request_and_resolver_match(client):
    response = client.get("/echo/")
    assert response.request["PATH_INFO"] == "/echo/"
    assert response.wsgi_request.path == "/echo/"
    assert response.resolver_match.url_name == "echo"
    assert response.client is client


def test_async_view_through_sync_client(client):
    assert client.get("/async/", {"q": "x"}).content == b"async GET x"


def test_class_based_view(client):
    assert client.get("/class/").content == b"class get"
    assert client.post("/class/").status_code == 405


def test_default_headers_from_the_constructor():
    client = Client(headers={"X-Custom": "default"})
    assert client.get("/echo/").json()["x_custom"] == "default"


def test_non_utf8_and_percent_garbage_paths_are_answered_not_crashed(client):
    assert client.get("/%ff%fe/").status_code == 404
    assert client.get("/%ZZ/").status_code == 404
    assert client.get("/" + "a" * 10000 + "/").status_code == 404


def test_async_client_get_post_and_follow():
    async def run():
        client = AsyncClient()
        response = await client.get("/async/", {"q": "y"})
        assert response.content == b"async GET y"
        posted = await client.post("/echo/", {"a": "1"})
        assert posted.json()["POST"] == {"a": ["1"]}
        followed = await client.get("/chain/1/", follow=True)
        assert followed.redirect_chain == [("/chain/0/", 302), ("/echo/", 302)]
        assert (await client.get("/echo/", headers={"X-Custom": "h"})).json()["x_custom"] == "h"
        await client.get("/set-cookie/")
        assert (await client.get("/echo/")).json()["cookies"] == {"flavour": "choc"}
        with pytest.raises(ValueError, match="exploded"):
            await client.get("/boom/")

    asyncio.run(run())


def test_async_client_verbs_are_coroutines_with_the_client_signatures():
    import inspect

    for verb in ("get", "post", "head", "options", "put", "patch", "delete", "trace"):
        assert inspect.iscoroutinefunction(getattr(AsyncClient, verb)), verb
        assert inspect.signature(getattr(AsyncClient, verb)) == inspect.signature(getattr(Client, verb))


def test_async_client_takes_follow_positionally_and_follows_307_with_the_body():
    async def run():
        client = AsyncClient()
        # get(path, data, follow): the third positional argument is follow, as on Client.
        followed = await client.get("/chain/0/", None, True)
        assert followed.redirect_chain == [("/echo/", 302)]
        kept = await client.put("/redirect-307/", "raw", "text/plain", True)
        assert kept.redirect_chain == [("/echo/", 307)]
        assert kept.json()["method"] == "PUT"
        assert kept.json()["body"] == "raw"

    asyncio.run(run())


def test_csrf_checks_are_skipped_unless_enforced():
    from django.test import override_settings

    with override_settings(MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"]):
        assert Client().post("/echo/", {"a": "1"}).status_code == 200
        assert Client(enforce_csrf_checks=True).post("/echo/", {"a": "1"}).status_code == 403


def test_async_request_factory_builds_asgi_requests():
    from django.core.handlers.asgi import ASGIRequest
    from django.test import AsyncRequestFactory

    request = AsyncRequestFactory().post("/echo/?q=1", {"k": "v"}, headers={"X-Custom": "yes"})
    assert isinstance(request, ASGIRequest)
    assert request.method == "POST"
    assert request.GET["q"] == "1"
    assert request.POST["k"] == "v"
    assert request.headers["X-Custom"] == "yes"


def test_request_factory_request_calls_views_directly():
    from django.test import RequestFactory

    from .urls import echo

    response = echo(RequestFactory().get("/echo/", {"x": "1"}))
    assert response.status_code == 200
