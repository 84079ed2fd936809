"""The directed graph of migrations: nodes are (app_label, name), edges are dependencies."""

from __future__ import annotations

from functools import total_ordering
from typing import Any

from django.db.migrations.exceptions import CircularDependencyError, NodeNotFoundError

Key = tuple[str, str]


@total_ordering
class Node:
    """A migration in the graph, with links to its parents (dependencies) and children."""

    def __init__(self, key: Key) -> None:
        self.key = key
        self.children: set[Node] = set()
        self.parents: set[Node] = set()

    def __eq__(self, other: Any) -> bool:
        return self.key == other

    def __lt__(self, other: Any) -> bool:
        return self.key < other

    def __hash__(self) -> int:
        return hash(self.key)

    def __getitem__(self, item: int) -> str:
        return self.key[item]

    def __str__(self) -> str:
        return str(self.key)

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: ({self.key[0]!r}, {self.key[1]!r})>"


class DummyNode(Node):
    """Stands for a migration that a dependency names but which is not on disk (yet).

    It stays in the graph only if a squashed migration replaces it; otherwise validation raises.
    """

    def __init__(self, key: Key, origin: Any, error_message: str) -> None:
        super().__init__(key)
        self.origin = origin
        self.error_message = error_message

    def raise_error(self) -> None:
        raise NodeNotFoundError(self.error_message, self.key, origin=self.origin)


