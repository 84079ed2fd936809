"""staticfiles on real files: finders, checks, collectstatic, findstatic, manifest storage, serving."""

from __future__ import annotations

import io
import json
import os

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test.utils import override_settings


def run(command, *args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


class TestFinders:
    def test_find_in_dirs_prefix_and_apps(self, static_tree):
        from django.contrib.staticfiles import finders

        assert finders.find("css/site.css") == str(static_tree["src"] / "css" / "site.css")
        assert finders.find("vendor/lib.js") == str(static_tree["vendor"] / "lib.js")
        assert finders.find("lib.js") is None
        assert finders.find("sfapp/app.css").endswith(os.path.join("sfapp", "static", "sfapp", "app.css"))
        assert str(static_tree["src"]) in finders.searched_locations

    def test_find_all_and_order(self, static_tree):
        from django.contrib.staticfiles import finders

        found = finders.find("shared.txt", find_all=True)
        assert len(found) == 2 and found[0] == str(static_tree["src"] / "shared.txt")
        assert finders.find("nope.txt", find_all=True) == []

    @pytest.mark.parametrize("path", ["../secret", "/etc/passwd", "css/../../root"])
    def test_traversal_refused(self, static_tree, path):
        from django.contrib.staticfiles import finders

        assert not finders.find(path)

    def test_list_ignores_patterns(self, static_tree):
        from django.contrib.staticfiles.finders import FileSystemFinder

        listed = sorted(path for path, _ in FileSystemFinder().list(["*~", ".*"]))
        assert listed == ["app.js", "css/base.css", "css/site.css", "img/bg.png", "lib.js", "shared.txt"]

    def test_invalid_finder(self, static_tree):
        from django.contrib.staticfiles.finders import get_finder
        from django.core.exceptions import ImproperlyConfigured

        with pytest.raises(ImproperlyConfigured, match="is not a subclass"):
            get_finder("django.contrib.staticfiles.storage.StaticFilesStorage")


class TestChecks:
    def test_configuration_errors(self, static_tree, tmp_path):
        from django.contrib.staticfiles.checks import check_finders
        from django.contrib.staticfiles.finders import get_finder

        bad_dirs = [("bad/", str(static_tree["src"])), str(static_tree["root"]), str(tmp_path / "missing")]
        with override_settings(STATICFILES_DIRS=bad_dirs):
            get_finder.cache_clear()
            ids = sorted(e.id for e in check_finders())
        assert ids == ["staticfiles.E002", "staticfiles.E003", "staticfiles.W004"]
        with override_settings(STATICFILES_DIRS="not-a-list"):
            get_finder.cache_clear()
            from django.contrib.staticfiles.finders import FileSystemFinder

            assert [e.id for e in FileSystemFinder.__new__(FileSystemFinder).check()] == ["staticfiles.E001"]
        get_finder.cache_clear()


class TestCollectstatic:
    def test_copies_everything_once(self, static_tree):
        root = static_tree["root"]
        out, _ = run("collectstatic", interactive=False, verbosity=1)
        assert "7 static files copied to '%s'." % root in out
        assert (root / "css" / "site.css").read_text().startswith('@import "base.css"')
        assert (root / "vendor" / "lib.js").exists()
        assert (root / "sfapp" / "app.css").exists()
        assert (root / "shared.txt").read_text() == "from STATICFILES_DIRS"
        assert not (root / ".hidden").exists() and not (root / "backup.txt~").exists()
        assert "Found another file with the destination path 'shared.txt'" in out
        out, _ = run("collectstatic", interactive=False, verbosity=1)
        assert "0 static files copied to '%s', 7 unmodified." % root in out

    def test_dry_run_writes_nothing(self, static_tree):
        out, _ = run("collectstatic", interactive=False, dry_run=True, verbosity=1)
        assert "Pretending to copy" in out and "7 static files copied" in out
        assert list(static_tree["root"].iterdir()) == []

    def test_clear(self, static_tree):
        stale = static_tree["root"] / "stale.txt"
        stale.write_text("old")
        out, _ = run("collectstatic", interactive=False, clear=True, verbosity=1)
        assert not stale.exists() and "Deleting 'stale.txt'" in out

    def test_ignore_and_no_default_ignore(self, static_tree):
        run("collectstatic", interactive=False, ignore_patterns=["*.js", "css"], verbosity=0)
        root = static_tree["root"]
        assert (
            not (root / "app.js").exists()
            and not (root / "css").exists()
            and (root / "img" / "bg.png").exists()
        )
        run("collectstatic", "--no-default-ignore", interactive=False, verbosity=0)
        assert (root / ".hidden").exists()

    def test_link(self, static_tree):
        out, _ = run("collectstatic", interactive=False, link=True, verbosity=1)
        target = static_tree["root"] / "app.js"
        assert target.is_symlink() and "symlinked" in out
        assert os.path.realpath(target) == str(static_tree["src"] / "app.js")

    def test_interactive_cancel(self, static_tree, monkeypatch):
        (static_tree["root"] / "x").write_text("existing")
        monkeypatch.setattr("builtins.input", lambda prompt: "no")
        with pytest.raises(CommandError, match="Collecting static files cancelled"):
            run("collectstatic")
        monkeypatch.setattr("builtins.input", lambda prompt: "yes")
        out, _ = run("collectstatic", verbosity=1)
        assert "static files copied" in out

    def test_missing_static_root(self, static_tree):
        from django.core.exceptions import ImproperlyConfigured

        with override_settings(STATIC_ROOT=None):
            with pytest.raises(ImproperlyConfigured, match="STATIC_ROOT"):
                run("collectstatic", interactive=False)


class TestFindstatic:
    def test_found_and_missing(self, static_tree):
        out, _ = run("findstatic", "shared.txt", verbosity=1)
        assert out.startswith(
            "Found 'shared.txt' here:\n  %s" % os.path.realpath(static_tree["src"] / "shared.txt")
        )
        assert out.count("shared.txt") == 3
        out, _ = run("findstatic", "shared.txt", "--first", verbosity=1)
        assert out.count("shared.txt") == 2
        _, err = run("findstatic", "nope.css", verbosity=1)
        assert "No matching file found for 'nope.css'." in err
        out, _ = run("findstatic", "app.js", verbosity=2)
        assert "Looking in the following locations:" in out


class TestManifestStorage:
    def collect(self):
        return run("collectstatic", interactive=False, verbosity=1)[0]

    def test_hashes_and_rewrites(self, manifest_storage):
        from django.contrib.staticfiles.storage import staticfiles_storage

        out = self.collect()
        assert "post-processed" in out
        root = manifest_storage["root"]
        manifest = json.loads((root / "staticfiles.json").read_text())
        assert manifest["version"] == "1.1" and manifest["hash"]
        paths = manifest["paths"]
        bg = paths["img/bg.png"]
        assert bg.startswith("img/bg.") and bg.endswith(".png") and (root / bg).exists()
        site = (root / paths["css/site.css"]).read_text()
        assert '@import url("%s")' % paths["css/base.css"].split("/")[-1] in site
        assert 'url("../%s")' % bg in site
        assert "url(data:image/png;base64,AAAA)" in site and "url(//cdn.example.com/x.png)" in site
        assert "url('../%s?v=1#frag')" % bg in site
        base = (root / paths["css/base.css"]).read_text()
        assert "url(../%s)" % bg in base
        assert staticfiles_storage.url("css/site.css") == "/static/" + paths["css/site.css"]

    def test_content_change_changes_name(self, manifest_storage):
        from django.contrib.staticfiles.storage import staticfiles_storage

        self.collect()
        first = staticfiles_storage.stored_name("img/bg.png")
        (manifest_storage["src"] / "img" / "bg.png").write_bytes(b"different")
        os.utime(manifest_storage["src"] / "img" / "bg.png", (2e9, 2e9))
        self.collect()
        second = json.loads((manifest_storage["root"] / "staticfiles.json").read_text())["paths"][
            "img/bg.png"
        ]
        assert first != second
        site = json.loads((manifest_storage["root"] / "staticfiles.json").read_text())["paths"][
            "css/site.css"
        ]
        assert second.split("/")[-1] in (manifest_storage["root"] / site).read_text()

    def test_missing_manifest_entry_is_strict(self, manifest_storage):
        from django.contrib.staticfiles.storage import staticfiles_storage

        self.collect()
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry for 'nope.css'"):
            staticfiles_storage.url("nope.css")

    def test_manifest_strict_off_hashes_files_missing_from_the_manifest(self, manifest_storage):
        """manifest_strict = False: a file absent from the manifest is hashed from STATIC_ROOT; a
        file that does not exist at all is still an error naming it."""
        from django.contrib.staticfiles.storage import ManifestStaticFilesStorage

        class LooseStorage(ManifestStaticFilesStorage):
            manifest_strict = False

        self.collect()
        (manifest_storage["root"] / "late.css").write_text("x")
        storage = LooseStorage()
        assert storage.url("late.css") == "/static/late.9dd4e461268c.css"
        assert storage.url("css/site.css") == "/static/" + storage.hashed_files["css/site.css"]
        with pytest.raises(ValueError, match="The file 'nope.css' could not be found"):
            storage.url("nope.css")

    def test_no_post_process_copies_without_hashing(self, manifest_storage):
        out, _ = run("collectstatic", "--no-post-process", interactive=False, verbosity=1)
        root = manifest_storage["root"]
        assert "7 static files copied" in out and "post-processed" not in out
        assert not (root / "staticfiles.json").exists()
        assert (root / "css" / "site.css").read_text().startswith('@import "base.css"')
        assert sorted(p.name for p in (root / "img").iterdir()) == ["bg.png"]

    def test_debug_urls_are_unhashed(self, manifest_storage):
        from django.contrib.staticfiles.storage import staticfiles_storage

        with override_settings(DEBUG=True):
            assert staticfiles_storage.url("css/site.css") == "/static/css/site.css"

    def test_missing_referenced_file_fails_collectstatic(self, manifest_storage):
        (manifest_storage["src"] / "css" / "broken.css").write_text("a { background: url(missing.png); }")
        with pytest.raises(ValueError, match="could not be found"):
            self.collect()

    def test_static_tag_uses_storage(self, manifest_storage):
        from django.template import Context, Engine

        self.collect()
        engine = Engine(libraries={"static": "django.templatetags.static"})
        out = engine.from_string("{% load static %}{% static 'img/bg.png' %}").render(Context())
        assert out.startswith("/static/img/bg.") and out.endswith(".png") and out != "/static/img/bg.png"

    def test_js_module_imports(self, static_tree):
        from django.contrib.staticfiles.storage import ManifestStaticFilesStorage

        (static_tree["src"] / "mod.js").write_text(
            'import { a } from "./app.js";\nexport * from "./app.js";\n'
        )

        class ModuleStorage(ManifestStaticFilesStorage):
            support_js_module_import_aggregation = True

        storage = ModuleStorage()
        from django.contrib.staticfiles.finders import FileSystemFinder

        paths = {path: (src, path) for path, src in FileSystemFinder().list([".*", "*~"]) if src.prefix == ""}
        for path, (src, _) in paths.items():
            with src.open(path) as f:
                storage.save(path, f)
        list(storage.post_process(paths))
        mod = (static_tree["root"] / storage.hashed_files["mod.js"]).read_text()
        app = storage.hashed_files["app.js"]
        assert 'import { a } from "./%s";' % app in mod and 'export * from "./%s";' % app in mod


class TestServing:
    def test_serve_view(self, static_tree):
        from django.contrib.staticfiles.views import serve
        from django.core.exceptions import ImproperlyConfigured
        from django.http import Http404
        from django.test import RequestFactory

        request = RequestFactory().get("/static/app.js")
        with pytest.raises(ImproperlyConfigured):
            serve(request, "app.js")
        with override_settings(DEBUG=True):
            response = serve(request, "app.js")
            assert b"".join(response.streaming_content) == b"console.log('hi');\n"
            assert response["Content-Type"] in ("text/javascript", "application/javascript")
            with pytest.raises(Http404):
                serve(request, "../secret")
            with pytest.raises(Http404):
                serve(request, "css/")
            last_modified = response["Last-Modified"]
            cached = RequestFactory().get("/static/app.js", HTTP_IF_MODIFIED_SINCE=last_modified)
            assert serve(cached, "app.js").status_code == 304

    def test_wsgi_handler(self, static_tree):
        from django.contrib.staticfiles.handlers import StaticFilesHandler

        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"from app"]

        handler = StaticFilesHandler(app)
        statuses = []

        def start_response(status, headers):
            statuses.append(status)

        def call(path):
            environ = {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": path,
                "SERVER_NAME": "testserver",
                "SERVER_PORT": "80",
                "wsgi.input": io.BytesIO(b""),
                "wsgi.url_scheme": "http",
                "SCRIPT_NAME": "",
            }
            return b"".join(handler(environ, start_response))

        assert call("/other/") == b"from app"
        assert call("/static/vendor/lib.js") == b"var lib = 1;\n"
        assert call("/static/nope.js") and statuses[-1].startswith("404")

    def test_asgi_handler(self, static_tree):
        import asyncio

        from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

        async def app(scope, receive, send):
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"from app"})

        handler = ASGIStaticFilesHandler(app)

        async def call(path):
            sent = []

            messages = [{"type": "http.request", "body": b"", "more_body": False}]

            async def receive():
                if messages:
                    return messages.pop()
                await asyncio.sleep(3600)  # like a server: nothing more until disconnect

            async def send(message):
                sent.append(message)

            scope = {
                "type": "http",
                "method": "GET",
                "path": path,
                "query_string": b"",
                "headers": [],
                "root_path": "",
            }
            await handler(scope, receive, send)
            return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])

        assert asyncio.run(call("/static/app.js")) == (200, b"console.log('hi');\n")
        assert asyncio.run(call("/x")) == (200, b"from app")

    def test_staticfiles_urlpatterns(self, static_tree):
        from django.contrib.staticfiles.urls import staticfiles_urlpatterns

        with override_settings(DEBUG=True):
            patterns = staticfiles_urlpatterns()
            assert len(patterns) == 1
        with override_settings(DEBUG=False):
            assert staticfiles_urlpatterns() == []
