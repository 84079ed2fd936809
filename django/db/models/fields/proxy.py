"""Fields that stand in for something else."""

from __future__ import annotations

from typing import Any

from django.db.models.fields.numeric import IntegerField


class OrderWrt(IntegerField):
    """The hidden ``_order`` column added by Meta.order_with_respect_to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["name"] = "_order"
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)
