"""Facts about the site's Markdown pages, read straight from their files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class PageLink:
    title: str
    path: str


def front_matter(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def page_link(docs_dir: Path, path: str) -> PageLink:
    return PageLink(title=front_matter(docs_dir / path).get("title") or Path(path).stem, path=path)
