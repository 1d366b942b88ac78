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


def load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "unknown line"
        problem = getattr(error, "problem", None) or str(error)
        raise DataError(f"{path}: {where}: malformed YAML: {problem}") from error


def check_schema(data: Any, schema_path: Path, path: Path) -> None:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.path) or "(top level)"
        raise DataError(f"{path}: at {where}: {first.message}")


def load_checked(path: Path, schema_path: Path) -> Any:
    data = load_yaml(path)
    check_schema(data, schema_path, path)
    return data
