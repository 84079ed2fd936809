"""The DEBUG pages: technical 404 lists patterns, technical 500 shows frames with secrets cleansed."""

import sys

from django.http import Http404
from django.test import Client, RequestFactory, override_settings
from django.views.debug import (
    CallableSettingWrapper,
    ExceptionReporter,
    SafeExceptionReporterFilter,
    technical_404_response,
    technical_500_response,
)
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

rf = RequestFactory()


def _exc_info(func, *args):
    try:
        func(*args)
    except Exception:
        return sys.exc_info()
    raise AssertionError("did not raise")


def failing(password_arg):
    api_token = "tok-123"  # noqa: F841 - shown (or hidden) in the frame's locals
    plain_local = "visible-value"  # noqa: F841
    raise ValueError("broken <thing>")


@sensitive_variables("secret_local")
def failing_sensitive():
    secret_local = "hide" + "-me"  # noqa: F841 - the literal value never appears in source
    other_local = "show-me"  # noqa: F841
    raise RuntimeError("sensitive failure")


@override_settings(DEBUG=True, ROOT_URLCONF="tests.urls.urlconf_main")
def test_technical_404_lists_patterns_tried_in_order():
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Page not found <small>(404)</small>" in text
    assert "Using the URLconf defined in <code>tests.urls.urlconf_main</code>" in text
    assert text.index("articles/2003/") < text.index("articles/&lt;int:year&gt;/")
    assert "The current path, <code>no/such/page/</code>, didn’t match any of these." in text
    assert "DEBUG = True" in text


@override_settings(DEBUG=True, ROOT_URLCONF="tests.urls.urlconf_main")
def test_technical_404_plain_text_for_non_html_clients():
    response = Client().get("/no/such/page/", headers={"Accept": "application/json"})
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Django tried these URL patterns, in this order:" in text
    assert "2. articles/2003/ [name='special-2003']" in text


@override_settings(DEBUG=True, ROOT_URLCONF="tests.urls.urlconf_main")
def test_technical_404_raised_by_a_view_names_the_view():
    request = rf.get("/articles/2003/")
    response = technical_404_response(request, Http404("No article here"))
    text = response.content.decode()
    assert "No article here" in text
    assert "Raised by:" in text and "tests.urls.views.special" in text


@override_settings(DEBUG=True, ROOT_URLCONF="tests.urls_empty")
def test_empty_urlconf_shows_the_welcome_page():
    response = Client().get("/")
    assert response.status_code == 200
    assert "The install worked successfully! Congratulations!" in response.content.decode()


@override_settings(DEBUG=True)
def test_technical_500_html_has_traceback_frames_locals_request_and_escaping():
    request = rf.get("/path/?q=1", headers={"Cookie": "sessionid=abc"})
    response = technical_500_response(request, *_exc_info(failing, "pw"))
    assert response.status_code == 500
    text = response.content.decode()
    assert "<title>ValueError at /path/</title>" in text
    assert "broken &lt;thing&gt;" in text and "broken <thing>" not in text
    assert "in failing" in text and "raise ValueError" in text
    assert "visible-value" in text
    assert "Request information" in text and "q" in text
    assert "SECRET_KEY" in text and "reinhardt-tests-not-secret" not in text


@override_settings(DEBUG=True)
def test_technical_500_plain_text_for_non_html_clients():
    request = rf.get("/path/", headers={"Accept": "text/plain"})
    response = technical_500_response(request, *_exc_info(failing, "pw"))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("ValueError at /path/")
    assert "Traceback (most recent call last):" in text
    assert "ValueError: broken <thing>" in text
    assert "reinhardt-tests-not-secret" not in text


def test_status_code_can_be_given():
    response = technical_500_response(rf.get("/"), *_exc_info(failing, "pw"), status_code=400)
    assert response.status_code == 400


def test_settings_filter_hides_sensitive_names_recursively():
    flt = SafeExceptionReporterFilter()
    substitute = flt.cleansed_substitute
    assert flt.cleanse_setting("SECRET_KEY", "x") == substitute
    assert flt.cleanse_setting("MY_PASSWORD", "x") == substitute
    assert flt.cleanse_setting("DATABASES", {"default": {"PASSWORD": "p", "NAME": "n"}}) == {
        "default": {"PASSWORD": substitute, "NAME": "n"}
    }
    assert flt.cleanse_setting("LIST", [{"API_KEY": 1}]) == [{"API_KEY": substitute}]
    assert flt.cleanse_setting("DEBUG", True) is True
    assert isinstance(flt.cleanse_setting("HOOK", print), CallableSettingWrapper)


def test_request_meta_cookie_header_is_hidden():
    flt = SafeExceptionReporterFilter()
    meta = flt.get_safe_request_meta(rf.get("/", headers={"Cookie": "a=b"}))
    assert meta["HTTP_COOKIE"] == flt.cleansed_substitute


@override_settings(DEBUG=False)
def test_sensitive_variables_are_hidden_in_production_reports():
    reporter = ExceptionReporter(rf.get("/"), *_exc_info(failing_sensitive))
    text = reporter.get_traceback_text() + reporter.get_traceback_html()
    frames = reporter.get_traceback_frames()
    variables = dict(frames[-1]["vars"])
    assert variables["secret_local"] == repr("********************")
    assert variables["other_local"] == repr("show-me")
    assert "hide-me" not in text


@override_settings(DEBUG=False)
def test_sensitive_post_parameters_are_hidden():
    @sensitive_post_parameters("password")
    def view(request):
        raise RuntimeError("x")

    request = rf.post("/", {"password": "hunter2", "user": "bob"})
    exc_info = _exc_info(view, request)
    data = ExceptionReporter(request, *exc_info).get_traceback_data()
    posted = dict(data["filtered_POST_items"])
    assert posted["password"] == "********************"
    assert posted["user"] == "bob"


def test_reporter_without_request_or_exception():
    reporter = ExceptionReporter(None, None, "just a message", None)
    text = reporter.get_traceback_text()
    assert "Request data not supplied" in text
    assert reporter.get_traceback_html()


def test_chained_exceptions_show_both_tracebacks():
    def outer():
        try:
            failing("x")
        except ValueError as e:
            raise KeyError("outer") from e

    reporter = ExceptionReporter(rf.get("/"), *_exc_info(outer))
    functions = [frame["function"] for frame in reporter.get_traceback_frames()]
    # The cause's frames come first, then the frames of the exception it caused.
    assert functions == ["outer", "failing", "_exc_info", "outer"]


@override_settings(DEBUG=True, ROOT_URLCONF="tests.test_client.urls")
def test_debug_500_through_the_client():
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "the view exploded" in response.content.decode()


def test_error_emails_on_a_request_with_a_disallowed_host_do_not_fail():
    request = rf.get("/x/", HTTP_HOST="evil.example.net")
    reporter = ExceptionReporter(request, *_exc_info(failing, "pw"), is_email=True)
    assert "Request URL: http://evil.example.net/x/" in reporter.get_traceback_text()
    assert "evil.example.net" in reporter.get_traceback_html()
    with override_settings(DEBUG=True):
        assert "evil.example.net" in technical_404_response(request, Http404("x")).content.decode()
