"""Model checks on real models, each test with its own app registry (the global one is untouched)."""

from __future__ import annotations

import pytest

from django.apps.registry import Apps
from django.core.checks.model_checks import check_all_models, lazy_reference_messages
from django.db import models


@pytest.fixture
def registry():
    return Apps(["tests.apps.sample.plain_app"])


def model(registry, class_name, table=None, **fields):
    meta = type(
        "Meta", (), {"app_label": "plain_app", "apps": registry, **({"db_table": table} if table else {})}
    )
    return type(class_name, (models.Model,), {"__module__": __name__, "Meta": meta, **fields})


def ids(messages):
    return sorted(message.id for message in messages)


def test_valid_models_have_no_issues(registry):
    model(registry, "Author", name=models.CharField(max_length=50))
    assert check_all_models(app_configs=registry.get_app_configs()) == []


def test_each_models_own_check_is_run(registry):
    model(registry, "Broken", name=models.CharField())  # CharField without max_length
    messages = check_all_models(app_configs=registry.get_app_configs())
    assert ids(messages) == ["fields.E120"]
    assert str(messages[0]).startswith("plain_app.Broken.name: (fields.E120)")


def test_shared_db_table_is_reported(registry):
    model(registry, "First", table="shared_table")
    model(registry, "Second", table="shared_table")
    messages = check_all_models(app_configs=registry.get_app_configs())
    assert ids(messages) == ["models.E028"]
    assert (
        messages[0].msg
        == "db_table 'shared_table' is used by multiple models: plain_app.First, plain_app.Second."
    )


def test_unresolved_lazy_reference_is_reported(registry):
    model(registry, "Order", customer=models.ForeignKey("plain_app.Customer", models.CASCADE))
    messages = lazy_reference_messages(registry)
    assert [message.id for message in messages] == ["fields.E307"]
    assert "plain_app.Order.customer" in messages[0].msg
    assert "app 'plain_app' doesn't provide model 'customer'" in messages[0].msg


def test_reference_to_an_uninstalled_app_is_reported(registry):
    model(registry, "Ticket", event=models.ForeignKey("nowhere.Event", models.CASCADE))
    messages = lazy_reference_messages(registry)
    assert "app 'nowhere' isn't installed" in messages[0].msg


def test_references_resolve_once_the_model_exists(registry):
    model(registry, "Order", customer=models.ForeignKey("plain_app.Customer", models.CASCADE))
    model(registry, "Customer")
    assert lazy_reference_messages(registry) == []
