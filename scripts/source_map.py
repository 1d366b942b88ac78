"""The source map: every piece of advice in each source and the pages that cover it.

Under `sources` are the five articles; under `supporting`, the public guidance pages listed in
docs/_data/supporting-sources.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.yaml_data import DataError, line_of, load_checked, read_text, shown

SOURCE_MAP = Path("_data/source-map.yml")
SCHEMA = Path("_data/source-map.schema.json")


@dataclass(frozen=True)
class Advice:
    source: str
    text: str
    pages: tuple[str, ...]
    supporting: bool = False


def load_source_map(docs_dir: Path) -> list[Advice]:
    data = load_checked(docs_dir / SOURCE_MAP, docs_dir / SCHEMA)
    return [
        Advice(source=source, text=item["advice"], pages=tuple(item["pages"]), supporting=kind == "supporting")
        for kind in ("sources", "supporting")
        for source, items in data.get(kind, {}).items()
        for item in items
    ]


def check_references(docs_dir: Path, advice: list[Advice], pages: set[str], sources: set[str]) -> None:
    """Check that the map names only the articles in mkdocs.yml and pages that exist. (Supporting
    source ids are checked against their own data by scripts/supporting_sources.py.)"""
    path = docs_dir / SOURCE_MAP
    problems = [
        (["sources", source], f"unknown source id '{source}'; use one of: {', '.join(sorted(sources))}")
        for source in dict.fromkeys(item.source for item in advice if not item.supporting) if source not in sources
    ]
    position_in_source: dict[str, int] = {}
    for item in advice:
        index = position_in_source[item.source] = position_in_source.get(item.source, -1) + 1
        kind = "supporting" if item.supporting else "sources"
        problems += [
            ([kind, item.source, index, "pages", position],
             f"page '{page}' does not exist; give its path from the docs folder, like 'topics/patience.md'")
            for position, page in enumerate(item.pages) if page not in pages
        ]
    if problems:
        text = read_text(path)
        raise DataError("\n".join(f"{shown(path)}: line {line_of(text, parts)}: {problem}." for parts, problem in problems))


def pages_drawing_on(advice: list[Advice], source: str) -> list[str]:
    """The pages that cover at least one piece of a source's advice, in first-mention order."""
    return list(dict.fromkeys(page for item in advice if item.source == source for page in item.pages))
