"""A tree file's problems in words an editor can act on: one line each, naming the file, the line
and the node, what is wrong and what to do; never a regular expression or a traceback. (What all
data files share is in scripts/content/data_models.py.)"""

from __future__ import annotations

from collections.abc import Sequence

from scripts.content.yaml_data import DataError, echo


class TreeError(DataError):
    """A tree file that cannot be used: one line per problem, naming the file and the node."""


def location(parts: Sequence) -> str:
    """Where in a tree file a value is, as an editor would say it: "node 'wait', action 2"."""
    words: list[str] = []
    for previous, part in zip([None, *parts], parts):
        if previous == "nodes":
            words.append(f"node {echo(str(part))}")
        elif isinstance(part, int):
            words[-1] = f"{words[-1].removesuffix('s')} {part + 1}" if words else f"item {part + 1}"
        elif part != "nodes" or part == parts[-1]:
            words.append(str(part))
    return ", ".join(words) or "the top level"
