"""Facts about the site's Markdown pages, read straight from their files."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class PageLink:
    title: str
    path: str


def front_matter(page: Path) -> dict:
    # Keyed by modification time too, so `mkdocs serve` sees edits.
    return _front_matter(page, page.stat().st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _front_matter(page: Path, mtime_ns: int) -> dict:
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    return yaml.load(text.split("---", 2)[1], Loader=yaml.CSafeLoader) or {}


def page_link(docs_dir: Path, path: str) -> PageLink:
    return PageLink(title=front_matter(docs_dir / path).get("title") or Path(path).stem, path=path)
