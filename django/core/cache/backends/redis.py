"""RedisCache through the ``redis`` package.

LOCATION is a URL or a list of them: the first is written to, reads pick any. Integers are
stored as Redis integers (so ``incr`` is atomic on the server), everything else pickled.
"""

from __future__ import annotations

import pickle
import random
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.utils.functional import cached_property
from django.utils.module_loading import import_string


class RedisSerializer:
    def __init__(self, protocol: int | None = None) -> None:
        self.protocol = pickle.HIGHEST_PROTOCOL if protocol is None else protocol

    def dumps(self, obj: Any) -> Any:
        # bool is an int subclass but must come back as a bool, so it is pickled.
        if type(obj) is int:
            return obj
        return pickle.dumps(obj, self.protocol)

    def loads(self, data: Any) -> Any:
        try:
            return int(data)
        except ValueError:
            return pickle.loads(data)


class RedisCacheClient:
    """The operations on the server(s), with keys already made and timeouts in seconds."""

    def __init__(
        self,
        servers: list[str],
        serializer: Any = None,
        pool_class: Any = None,
        parser_class: Any = None,
        **options: Any,
    ) -> None:
        import redis

        self._lib = redis
        self._servers = servers
        self._pools: dict[int, Any] = {}
        self._client = redis.Redis
        if isinstance(pool_class, str):
            pool_class = import_string(pool_class)
        self._pool_class = pool_class or redis.ConnectionPool
        if isinstance(serializer, str):
            serializer = import_string(serializer)
        if callable(serializer):
            serializer = serializer()
        self._serializer = serializer or RedisSerializer()
        if isinstance(parser_class, str):
            parser_class = import_string(parser_class)
        self._pool_options = {"parser_class": parser_class, **options} if parser_class else options

    def _get_connection_pool_index(self, write: bool) -> int:
        if write or len(self._servers) == 1:
            return 0
        return random.randint(1, len(self._servers) - 1)

    def _get_connection_pool(self, write: bool) -> Any:
        index = self._get_connection_pool_index(write)
        if index not in self._pools:
            self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
        return self._pools[index]

    def get_client(self, key: str | None = None, *, write: bool = False) -> Any:
        return self._client(connection_pool=self._get_connection_pool(write))

    def add(self, key: str, value: Any, timeout: int | None) -> bool:
        client = self.get_client(key, write=True)
        value = self._serializer.dumps(value)
        if timeout == 0:
            stored = bool(client.set(key, value, nx=True))
            if stored:
                client.delete(key)
            return stored
        return bool(client.set(key, value, ex=timeout, nx=True))

    def get(self, key: str, default: Any) -> Any:
        value = self.get_client(key).get(key)
        return default if value is None else self._serializer.loads(value)

    def set(self, key: str, value: Any, timeout: int | None) -> None:
        client = self.get_client(key, write=True)
        if timeout == 0:
            client.delete(key)
        else:
            client.set(key, self._serializer.dumps(value), ex=timeout)

    def touch(self, key: str, timeout: int | None) -> bool:
        client = self.get_client(key, write=True)
        if timeout is None:
            return bool(client.persist(key)) or bool(client.exists(key))
        return bool(client.expire(key, timeout))

    def delete(self, key: str) -> bool:
        return bool(self.get_client(key, write=True).delete(key))

    def get_many(self, keys: list[str]) -> dict:
        values = self.get_client(None).mget(keys)
        return {k: self._serializer.loads(v) for k, v in zip(keys, values) if v is not None}

    def has_key(self, key: str) -> bool:
        return bool(self.get_client(key).exists(key))

    def incr(self, key: str, delta: int) -> int:
        client = self.get_client(key, write=True)
        if not client.exists(key):
            raise ValueError(f"Key '{key}' not found.")
        return client.incr(key, delta)

    def set_many(self, data: dict, timeout: int | None) -> None:
        client = self.get_client(None, write=True)
        pipeline = client.pipeline()
        pipeline.mset({k: self._serializer.dumps(v) for k, v in data.items()})
        if timeout is not None:
            for key in data:
                pipeline.expire(key, timeout)  # expire 0 removes the key at once
        pipeline.execute()

    def delete_many(self, keys: list[str]) -> None:
        self.get_client(None, write=True).delete(*keys)

    def clear(self) -> bool:
        return bool(self.get_client(None, write=True).flushdb())


class RedisCache(BaseCache):
    def __init__(self, server: str | list[str], params: dict) -> None:
        super().__init__(params)
        if isinstance(server, str):
            self._servers = [s for s in server.replace(",", ";").split(";") if s]
        else:
            self._servers = list(server)
        self._class = RedisCacheClient
        self._options = params.get("OPTIONS", {})

    @cached_property
    def _cache(self) -> RedisCacheClient:
        return self._class(self._servers, **self._options)

    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> Any:
        """Seconds from now, as Redis wants them (None = persist, 0 = gone at once)."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.add(key, value, self.get_backend_timeout(timeout))

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.get(key, default)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._cache.set(key, value, self.get_backend_timeout(timeout))

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.touch(key, self.get_backend_timeout(timeout))

    def delete(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.delete(key)

    def get_many(self, keys: Any, version: int | None = None) -> dict:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not key_map:
            return {}
        found = self._cache.get_many(list(key_map))
        return {key_map[k]: v for k, v in found.items()}

    def has_key(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.has_key(key)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.incr(key, delta)

    def set_many(self, data: dict, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list:
        if not data:
            return []
        safe_data = {self.make_and_validate_key(k, version=version): v for k, v in data.items()}
        self._cache.set_many(safe_data, self.get_backend_timeout(timeout))
        return []

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        db_keys = [self.make_and_validate_key(key, version=version) for key in keys]
        if db_keys:
            self._cache.delete_many(db_keys)

    def clear(self) -> None:
        self._cache.clear()
