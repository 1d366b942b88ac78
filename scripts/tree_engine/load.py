"""Load a decision-tree file into the objects of model.py and check that it is a sound tree.

A tree must be a real tree (each step has exactly one way in) so that every step page can show
the answers that led to it, and a Back link, without JavaScript. Its size and depth are capped
(scripts/limits.py), and nothing here recurses, so no file can exhaust the build.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from scripts import limits
from scripts.tree_engine.errors import TreeError, validation_problems
from scripts.tree_engine.model import Answer, Node, Question, TrailEntry, Tree
from scripts.yaml_data import parse_yaml, read_text, shown

TREES_DIR = Path("_data/trees")
SCHEMA = TREES_DIR / "tree.schema.json"
TREE_SUFFIX = ".yml"


def _edges(nodes: dict[str, Node]) -> list[tuple[Question, Answer]]:
    return [(node, answer) for node in nodes.values() if isinstance(node, Question) for answer in node.answers]


def _graph_problems(start: str, nodes: dict[str, Node]) -> list[str]:
    """Everything that stops the nodes from forming one tree rooted at `start`."""
    if start not in nodes:
        return [f"start names node '{start}', which does not exist; name the first question's node"]
    if not isinstance(nodes[start], Question):
        return [f"start node '{start}' must be a question, not an outcome"]
    problems = [
        f"node '{question.id}': answer '{answer.label}' leads to unknown node '{answer.next}'; "
        "add that node or fix the name"
        for question, answer in _edges(nodes)
        if answer.next not in nodes
    ]
    if problems:
        return problems
    problems += _cycle_problems(nodes)
    if problems:
        return problems
    ways_in: dict[str, list[str]] = {}
    for question, answer in _edges(nodes):
        ways_in.setdefault(answer.next, []).append(question.id)
    for node_id, sources in ways_in.items():
        if len(sources) > 1:
            problems.append(
                f"node '{node_id}' is reached by {len(sources)} answers (from {', '.join(sources)}); "
                "each step needs exactly one way in, so give each branch its own node"
            )
    reachable = _reachable(start, nodes)
    problems += [
        f"node '{node_id}' cannot be reached from start '{start}'; lead an answer to it or delete it"
        for node_id in nodes if node_id not in reachable
    ]
    return problems


def _targets(node: Node) -> list[str]:
    return [answer.next for answer in node.answers] if isinstance(node, Question) else []


def _reachable(start: str, nodes: dict[str, Node]) -> set[str]:
    seen, stack = set(), [start]
    while stack:
        node_id = stack.pop()
        if node_id not in seen:
            seen.add(node_id)
            stack.extend(_targets(nodes[node_id]))
    return seen


def _cycle_problems(nodes: dict[str, Node]) -> list[str]:
    """The first loop among the answers, found with a stack rather than recursion, so that a long
    chain of questions cannot overflow Python's call stack."""
    done: set[str] = set()
    for root in nodes:
        if root in done:
            continue
        path = [root]
        pending = [iter(_targets(nodes[root]))]
        while pending:
            next_id = next(pending[-1], None)
            if next_id is None:
                done.add(path.pop())
                pending.pop()
            elif next_id in path:
                loop = path[path.index(next_id):] + [next_id]
                return [f"node '{next_id}' is part of a loop: {' -> '.join(loop)}; "
                        "every answer must lead further down the tree"]
            elif next_id not in done:
                path.append(next_id)
                pending.append(iter(_targets(nodes[next_id])))
    return []


def _depth_problems(start: str, nodes: dict[str, Node]) -> list[str]:
    """The first node past the depth limit, in a sound tree (so each node is met once)."""
    stack = [(start, 1)]
    while stack:
        node_id, depth = stack.pop()
        node = nodes[node_id]
        if isinstance(node, Question) and depth > limits.MAX_TREE_DEPTH:
            return [f"node '{node_id}' is question number {depth} on its path; a tree may ask at most "
                    f"{limits.MAX_TREE_DEPTH} questions in a row, so shorten it or split it into two trees"]
        stack.extend((target, depth + 1) for target in _targets(node))
    return []


def load_tree(path: Path) -> Tree:
    """Read, check against the format and graph-check one tree file."""
    text = read_text(path)
    data = parse_yaml(path, text)
    nodes = data.get("nodes") if isinstance(data, dict) else None
    if isinstance(nodes, dict) and len(nodes) > limits.MAX_TREE_NODES:
        raise TreeError(f"{shown(path)}: the tree has {len(nodes)} steps (questions and outcomes); "
                        f"a tree may have at most {limits.MAX_TREE_NODES}. Split it into smaller trees.")
    try:
        tree = Tree.model_validate(data)
    except ValidationError as error:
        raise validation_problems(error, path, text) from None
    problems = []
    if tree.id != path.stem:
        problems.append(f"id '{tree.id}' must match the file name '{path.stem}'; change one of them")
    problems += _graph_problems(tree.start, tree.nodes) or _depth_problems(tree.start, tree.nodes)
    if problems:
        raise TreeError("\n".join(f"{shown(path)}: {problem}." for problem in problems))
    tree._file = path
    tree._parents = {answer.next: TrailEntry(question, answer) for question, answer in _edges(tree.nodes)}
    return tree


def check_references(tree: Tree, pages: set[str], tags: set[str], sources: set[str]) -> None:
    """Check what a tree names outside itself: tags, topic pages and sources."""
    problems = [f"tag '{tag}' is not in tags_allowed; use one listed there in mkdocs.yml"
                for tag in tree.tags if tag not in tags]
    for outcome in tree.outcomes():
        problems += [
            f"node '{outcome.id}': links to page '{page}', which does not exist; "
            "give the page's path from the docs folder, like 'topics/patience.md'"
            for page in outcome.topics if page not in pages
        ]
        problems += [
            f"node '{outcome.id}': cites unknown source '{source}'; use one of: {', '.join(sorted(sources))}"
            for source in outcome.sources if source not in sources
        ]
    if problems:
        raise TreeError("\n".join(f"{shown(tree.file)}: {problem}." for problem in problems))


def tree_files(docs_dir: Path) -> list[Path]:
    """The tree files, refusing one saved with another ending (it would be skipped unseen)."""
    folder = docs_dir / TREES_DIR
    if not folder.is_dir():
        return []
    misnamed = [path for path in folder.iterdir() if path.suffix.lower() in (".yml", ".yaml") and path.suffix != TREE_SUFFIX]
    if misnamed:
        raise TreeError("\n".join(f"{shown(path)}: tree files must end in {TREE_SUFFIX}; "
                                   f"rename it to {path.stem}{TREE_SUFFIX}." for path in sorted(misnamed)))
    return sorted(folder.glob(f"*{TREE_SUFFIX}"))


def load_trees(docs_dir: Path) -> list[Tree]:
    """Every tree, in the order a reader needs them: by `order`, then by id; unordered trees last."""
    trees = [load_tree(path) for path in tree_files(docs_dir)]
    return sorted(trees, key=lambda tree: (tree.order is None, tree.order or 0, tree.id))
