"""Load a YAML data file and check it against the JSON Schema kept beside it.

Errors are raised as MkDocs' PluginError so that a bad file stops the build
with a message naming the file and the line or the place inside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from mkdocs.exceptions import PluginError


class DataError(PluginError):
    """A data file that cannot be used as it is."""


class _StrictLoader(yaml.CSafeLoader):
    """A safe loader (libyaml's) that refuses a key given twice in one mapping (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "unknown line"
        problem = getattr(error, "problem", None) or str(error)
        raise DataError(f"{path}: {where}: malformed YAML: {problem}") from error


def check_schema(data: Any, schema_path: Path, path: Path) -> None:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(map(str, e.path)))
    if errors:
        raise DataError("\n".join(f"{path}: at {_location(error)}: {error.message}" for error in errors))


def _location(error) -> str:
    return "/".join(str(part) for part in error.path) or "(top level)"


def load_checked(path: Path, schema_path: Path) -> Any:
    data = load_yaml(path)
    check_schema(data, schema_path, path)
    return data
