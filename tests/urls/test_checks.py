"""The URLconf system checks report each documented problem with its id."""

from django.core.checks import Error, run_checks
from django.core.checks.urls import check_url_config, check_url_namespaces_unique, check_url_settings
from django.test import override_settings


def ids(messages):
    return sorted(message.id for message in messages)


@override_settings(ROOT_URLCONF="tests.urls.checks_confs.good")
def test_clean_urlconf_has_no_messages():
    assert check_url_config(None) == []
    assert check_url_namespaces_unique(None) == []


@override_settings(ROOT_URLCONF="tests.urls.checks_confs.bad")
def test_each_problem_is_reported_once():
    found = ids(check_url_config(None))
    assert found == [
        "2_0.W001",
        "urls.E004",
        "urls.E004",
        "urls.E007",
        "urls.E008",
        "urls.E009",
        "urls.W001",
        "urls.W002",
        "urls.W003",
    ]


@override_settings(ROOT_URLCONF="tests.urls.checks_confs.bad")
def test_messages_name_the_pattern_and_give_hints():
    messages = {m.id: m for m in check_url_config(None)}
    assert "Your URL pattern '/leading-slash' has a route beginning with a '/'" in messages["urls.W002"].msg
    assert messages["urls.W003"].msg.startswith(
        "Your URL pattern 'name/' [name='with:colon'] has a name including a ':'"
    )
    assert "pass View.as_view() instead of View" in messages["urls.E009"].msg
    invalid = [m for m in check_url_config(None) if m.id == "urls.E004"]
    assert invalid[0].hint.startswith("Try removing the string 'prefix/'")
    assert invalid[1].hint == "Try using path() instead of a tuple."
    assert (
        "handler404 view 'tests.urls.checks_confs.bad.handler404' does not take the correct number of arguments (request, exception)"
        in messages["urls.E007"].msg
    )
    assert (
        "The custom handler500 view 'tests.urls.nowhere.view' could not be imported."
        == messages["urls.E008"].msg
    )


@override_settings(ROOT_URLCONF="tests.urls.checks_confs.bad")
def test_duplicate_namespace_warning():
    messages = check_url_namespaces_unique(None)
    assert ids(messages) == ["urls.W005"]
    assert "URL namespace 'one' isn't unique." in messages[0].msg


@override_settings(APPEND_SLASH=False, ROOT_URLCONF="tests.urls.checks_confs.bad")
def test_leading_slash_is_fine_without_append_slash():
    assert "urls.W002" not in ids(check_url_config(None))


@override_settings(STATIC_URL="/static", MEDIA_URL="/media/")
def test_static_and_media_url_must_end_with_slash():
    assert check_url_settings(None) == [
        Error("The STATIC_URL setting must end with a slash.", id="urls.E006")
    ]


@override_settings(ROOT_URLCONF="tests.urls.checks_confs.bad")
def test_checks_run_through_the_framework_with_the_urls_tag():
    found = ids(run_checks(tags=["urls"]))
    assert "urls.W005" in found and "urls.E009" in found
