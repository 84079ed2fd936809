"""SessionBase: a dict-like session loaded lazily, saved by the middleware when modified."""

from __future__ import annotations

import logging
import string
from datetime import datetime, timedelta
from typing import Any

from asgiref.sync import sync_to_async

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.functional import cached_property
from django.utils.module_loading import import_string

VALID_KEY_CHARS = string.ascii_lowercase + string.digits


class CreateError(Exception):
    """A new session could not be created (its key exists already)."""


class UpdateError(Exception):
    """The session could not be updated (it was deleted meanwhile)."""


class SessionBase:
    """Base class of session stores. Subclasses implement exists/create/save/delete/load."""

    TEST_COOKIE_NAME = "testcookie"
    TEST_COOKIE_VALUE = "worked"
    __not_given = object()

    def __init__(self, session_key: str | None = None) -> None:
        if session_key is None:
            self.__session_key = None  # nothing to validate (no session cookie)
        else:
            self._session_key = session_key
        self.accessed = False
        self.modified = False

    @cached_property
    def serializer(self) -> Any:
        # Looked up when first encoding or decoding: most requests never touch their session.
        return import_string(settings.SESSION_SERIALIZER)

    # ---------------------------------------------------------------- dict interface
    def __contains__(self, key: str) -> bool:
        return key in self._session

    def __getitem__(self, key: str) -> Any:
        return self._session[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._session[key] = value
        self.modified = True

    def __delitem__(self, key: str) -> None:
        del self._session[key]
        self.modified = True

    @property
    def key_salt(self) -> str:
        return "django.contrib.sessions." + self.__class__.__qualname__

    def get(self, key: str, default: Any = None) -> Any:
        return self._session.get(key, default)

    def pop(self, key: str, default: Any = __not_given) -> Any:
        self.modified = self.modified or key in self._session
        args = () if default is self.__not_given else (default,)
        return self._session.pop(key, *args)

    def setdefault(self, key: str, value: Any) -> Any:
        if key in self._session:
            return self._session[key]
        self[key] = value
        return value

    def update(self, dict_: dict) -> None:
        self._session.update(dict_)
        self.modified = True

    def has_key(self, key: str) -> bool:
        return key in self._session

    def keys(self) -> Any:
        return self._session.keys()

    def values(self) -> Any:
        return self._session.values()

    def items(self) -> Any:
        return self._session.items()

    def clear(self) -> None:
        # Emptied sessions are saved too; the cache is reset without loading.
        self._session_cache: dict = {}
        self.accessed = True
        self.modified = True

    def is_empty(self) -> bool:
        """Whether nothing was ever stored (no key and no loaded data)."""
        try:
            key = self._session_key
        except AttributeError:
            return True
        # getattr with a default: no exception raised for the usual unloaded session.
        return not key and not getattr(self, "_session_cache", None)

    # ---------------------------------------------------------------- test cookie
    def set_test_cookie(self) -> None:
        self[self.TEST_COOKIE_NAME] = self.TEST_COOKIE_VALUE

    def test_cookie_worked(self) -> bool:
        return self.get(self.TEST_COOKIE_NAME) == self.TEST_COOKIE_VALUE

    def delete_test_cookie(self) -> None:
        del self[self.TEST_COOKIE_NAME]

    # ---------------------------------------------------------------- encoding
    def encode(self, session_dict: dict) -> str:
        return signing.dumps(session_dict, salt=self.key_salt, serializer=self.serializer, compress=True)

    def decode(self, session_data: str) -> dict:
        try:
            return signing.loads(session_data, salt=self.key_salt, serializer=self.serializer)
        except signing.BadSignature:
            logging.getLogger("django.security.SuspiciousSession").warning("Session data corrupted")
        except Exception:  # noqa: BLE001 - any undecodable data means an empty session
            pass
        return {}

    # ---------------------------------------------------------------- keys
    def _create_under_fresh_key(self, attempts: int | None = None) -> bool:
        """What create() does in every store: save under new keys until one is not taken yet.
        False if ``attempts`` (None: no limit) ran out first."""
        tried = 0
        while attempts is None or tried < attempts:
            tried += 1
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue  # the key was taken meanwhile: try another
            self.modified = True
            return True
        return False

    def _key_to_delete(self, session_key: str | None) -> str | None:
        """delete()'s target in every store: the given key, else this session's own (None: none)."""
        return self.session_key if session_key is None else session_key

    def _get_new_session_key(self) -> str:
        while True:
            session_key = get_random_string(32, VALID_KEY_CHARS)
            if not self.exists(session_key):
                return session_key

    def _get_or_create_session_key(self) -> str:
        if self._session_key is None:
            self._session_key = self._get_new_session_key()
        return self._session_key

    def _validate_session_key(self, key: Any) -> bool:
        return bool(key) and len(key) >= 8

    def _get_session_key(self) -> str | None:
        return self.__session_key

    def _set_session_key(self, value: Any) -> None:
        self.__session_key = value if self._validate_session_key(value) else None

    session_key = property(_get_session_key)
    _session_key = property(_get_session_key, _set_session_key)

    def _get_session(self, no_load: bool = False) -> dict:
        self.accessed = True
        try:
            return self._session_cache
        except AttributeError:
            if self.session_key is None or no_load:
                self._session_cache = {}
            else:
                self._session_cache = self.load()
        return self._session_cache

    _session = property(_get_session)

    # ---------------------------------------------------------------- expiry
    def get_session_cookie_age(self) -> int:
        return settings.SESSION_COOKIE_AGE

    def get_expiry_age(self, **kwargs: Any) -> int:
        """Seconds until the session expires (``modification``/``expiry`` may be given)."""
        try:
            modification = kwargs["modification"]
        except KeyError:
            modification = timezone.now()
        try:
            expiry = kwargs["expiry"]
        except KeyError:
            expiry = self.get("_session_expiry")
        if not expiry:
            return self.get_session_cookie_age()
        if not isinstance(expiry, (datetime, str)):
            return expiry
        if isinstance(expiry, str):
            expiry = datetime.fromisoformat(expiry)
        delta = expiry - modification
        return delta.days * 86400 + delta.seconds

    def get_expiry_date(self, **kwargs: Any) -> datetime:
        try:
            modification = kwargs["modification"]
        except KeyError:
            modification = timezone.now()
        try:
            expiry = kwargs["expiry"]
        except KeyError:
            expiry = self.get("_session_expiry")
        if isinstance(expiry, datetime):
            return expiry
        if isinstance(expiry, str):
            return datetime.fromisoformat(expiry)
        return modification + timedelta(seconds=expiry or self.get_session_cookie_age())

    def set_expiry(self, value: Any) -> None:
        """int seconds, a datetime or timedelta, 0 (browser close) or None (the global policy)."""
        if value is None:
            try:
                del self["_session_expiry"]
            except KeyError:
                pass
            return
        if isinstance(value, timedelta):
            value = timezone.now() + value
        if isinstance(value, datetime):
            value = value.isoformat()
        self["_session_expiry"] = value

    def get_expire_at_browser_close(self) -> bool:
        expiry = self.get("_session_expiry")
        if expiry is None:
            return settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
        return expiry == 0

    # ---------------------------------------------------------------- lifecycle
    def flush(self) -> None:
        """Delete the session data and key (logout)."""
        self.clear()
        self.delete()
        self._session_key = None

    def cycle_key(self) -> None:
        """Keep the data under a new key (against session fixation)."""
        data = self._session
        key = self.session_key
        self.create()
        self._session_cache = data
        if key:
            self.delete(key)

    def exists(self, session_key: str) -> bool:
        raise NotImplementedError("subclasses of SessionBase must provide an exists() method")

    def create(self) -> None:
        raise NotImplementedError("subclasses of SessionBase must provide a create() method")

    def save(self, must_create: bool = False) -> None:
        raise NotImplementedError("subclasses of SessionBase must provide a save() method")

    def delete(self, session_key: str | None = None) -> None:
        raise NotImplementedError("subclasses of SessionBase must provide a delete() method")

    def load(self) -> dict:
        raise NotImplementedError("subclasses of SessionBase must provide a load() method")

    @classmethod
    def clear_expired(cls) -> None:
        raise NotImplementedError("This backend does not support clear_expired().")

    # ---------------------------------------------------------------- async forms
    async def aget(self, key: str, default: Any = None) -> Any:
        return (await self._aget_session()).get(key, default)

    async def aset(self, key: str, value: Any) -> None:
        (await self._aget_session())[key] = value
        self.modified = True

    async def apop(self, key: str, default: Any = __not_given) -> Any:
        await self._aget_session()
        return self.pop(key, default)

    async def asetdefault(self, key: str, value: Any) -> Any:
        await self._aget_session()
        return self.setdefault(key, value)

    async def aupdate(self, dict_: dict) -> None:
        (await self._aget_session()).update(dict_)
        self.modified = True

    async def ahas_key(self, key: str) -> bool:
        return key in await self._aget_session()

    async def akeys(self) -> Any:
        return (await self._aget_session()).keys()

    async def avalues(self) -> Any:
        return (await self._aget_session()).values()

    async def aitems(self) -> Any:
        return (await self._aget_session()).items()

    async def _aget_session(self, no_load: bool = False) -> dict:
        return await sync_to_async(self._get_session)(no_load)

    async def aflush(self) -> None:
        await sync_to_async(self.flush)()

    async def acycle_key(self) -> None:
        await sync_to_async(self.cycle_key)()

    async def aexists(self, session_key: str) -> bool:
        return await sync_to_async(self.exists)(session_key)

    async def acreate(self) -> None:
        await sync_to_async(self.create)()

    async def asave(self, must_create: bool = False) -> None:
        await sync_to_async(self.save)(must_create)

    async def adelete(self, session_key: str | None = None) -> None:
        await sync_to_async(self.delete)(session_key)

    async def aload(self) -> dict:
        return await sync_to_async(self.load)()

    async def aset_expiry(self, value: Any) -> None:
        await sync_to_async(self.set_expiry)(value)

    async def aget_expiry_age(self, **kwargs: Any) -> int:
        return await sync_to_async(self.get_expiry_age)(**kwargs)

    async def aget_expiry_date(self, **kwargs: Any) -> datetime:
        return await sync_to_async(self.get_expiry_date)(**kwargs)

    async def aget_expire_at_browser_close(self) -> bool:
        return await sync_to_async(self.get_expire_at_browser_close)()

    @classmethod
    async def aclear_expired(cls) -> None:
        await sync_to_async(cls.clear_expired)()
