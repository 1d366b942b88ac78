"""What every data file with a pydantic model shares (trees, helplines, the glossary, the source
map, the supporting sources): reading it within the limits into its model; its problems in words
an editor can act on, one line each, naming the file, the line and the place, what is wrong and
what to do (never a regular expression or a traceback); and the JSON Schema for editors, written
from the model. No MkDocs here, so the tree engine can use it too."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Tag, ValidationError

from scripts.content.text_reader import lookalike_problem

# An id in any data file (a tree, a node, a source, a supporting source): lowercase letters and
# digits, in words joined by single hyphens ("wait-a-month").
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class DataModel(BaseModel):
    """What every data file's model shares: a field the format does not know is an error, not
    quietly dropped, and what was read stays as it was read."""

    model_config = ConfigDict(extra="forbid", frozen=True)
from scripts.content.yaml_data import DataError, echo, line_of, parse_yaml, read_text, shown

Model = TypeVar("Model", bound=BaseModel)

# At most this many problems are listed from one file: the first few are enough to start fixing.
MAX_LISTED = 5

_TYPES = {"string_type": "text", "list_type": "a list", "dict_type": "a set of named fields", "int_type": "a whole number",
          "model_type": "a set of named fields", "date_type": "a date like 2026-11-30", "date_from_datetime_parsing":
          "a date like 2026-11-30", "bool_type": "true or false"}


def plain_location(parts: Sequence) -> str:
    """Where a value is, as its path in the file: "countries/0/services/1/call"."""
    return "/".join(str(part) for part in parts)


def _bare(kind: Any) -> Any:
    """A type without its annotations, and without None when it is optional."""
    while True:
        if get_origin(kind) is Annotated:
            kind = get_args(kind)[0]
        elif get_origin(kind) in (Union, UnionType) and len(members := _members(kind)) == 1:
            kind = members[0]
        else:
            return kind


def _members(union: Any) -> list:
    return [member for member in get_args(union) if _bare(member) is not type(None)]


def _names(member: Any) -> set:
    """What pydantic calls a union's member in a path: its tag, or its model's name."""
    metadata = get_args(member)[1:] if get_origin(member) is Annotated else ()
    return {item.tag for item in metadata if isinstance(item, Tag)} | {getattr(_bare(member), "__name__", None)}


def _inside(kind: Any, part: Any) -> Any:
    """The type of the value at `part` of a value of type `kind`."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return next((field.annotation for name, field in kind.model_fields.items() if part in (name, field.alias)), Any)
    if get_origin(kind) in (list, dict):
        return get_args(kind)[-1]
    return Any


def in_file(model: type[BaseModel], loc: Sequence) -> tuple[list, Any]:
    """pydantic's path to a value as the path in the file, without what pydantic adds (its marker
    for a mapping's key, the tag of a union's member); and the type whose part the value is (for a
    misspelt field: the model whose fields are allowed there)."""
    parts, kind, holder = [], model, model
    for part in loc:
        kind = _bare(kind)
        if part == "[key]":
            continue
        if get_origin(kind) in (Union, UnionType):
            kind = next((member for member in _members(kind) if part in _names(member)), Any)
            continue
        parts.append(part)
        holder, kind = kind, _inside(kind, part)
    return parts, holder


def unique(noun: str) -> Callable[[list], list]:
    """A check that a list names each item once (JSON Schema's uniqueItems, which pydantic lacks)."""
    def check(items: list) -> list:
        if repeated := [item for position, item in enumerate(items) if item in items[:position]]:
            raise ValueError(f"lists the {noun} {echo(repeated[0])} twice; keep one")
        return items
    return check


