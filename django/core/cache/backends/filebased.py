"""FileBasedCache: one file per key in LOCATION, named by a hash of the key, written atomically."""

from __future__ import annotations

import glob
import hashlib
import os
import pickle
import random
import tempfile
import time
import zlib
from typing import Any, BinaryIO

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


class FileBasedCache(BaseCache):
    cache_suffix = ".djcache"
    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, dir: str, params: dict) -> None:
        super().__init__(params)
        self._dir = os.path.abspath(dir)
        self._createdir()

    # ------------------------------------------------------------ files
    def _createdir(self) -> None:
        # 0o700: other users of the machine must not read or plant cache entries.
        old_umask = os.umask(0o077)
        try:
            os.makedirs(self._dir, 0o700, exist_ok=True)
        finally:
            os.umask(old_umask)

    def _key_to_file(self, key: Any, version: int | None = None) -> str:
        """The file for ``key``: a hash, so no key can name a path outside the directory."""
        key = self.make_and_validate_key(key, version=version)
        digest = hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()
        return os.path.join(self._dir, digest + self.cache_suffix)

    def _list_cache_files(self) -> list[str]:
        return glob.glob(os.path.join(glob.escape(self._dir), "*" + self.cache_suffix))

    def _read_expiry(self, f: BinaryIO) -> float | None:
        return pickle.load(f)

    def _is_expired(self, f: BinaryIO) -> bool:
        """True (and the file removed) if the entry in the open file ``f`` has expired."""
        try:
            expiry = self._read_expiry(f)
        except EOFError:
            expiry = 0  # a truncated file counts as expired
        if expiry is not None and expiry < time.time():
            f.close()
            self._delete_file(f.name)
            return True
        return False

    def _delete_file(self, path: str) -> bool:
        try:
            os.remove(path)
        except FileNotFoundError:
            return False
        return True

    def _write(self, fname: str, value: Any, timeout: Any) -> None:
        self._createdir()  # the directory may have been removed meanwhile
        self._cull()
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        renamed = False
        try:
            with open(fd, "wb") as f:
                f.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
                f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
            os.replace(tmp_path, fname)  # readers see the old file or the new one, never half
            renamed = True
        finally:
            if not renamed:
                os.remove(tmp_path)

    def _cull(self) -> None:
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            victims = files
        else:
            victims = random.sample(files, len(files) // self._cull_frequency)
        for path in victims:
            self._delete_file(path)

    # ------------------------------------------------------------ API
    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        if self.has_key(key, version=version):
            return False
        self.set(key, value, timeout, version)
        return True

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    return pickle.loads(zlib.decompress(f.read()))
        except FileNotFoundError:
            pass
        return default

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._write(self._key_to_file(key, version), value, timeout)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if self._is_expired(f):
                    return False
                value = pickle.loads(zlib.decompress(f.read()))
        except FileNotFoundError:
            return False
        self._write(fname, value, timeout)
        return True

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._delete_file(self._key_to_file(key, version))

    def has_key(self, key: Any, version: int | None = None) -> bool:
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                return not self._is_expired(f)
        except FileNotFoundError:
            return False

    def clear(self) -> None:
        for path in self._list_cache_files():
            self._delete_file(path)
