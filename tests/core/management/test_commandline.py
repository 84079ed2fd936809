"""django-admin / manage.py as users run them: entry points, help, errors and core commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django

from .conftest import clean_env, run_python


def test_python_m_django_version(django_admin):
    result = django_admin("--version")
    assert (result.returncode, result.out, result.err) == (0, "6.0\n", "")
    assert django_admin("version").out == "6.0\n"
    assert django.get_version() == "6.0"


def test_django_admin_console_script(tmp_path):
    script = Path(sys.executable).with_name("django-admin")
    assert script.exists(), "the package installs a django-admin script"
    import subprocess

    result = subprocess.run(
        [str(script), "--version"], cwd=tmp_path, env=clean_env(), capture_output=True, text=True
    )
    assert result.stdout == "6.0\n"


def test_help_lists_commands_grouped_by_app(manage):
    result = manage("help")
    assert result.returncode == 0
    assert "Type 'manage.py help <subcommand>' for help on a specific subcommand." in result.out
    assert "Available subcommands:" in result.out
    django_section = result.out.split("[django]\n", 1)[1]
    for name in ("check", "diffsettings", "runserver", "shell", "startapp", "startproject"):
        assert f"    {name}\n" in django_section or django_section.endswith(f"    {name}")


def test_help_without_settings_notes_that_only_core_commands_are_listed(django_admin):
    result = django_admin("help")
    assert result.returncode == 0
    assert "startproject" in result.out
    assert "only Django core commands are listed" in result.out


def test_help_for_one_command_and_commands_only(manage):
    result = manage("help", "check")
    assert result.returncode == 0 and result.out.startswith("usage: manage.py check")
    assert "--deploy" in result.out and "--fail-level" in result.out
    names = manage("help", "--commands").out.split()
    assert names == sorted(names) and "check" in names


def test_unknown_command_suggests_the_closest_name(manage):
    result = manage("chek")
    assert result.returncode == 1
    assert "Unknown command: 'chek'. Did you mean check?" in result.err
    assert "Type 'manage.py help' for usage." in result.err
    assert "Traceback" not in result.output


def test_unknown_command_without_suggestion(manage):
    result = manage("frobnicate")
    assert result.returncode == 1
    assert "Unknown command: 'frobnicate'\n" in result.err and "Traceback" not in result.output


def test_missing_settings_module_is_a_clean_error(django_admin):
    result = django_admin("check", "--settings=no_such_project.settings")
    assert result.returncode == 1
    assert "no_such_project.settings" in result.err and "could not be imported" in result.err
    assert "Traceback" not in result.output


def test_settings_module_that_raises_is_a_clean_error(tmp_path, django_admin):
    (tmp_path / "broken_settings.py").write_text("DEBUG = True\nINSTALLED_APPS = [undefined_name]\n")
    result = django_admin("check", "--settings=broken_settings", "--pythonpath", str(tmp_path))
    assert result.returncode == 1
    assert "NameError: name 'undefined_name' is not defined" in result.err
    assert "broken_settings.py, line 2" in result.err
    assert "Traceback" not in result.output


def test_settings_syntax_error_names_file_and_line(tmp_path, django_admin):
    (tmp_path / "syntax_settings.py").write_text("DEBUG = True\nSECRET_KEY = 'unterminated\n")
    result = django_admin("check", "--settings=syntax_settings", "--pythonpath", str(tmp_path))
    assert result.returncode == 1
    assert "SyntaxError" in result.err and "syntax_settings.py, line 2" in result.err


def test_missing_installed_app_is_a_clean_error(tmp_path, django_admin):
    (tmp_path / "apps_settings.py").write_text("SECRET_KEY = 'x'\nINSTALLED_APPS = ['no_such_app_here']\n")
    result = django_admin("check", "--settings=apps_settings", "--pythonpath", str(tmp_path))
    assert result.returncode == 1
    assert "ImproperlyConfigured: INSTALLED_APPS contains 'no_such_app_here'" in result.err
    assert "Traceback" not in result.output


def test_check_on_a_startproject_project(manage):
    result = manage("check")
    assert result.returncode == 0, result.output
    assert result.out == "System check identified no issues (0 silenced).\n"


def test_check_deploy_reports_security_warnings(manage):
    result = manage("check", "--deploy")
    assert result.returncode == 0
    assert "security.W018" in result.err  # DEBUG = True
    assert "security.W009" in result.err  # the django-insecure- key
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 1 and "SystemCheckError" in result.err


def test_command_error_exit_status_and_traceback_option(tmp_path):
    cmd_settings = tmp_path / "cmd_settings.py"
    cmd_settings.write_text("SECRET_KEY = 'x'\nINSTALLED_APPS = ['tests.core.management.cmdapp']\n")
    env = clean_env(PYTHONPATH=os.pathsep.join([str(tmp_path), str(Path(__file__).resolve().parents[3])]))
    result = run_python(
        "-m", "django", "fail", "--code", "3", "--settings=cmd_settings", cwd=tmp_path, env=env
    )
    assert result.returncode == 3
    assert result.err == "CommandError: the widget is broken\n"
    result = run_python(
        "-m", "django", "fail", "--traceback", "--settings=cmd_settings", cwd=tmp_path, env=env
    )
    assert result.returncode == 1 and "Traceback" in result.err
    result = run_python(
        "-m", "django", "greet", "--times", "x", "--settings=cmd_settings", cwd=tmp_path, env=env
    )
    assert result.returncode == 2 and "invalid int value: 'x'" in result.err


def test_diffsettings_hash_and_unified(manage):
    result = manage("diffsettings")
    assert result.returncode == 0
    lines = result.out.splitlines()
    assert "DEBUG = True" in lines
    assert any(line.startswith("BASE_DIR = ") and line.endswith("  ###") for line in lines)
    assert not any(line.startswith("APPEND_SLASH") for line in lines)
    assert "### APPEND_SLASH = True" in manage("diffsettings", "--all").out.splitlines()
    unified = manage("diffsettings", "--output", "unified").out.splitlines()
    assert "- DEBUG = False" in unified and "+ DEBUG = True" in unified


def test_shell_command_option_and_stdin(manage):
    result = manage("shell", "-c", "print(settings.DEBUG, timezone.now().tzinfo is not None)")
    assert result.returncode == 0, result.output
    assert result.out.splitlines()[-1] == "True True"
    result = manage("shell", stdin="x = 6 * 7\nprint('answer', x)\n")
    assert result.out.strip().endswith("answer 42")


def test_shell_verbose_lists_automatic_imports(manage):
    result = manage("shell", "-v", "2", "-c", "pass")
    assert "objects imported automatically:" in result.out
    assert "from django.conf import settings" in result.out
    assert "from django.utils import timezone" in result.out


def test_shell_no_imports(manage):
    result = manage("shell", "--no-imports", "-c", "print('settings' in globals())")
    assert result.out == "False\n"


def test_project_command_without_any_settings_says_what_to_set(django_admin):
    result = django_admin("check")
    assert result.returncode == 1
    assert result.err.startswith("ImproperlyConfigured: Requested setting")
    assert "DJANGO_SETTINGS_MODULE" in result.err and "Traceback" not in result.err


def test_interactive_shell_runs_in_a_terminal(project):
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-i", "python", "--no-startup"],
        cwd=project,
        env=clean_env(TERM="dumb"),
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        close_fds=True,
    )
    os.close(secondary)
    output = b""

    def read_until(marker: bytes, timeout: float = 20) -> None:
        nonlocal output
        deadline = time.monotonic() + timeout
        while marker not in output and time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.2)
            if ready:
                try:
                    output += os.read(primary, 4096)
                except OSError:
                    break
        assert marker in output, output.decode(errors="replace")

    try:
        read_until(b">>> ")
        assert b"objects imported automatically (use -v 2 for details)." in output
        os.write(primary, b"print(6 * 7, settings.DEBUG)\n")
        read_until(b"42 True")
        os.write(primary, b"exit()\n")
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(primary)


def test_diffsettings_against_another_default_module(manage):
    result = manage("diffsettings", "--default", "mysite.settings")
    assert result.returncode == 0
    assert result.out == "", "comparing the settings with themselves shows no difference"
