"""A tree file's problems in words an editor can act on: one line each, naming the file, the line
and the node, what is wrong and what to do; never a regular expression or a traceback."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from scripts.tree_engine.model import IN_WORDS, Answer, Outcome, Question, Tree
from scripts.data_models import problems_in_words
from scripts.yaml_data import DataError, echo

_NODE_KINDS = {"question": Question, "outcome": Outcome}


class TreeError(DataError):
    """A tree file that cannot be used: one line per problem, naming the file and the node."""


def _place(loc: Sequence) -> list:
    """The path to the value in the file: pydantic's path without the node kind it adds, and
    without its marker for a mapping's key."""
    parts = [part for part in loc if part != "[key]"]
    if len(parts) > 2 and parts[0] == "nodes" and parts[2] in _NODE_KINDS:
        del parts[2]
    return parts


def _model_at(loc: Sequence) -> type[BaseModel]:
    """The model whose fields the value at `loc` is checked against."""
    if len(loc) > 2 and loc[0] == "nodes" and loc[2] in _NODE_KINDS:
        return Answer if "answers" in loc[3:-1] else _NODE_KINDS[loc[2]]
    return Tree


def location(parts: Sequence) -> str:
    """Where in a tree file a value is, as an editor would say it: "node 'wait', steps 2"."""
    words: list[str] = []
    for previous, part in zip([None, *parts], parts):
        if previous == "nodes":
            words.append(f"node {echo(str(part))}")
        elif isinstance(part, int):
            words[-1] = f"{words[-1].removesuffix('s')} {part + 1}" if words else f"item {part + 1}"
        elif part != "nodes" or part == parts[-1]:
            words.append(str(part))
    return ", ".join(words) or "the top level"


def validation_problems(error: ValidationError, path: Path, text: str) -> TreeError:
    """The model's complaints about a tree file, as one TreeError."""
    return TreeError("\n".join(problems_in_words(error, path, text, IN_WORDS, place=_place, location=location,
                                                 fields_at=_model_at)))
