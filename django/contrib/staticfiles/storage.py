"""Static files storages: plain, and hashed (with a manifest) for long-lived caching."""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit, urlunsplit

from django.contrib.staticfiles.utils import check_settings, matches_patterns
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class StaticFilesStorage(FileSystemStorage):
    """FileSystemStorage defaulting to STATIC_ROOT and STATIC_URL (read on use)."""

    def __init__(self, location: Any = None, base_url: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(location, base_url, *args, **kwargs)
        check_settings(self.base_url)

    @property
    def base_location(self) -> Any:  # type: ignore[override]
        from django.conf import settings

        location = self._location if self._location is not None else settings.STATIC_ROOT
        return os.fspath(location) if location else None

    @property
    def location(self) -> Any:  # type: ignore[override]
        base = self.base_location
        return os.path.abspath(base) if base else None

    @property
    def base_url(self) -> Any:  # type: ignore[override]
        from django.conf import settings

        url = self._base_url if self._base_url is not None else settings.STATIC_URL
        if url and not url.endswith("/"):
            url += "/"
        return url

    def path(self, name: str) -> str:
        if not self.location:
            raise ImproperlyConfigured(
                "You're using the staticfiles app without having set the STATIC_ROOT setting to a filesystem path."
            )
        return super().path(name)


# (extension glob, [(regex, replacement template)]): references to rewrite to hashed names.
CSS_PATTERNS = (
    (
        r"""(?P<matched>url\((?P<quote>['"]{0,1})\s*(?P<url>.*?)(?P=quote)\))""",
        """url(%(quote)s%(url)s%(quote)s)""",
    ),
    (r"""(?P<matched>@import\s*["']\s*(?P<url>.*?)["'])""", """@import url("%(url)s")"""),
    (
        r"(?m)^(?P<matched>/\*#[ \t](?-i:sourceMappingURL)=(?P<url>.*)[ \t]*\*/)$",
        "/*# sourceMappingURL=%(url)s */",
    ),
)
JS_SOURCEMAP = (
    (r"(?m)^(?P<matched>//# (?-i:sourceMappingURL)=(?P<url>.*))$", "//# sourceMappingURL=%(url)s"),
)
JS_MODULES = (
    (
        r"""(?P<matched>import(?s:(?P<import>[\s\{].*?|\*))\s*from\s*['"](?P<url>[./].*?)["']\s*;)""",
        """import%(import)s from "%(url)s";""",
    ),
    (
        r"""(?P<matched>export(?s:(?P<exports>[\s\{].*?|\*))\s*from\s*["'](?P<url>[./].*?)["']\s*;)""",
        """export%(exports)s from "%(url)s";""",
    ),
    (r"""(?P<matched>import\s*['"](?P<url>[./].*?)["']\s*;)""", """import"%(url)s";"""),
    (r"""(?P<matched>import\(["'](?P<url>.*?)["']\))""", """import("%(url)s")"""),
)


class HashedFilesMixin:
    """Save a copy of each file with its content hash in the name, rewriting references."""

    default_template = """url("%(url)s")"""
    max_post_process_passes = 5
    support_js_module_import_aggregation = False
    keep_intermediate_files = True
    patterns: tuple = (("*.css", CSS_PATTERNS), ("*.js", JS_SOURCEMAP))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        patterns = list(self.patterns)
        if self.support_js_module_import_aggregation:
            patterns.append(("*.js", JS_MODULES))
        self._patterns: dict[str, list] = {}
        self.hashed_files: dict[str, str] = {}
        for extension, pattern_list in patterns:
            for pattern, template in pattern_list:
                compiled = re.compile(pattern, re.IGNORECASE)
                self._patterns.setdefault(extension, []).append((compiled, template))

    def file_hash(self, name: str | None, content: Any = None) -> str | None:
        """12 hex characters of the MD5 of the content (None for no content)."""
        if content is None:
            return None
        hasher = hashlib.md5(usedforsecurity=False)
        for chunk in content.chunks():
            hasher.update(chunk if isinstance(chunk, bytes) else chunk.encode())
        return hasher.hexdigest()[:12]

    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        parsed = urlsplit(unquote(name))
        clean_name = parsed.path.strip()
        filename = (filename and urlsplit(unquote(filename)).path.strip()) or clean_name
        opened = content is None
        if opened:
            if not self.exists(filename):  # type: ignore[attr-defined]
                raise ValueError("The file '%s' could not be found with %r." % (filename, self))
            try:
                content = self.open(filename)  # type: ignore[attr-defined]
            except OSError:
                return name
        try:
            file_hash = self.file_hash(clean_name, content)
        finally:
            if opened:
                content.close()
        path, filename = os.path.split(clean_name)
        root, ext = os.path.splitext(filename)
        file_hash = ".%s" % file_hash if file_hash else ""
        hashed = os.path.join(path, "%s%s%s" % (root, file_hash, ext))
        unparsed = list(parsed)
        unparsed[2] = hashed
        if "?#" in name and not unparsed[3]:
            unparsed[2] += "?"
        return urlunsplit(unparsed)

    def _url(self, hashed_name_func: Any, name: str, force: bool = False, hashed_files: Any = None) -> str:
        from django.conf import settings

        if settings.DEBUG and not force:
            hashed_name, fragment = name, ""
        else:
            clean_name, fragment = urldefrag(name)
            if urlsplit(clean_name).path.endswith("/"):
                hashed_name = name
            else:
                args: tuple = (clean_name,)
                if hashed_files is not None:
                    args += (hashed_files,)
                hashed_name = hashed_name_func(*args)
        final_url = super().url(hashed_name)  # type: ignore[misc]
        query_fragment = "?#" in name
        if fragment or query_fragment:
            parts = list(urlsplit(final_url))
            if fragment and not parts[4]:
                parts[4] = fragment
            if query_fragment and not parts[3]:
                parts[2] += "?"
            final_url = urlunsplit(parts)
        return unquote(final_url)

    def url(self, name: str, force: bool = False) -> str:
        """The hashed file's URL (the plain one when DEBUG, unless force)."""
        return self._url(self.stored_name, name, force)

    def url_converter(
        self, name: str, hashed_files: dict, template: str | None = None
    ) -> Callable[[re.Match], str]:
        """A re.sub callback turning a reference into its hashed equivalent."""
        from django.conf import settings

        template = template or self.default_template

        def converter(matchobj: re.Match) -> str:
            matches = matchobj.groupdict()
            matched = matches["matched"]
            url = matches["url"]
            if re.match(r"^[a-z]+:", url, re.IGNORECASE) or url.startswith(("#", "//")):
                return matched  # external, data: or fragment-only references
            if url.startswith("/") and not url.startswith(settings.STATIC_URL or "/"):
                return matched
            url_path, fragment = urldefrag(url)
            if not url_path:
                return matched
            if url_path.startswith("/"):
                target_name = url_path.removeprefix(settings.STATIC_URL)
            else:
                source_name = name if os.sep == "/" else name.replace(os.sep, "/")
                target_name = posixpath.join(posixpath.dirname(source_name), url_path)
            hashed_url = self._url(
                self._stored_name, unquote(target_name), force=True, hashed_files=hashed_files
            )
            transformed = "/".join(url_path.split("/")[:-1] + hashed_url.split("/")[-1:])
            if fragment:
                transformed += ("?#" if "?#" in url else "#") + fragment
            matches["url"] = unquote(transformed)
            return template % matches

        return converter

    def post_process(self, paths: dict, dry_run: bool = False, **options: Any) -> Iterator[Any]:
        """Hash every collected file; rewrite CSS/JS references until nothing changes."""
        if dry_run:
            return
        hashed_files: dict[str, str] = {}
        adjustable = [path for path in paths if matches_patterns(path, self._patterns)]
        processed_adjustable: set[str] = set()
        for name, hashed_name, processed, _ in self._post_process(paths, adjustable, hashed_files):
            yield name, hashed_name, processed
            if name in adjustable:
                processed_adjustable.add(name)
        substitutions = False
        adjustable_paths = {path: paths[path] for path in adjustable}
        for _ in range(self.max_post_process_passes):
            substitutions = False
            for name, hashed_name, processed, subst in self._post_process(
                adjustable_paths, adjustable, hashed_files
            ):
                if name not in processed_adjustable:
                    yield name, hashed_name, processed
                processed_adjustable.add(name)
                substitutions = substitutions or subst
            if not substitutions:
                break
        if substitutions:
            yield "All", None, RuntimeError("Max post-process passes exceeded.")
        self.hashed_files.update(hashed_files)
        yield from self._post_process_done()

    def _post_process_done(self) -> Iterator[Any]:
        return iter(())

    def _post_process(self, paths: dict, adjustable_paths: list, hashed_files: dict) -> Iterator[Any]:
        # Deepest paths first, so nested references are hashed before their users.
        for name in sorted(paths, key=lambda path: path.count(os.sep), reverse=True):
            storage, path = paths[name]
            substitutions = True
            with storage.open(path) as original_file:
                cleaned_name = self.clean_name(name)  # type: ignore[attr-defined]
                hash_key = self.hash_key(cleaned_name)
                if hash_key not in hashed_files:
                    hashed_name = self.hashed_name(name, original_file)
                else:
                    hashed_name = hashed_files[hash_key]
                if hasattr(original_file, "seek"):
                    original_file.seek(0)
                hashed_file_exists = self.exists(hashed_name)  # type: ignore[attr-defined]
                processed = False
                if name in adjustable_paths:
                    old_hashed_name = hashed_name
                    try:
                        content = original_file.read().decode("utf-8")
                    except UnicodeDecodeError as exc:
                        yield name, None, exc, False
                        continue
                    for extension, patterns in self._patterns.items():
                        if matches_patterns(path, (extension,)):
                            for pattern, template in patterns:
                                converter = self.url_converter(name, hashed_files, template)
                                try:
                                    content = pattern.sub(converter, content)
                                except ValueError as exc:
                                    yield name, None, exc, False
                                    content = None
                                    break
                            if content is None:
                                break
                    if content is None:
                        continue
                    if hashed_file_exists:
                        self.delete(hashed_name)  # type: ignore[attr-defined]
                    content_file = ContentFile(content.encode())
                    if self.keep_intermediate_files:
                        self._save(hashed_name, content_file)  # type: ignore[attr-defined]
                    hashed_name = self.hashed_name(name, content_file)
                    if self.exists(hashed_name):  # type: ignore[attr-defined]
                        self.delete(hashed_name)  # type: ignore[attr-defined]
                    saved_name = self._save(hashed_name, content_file)  # type: ignore[attr-defined]
                    hashed_name = self.clean_name(saved_name)  # type: ignore[attr-defined]
                    if old_hashed_name == hashed_name:
                        substitutions = False
                    processed = True
                if not processed:
                    if not hashed_file_exists:
                        processed = True
                        saved_name = self._save(hashed_name, original_file)  # type: ignore[attr-defined]
                        hashed_name = self.clean_name(saved_name)  # type: ignore[attr-defined]
                hashed_files[hash_key] = hashed_name
                yield name, hashed_name, processed, substitutions

    def clean_name(self, name: str) -> str:
        return name.replace("\\", "/")

    def hash_key(self, name: str) -> str:
        return name

    def _stored_name(self, name: str, hashed_files: dict) -> str:
        name = posixpath.normpath(name)
        cleaned_name = self.clean_name(name)
        hash_key = self.hash_key(cleaned_name)
        cache_name = hashed_files.get(hash_key)
        if cache_name is None:
            cache_name = self.clean_name(self.hashed_name(name))
        return cache_name

    def stored_name(self, name: str) -> str:
        cleaned_name = self.clean_name(name)
        hash_key = self.hash_key(cleaned_name)
        cache_name = self.hashed_files.get(hash_key)
        if cache_name:
            return cache_name
        intermediate_name = name
        for _ in range(self.max_post_process_passes + 1):
            cache_name = self.clean_name(self.hashed_name(name, content=None, filename=intermediate_name))
            if intermediate_name == cache_name:
                self.hashed_files[hash_key] = cache_name
                return cache_name
            intermediate_name = cache_name
        raise ValueError("The name '%s' could not be hashed with %r." % (name, self))


class ManifestFilesMixin(HashedFilesMixin):
    """Keep original -> hashed names in staticfiles.json so lookups need no file reads."""

    manifest_version = "1.1"
    manifest_name = "staticfiles.json"
    manifest_strict = True
    keep_intermediate_files = False

    def __init__(self, *args: Any, manifest_storage: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if manifest_storage is None:
            manifest_storage = self
        self.manifest_storage = manifest_storage
        self.hashed_files, self.manifest_hash = self.load_manifest()

    def read_manifest(self) -> str | None:
        try:
            with self.manifest_storage.open(self.manifest_name) as manifest:
                return manifest.read().decode()
        except (FileNotFoundError, ImproperlyConfigured, TypeError, OSError):
            return None

    def load_manifest(self) -> tuple[dict, str]:
        content = self.read_manifest()
        if content is None:
            return {}, ""
        try:
            stored = json.loads(content)
        except json.JSONDecodeError:
            pass
        else:
            version = stored.get("version")
            if version in ("1.0", "1.1"):
                return stored.get("paths", {}), stored.get("hash", "")
        raise ValueError(
            "Couldn't load manifest '%s' (version %s)" % (self.manifest_name, self.manifest_version)
        )

    def post_process(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        self.hashed_files = {}
        yield from super().post_process(*args, **kwargs)
        if not kwargs.get("dry_run"):
            self.save_manifest()

    def save_manifest(self) -> None:
        sorted_paths = dict(sorted(self.hashed_files.items()))
        self.manifest_hash = self.file_hash(None, ContentFile(json.dumps(sorted_paths).encode()))  # type: ignore[assignment]
        payload = {"paths": self.hashed_files, "version": self.manifest_version, "hash": self.manifest_hash}
        if self.manifest_storage.exists(self.manifest_name):
            self.manifest_storage.delete(self.manifest_name)
        contents = json.dumps(payload).encode()
        self.manifest_storage._save(self.manifest_name, ContentFile(contents))

    def stored_name(self, name: str) -> str:
        parsed = urlsplit(unquote(name))
        clean_name = parsed.path.strip()
        hash_key = self.hash_key(clean_name)
        cache_name = self.hashed_files.get(hash_key)
        if cache_name is None:
            if self.manifest_strict:
                raise ValueError("Missing staticfiles manifest entry for '%s'" % clean_name)
            cache_name = self.clean_name(self.hashed_name(name))
        unparsed = list(parsed)
        unparsed[2] = cache_name
        if "?#" in name and not unparsed[3]:
            unparsed[2] += "?"
        return urlunsplit(unparsed)


class ManifestStaticFilesStorage(ManifestFilesMixin, StaticFilesStorage):  # type: ignore[misc]  # url() adds `force`
    """Hashed names recorded in a JSON manifest (for far-future caching)."""


class ConfiguredStorage(LazyObject):
    def _setup(self) -> None:
        from django.core.files.storage import storages

        self._wrapped = storages["staticfiles"]


staticfiles_storage: Any = ConfiguredStorage()
