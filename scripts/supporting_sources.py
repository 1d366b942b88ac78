"""Supporting sources: the public guidance pages cited beside the five articles.

They are data (docs/_data/supporting-sources.yml): a page cites one with a footnote named after its
id that points to sources.md#<id>, and the Sources page lists them all from the data, through the
template scripts/markdown_templates/supporting-sources.md.j2. Text from the data is escaped on the way out.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from scripts import source_map
from scripts.pages import PageLink, page_link
from scripts.markdown_text import as_link, as_text
from scripts.yaml_data import DataError, load_checked

DATA = Path("_data/supporting-sources.yml")
SCHEMA = Path("_data/supporting-sources.schema.json")
TEMPLATES = Path(__file__).resolve().parent / "markdown_templates"
TEMPLATE = "supporting-sources.md.j2"
# The schema allows only these addresses; checked again here because the address becomes a link.
_SAFE_URL = re.compile(r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~%/?=&+-]*)?")


@dataclass(frozen=True)
class SupportingSource:
    id: str
    organisation: str
    title: str
    url: str
    checked: datetime.date
    country: str | None = None

    @property
    def checked_on(self) -> str:
        return f"{self.checked.day} {self.checked:%B %Y}"


def load_supporting_sources(docs_dir: Path) -> dict[str, SupportingSource]:
    path = docs_dir / DATA
    data = load_checked(path, docs_dir / SCHEMA)
    return {source_id: _source(path, source_id, item) for source_id, item in data["sources"].items()}


def _source(path: Path, source_id: str, item: dict) -> SupportingSource:
    try:
        checked = datetime.date.fromisoformat(item["checked"])
    except ValueError:
        raise DataError(f"{path}: at sources/{source_id}/checked: '{item['checked']}' is not a real date; "
                        "write the day you read the page as \"YYYY-MM-DD\"") from None
    return SupportingSource(id=source_id, organisation=item["organisation"], title=item["title"],
                            url=item["url"], checked=checked, country=item.get("country"))


def check_coverage(sources: dict[str, SupportingSource], advice: list[source_map.Advice], map_path: Path) -> None:
    """Every supporting source backs some advice in the source map, and the map names no unknown one."""
    mapped = {item.source for item in advice if item.supporting}
    problems = [f"supporting source '{source_id}' is not in {DATA.name}; add it there or fix the id"
                for source_id in sorted(mapped - set(sources))]
    problems += [f"supporting source '{source_id}' backs no advice here; add what it backs under 'supporting', "
                 f"or remove it from {DATA.name}" for source_id in sorted(set(sources) - mapped)]
    if problems:
        raise DataError("\n".join(f"{map_path}: {problem}" for problem in problems))


def external_link(url: str) -> Markup:
    if not _SAFE_URL.fullmatch(url):
        raise ValueError(f"unsafe address: {url!r}")
    return Markup(url)


@dataclass(frozen=True)
class Listing:
    """The checked sources, each with the pages that the source map says draw on it."""

    sources: list[SupportingSource]
    pages: dict[str, list[PageLink]]


def load_listing(docs_dir: Path) -> Listing:
    sources = load_supporting_sources(docs_dir)
    advice = source_map.load_source_map(docs_dir)
    check_coverage(sources, advice, docs_dir / source_map.SOURCE_MAP)
    pages = {
        source_id: [page_link(docs_dir, path) for path in source_map.pages_drawing_on(advice, source_id)]
        for source_id in sources
    }
    return Listing(sources=list(sources.values()), pages=pages)


def render(listing: Listing) -> str:
    """The Sources page's list of supporting sources, as Markdown."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, finalize=as_text,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["anchor"] = as_link
    env.filters["link"] = as_link
    env.filters["external"] = external_link
    return env.get_template(TEMPLATE).render(sources=listing.sources, pages=listing.pages)
