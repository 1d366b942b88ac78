"""A tree file's problems in words an editor can act on: one line each, naming the file, the line
and the node, what is wrong and what to do; never a regular expression or a traceback."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from scripts.tree_engine.model import IN_WORDS, Answer, Outcome, Question, Tree
from scripts.yaml_data import DataError, echo, line_of, shown

# At most this many problems are listed from one file: the first few are enough to start fixing.
MAX_LISTED = 5

_TYPES = {"string_type": "text", "list_type": "a list", "dict_type": "a set of named fields", "int_type": "a whole number",
          "model_type": "a set of named fields"}
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


def _in_words(problem: dict) -> str:
    kind, value, ctx = problem["type"], problem["input"], problem.get("ctx") or {}
    if kind == "missing":
        return f"the field '{problem['loc'][-1]}' is missing; add it"
    if kind == "extra_forbidden":
        allowed = ", ".join(field.alias or name for name, field in _model_at(problem["loc"]).model_fields.items())
        return f"'{problem['loc'][-1]}' is not a field here (a typo?); the fields allowed are: {allowed}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in IN_WORDS:
        return f"{echo(value)} {IN_WORDS[ctx['pattern']]}"
    if kind in _TYPES:
        return f"must be {_TYPES[kind]}, not {echo(value)}"
    if kind == "too_short":
        expected = ctx["min_length"]
        noun = "entries" if isinstance(value, dict) else "items" if expected > 1 else "item"
        return f"needs at least {expected} {noun}; it has {len(value)}"
    if kind == "too_long":
        return f"may have at most {ctx['max_length']} items; it has {len(value)}"
    if kind == "string_too_long":
        return f"may be at most {ctx['max_length']} characters long; it has {len(value)}"
    if kind == "string_too_short":
        return f"must be at least {ctx['min_length']} characters long"
    if kind == "greater_than_equal":
        return f"must be a whole number, {ctx['ge']} or more, not {echo(value)}"
    if kind == "no_kind":
        return problem["msg"]
    return f"{echo(value)} is not allowed here ({problem['msg'].removeprefix('Value error, ')})"


def validation_problems(error: ValidationError, path: Path, text: str) -> TreeError:
    """The model's complaints about a tree file, as one TreeError."""
    problems: list[str] = []
    for problem in error.errors():
        parts = _place(problem["loc"])
        line = line_of(text, parts)
        at = ", ".join(filter(None, [f"line {line}" if line else "", location(parts) if parts else ""]))
        message = f"{shown(path)}: {at}: {_in_words(problem).rstrip('.')}."
        if message not in problems:
            problems.append(message)
    return TreeError("\n".join(problems[:MAX_LISTED]))