def in_words(problem: dict, patterns: Mapping[str, str], holder: Any) -> str:
    """One pydantic problem in words. `patterns` says, for each text pattern of the model, what it
    allows (after the value: "'x' is not a usable id: use ..."); `holder` is the model whose part
    the value is, so that a misspelt field gets the list of the fields allowed there."""
    kind, value, ctx = problem["type"], problem["input"], problem.get("ctx") or {}
    if kind == "missing":
        return f"the field '{problem['loc'][-1]}' is missing; add it"
    if kind == "extra_forbidden":
        allowed = ", ".join(field.alias or name for name, field in holder.model_fields.items())
        return f"'{problem['loc'][-1]}' is not a field here (a typo?); the fields allowed are: {allowed}"
    if kind == "string_pattern_mismatch" and (lookalike := lookalike_problem(value)):
        return lookalike
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in patterns:
        return f"{echo(value)} {patterns[ctx['pattern']]}"
    if kind == "literal_error":
        return f"{echo(value)} is not one of the values allowed here: {ctx['expected']}"
    if kind in _TYPES:
        return f"must be {_TYPES[kind]}, not {echo(value)}"
    if kind == "too_short":
        expected = ctx["min_length"]
        one, many = ("entry", "entries") if isinstance(value, dict) else ("item", "items")
        noun = one if expected == 1 else many
        return f"needs at least {expected} {noun}; it has {len(value)}"
    if kind == "too_long":
        return f"may have at most {ctx['max_length']} items; it has {len(value)}"
    if kind == "string_too_long":
        return f"may be at most {ctx['max_length']} characters long; it has {len(value)}"
    if kind == "string_too_short":
        return f"must be at least {ctx['min_length']} characters long"
    if kind == "greater_than_equal":
        return f"must be a whole number, {ctx['ge']} or more, not {echo(value)}"
    # The model's own checks say what is wrong in words already.
    if kind in ("value_error", "no_kind"):
        return problem["msg"].removeprefix("Value error, ")
    return f"{echo(value)} is not allowed here ({problem['msg']})"


def problems_in_words(error: ValidationError, model: type[BaseModel], path: Path, text: str,
                      patterns: Mapping[str, str], location: Callable[[Sequence], str] = plain_location) -> list[str]:
    """The model's complaints about a data file, one line each: the file, the line and the place
    (`location` says the path in the file in words)."""
    problems: list[str] = []
    for problem in error.errors():
        parts, holder = in_file(model, problem["loc"])
        message = problem_at(path, text, parts, in_words(problem, patterns, holder), location)
        if message not in problems:
            problems.append(message)
    return problems[:MAX_LISTED]


def problem_at(path: Path, text: str, parts: Sequence, words: str,
               location: Callable[[Sequence], str] = plain_location) -> str:
    """One problem with the value at `parts` of a data file, as one line: the file, the line and
    the place, and `words` (what is wrong and what to do)."""
    # A missing field has no line of its own: name the line of the nearest place that has one.
    line = next(filter(None, (line_of(text, parts[:end]) for end in range(len(parts), 0, -1))), None)
    at = ", ".join(filter(None, [f"line {line}" if line else "", location(parts) if parts else ""]))
    return f"{shown(path)}: {at or 'the top level'}: {words.rstrip('.')}."


def load_model(model: type[Model], path: Path, patterns: Mapping[str, str],
               location: Callable[[Sequence], str] = plain_location) -> Model:
    """A data file read within the limits (scripts/content/yaml_data.py) and checked by its model, every
    problem in words (see problems_in_words); checked again only when the file changes."""
    if not path.is_file():
        raise DataError(f"{shown(path)}: the file is missing. Restore it from git.")
    return _load_model(model, path, read_text(path), tuple(patterns.items()), location)


# Keyed by the text, not the file's time: a file rewritten within the clock's tick is still read anew.
@functools.lru_cache(maxsize=32)
def _load_model(model, path: Path, text: str, patterns: tuple, location):
    data = parse_yaml(path, text)
    if data is None:
        raise DataError(f"{shown(path)}: the file is empty (or holds only comments). Write its data, "
                        "or restore it from git.")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise DataError("\n".join(problems_in_words(error, model, path, text, dict(patterns), location))) from None


def model_schema(model: type[BaseModel], title: str) -> dict:
    """The JSON Schema that editors use for a data file, written from its model."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def schema_command(argv: list[str], usage: str, path: Path, schema: Callable[[], dict]) -> int:
    """`python -m scripts.<format> schema`: write the format's JSON Schema to `path`."""
    if argv != ["schema"]:
        print(usage)
        return 2
    write_schema(path, schema())
    return 0


def write_schema(path: Path, schema: dict) -> None:
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")