class MigrationGraph:
    """All migrations of a project and their dependencies; plans come out of it."""

    def __init__(self) -> None:
        self.node_map: dict[Key, Node] = {}
        self.nodes: dict[Key, Any] = {}

    def add_node(self, key: Key, migration: Any) -> None:
        assert key not in self.node_map
        self.node_map[key] = Node(key)
        self.nodes[key] = migration

    def add_dummy_node(self, key: Key, origin: Any, error_message: str) -> None:
        self.node_map[key] = DummyNode(key, origin, error_message)
        self.nodes[key] = None

    def add_dependency(self, migration: Any, child: Key, parent: Key, skip_validation: bool = False) -> None:
        """Record that ``child`` depends on ``parent``; missing ends become dummy nodes."""
        for key, role in ((child, "child"), (parent, "parent")):
            if key not in self.nodes:
                what = "Migration %s dependencies reference nonexistent %s node %r" % (migration, role, key)
                self.add_dummy_node(key, migration, what)
        self.node_map[child].parents.add(self.node_map[parent])
        self.node_map[parent].children.add(self.node_map[child])
        if not skip_validation:
            self.validate_consistency()

    def remove_replaced_nodes(self, replacement: Key, replaced: list[Key]) -> None:
        """Swap the replaced migrations for their squashed replacement, rewiring the edges."""
        replacement_node = self.node_map.get(replacement)
        if replacement_node is None:
            raise NodeNotFoundError(
                f"Unable to find replacement node {replacement!r}. It was either never added to the "
                "migration graph, or has been removed.",
                replacement,
            )
        replaced_set = set(replaced)
        for key in replaced:
            self.nodes.pop(key, None)
            node = self.node_map.pop(key, None)
            if node is None:
                continue
            for child in node.children:
                child.parents.discard(node)
                if child.key not in replaced_set:
                    replacement_node.children.add(child)
                    child.parents.add(replacement_node)
            for parent in node.parents:
                parent.children.discard(node)
                if parent.key not in replaced_set:
                    replacement_node.parents.add(parent)
                    parent.children.add(replacement_node)

    def remove_replacement_node(self, replacement: Key, replaced: list[Key]) -> None:
        """Drop a squashed migration and put its edges back on the last replaced migration."""
        self.nodes.pop(replacement, None)
        node = self.node_map.pop(replacement, None)
        if node is None:
            raise NodeNotFoundError(
                f"Unable to remove replacement node {replacement!r}. It was either never added to the "
                "migration graph, or has been removed already.",
                replacement,
            )
        replaced_nodes = {self.node_map[k] for k in replaced if k in self.node_map}
        replaced_keys = {n.key for n in replaced_nodes}
        last = max(replaced_nodes, key=lambda n: n.key[1]) if replaced_nodes else None
        for child in node.children:
            child.parents.discard(node)
            if last is not None and child.key not in replaced_keys:
                last.children.add(child)
                child.parents.add(last)
        for parent in node.parents:
            parent.children.discard(node)

    def validate_consistency(self) -> None:
        for node in self.node_map.values():
            if isinstance(node, DummyNode):
                node.raise_error()

    def forwards_plan(self, target: Key) -> list[Key]:
        """The migrations to apply, in order, so that ``target`` and its dependencies are applied."""
        if target not in self.nodes:
            raise NodeNotFoundError(f"Node {target!r} not a valid node", target)
        return self.iterative_dfs(self.node_map[target])

    def backwards_plan(self, target: Key) -> list[Key]:
        """The migrations to unapply, in order, so that ``target`` and its dependants are unapplied."""
        if target not in self.nodes:
            raise NodeNotFoundError(f"Node {target!r} not a valid node", target)
        return self.iterative_dfs(self.node_map[target], forwards=False)

    def iterative_dfs(self, start: Node, forwards: bool = True) -> list[Key]:
        visited: list[Key] = []
        seen: set[Node] = set()
        stack: list[tuple[Node, bool]] = [(start, False)]
        while stack:
            node, processed = stack.pop()
            if node in seen:
                continue
            if processed:
                seen.add(node)
                visited.append(node.key)
                continue
            stack.append((node, True))
            nexts = node.parents if forwards else node.children
            stack += [(n, False) for n in sorted(nexts, reverse=True) if n not in seen]
        return visited

    def root_nodes(self, app: str | None = None) -> list[Key]:
        """Migrations with no dependencies inside their own app."""
        return sorted(
            key
            for key in self.nodes
            if all(p.key[0] != key[0] for p in self.node_map[key].parents) and (app is None or key[0] == app)
        )

    def leaf_nodes(self, app: str | None = None) -> list[Key]:
        """Migrations that no other migration of their own app depends on."""
        return sorted(
            key
            for key in self.nodes
            if all(c.key[0] != key[0] for c in self.node_map[key].children) and (app is None or key[0] == app)
        )

    def ensure_not_cyclic(self) -> None:
        """Raise CircularDependencyError naming the cycle, if there is one."""
        todo = set(self.nodes)
        while todo:
            node = todo.pop()
            stack = [node]
            while stack:
                top = stack[-1]
                for child in self.node_map[top].children:
                    ckey = child.key
                    if ckey in stack:
                        cycle = stack[stack.index(ckey) :]
                        raise CircularDependencyError(", ".join("%s.%s" % n for n in cycle))
                    if ckey in todo:
                        stack.append(ckey)
                        todo.remove(ckey)
                        break
                else:
                    stack.pop()

    def make_state(self, nodes: Any = None, at_end: bool = True, real_apps: Any = None) -> Any:
        """The ProjectState after applying ``nodes`` (and, with at_end, the nodes themselves)."""
        from django.db.migrations.state import ProjectState

        if nodes is None:
            nodes = list(self.leaf_nodes())
        if not nodes:
            return ProjectState(real_apps=real_apps)
        if not isinstance(nodes[0], tuple):
            nodes = [nodes]
        plan = self._generate_plan(nodes, at_end)
        state = ProjectState(real_apps=real_apps)
        for key in plan:
            state = self.nodes[key].mutate_state(state, preserve=False)
        return state

    def _generate_plan(self, nodes: list[Key], at_end: bool) -> list[Key]:
        plan: list[Key] = []
        for node in nodes:
            for migration in self.forwards_plan(node):
                if migration not in plan and (at_end or migration not in nodes):
                    plan.append(migration)
        return plan

    def __contains__(self, node: Key) -> bool:
        return node in self.nodes

    def __str__(self) -> str:
        edges = sum(len(n.parents) for n in self.node_map.values())
        return f"Graph: {len(self.nodes)} nodes, {edges} edges"

    def __repr__(self) -> str:
        nodes, edges = len(self.nodes), sum(len(n.parents) for n in self.node_map.values())
        return f"<{self.__class__.__name__}: nodes={nodes}, edges={edges}>"
