"""Supporting sources: the public guidance pages cited beside the five articles.

They are data (docs/_data/supporting-sources.yml), loaded once into typed objects: a page cites
one with a footnote named after its id that points to sources.md#<id>, and the Sources page lists
them all from the data, through the template scripts/content/markdown_templates/supporting-sources.md.j2.
Text from the data is escaped on the way out. These models are the one definition of the format;
they also write the JSON Schema that editors use (`python -m scripts.content.supporting_sources schema`),
and a test checks the committed schema still matches. No MkDocs inside.
"""

from __future__ import annotations

import datetime
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from markupsafe import Markup
from pydantic import Field, StringConstraints

from scripts.content import source_map
from scripts.content.data_models import DataModel, ID_PATTERN, load_model, model_schema, problem_at, schema_command
from scripts.content.pages import PageLink, page_link
from scripts.content.markdown_text import as_link, markdown_environment
from scripts.content.yaml_data import DataError, echo, read_text

DATA = Path("_data/supporting-sources.yml")
SCHEMA = Path("_data/supporting-sources.schema.json")
TEMPLATES = Path(__file__).resolve().parent / "markdown_templates"
TEMPLATE = "supporting-sources.md.j2"

# What each pattern allows, in words: an editor sees this, not the regular expression.
_ID = ID_PATTERN
# Checked again when the address becomes a link (external_link).
_WEB_ADDRESS = r"^https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~%/?=&+-]*)?$"
_AFTER_VALUE = {
    _ID: "is not a usable id: use lowercase letters and digits, in words joined by single hyphens, "
         "as in nhs-insomnia",
    _WEB_ADDRESS: "is not a usable address: write the page's full https:// address, with no spaces, quotes "
                  "or brackets",
}

Name = Annotated[str, StringConstraints(min_length=2)]


class SupportingSource(DataModel):
    organisation: Name = Field(description="Who publishes the page, as a reader would know them.")
    title: Name = Field(description="The page's own title.")
    url: Annotated[str, StringConstraints(pattern=_WEB_ADDRESS)] = Field(
        description="The page's address: https, with no spaces, quotes, brackets or fragment.")
    checked: datetime.date = Field(description='The day we last read the page, as "YYYY-MM-DD".')
    country: Name | None = Field(None, description="Where the guidance applies, if it is about one "
                                                   "country's law or services.")
    opinion: Name | None = Field(None, description="If the page gives a view rather than official guidance or "
                                                   "facts, whose view it is, in a short sentence: the Sources page "
                                                   "shows it as opinion.")

    @property
    def checked_on(self) -> str:
        return f"{self.checked.day} {self.checked:%B %Y}"


class SupportingSources(DataModel):
    sources: dict[Annotated[str, StringConstraints(pattern=_ID)], SupportingSource] = Field(
        min_length=1, json_schema_extra={"additionalProperties": False},
        description="Each id is a footnote label and an anchor on the Sources page.")


def load_supporting_sources(docs_dir: Path) -> dict[str, SupportingSource]:
    """The supporting sources by id, checked again only when the file changes."""
    return load_model(SupportingSources, docs_dir / DATA, _AFTER_VALUE).sources


def check_coverage(docs_dir: Path, sources: dict[str, SupportingSource], mapped: source_map.SourceMap) -> None:
    """Every supporting source backs some advice in the source map, and the map names no unknown one."""
    map_path, data_path = docs_dir / source_map.SOURCE_MAP, docs_dir / DATA
    problems = [(map_path, ["supporting", source_id], f"{echo(source_id)} is not in {DATA.name}; add it there or fix the id")
                for source_id in mapped.supporting if source_id not in sources]
    problems += [(data_path, ["sources", source_id], f"{echo(source_id)} backs no advice in {source_map.SOURCE_MAP.name}; "
                  "add what it backs under 'supporting' there, or remove it here")
                 for source_id in sources if source_id not in mapped.supporting]
    if problems:
        raise DataError("\n".join(problem_at(path, read_text(path), parts, words) for path, parts, words in problems))


def external_link(url: str) -> Markup:
    if not re.fullmatch(_WEB_ADDRESS, url):
        raise ValueError(f"unsafe address: {url!r}")
    return Markup(url)


@dataclass(frozen=True)
class Listing:
    """The checked sources, each with the pages that the source map says draw on it."""

    sources: dict[str, SupportingSource]
    pages: dict[str, list[PageLink]]


def load_listing(docs_dir: Path) -> Listing:
    sources = load_supporting_sources(docs_dir)
    mapped = source_map.load_source_map(docs_dir)
    check_coverage(docs_dir, sources, mapped)
    pages = {
        source_id: [page_link(docs_dir, path) for path in source_map.pages_drawing_on(mapped, source_id)]
        for source_id in sources
    }
    return Listing(sources=sources, pages=pages)


def render(listing: Listing) -> str:
    """The Sources page's list of supporting sources, as Markdown."""
    env = markdown_environment(TEMPLATES)
    env.filters["anchor"] = as_link
    env.filters["external"] = external_link
    return env.get_template(TEMPLATE).render(sources=listing.sources, pages=listing.pages)


def json_schema() -> dict:
    return model_schema(SupportingSources, "Supporting sources: public guidance pages cited beside the five "
                                           "articles (docs/_data/supporting-sources.yml)")


def main(argv: list[str]) -> int:
    return schema_command(argv, "usage: python -m scripts.content.supporting_sources schema", Path("docs") / SCHEMA,
                          json_schema)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
