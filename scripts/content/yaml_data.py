"""Read a YAML data file safely; what it may hold is then checked by its typed model (see
scripts/content/data_models.py).

Data is never code, and never big enough to hurt: the file is read as UTF-8 within the limits in
scripts/content/limits.py, and YAML anchors and aliases (`&` and `*`), which can make a few bytes expand
into gigabytes, are refused before anything is built from the file. Every problem becomes a
DataError of one or two lines naming the file and the line or place in it, what is wrong and
what to do, with at most a short piece of the wrong value repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from scripts.content import limits
# DataError, read_text and shown are imported from here by the modules that read data.
from scripts.content.text_reader import (DataError, cut_short, hidden_character_problem, lookalike_problem,  # noqa: F401
                                 quoted, read_text, shown)


def echo(value: Any) -> str:
    """A wrong value, cut short so that an error message stays one line; line breaks show as ⏎ and
    invisible characters as their codes ([U+200B])."""
    return quoted(value) if isinstance(value, str) else cut_short(repr(value))


class _StrictLoader(yaml.CSafeLoader):
    """A safe loader (libyaml's) that refuses a key given twice in one mapping (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' is given twice; keep one of them", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _refuse_unsafe_yaml(path: Path, text: str, first_line: int) -> None:
    """Walk the YAML events (nothing is built yet) and stop at the first one past a limit."""
    depth = values = 0
    # For each list or mapping open at this point: for a mapping, whether its next value is a key.
    next_is_key: list[bool | None] = []
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        line = event.start_mark.line + first_line
        is_key = False
        if isinstance(event, yaml.NodeEvent) and next_is_key and next_is_key[-1] is not None:
            is_key = next_is_key[-1]
            next_is_key[-1] = not is_key
        if isinstance(event, yaml.ScalarEvent):
            # Every value and key in a data file or front matter is short text: an id, a label, a title.
            problem = hidden_character_problem(event.value) or (is_key and lookalike_problem(event.value))
            if problem:
                raise DataError(f"{shown(path)}: line {line}: {problem}.")
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise DataError(
                f"{shown(path)}: line {line}: YAML anchors and aliases (& and *) are not allowed in "
                "data files. Write the value out in full."
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            values += 1
            if values > limits.MAX_YAML_VALUES:
                raise DataError(
                    f"{shown(path)}: line {line}: the file holds more than {limits.MAX_YAML_VALUES} values. "
                    "Split it into smaller files."
                )
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > limits.MAX_TEXT_CHARS:
            raise DataError(
                f"{shown(path)}: line {line}: this text is {len(event.value)} characters long; "
                f"the most allowed is {limits.MAX_TEXT_CHARS} characters. Shorten it."
            )
        if isinstance(event, yaml.CollectionStartEvent):
            next_is_key.append(True if isinstance(event, yaml.MappingStartEvent) else None)
            depth += 1
            if depth > limits.MAX_YAML_DEPTH:
                raise DataError(
                    f"{shown(path)}: line {line}: lists and mappings are nested too deep "
                    f"(more than {limits.MAX_YAML_DEPTH} levels). Check the indentation and brackets."
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            next_is_key.pop()
            depth -= 1


def parse_yaml(path: Path, text: str, first_line: int = 1, what: str = "this") -> Any:
    """YAML text (a whole file, or front matter starting on `first_line` of the file) as data."""
    try:
        _refuse_unsafe_yaml(path, text, first_line)
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # YAML may notice a problem only past the end of front matter: name its last line then.
        last_line = max(len(text.splitlines()) - 1, 0)
        where = f"line {min(mark.line, last_line) + first_line}" if mark else "somewhere in the file"
        problem = getattr(error, "problem", None) or "it cannot be read"
        if isinstance(error, yaml.constructor.ConstructorError):
            raise DataError(f"{shown(path)}: {where}: {problem}.") from None
        raise DataError(
            f"{shown(path)}: {where}: {what} is not valid YAML ({problem}). "
            "Check the indentation, colons, quotes and brackets there."
        ) from None


def line_of(text: str, parts: Sequence) -> int | None:
    """The line of the value at a path of keys and list positions (for a key, the line naming it),
    found again in the text; only called for an error, so it does not slow a good build."""
    node, line = yaml.compose(text, Loader=yaml.CSafeLoader), 1
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            pair = next(((key, value) for key, value in node.value if key.value == str(part)), None)
            node, line = (pair[1], pair[0].start_mark.line + 1) if pair else (None, None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return None
    return line
