"""call_command() and the BaseCommand/AppCommand/LabelCommand contract, run in-process."""

from __future__ import annotations

from io import StringIO

import pytest

from django.core import management
from django.core.checks.registry import registry
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand, CommandError, OutputWrapper


def run(*args, **options):
    out, err = StringIO(), StringIO()
    result = call_command(*args, stdout=out, stderr=err, **options)
    return result, out.getvalue(), err.getvalue()


def test_installed_app_commands_are_discovered_by_file_name():
    commands = get_commands()
    assert commands["greet"] == "tests.core.management.cmdapp"
    assert commands["check"] == "django.core"
    assert "__init__" not in commands


def test_positional_arguments_and_defaults():
    _, out, err = run("greet", "Ada", "Alan")
    assert out == "Hello Ada, Hello Alan\n"
    assert err == "verbosity=1\n"


def test_options_by_option_name_or_dest():
    _, out, _ = run("greet", "Ada", greeting="Hi")  # option name "--greeting"
    assert out == "Hi Ada\n"
    _, out, _ = run("greet", "Ada", greeting_word="Hey", shout=True, times=2)  # dest
    assert out == "HEY ADA\nHEY ADA\n"


def test_arguments_can_be_given_as_command_line_strings():
    _, out, _ = run("greet", "--greeting=Yo", "Bob", "-v", "2")
    assert out == "Yo Bob\n"


def test_unknown_option_is_a_type_error_listing_valid_ones():
    with pytest.raises(TypeError) as info:
        call_command("greet", colour="red")
    message = str(info.value)
    assert "Unknown option(s) for greet command: colour." in message
    assert "greeting_word" in message and "shout" in message


def test_unknown_command_is_a_command_error():
    with pytest.raises(CommandError, match="Unknown command: 'frobnicate'"):
        call_command("frobnicate")


def test_command_error_propagates_from_call_command_with_its_returncode():
    with pytest.raises(CommandError, match="the widget is broken") as info:
        call_command("fail", code=4)
    assert info.value.returncode == 4


def test_invalid_arguments_raise_command_error_instead_of_exiting():
    with pytest.raises(CommandError, match="Error: argument --times: invalid int value: 'many'"):
        call_command("greet", "--times", "many")


def test_required_options_can_be_passed_by_keyword():
    result, out, _ = run("needs_option", target="x", fast=True)
    assert result == "target=x fast=True slow=False"
    assert out == "target=x fast=True slow=False\n"


def test_missing_required_option_is_reported():
    with pytest.raises(CommandError, match="the following arguments are required: --target"):
        call_command("needs_option", fast=True)


def test_command_object_can_be_passed_directly():
    command = load_command_class("tests.core.management.cmdapp", "greet")
    _, out, _ = run(command, "Grace")
    assert out == "Hello Grace\n"


def test_returned_string_is_written_to_stdout():
    result, out, _ = run("returns_text")
    assert result == "returned text" and out == "returned text\n"


def test_system_checks_are_skipped_unless_asked(monkeypatch):
    calls = []

    @registry.register("test_only_tag")
    def counting_check(app_configs=None, **kwargs):
        calls.append(1)
        return []

    try:
        run("returns_text")
        assert calls == []
        run("returns_text", skip_checks=False)
        assert calls == [1]
    finally:
        registry.registered_checks.pop(counting_check)


def test_app_command_handles_each_label_and_rejects_unknown_ones():
    result, _, _ = run("applabels", "cmdapp")
    assert result == "app:cmdapp"
    with pytest.raises(CommandError, match="No installed app with label 'nope'"):
        call_command("applabels", "nope")
    with pytest.raises(CommandError, match="Enter at least one application label."):
        call_command("applabels")


def test_label_command_handles_each_label():
    result, _, _ = run("labels", "a", "b")
    assert result == "label:a\nlabel:b"
    with pytest.raises(CommandError, match="Enter at least one thing."):
        call_command("labels")


def test_no_color_and_force_color_cannot_be_combined():
    with pytest.raises(CommandError, match="can't be used together"):
        call_command("greet", no_color=True, force_color=True)
    with pytest.raises(CommandError, match="can't be used together"):
        BaseCommand(no_color=True, force_color=True)


def test_requires_system_checks_must_be_all_or_a_sequence():
    class Broken(BaseCommand):
        requires_system_checks = "models"

    with pytest.raises(TypeError, match="requires_system_checks must be a list or tuple."):
        Broken()


def test_output_wrapper_adds_endings_and_styles_only_terminals():
    buffer = StringIO()
    wrapper = OutputWrapper(buffer)
    wrapper.style_func = lambda text: f"<{text}>"
    wrapper.write("line")
    wrapper.write("already\n")
    wrapper.write("no ending", ending="")
    assert buffer.getvalue() == "line\nalready\nno ending", "StringIO is not a tty, so no style"


def test_help_lists_own_arguments_before_common_ones(capsys):
    command = load_command_class("tests.core.management.cmdapp", "greet")
    command.print_help("manage.py", "greet")
    text = capsys.readouterr().out
    assert text.startswith("usage: manage.py greet")
    assert text.index("--shout") < text.index("--settings")
    assert "Greets people (test command)." in text


def test_management_exports_the_documented_names():
    for name in (
        "call_command",
        "execute_from_command_line",
        "ManagementUtility",
        "CommandError",
        "BaseCommand",
    ):
        assert hasattr(management, name)


def test_output_transaction_wraps_output_in_the_backend_transaction_sql():
    result, out, _ = run("sqlish")
    assert result == "BEGIN;\nSELECT 1;\nCOMMIT;"
    assert out == "BEGIN;\nSELECT 1;\nCOMMIT;\n"
