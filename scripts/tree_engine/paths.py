"""One page per path: which pages a tree's nodes get, and what each one shows.

A reader must see her own answers so far and a working Back link without JavaScript, so a node
that several answers lead to (a shared node) gets one page for each path that reaches it. The
first path found, reading the answers in the order they are written, gives the node's own address
(`wait.md`); the others are `wait--2.md`, `wait--3.md`... ("--" cannot occur in a node id), and
each of them names the first as its canonical page: one address per node for search engines and
for links from elsewhere.

Sharing a question multiplies the pages below it, so the pages are counted (cheaply, path counts
add up along the answers) before any is made: load.py refuses a tree past limits.MAX_TREE_PAGES.
Nothing here recurses, so no file can exhaust Python's call stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.tree_engine.model import Answer, Node, Question, Tree

# A tree's start page and its overview page, besides its node pages.
TREE_OWN_PAGES = 2
START_PAGE = "index"


def targets(node: Node) -> list[str]:
    return [answer.next for answer in node.answers] if isinstance(node, Question) else []


def topological_order(start: str, nodes: dict[str, Node]) -> list[str]:
    """The nodes reachable from `start`, each after every node with an answer leading to it.
    The graph must have no loop (load.py checks that first)."""
    ways_in: dict[str, int] = {}
    seen, stack = {start}, [start]
    while stack:
        for target in targets(nodes[stack.pop()]):
            ways_in[target] = ways_in.get(target, 0) + 1
            if target not in seen:
                seen.add(target)
                stack.append(target)
    order, ready = [], [start]
    while ready:
        node_id = ready.pop()
        order.append(node_id)
        for target in targets(nodes[node_id]):
            ways_in[target] -= 1
            if ways_in[target] == 0:
                ready.append(target)
    return order


def path_counts(start: str, nodes: dict[str, Node]) -> dict[str, int]:
    """How many paths from the first question reach each node: the number of pages it gets."""
    counts = dict.fromkeys(nodes, 0)
    counts[start] = 1
    for node_id in topological_order(start, nodes):
        for target in targets(nodes[node_id]):
            counts[target] += counts[node_id]
    return counts


def questions_from(start: str, nodes: dict[str, Node]) -> dict[str, int]:
    """For each node, the most questions a reader can still meet from it, itself included."""
    most: dict[str, int] = {}
    for node_id in reversed(topological_order(start, nodes)):
        node = nodes[node_id]
        most[node_id] = 1 + max(most[target] for target in targets(node)) if isinstance(node, Question) else 0
    return most


def page_count(tree: Tree) -> int:
    return TREE_OWN_PAGES + sum(path_counts(tree.start, tree.nodes).values())


@dataclass(frozen=True)
class TrailEntry:
    """One answer on the path to a page, and the page on that path where it was given."""

    question: Question
    answer: Answer
    page: str  # the question's page on this path: where "Change" goes


@dataclass(frozen=True)
class NodePage:
    """The page for one path to one node."""

    node: Node
    name: str  # the file name, without .md
    canonical: str  # the node's first page; the same as `name` on that page
    trail: tuple[TrailEntry, ...]
    answer_pages: tuple[str, ...]  # a question's: the page each answer leads to, in order
    most_questions: int  # on the longest path through this page, counting from the first question

    @property
    def back(self) -> str:
        return self.trail[-1].page if self.trail else START_PAGE

    @property
    def question_number(self) -> int:
        return len(self.trail) + 1

    @property
    def is_copy(self) -> bool:
        return self.name != self.canonical


def _name(node_id: str, seen: int) -> str:
    return node_id if seen == 1 else f"{node_id}--{seen}"


def node_pages(tree: Tree) -> list[NodePage]:
    """Every node page of a tree, in the order a reader meets them: depth first, answers in order.
    So a shared node's first page is on the first path to it in that order."""
    most = questions_from(tree.start, tree.nodes)
    seen: dict[str, int] = {}
    names: dict[tuple[int, ...], str] = {}  # a path, as the answer chosen at each question -> its page
    found = []
    stack: list[tuple[str, tuple[int, ...], tuple[TrailEntry, ...]]] = [(tree.start, (), ())]
    while stack:
        node_id, path, trail = stack.pop()
        node = tree.nodes[node_id]
        seen[node_id] = seen.get(node_id, 0) + 1
        names[path] = name = _name(node_id, seen[node_id])
        found.append((node, path, trail))
        if isinstance(node, Question):
            stack.extend((answer.next, path + (number,), trail + (TrailEntry(node, answer, name),))
                         for number, answer in reversed(list(enumerate(node.answers))))
    return [NodePage(node=node, name=names[path], canonical=node.id, trail=trail,
                     answer_pages=tuple(names[path + (number,)] for number in range(len(targets(node)))),
                     most_questions=len(trail) + most[node.id])
            for node, path, trail in found]
