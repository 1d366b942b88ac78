"""Load a decision-tree file into the objects of model.py and check that it is a sound tree.

The answers must lead from the first question to every node without ever going round in a loop.
A node may have several ways in (scripts/tree_engine/paths.py gives it a page per path). Its size,
depth and page count are capped (scripts/content/limits.py), and nothing here recurses, so no file can
exhaust the build.
"""

from __future__ import annotations

from pathlib import Path

from scripts.content import limits
from scripts.content.data_models import load_model
from scripts.tree_engine.errors import TreeError, location
from scripts.tree_engine.model import IN_WORDS, Answer, Node, Question, Tree
from scripts.tree_engine.paths import page_count, targets, topological_order
from scripts.content.yaml_data import echo, line_of, read_text, shown

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
    reachable = _reachable(start, nodes)
    problems += [
        f"node '{node_id}' cannot be reached from start '{start}'; lead an answer to it or delete it"
        for node_id in nodes if node_id not in reachable
    ]
    return problems


def _reachable(start: str, nodes: dict[str, Node]) -> set[str]:
    seen, stack = set(), [start]
    while stack:
        node_id = stack.pop()
        if node_id not in seen:
            seen.add(node_id)
            stack.extend(targets(nodes[node_id]))
    return seen


def _cycle_problems(nodes: dict[str, Node]) -> list[str]:
    """The first loop among the answers, found with a stack rather than recursion, so that a long
    chain of questions cannot overflow Python's call stack."""
    done: set[str] = set()
    for root in nodes:
        if root in done:
            continue
        path = [root]
        pending = [iter(targets(nodes[root]))]
        while pending:
            next_id = next(pending[-1], None)
            if next_id is None:
                done.add(path.pop())
                pending.pop()
            elif next_id in path:
                loop = path[path.index(next_id):] + [next_id]
                return [f"node '{next_id}' is part of a loop: {' -> '.join(loop)}; "
                        "every answer must lead further down the tree, even to a node other answers share"]
            elif next_id not in done:
                path.append(next_id)
                pending.append(iter(targets(nodes[next_id])))
    return []


def _depth_problems(start: str, nodes: dict[str, Node]) -> list[str]:
    """The first node past the depth limit on its longest path, in a graph with no loop."""
    depth = {start: 1}
    for node_id in topological_order(start, nodes):
        if isinstance(nodes[node_id], Question) and depth[node_id] > limits.MAX_TREE_DEPTH:
            return [f"node '{node_id}' is question number {depth[node_id]} on its longest path; a tree may ask "
                    f"at most {limits.MAX_TREE_DEPTH} questions in a row, so shorten it or split it into two trees"]
        for target in targets(nodes[node_id]):
            depth[target] = max(depth.get(target, 0), depth[node_id] + 1)
    return []


def _page_problems(tree: Tree) -> list[str]:
    pages = page_count(tree)
    if pages <= limits.MAX_TREE_PAGES:
        return []
    return [f"tree '{tree.id}' makes {pages} pages (one for each path to each node); a tree may make at most "
            f"{limits.MAX_TREE_PAGES}. Share fewer questions (sharing outcomes costs least) or split it into two trees"]


def load_tree(path: Path) -> Tree:
    """Read, check against the format and graph-check one tree file."""
    tree = load_model(Tree, path, IN_WORDS, location)
    if len(tree.nodes) > limits.MAX_TREE_NODES:
        raise TreeError(f"{shown(path)}: the tree has {len(tree.nodes)} nodes (questions and outcomes); "
                        f"a tree may have at most {limits.MAX_TREE_NODES}. Split it into smaller trees.")
    problems = []
    if tree.id != path.stem:
        problems.append(f"id '{tree.id}' must match the file name '{path.stem}'; change one of them")
    problems += (_graph_problems(tree.start, tree.nodes) or _depth_problems(tree.start, tree.nodes)
                 or _page_problems(tree))
    if problems:
        raise TreeError("\n".join(f"{shown(path)}: {problem}." for problem in problems))
    tree._file = path
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
    _check_titles_differ(trees)
    return sorted(trees, key=lambda tree: (tree.order is None, tree.order or 0, tree.id))


def _check_titles_differ(trees: list[Tree]) -> None:
    """Two trees with one title would look like one in the menu and the lists."""
    seen: dict[str, Tree] = {}
    for tree in trees:
        key = " ".join(tree.title.casefold().split())
        if key in seen:
            raise TreeError(f"{shown(tree.file)}: line {line_of(read_text(tree.file), ['title'])}: "
                            f"the title {echo(tree.title)} is also the title of {shown(seen[key].file)}; "
                            "a reader tells the trees apart by their titles, so rename one.")
        seen[key] = tree
