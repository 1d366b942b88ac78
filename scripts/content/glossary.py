"""The glossary: one YAML file (docs/_data/glossary.yml), loaded once into typed objects.

It feeds both the Glossary page (scripts/content/markdown_templates/glossary.md.j2) and the tooltips and
links on every other page (scripts/plugin/reader_extension.py). These models are the one definition of
the format; they also write the JSON Schema that editors use (`python -m scripts.content.glossary schema`),
and a test checks the committed schema still matches. No MkDocs inside.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from scripts.content import limits
from scripts.content.markdown_text import markdown_environment
from scripts.content.data_models import DataModel, load_model, model_schema, problem_at, schema_command
from scripts.content.yaml_data import DataError, echo, read_text

GLOSSARY = Path("_data/glossary.yml")
DATA_FOLDER = GLOSSARY.parts[0]
SCHEMA = Path("_data/glossary.schema.json")
TEMPLATES = Path(__file__).resolve().parent / "markdown_templates"

# One line of plain text with no spaces at its ends; what each pattern allows, in words.
_ONE_LINE = r"^\S(?:[^\n\r\t]*\S)?$"
_WORDS = r"^[A-Za-z][A-Za-z' -]*[A-Za-z]$"
_PAGE = r"^[a-z0-9-]+(?:/[a-z0-9-]+)*\.md$"
ALLOWED = {
    _ONE_LINE: "one line of text with no spaces at its start or end",
    _WORDS: "letters, spaces, hyphens and apostrophes only, as in no-contact",
    _PAGE: "a page's file in docs/, in lower case, as in topics/no-contact.md",
}
_AFTER_VALUE = {pattern: f"is not allowed here; use {words}" for pattern, words in ALLOWED.items()}


Words = Annotated[str, StringConstraints(pattern=_WORDS, max_length=40)]
Tooltip = Annotated[str, StringConstraints(pattern=_ONE_LINE, max_length=160)]
Meaning = Annotated[str, StringConstraints(pattern=_ONE_LINE, max_length=600)]


class SeeAlso(DataModel):
    """The page that covers the term, and the words its link shows."""

    page: Annotated[str, StringConstraints(pattern=_PAGE, max_length=100)]
    text: Annotated[str, StringConstraints(pattern=_ONE_LINE, max_length=60)]


class Entry(DataModel):
    term: Words = Field(description="The heading on the Glossary page, and a word found on every page.")
    also: list[Words] = Field([], max_length=5, description="Other words for the same thing, found too.")
    tooltip: Tooltip = Field(description="The short meaning shown over the term on other pages.")
    meaning: Meaning = Field(description="The full meaning on the Glossary page.")
    see: SeeAlso

    @property
    def anchor(self) -> str:
        """The id of the term's heading on the Glossary page: `No-contact` -> `no-contact`."""
        return re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")

    @property
    def forms(self) -> list[str]:
        """Every way the term is found in a page: as written, and with its first letter in the
        other case (at the start of a sentence, say)."""
        return [form for word in (self.term, *self.also) for form in (word, word[0].swapcase() + word[1:])]


class Glossary(DataModel):
    entries: list[Entry] = Field(min_length=1, max_length=100)


def _check_each_word_names_one_term(glossary: Glossary, path: Path) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(glossary.entries):
        for word in {form.casefold() for form in entry.forms} | {entry.anchor}:
            if word in seen:
                raise DataError(problem_at(path, read_text(path), ["entries", index, "term"],
                                           f"{echo(word)} is already a term or another word for one; each word may "
                                           "name one term only. Merge the two entries or drop it"))
            seen.add(word)


def _check_terms_are_not_common(glossary: Glossary, path: Path) -> None:
    """A term as common as "you" would mark most sentences of every page."""
    docs_dir = path.parent.parent
    pages = [read_text(page, data_file=False) for page in sorted(docs_dir.rglob("*.md"))
             if DATA_FOLDER not in page.relative_to(docs_dir).parts]
    for index, entry in enumerate(glossary.entries):
        found = re.compile(r"\b(?:" + "|".join(map(re.escape, entry.forms)) + r")\b")
        uses = sum(len(found.findall(text)) for text in pages)
        if uses > limits.MAX_GLOSSARY_TERM_USES:
            raise DataError(problem_at(path, read_text(path), ["entries", index, "term"],
                                       f"{echo(entry.term)} (with its other words) is found {uses} times in the "
                                       f"site's pages, more than the {limits.MAX_GLOSSARY_TERM_USES} a term may be: "
                                       "too common a word to mark on every page. Drop it, or name a rarer phrase"))


# Each file's glossary that last passed the word check. load_model returns the same object until
# the file's text changes, so the check runs once per version of the file, not once per page.
_WORDS_CHECKED: dict[Path, Glossary] = {}


def load_glossary_file(path: Path) -> Glossary:
    """The glossary in a file, checked again only when the file changes."""
    glossary = load_model(Glossary, path, _AFTER_VALUE)
    if _WORDS_CHECKED.get(path) is not glossary:
        _check_each_word_names_one_term(glossary, path)
        _check_terms_are_not_common(glossary, path)
        _WORDS_CHECKED[path] = glossary
    return glossary


def load_glossary(docs_dir: Path) -> Glossary:
    return load_glossary_file(docs_dir / GLOSSARY)


def _check_see_pages(glossary: Glossary, docs_dir: Path) -> None:
    path = docs_dir / GLOSSARY
    for index, entry in enumerate(glossary.entries):
        if not (docs_dir / entry.see.page).is_file():
            raise DataError(problem_at(path, read_text(path), ["entries", index, "see", "page"],
                                       f"the page {echo(entry.see.page)} is not in docs/. Check the spelling, "
                                       "or name an existing page"))


def render_page(docs_dir: Path) -> str:
    """The Glossary page's entries, as Markdown; every value is escaped on the way out."""
    glossary = load_glossary(docs_dir)
    _check_see_pages(glossary, docs_dir)
    return markdown_environment(TEMPLATES).get_template("glossary.md.j2").render(entries=glossary.entries)


def json_schema() -> dict:
    return model_schema(Glossary, "The glossary: its page and the tooltips on every page (docs/_data/glossary.yml)")


def main(argv: list[str]) -> int:
    return schema_command(argv, "usage: python -m scripts.content.glossary schema", Path("docs") / SCHEMA, json_schema)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
