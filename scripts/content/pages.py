"""Facts about the site's Markdown pages, read straight from their files."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from scripts.content.yaml_data import DataError, parse_yaml, read_text, shown

# Front matter as MkDocs reads it: a block between two `---` lines at the very start of the page.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class PageLink:
    title: str
    path: str


def read_front_matter(path: Path, text: str) -> dict:
    """A page's front matter. Where MkDocs would quietly publish a broken block as body text,
    this names the page and the line."""
    if not text.startswith("---"):
        return {}
    block = FRONT_MATTER.match(text)
    if block is None:
        raise DataError(f"{shown(path)}: line 1: the front matter is not closed; "
                        "end it with a line of three hyphens (---).")
    data = parse_yaml(path, block.group(1), first_line=2, what="the front matter")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError(f"{shown(path)}: line 2: the front matter must be fields like 'title: ...', one a line.")
    return data


def front_matter(page: Path) -> dict:
    # Keyed by modification time too, so `mkdocs serve` sees edits.
    return _front_matter(page, page.stat().st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _front_matter(page: Path, mtime_ns: int) -> dict:
    return read_front_matter(page, read_text(page, data_file=False))


def page_link(docs_dir: Path, path: str) -> PageLink:
    return PageLink(title=front_matter(docs_dir / path).get("title") or Path(path).stem, path=path)


def title_as_html(meta: dict, title: str | None, *, written_by_hand: bool) -> Markup | None:
    """A page's title as the theme prints it: HTML, once escaped. Material prints titles raw (in
    <title>, the header, the menu, the previous and next links), as HTML. A title typed in a page's
    front matter is text, so it is escaped here; a title MkDocs took from the page's first heading,
    and a generated page's (the tree engine escapes its titles), are HTML already. As Markup, a
    template's `| e` (in aria-labels) leaves it as it is instead of escaping it twice."""
    if title is None:
        return None
    if written_by_hand and "title" in meta:
        return escape(str(meta["title"]))
    return Markup(title)
