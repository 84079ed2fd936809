"""startproject and startapp, run as real commands in temporary directories."""

from __future__ import annotations

import io
import re
import tarfile
import zipfile
from pathlib import Path

import pytest

PROJECT_FILES = [
    "manage.py",
    "mysite/__init__.py",
    "mysite/settings.py",
    "mysite/urls.py",
    "mysite/wsgi.py",
    "mysite/asgi.py",
]
APP_FILES = [
    "__init__.py",
    "admin.py",
    "apps.py",
    "models.py",
    "tests.py",
    "views.py",
    "migrations/__init__.py",
]


def files_under(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file())


def secret_key_of(settings_text: str) -> str:
    return re.search(r'^SECRET_KEY = "(.*)"$', settings_text, re.M).group(1)


def test_startproject_layout_in_a_new_directory(django_admin, tmp_path):
    result = django_admin("startproject", "mysite")
    assert result.returncode == 0, result.output
    assert result.output == ""
    assert files_under(tmp_path / "mysite") == sorted(PROJECT_FILES)
    assert (tmp_path / "mysite" / "manage.py").stat().st_mode & 0o100, "manage.py is executable"


def test_startproject_settings_match_the_documented_defaults(django_admin, tmp_path):
    assert django_admin("startproject", "mysite", ".").returncode == 0
    text = (tmp_path / "mysite" / "settings.py").read_text()
    namespace: dict = {"__file__": str(tmp_path / "mysite" / "settings.py")}
    exec(compile(text, "settings.py", "exec"), namespace)
    assert namespace["INSTALLED_APPS"] == [
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ]
    assert len(namespace["MIDDLEWARE"]) == 7
    assert namespace["MIDDLEWARE"][0] == "django.middleware.security.SecurityMiddleware"
    assert namespace["MIDDLEWARE"][-1] == "django.middleware.clickjacking.XFrameOptionsMiddleware"
    assert namespace["TEMPLATES"][0]["APP_DIRS"] is True
    assert namespace["DATABASES"]["default"]["NAME"] == tmp_path / "db.sqlite3"
    assert len(namespace["AUTH_PASSWORD_VALIDATORS"]) == 4
    assert namespace["ROOT_URLCONF"] == "mysite.urls"
    assert namespace["WSGI_APPLICATION"] == "mysite.wsgi.application"
    assert (namespace["LANGUAGE_CODE"], namespace["TIME_ZONE"]) == ("en-us", "UTC")
    assert namespace["USE_I18N"] is True and namespace["USE_TZ"] is True and namespace["DEBUG"] is True
    assert namespace["STATIC_URL"] == "static/"
    assert namespace["DEFAULT_AUTO_FIELD"] == "django.db.models.BigAutoField"
    assert "{{" not in text and "docs.djangoproject.com/en/6.0/" in text
    urls = (tmp_path / "mysite" / "urls.py").read_text()
    assert 'path("admin/", admin.site.urls)' in urls
    assert (
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")'
        in (tmp_path / "manage.py").read_text()
    )


def test_each_project_gets_a_fresh_secret_key(django_admin, tmp_path):
    assert django_admin("startproject", "one").returncode == 0
    assert django_admin("startproject", "two").returncode == 0
    first = secret_key_of((tmp_path / "one" / "one" / "settings.py").read_text())
    second = secret_key_of((tmp_path / "two" / "two" / "settings.py").read_text())
    assert first.startswith("django-insecure-") and len(first) == len("django-insecure-") + 50
    assert first != second


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("1site", "'1site' is not a valid project name. Please make sure the name is a valid identifier."),
        ("my-site", "'my-site' is not a valid project name"),
        (
            "os",
            "'os' conflicts with the name of an existing Python module and cannot be used as a project name",
        ),
        ("json", "'json' conflicts with the name of an existing Python module"),
    ],
)
def test_startproject_refuses_bad_names_and_writes_nothing(django_admin, tmp_path, name, message):
    result = django_admin("startproject", name)
    assert result.returncode == 1
    assert f"CommandError: {message}" in result.err
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_startproject_into_existing_directory_name_is_refused(django_admin, tmp_path):
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "keep.txt").write_text("mine")
    result = django_admin("startproject", "mysite")
    assert result.returncode == 1 and "already exists" in result.err
    assert files_under(tmp_path / "mysite") == ["keep.txt"]


def test_startproject_does_not_overwrite_files_in_target(django_admin, tmp_path):
    (tmp_path / "manage.py").write_text("# my own")
    result = django_admin("startproject", "mysite", ".")
    assert result.returncode == 1
    assert "manage.py already exists" in result.err and "Nothing was written" in result.err
    assert (tmp_path / "manage.py").read_text() == "# my own"
    assert not (tmp_path / "mysite").exists()


def test_startproject_target_must_exist(django_admin, tmp_path):
    result = django_admin("startproject", "mysite", "nowhere")
    assert result.returncode == 1
    assert "Destination directory" in result.err and "does not exist, please create it first." in result.err


def test_missing_name_is_reported(django_admin):
    result = django_admin("startproject")
    assert result.returncode != 0 and "name" in result.err and "Traceback" not in result.err


