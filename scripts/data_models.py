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
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from scripts.yaml_data import DataError, echo, line_of, parse_yaml, read_text, shown

Model = TypeVar("Model", bound=BaseModel)

# At most this many problems are listed from one file: the first few are enough to start fixing.
MAX_LISTED = 5

_TYPES = {"string_type": "text", "list_type": "a list", "dict_type": "a set of named fields", "int_type": "a whole number",
          "model_type": "a set of named fields", "date_type": "a date like 2026-11-30", "date_from_datetime_parsing":
          "a date like 2026-11-30", "bool_type": "true or false"}


def plain_location(parts: Sequence) -> str:
    """Where a value is, as its path in the file: "countries/0/services/1/call"."""
    return "/".join(str(part) for part in parts)


def in_file(loc: Sequence) -> list:
    """pydantic's path to a value as the path in the file: without its marker for a mapping's key."""
    return [part for part in loc if part != "[key]"]


def unique(noun: str) -> Callable[[list], list]:
    """A check that a list names each item once (JSON Schema's uniqueItems, which pydantic lacks)."""
    def check(items: list) -> list:
        if repeated := [item for position, item in enumerate(items) if item in items[:position]]:
            raise ValueError(f"lists the {noun} {echo(repeated[0])} twice; keep one")
        return items
    return check


def in_words(problem: dict, patterns: Mapping[str, str],
             fields_at: Callable[[Sequence], type[BaseModel]] | None = None) -> str:
    """One pydantic problem in words. `patterns` says, for each text pattern of the model, what it
    allows (after the value: "'x' is not a usable id: use ..."); `fields_at`, if given, names the
    model that the value at a place is checked against, so a misspelt field gets the list of
    allowed ones."""
    kind, value, ctx = problem["type"], problem["input"], problem.get("ctx") or {}
    if kind == "missing":
        return f"the field '{problem['loc'][-1]}' is missing; add it"
    if kind == "extra_forbidden":
        words = f"'{problem['loc'][-1]}' is not a field here (a typo?)"
        if fields_at:
            allowed = ", ".join(field.alias or name for name, field in fields_at(problem["loc"]).model_fields.items())
            words += f"; the fields allowed are: {allowed}"
        return words
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


def problems_in_words(error: ValidationError, path: Path, text: str, patterns: Mapping[str, str], *,
                      place: Callable[[Sequence], list] = in_file,
                      location: Callable[[Sequence], str] = plain_location,
                      fields_at: Callable[[Sequence], type[BaseModel]] | None = None) -> list[str]:
    """The model's complaints about a data file, one line each: the file, the line and the place
    (`place` turns pydantic's path into the path in the file; `location` says it in words)."""
    problems: list[str] = []
    for problem in error.errors():
        message = problem_at(path, text, place(problem["loc"]), in_words(problem, patterns, fields_at), location)
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
               fields_at: Callable[[Sequence], type[BaseModel]] | None = None) -> Model:
    """A data file read within the limits (scripts/yaml_data.py) and checked by its model, every
    problem in words (see problems_in_words); read again only when the file changes."""
    return _load_model(model, path.resolve(), path.stat().st_mtime_ns, tuple(patterns.items()), fields_at)


@functools.lru_cache(maxsize=16)
def _load_model(model, path: Path, _mtime_ns: int, patterns: tuple, fields_at):
    text = read_text(path)
    try:
        return model.model_validate(parse_yaml(path, text))
    except ValidationError as error:
        raise DataError("\n".join(problems_in_words(error, path, text, dict(patterns), fields_at=fields_at))) from None


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
    path.write_text(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0
