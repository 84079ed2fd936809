"""Model signals. Senders may be given as "app_label.ModelName" strings (resolved lazily)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.dispatch import Signal

class_prepared = Signal()


class ModelSignal(Signal):
    """A signal whose ``sender`` may be a lazy "app_label.ModelName" reference."""

    def _lazy_method(self, method: Any, apps: Any, receiver: Any, sender: Any, **kwargs: Any) -> Any:
        from django.db.models.utils import make_model_tuple

        bound = partial(method, receiver, **kwargs)
        if isinstance(sender, str):
            if apps is None:
                from django.apps import apps as global_apps

                apps = global_apps
            apps.lazy_model_operation(bound, make_model_tuple(sender))
            return None
        return bound(sender)

    def connect(
        self,
        receiver: Any,
        sender: Any = None,
        weak: bool = True,
        dispatch_uid: Any = None,
        apps: Any = None,
    ) -> None:
        self._lazy_method(super().connect, apps, receiver, sender, weak=weak, dispatch_uid=dispatch_uid)

    def disconnect(
        self, receiver: Any = None, sender: Any = None, dispatch_uid: Any = None, apps: Any = None
    ) -> Any:
        return self._lazy_method(super().disconnect, apps, receiver, sender, dispatch_uid=dispatch_uid)


pre_init = ModelSignal(use_caching=True)
post_init = ModelSignal(use_caching=True)

pre_save = ModelSignal(use_caching=True)
post_save = ModelSignal(use_caching=True)

pre_delete = ModelSignal(use_caching=True)
post_delete = ModelSignal(use_caching=True)

m2m_changed = ModelSignal(use_caching=True)

pre_migrate = Signal()
post_migrate = Signal()
