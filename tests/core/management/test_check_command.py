"""The `check` command: output format, tags, silencing, fail levels, --deploy and --list-tags."""

from __future__ import annotations

from io import StringIO

import pytest

from django.conf import settings
from django.core import checks
from django.core.checks.registry import registry
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError


@pytest.fixture
def register_check():
    added = []

    def add(messages, *tags, deploy=False):
        def check(app_configs=None, **kwargs):
            return list(messages)

        registry.register(check, *tags, deploy=deploy)
        added.append(check)
        return check

    yield add
    for check in added:
        registry.registered_checks.pop(check, None)
        registry.deployment_checks.pop(check, None)


@pytest.fixture
def silenced():
    previous = settings.SILENCED_SYSTEM_CHECKS

    def set_ids(ids):
        settings.SILENCED_SYSTEM_CHECKS = ids

    yield set_ids
    settings.SILENCED_SYSTEM_CHECKS = previous


def check(*args, **options):
    out, err = StringIO(), StringIO()
    call_command("check", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_clean_project_reports_no_issues():
    out, err = check()
    assert out == "System check identified no issues (0 silenced).\n"
    assert err == ""


def test_warnings_are_grouped_and_counted_on_stderr(register_check):
    register_check([checks.Warning("Something odd", hint="Fix it", obj="thing", id="test.W001")], "testtag")
    out, err = check()
    assert out == ""
    assert err == (
        "System check identified some issues:\n\n"
        "WARNINGS:\n"
        "thing: (test.W001) Something odd\n\tHINT: Fix it\n\n"
        "System check identified 1 issue (0 silenced).\n"
    )


def test_errors_fail_the_command_with_system_check_error(register_check):
    register_check([checks.Error("Broken", id="test.E001"), checks.Info("fyi", id="test.I001")], "testtag")
    with pytest.raises(SystemCheckError) as info:
        check()
    message = str(info.value)
    assert message.startswith("SystemCheckError: System check identified some issues:")
    assert "ERRORS:\n?: (test.E001) Broken" in message
    assert "INFOS:\n?: (test.I001) fyi" in message
    assert message.endswith("System check identified 2 issues (0 silenced).")


def test_silenced_ids_are_hidden_and_counted(register_check, silenced):
    register_check([checks.Error("Broken", id="test.E002")], "testtag")
    silenced(["test.E002"])
    out, _ = check()
    assert out == "System check identified no issues (1 silenced).\n"


def test_fail_level_decides_what_stops_the_command(register_check):
    register_check([checks.Warning("Careful", id="test.W003")], "testtag")
    check()  # warnings pass at the default ERROR level
    with pytest.raises(SystemCheckError, match="test.W003"):
        check(fail_level="WARNING")


def test_tags_select_checks_and_unknown_tags_are_refused(register_check):
    register_check([checks.Warning("tagged", id="test.W004")], "onlythis")
    _, err = check(tags=["onlythis"])
    assert "test.W004" in err
    out, err = check(tags=["translation"])
    assert "test.W004" not in err and "no issues" in out
    with pytest.raises(CommandError, match='There is no system check with the "nonexistent" tag.'):
        check(tags=["nonexistent"])


def test_deploy_checks_only_run_with_deploy(register_check):
    register_check([checks.Warning("deploy only", id="test.W005")], "testtag", deploy=True)
    _, err = check()
    assert "test.W005" not in err
    _, err = check(deploy=True)
    assert "test.W005" in err
    assert "security.W018" not in err  # DEBUG is False in the test settings


def test_list_tags(register_check):
    register_check([], "zz_listed_tag")
    out, _ = check(list_tags=True)
    tags = out.split()
    assert "zz_listed_tag" in tags and "models" in tags and tags == sorted(tags)
    out, _ = check(list_tags=True, deploy=True)
    assert "security" in out.split()


def test_unknown_app_label_is_a_command_error():
    with pytest.raises(CommandError, match="No installed app with label 'nope'"):
        check("nope")


def test_app_label_limits_checks_to_that_app(register_check):
    seen = []

    def recording(app_configs=None, **kwargs):
        seen.append(app_configs)
        return []

    registry.register(recording, "testtag")
    try:
        check("cmdapp")
    finally:
        registry.registered_checks.pop(recording)
    assert [config.label for config in seen[0]] == ["cmdapp"]


def test_database_checks_run_only_for_named_databases(register_check):
    seen = []

    def database_check(app_configs=None, databases=None, **kwargs):
        seen.append(databases)
        return []

    registry.register(database_check, "database")
    try:
        check()
        out, _ = check(databases=["default"])
    finally:
        registry.registered_checks.pop(database_check)
    assert seen == [None, ["default"]]
    assert out == "System check identified no issues (0 silenced).\n"