def test_startapp_layout_and_config_class(django_admin, tmp_path):
    result = django_admin("startapp", "blog_posts")
    assert result.returncode == 0, result.output
    assert files_under(tmp_path / "blog_posts") == sorted(APP_FILES)
    apps_py = (tmp_path / "blog_posts" / "apps.py").read_text()
    assert "class BlogPostsConfig(AppConfig):" in apps_py
    assert 'name = "blog_posts"' in apps_py


def test_startapp_existing_directory_is_refused_and_untouched(django_admin, tmp_path):
    assert django_admin("startapp", "polls").returncode == 0
    (tmp_path / "polls" / "models.py").write_text("# edited")
    result = django_admin("startapp", "polls")
    assert result.returncode == 1
    assert "already exists" in result.err and "Traceback" not in result.output
    assert (tmp_path / "polls" / "models.py").read_text() == "# edited"


@pytest.mark.parametrize(
    ("name", "fragment"), [("bad-name", "is not a valid app name"), ("os", "conflicts with the name")]
)
def test_startapp_bad_names(django_admin, tmp_path, name, fragment):
    result = django_admin("startapp", name)
    assert result.returncode == 1 and fragment in result.err
    assert list(tmp_path.iterdir()) == []


def test_startapp_target_directory_name_is_validated(django_admin, tmp_path):
    (tmp_path / "not-valid").mkdir()
    result = django_admin("startapp", "good", "not-valid")
    assert result.returncode == 1 and "'not-valid' is not a valid app directory" in result.err
    (tmp_path / "target_dir").mkdir()
    assert django_admin("startapp", "good", "target_dir").returncode == 0
    assert (tmp_path / "target_dir" / "apps.py").exists()


@pytest.fixture
def custom_template(tmp_path):
    template = tmp_path / "tpl"
    (template / "app_name_extras").mkdir(parents=True)
    (template / "__init__.py-tpl").write_text("")
    (template / "README.txt").write_text("App {{ app_name }} ({{ camel_case_app_name }})\n")
    (template / "Makefile").write_text("run-{{ app_name }}:\n")
    (template / "app_name_extras" / "app_name_helpers.py").write_text("NAME = '{{ app_name }}'\n")
    return template


def test_startapp_with_template_directory_extensions_and_names(django_admin, tmp_path, custom_template):
    result = django_admin(
        "startapp", "shop", "--template", str(custom_template), "-e", "py,txt", "-n", "Makefile"
    )
    assert result.returncode == 0, result.output
    app = tmp_path / "shop"
    assert files_under(app) == ["Makefile", "README.txt", "__init__.py", "shop_extras/shop_helpers.py"]
    assert (app / "README.txt").read_text() == "App shop (Shop)\n"
    assert (app / "Makefile").read_text() == "run-shop:\n"
    assert (app / "shop_extras" / "shop_helpers.py").read_text() == "NAME = 'shop'\n"


def test_files_with_other_extensions_are_copied_verbatim(django_admin, tmp_path, custom_template):
    assert django_admin("startapp", "shop", "--template", str(custom_template)).returncode == 0
    assert (
        tmp_path / "shop" / "README.txt"
    ).read_text() == "App {{ app_name }} ({{ camel_case_app_name }})\n"


def test_startapp_with_zip_and_tar_archives(django_admin, tmp_path, custom_template):
    zip_path = tmp_path / "tpl.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        for file in custom_template.rglob("*"):
            if file.is_file():
                archive.write(file, Path("tpl") / file.relative_to(custom_template))
    assert django_admin("startapp", "zipped", "--template", str(zip_path), "-e", "txt").returncode == 0
    assert (tmp_path / "zipped" / "README.txt").read_text() == "App zipped (Zipped)\n"

    tar_path = tmp_path / "tpl.tar.gz"
    with tarfile.open(tar_path, "w:gz") as archive:
        archive.add(custom_template, arcname="tpl")
    assert django_admin("startapp", "tarred", "--template", str(tar_path)).returncode == 0
    assert (tmp_path / "tarred" / "tarred_extras" / "tarred_helpers.py").exists()


def test_archive_escaping_the_target_is_refused(django_admin, tmp_path):
    evil = tmp_path / "evil.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../escaped.py", "x = 1\n")
    evil.write_bytes(buffer.getvalue())
    result = django_admin("startapp", "victim", "--template", str(evil))
    assert result.returncode == 1 and "invalid path" in result.err
    assert not (tmp_path / "victim").exists()


def test_url_templates_are_refused_without_network(django_admin, tmp_path):
    result = django_admin("startapp", "remote", "--template", "https://example.com/tpl.zip")
    assert result.returncode == 1 and "not supported" in result.err
    assert not (tmp_path / "remote").exists()


def test_custom_template_tags_are_rendered_by_the_template_engine(django_admin, tmp_path):
    template = tmp_path / "tagged"
    template.mkdir()
    (template / "__init__.py-tpl").write_text("")
    (template / "notes.py-tpl").write_text(
        "# {% if app_name == 'blog' %}a blog{% else %}other{% endif %}: {{ app_name|upper }} <&>\n"
    )
    result = django_admin("startapp", "blog", "--template", str(template))
    assert result.returncode == 0, result.output
    assert (tmp_path / "blog" / "notes.py").read_text() == "# a blog: BLOG <&>\n"
