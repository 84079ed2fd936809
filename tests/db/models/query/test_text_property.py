"""Property test: arbitrary text is stored and found exactly by every text lookup (values are bound)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .qapp.models import Tag

# Printable text incl. quotes, backslashes, %, _, and emoji; no NUL (refused by PostgreSQL).
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from(["'", '"', "\\", "%", "_", "😀"]),
    min_size=1,
    max_size=40,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=texts)
def test_text_lookups_find_exactly_the_stored_value(qdb, value):
    Tag.objects.all().delete()
    stored = Tag.objects.create(name=value)
    Tag.objects.create(name="\u2603 unrelated row \u2603")
    for lookup in ("exact", "contains", "startswith", "endswith"):
        found = list(Tag.objects.filter(**{f"name__{lookup}": value}).values_list("pk", flat=True))
        assert stored.pk in found, lookup
    assert Tag.objects.get(name=value).name == value


@pytest.mark.parametrize("needle", ["%", "_", "\\", "a%b", "a_b"])
def test_wildcards_in_values_are_literal(qdb, needle):
    Tag.objects.create(name=f"x{needle}y")
    Tag.objects.create(name="xzzy")
    assert [t.name for t in Tag.objects.filter(name__contains=needle)] == [f"x{needle}y"]
    assert [t.name for t in Tag.objects.filter(name__icontains=needle)] == [f"x{needle}y"]
