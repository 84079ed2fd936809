"""django.utils.autoreload, in-process: file discovery, change detection, signals, error files."""

from __future__ import annotations

import os
import sys
import time

import pytest

from django.utils import autoreload


def test_loaded_modules_are_watched():
    files = autoreload.iter_all_python_module_files()
    assert os.path.realpath(autoreload.__file__) in {str(path) for path in files}


def test_error_files_are_watched_after_a_failure(tmp_path):
    broken = tmp_path / "broken_module_for_reload.py"
    broken.write_text("def oops(:\n")
    sys.path.insert(0, str(tmp_path))
    try:
        with pytest.raises(SyntaxError):
            autoreload.check_errors(__import__)("broken_module_for_reload")
        assert broken.resolve() in autoreload.iter_all_python_module_files()
        with pytest.raises(SyntaxError):
            autoreload.raise_last_exception()
    finally:
        sys.path.remove(str(tmp_path))
        autoreload._error_files.clear()
        autoreload._exception = None


def test_stat_reloader_sees_changes_of_watched_files(tmp_path):
    watched = tmp_path / "settings.txt"
    watched.write_text("one")
    reloader = autoreload.StatReloader()
    reloader.SLEEP_TIME = 0
    reloader.extra_files.add(watched)
    changed = []
    reloader.notify_file_changed = changed.append
    ticker = reloader.tick()
    next(ticker)
    assert changed == []
    later = time.time() + 5
    os.utime(watched, (later, later))
    next(ticker)
    assert changed == [watched]


def test_watch_dir_globs(tmp_path):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("x")
    (tmp_path / "templates" / "notes.txt").write_text("x")
    reloader = autoreload.StatReloader()
    reloader.watch_dir(tmp_path / "templates", "**/*.html")
    files = set(reloader.watched_files())
    assert page in files and tmp_path / "templates" / "notes.txt" not in files


def test_file_changed_receiver_can_claim_the_change(tmp_path):
    reloader = autoreload.StatReloader()

    def handled(sender, file_path, **kwargs):
        return True

    autoreload.file_changed.connect(handled)
    try:
        reloader.notify_file_changed(tmp_path / "x.py")  # no reload: a receiver handled it
    finally:
        autoreload.file_changed.disconnect(handled)
    with pytest.raises(SystemExit) as info:
        reloader.notify_file_changed(tmp_path / "x.py")
    assert info.value.code == 3


def test_child_arguments_rerun_the_same_script(monkeypatch, tmp_path):
    import __main__

    script = tmp_path / "manage.py"
    script.write_text("")
    monkeypatch.setattr(__main__, "__spec__", None, raising=False)
    monkeypatch.setattr(sys, "argv", [str(script), "runserver", "8001"])
    arguments = autoreload.get_child_arguments()
    assert arguments[0] == sys.executable
    assert arguments[-3:] == [str(script), "runserver", "8001"]


def test_child_arguments_rerun_python_dash_m(monkeypatch):
    from importlib.machinery import ModuleSpec

    import __main__

    monkeypatch.setattr(__main__, "__spec__", ModuleSpec("django.__main__", None), raising=False)
    monkeypatch.setattr(sys, "argv", ["/anywhere/__main__.py", "runserver"])
    assert autoreload.get_child_arguments()[-3:] == ["-m", "django", "runserver"]


def test_missing_script_is_an_error(monkeypatch):
    import __main__

    monkeypatch.setattr(__main__, "__spec__", None, raising=False)
    monkeypatch.setattr(sys, "argv", ["/no/such/script-here", "runserver"])
    with pytest.raises(RuntimeError, match="does not exist"):
        autoreload.get_child_arguments()
