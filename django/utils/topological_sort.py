"""Topological sorting of dependency graphs (used for apps, models, migrations)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping


class CyclicDependencyError(ValueError):
    """The graph has a cycle, so it cannot be sorted."""


def topological_sort_as_sets(dependency_graph: Mapping[Hashable, Iterable[Hashable]]) -> Iterator[set]:
    """Yield sets of nodes: every node of a set depends only on nodes of
    earlier sets. ``dependency_graph`` maps node -> its dependencies."""
    remaining = {node: set(deps) for node, deps in dependency_graph.items()}
    while remaining:
        ready = {node for node, deps in remaining.items() if not deps}
        if not ready:
            cycle = ", ".join(repr(item) for item in remaining.items())
            raise CyclicDependencyError(f"Cyclic dependency in graph: {cycle}")
        yield ready
        remaining = {node: deps - ready for node, deps in remaining.items() if node not in ready}


def stable_topological_sort(nodes: Iterable[Hashable], dependency_graph: Mapping) -> list:
    """``nodes`` in dependency order, keeping their given order where free to."""
    nodes = list(nodes)
    result: list = []
    for layer in topological_sort_as_sets(dependency_graph):
        result.extend(node for node in nodes if node in layer)
    return result
