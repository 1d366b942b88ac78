"""The source map (docs/_data/source-map.yml): every piece of advice in each source and the pages
that cover it, loaded once into typed objects.

Under `sources` are the five articles; under `supporting`, the public guidance pages listed in
docs/_data/supporting-sources.yml. These models are the one definition of the format; they also
write the JSON Schema that editors use (`python -m scripts.content.source_map schema`), and a test checks
the committed schema still matches. No MkDocs inside.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from scripts.content.data_models import DataModel, ID_PATTERN, load_model, model_schema, problem_at, schema_command, unique
from scripts.content.yaml_data import DataError, echo, read_text

SOURCE_MAP = Path("_data/source-map.yml")
SCHEMA = Path("_data/source-map.schema.json")

# What each pattern allows, in words: an editor sees this, not the regular expression.
_ID = ID_PATTERN
_PAGE = r"^[a-z0-9/-]+\.md$"
_AFTER_VALUE = {
    _ID: "is not a source id: use the ids under extra.sources in mkdocs.yml, or those in "
         "docs/_data/supporting-sources.yml (lowercase letters, digits and hyphens)",
    _PAGE: "is not a page path: write it like 'topics/patience.md' (lowercase letters, digits, hyphens "
           "and slashes, ending in .md)",
}

SourceId = Annotated[str, StringConstraints(pattern=_ID)]
PagePath = Annotated[str, StringConstraints(pattern=_PAGE, max_length=200)]


class Advice(DataModel):
    advice: str = Field(min_length=10, description="One piece of the source's advice, in our own words.")
    pages: Annotated[list[PagePath], AfterValidator(unique("page"))] = Field(
        min_length=1, json_schema_extra={"uniqueItems": True},
        description="The pages that cover it, as paths from the docs folder, like 'topics/patience.md'.")


# A source id that breaks the pattern is refused in the editor too: no field but those matching it.
AdviceBySource = Annotated[dict[SourceId, Annotated[list[Advice], Field(min_length=1)]],
                           Field(min_length=1, json_schema_extra={"additionalProperties": False})]


class SourceMap(DataModel):
    sources: AdviceBySource = Field(description="The five articles, by their ids under extra.sources in mkdocs.yml.")
    supporting: AdviceBySource = Field(default_factory=dict,
                                       description="Public guidance pages, by their ids in supporting-sources.yml.")

    def each_advice(self) -> Iterator[tuple[list, str, Advice]]:
        """Every piece of advice with its source id and its place in the file."""
        for kind in ("sources", "supporting"):
            for source_id, items in getattr(self, kind).items():
                for index, item in enumerate(items):
                    yield [kind, source_id, index], source_id, item


def load_source_map(docs_dir: Path) -> SourceMap:
    """The source map, checked again only when the file changes."""
    return load_model(SourceMap, docs_dir / SOURCE_MAP, _AFTER_VALUE)


def check_references(docs_dir: Path, source_map: SourceMap, pages: set[str], sources: set[str]) -> None:
    """Check that the map names only the articles in mkdocs.yml and pages that exist. (Supporting
    source ids are checked against their own data by scripts/content/supporting_sources.py.)"""
    problems = [
        (["sources", source], f"unknown source id {echo(source)}; use one of: {', '.join(sorted(sources))}")
        for source in source_map.sources if source not in sources
    ]
    problems += [
        ([*place, "pages", position],
         f"page {echo(page)} does not exist; give its path from the docs folder, like 'topics/patience.md'")
        for place, _, item in source_map.each_advice() for position, page in enumerate(item.pages) if page not in pages
    ]
    if problems:
        path = docs_dir / SOURCE_MAP
        text = read_text(path)
        raise DataError("\n".join(problem_at(path, text, parts, words) for parts, words in problems))


def pages_drawing_on(source_map: SourceMap, source: str) -> list[str]:
    """The pages that cover at least one piece of a source's advice, in first-mention order."""
    return list(dict.fromkeys(page for _, source_id, item in source_map.each_advice() if source_id == source
                              for page in item.pages))


def json_schema() -> dict:
    return model_schema(SourceMap, "The source map: each source's advice, in our words, and the pages that cover "
                                   "it (docs/_data/source-map.yml)")


def main(argv: list[str]) -> int:
    return schema_command(argv, "usage: python -m scripts.content.source_map schema", Path("docs") / SCHEMA, json_schema)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
