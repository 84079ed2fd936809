"""A relation to a swappable model deconstructs to ``settings.<NAME>``, whatever registry holds it.

The setting comes from the settings and the project's swappable models, not from the registry
the field's model was built in: a migration's historical state often holds neither the
swappable model nor the model that replaces it.
"""

from __future__ import annotations

import pytest

from django.apps.registry import Apps
from django.conf import SettingsReference
from django.db import models
from django.db.migrations.state import ModelState, StateApps
from django.test import override_settings


def _historical_field(target: str, field_class=models.ForeignKey, **options):
    """The field ``buyer`` of a model rendered from migration state alone (no auth app in it)."""
    if field_class is models.ManyToManyField:
        field = field_class(target, **options)
    else:
        field = field_class(target, models.CASCADE, **options)
    states = {
        ("shop", "order"): ModelState(
            "shop", "Order", [("id", models.AutoField(primary_key=True)), ("buyer", field)]
        )
    }
    apps = StateApps([], states, ignore_swappable=True)
    return apps.get_model("shop", "Order")._meta.get_field("buyer")


def _to(field):
    return field.deconstruct()[3]["to"]


@pytest.mark.parametrize("field_class", [models.ForeignKey, models.OneToOneField, models.ManyToManyField])
def test_relation_to_the_user_model_in_a_historical_state(field_class):
    field = _historical_field("auth.User", field_class)
    assert field.swappable_setting == "AUTH_USER_MODEL"
    to = _to(field)
    assert isinstance(to, SettingsReference)
    assert (to, to.setting_name) == ("auth.user", "AUTH_USER_MODEL")


def test_swapped_user_model_is_recognised_by_the_setting_alone():
    with override_settings(AUTH_USER_MODEL="shop.Customer"):
        field = _historical_field("shop.Customer")
        assert field.swappable_setting == "AUTH_USER_MODEL"
        assert _to(field).setting_name == "AUTH_USER_MODEL"


def test_private_registry_without_the_auth_app():
    registry = Apps(["tests.db.models.app_models"])
    meta = type("Meta", (), {"app_label": "model_tests", "apps": registry})
    model = type(
        "Ticket",
        (models.Model,),
        {"__module__": __name__, "Meta": meta, "owner": models.ForeignKey("auth.User", models.CASCADE)},
    )
    field = model._meta.get_field("owner")
    assert isinstance(field.remote_field.model, str)  # never resolved: auth isn't in that registry
    assert _to(field).setting_name == "AUTH_USER_MODEL"


def test_real_model_relation_to_settings_auth_user_model():
    from django.conf import settings

    registry = Apps(["tests.db.models.app_models"])
    meta = type("Meta", (), {"app_label": "model_tests", "apps": registry})
    from django.contrib.auth.models import User

    field = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE)
    type("Review", (models.Model,), {"__module__": __name__, "Meta": meta, "author": field})
    assert _to(field).setting_name == "AUTH_USER_MODEL"
    # A relation given the class itself says the same.
    by_class = models.ForeignKey(User, models.CASCADE)
    type("Note", (models.Model,), {"__module__": __name__, "Meta": meta, "author": by_class})
    assert _to(by_class).setting_name == "AUTH_USER_MODEL"


def test_other_targets_and_swappable_false_stay_plain_labels():
    registry = Apps(["tests.db.models.app_models"])
    meta = type("Meta", (), {"app_label": "model_tests", "apps": registry})
    plain = models.ForeignKey("model_tests.Author", models.CASCADE)
    type("Quote", (models.Model,), {"__module__": __name__, "Meta": meta, "author": plain})
    assert plain.swappable_setting is None
    assert not isinstance(_to(plain), SettingsReference) and _to(plain) == "model_tests.author"
    opted_out = models.ForeignKey("auth.User", models.CASCADE, swappable=False)
    type("Draft", (models.Model,), {"__module__": __name__, "Meta": meta, "author": opted_out})
    assert opted_out.swappable_setting is None
    assert not isinstance(_to(opted_out), SettingsReference)
