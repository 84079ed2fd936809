"""MigrationGraph: plans follow dependencies, leaves/roots per app, cycles and missing nodes."""

import pytest

from django.db.migrations.exceptions import CircularDependencyError, NodeNotFoundError
from django.db.migrations.graph import MigrationGraph


def build(edges, nodes):
    graph = MigrationGraph()
    for node in nodes:
        graph.add_node(node, None)
    for child, parent in edges:
        graph.add_dependency("test", child, parent)
    return graph


A1, A2, A3 = ("a", "0001"), ("a", "0002"), ("a", "0003")
B1, B2 = ("b", "0001"), ("b", "0002")


def test_forwards_plan_puts_dependencies_first():
    graph = build([(A2, A1), (A3, A2), (B1, A1), (B2, B1), (A3, B2)], [A1, A2, A3, B1, B2])
    plan = graph.forwards_plan(A3)
    assert plan[-1] == A3
    assert plan.index(A1) < plan.index(A2) < plan.index(A3)
    assert plan.index(B1) < plan.index(B2) < plan.index(A3)
    assert len(plan) == len(set(plan)) == 5


def test_backwards_plan_unapplies_dependants_first():
    graph = build([(A2, A1), (A3, A2), (B1, A2)], [A1, A2, A3, B1])
    plan = graph.backwards_plan(A2)
    assert plan[-1] == A2
    assert set(plan) == {A2, A3, B1}


def test_leaf_and_root_nodes_are_per_app():
    graph = build([(A2, A1), (B1, A2), (B2, B1)], [A1, A2, B1, B2])
    assert graph.leaf_nodes() == [A2, B2]
    assert graph.root_nodes() == [A1, B1]
    assert graph.leaf_nodes("a") == [A2]


def test_cycle_is_named():
    graph = build([(A2, A1), (A1, A2)], [A1, A2])
    with pytest.raises(CircularDependencyError, match="a.0001"):
        graph.ensure_not_cyclic()


def test_missing_parent_raises_node_not_found_naming_it():
    graph = MigrationGraph()
    graph.add_node(A1, None)
    with pytest.raises(NodeNotFoundError) as info:
        graph.add_dependency("a.0001", A1, ("c", "0009"))
    assert info.value.node == ("c", "0009")
    assert "nonexistent parent node" in str(info.value)


def test_unknown_target_in_plan():
    graph = build([], [A1])
    with pytest.raises(NodeNotFoundError):
        graph.forwards_plan(("zz", "0001"))


def test_replaced_nodes_are_rewired_to_the_replacement():
    squashed = ("a", "0001_squashed_0002")
    graph = build([(A2, A1), (A3, A2), (B1, A1)], [A1, A2, A3, B1, squashed])
    graph.remove_replaced_nodes(squashed, [A1, A2])
    assert A1 not in graph.nodes and A2 not in graph.nodes
    assert graph.forwards_plan(A3) == [squashed, A3]
    assert graph.forwards_plan(B1) == [squashed, B1]


def test_deep_linear_graph_does_not_recurse():
    nodes = [("a", "%04d" % i) for i in range(3000)]
    graph = MigrationGraph()
    for node in nodes:
        graph.add_node(node, None)
    for parent, child in zip(nodes, nodes[1:]):
        graph.add_dependency("x", child, parent, skip_validation=True)
    assert graph.forwards_plan(nodes[-1]) == nodes
