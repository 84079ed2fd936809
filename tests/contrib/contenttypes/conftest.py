"""The generic-relation test app's tables on the database under test."""

from __future__ import annotations

import pytest


@pytest.fixture
def gdb(cdb, create_tables):
    """cdb (queries pinned to the database under test) plus the ctapp tables."""
    from tests.contrib.contenttypes.ctapp.models import ALL_MODELS

    create_tables(*ALL_MODELS)
    return cdb
