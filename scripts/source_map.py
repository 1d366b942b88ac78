"""The source map: every piece of advice in each source and the pages that cover it.

Under `sources` are the five articles; under `supporting`, the public guidance pages listed in
docs/_data/supporting-sources.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.yaml_data import load_checked

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


def pages_drawing_on(advice: list[Advice], source: str) -> list[str]:
    """The pages that cover at least one piece of a source's advice, in first-mention order."""
    return list(dict.fromkeys(page for item in advice if item.source == source for page in item.pages))
