"""How often compiled templates look names up in the context (deterministic counts, no timing).

A loop whose body cannot change context variables reads each outer name once, before the loop;
a body that may change them (an include, a tag setting a variable) reads it again each time.
"""

from __future__ import annotations

import pytest

from django.template import Context
from tests.template.conftest import make_engine


class CountingDict(dict):
    """A context layer that counts the lookups of each name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookups: dict[str, int] = {}

    def __contains__(self, key):
        self.lookups[key] = self.lookups.get(key, 0) + 1
        return super().__contains__(key)


def lookups_of(name: str, source: str, templates: dict | None = None, **data) -> tuple[str, int]:
    engine = make_engine({**(templates or {}), "t": source})
    layer = CountingDict(data)
    context = Context()
    context.dicts.append(layer)
    output = engine.get_template("t").render(context)
    return output, layer.lookups.get(name, 0)


@pytest.mark.parametrize(
    "source",
    [
        "{% for x in l %}{{ t }}{% endfor %}",
        "{% for x in l %}{% if t %}{{ t|upper }}{% endif %}{% endfor %}",
        "{% for x in l %}{% for y in l %}{{ t }}{% endfor %}{% endfor %}",
        "{% for x in l %}{% with u=x %}{{ t }}{{ u }}{% endwith %}{% endfor %}",
    ],
)
def test_pure_loop_reads_outer_name_once(source):
    output, count = lookups_of("t", source, l=list(range(50)), t="v")
    assert "v" in output.lower()
    assert count == 1


@pytest.mark.parametrize(
    "source,templates",
    [
        ("{% for x in l %}{{ t }}{% include 'inc' %}{% endfor %}", {"inc": ""}),
        ("{% for x in l %}{{ t }}{% cycle 'a' 'b' as c silent %}{% endfor %}", {}),
    ],
)
def test_loop_that_may_write_reads_outer_name_each_time(source, templates):
    _, count = lookups_of("t", source, templates, l=list(range(50)), t="v")
    assert count == 50
