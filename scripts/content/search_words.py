"""The words the site's search listens for: one YAML file (docs/_data/search-words.yml), loaded
once into typed objects.

It holds the phrases that show the safety card above the results ("Are you safe?"), where that
list comes from, and the everyday words readers type with the site's words for them. The build
puts it into every page as JSON (overrides/partials/search.html, escaped there by Jinja's
`tojson`), where assets/search-safety.js and assets/search-query.js read it: no request, so it
works from file:// too. These models are the one definition of the format; they also write the
JSON Schema that editors use (`python -m scripts.content.search_words schema`), and a test checks the
committed schema still matches. No MkDocs inside.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from scripts.content.data_models import DataModel, load_model, model_schema, schema_command, unique
from scripts.content.supporting_sources import SupportingSource

DATA = Path("_data/search-words.yml")
SCHEMA = Path("_data/search-words.schema.json")

# A query's words as assets/search-safety.js sees them: lower case, apostrophes dropped ("won't"
# is "wont"), split at anything that is not a letter or a digit. An entry is written the same way.
_PHRASE = r"^[a-z0-9]+\*?( [a-z0-9]+\*?){0,4}$"
_PATTERN = r"^[a-z0-9]+\*?$"
_WORD = r"^[a-z0-9]+$"
_AFTER_VALUE = {
    _PATTERN: "is not allowed here; use one word in lower case, letters and digits only, perhaps ending in * "
              "to match any word that starts with it",
    _PHRASE: "is not allowed here; use one to five words in lower case, letters and digits only, "
             "without apostrophes (cant, wont), each perhaps ending in * to match any word that starts with it",
    _WORD: "is not allowed here; use one word in lower case, letters and digits only",
}

Phrase = Annotated[str, StringConstraints(pattern=_PHRASE, max_length=60)]
Pattern = Annotated[str, StringConstraints(pattern=_PATTERN, max_length=30)]
Word = Annotated[str, StringConstraints(pattern=_WORD, max_length=30)]


def _phrase_list(noun: str, description: str, min_length: int = 0):
    """A list of phrases, each once."""
    return Annotated[list[Phrase], Field(description=description, min_length=min_length, max_length=400),
                     AfterValidator(unique(noun))]


class ActsAgainstHer(DataModel):
    """"he grabbed me", "my ex slammed my hand": one of `who`, then within three words one of
    `acts`, straight away followed by one of `objects`. Catches the many ways she may name an act
    of force, which a list of phrases cannot."""

    who: list[Pattern] = Field(min_length=1, max_length=30, description="Him, in her words: he, hubby, my ex...")
    acts: Annotated[list[Pattern], Field(min_length=1, max_length=200, description="What he did to her: grab*, shook..."),
                    AfterValidator(unique("act"))]
    objects: list[Pattern] = Field(min_length=1, max_length=10, description="Her: me, my (arm, phone...).")


class SafetyCard(DataModel):
    signs: _phrase_list("sign", "Fear, violence, control, threats or crisis in a reader's words: these show the card.", 1)
    acts_against_her: ActsAgainstHer | None = None
    not_signs: _phrase_list(
        "phrase", "Longer phrases in which a sign's, or an act's, words mean something else (\"pushed me away\").") = []
    fears: _phrase_list("fear", "Feeling afraid: these show the card unless the query also has one of about_losing_him.") = []
    about_losing_him: _phrase_list(
        "phrase", "Words that say a fear is of the marriage ending, not of him (\"scared he will never come back\").") = []


class SearchWords(DataModel):
    sources: list[SupportingSource] = Field(min_length=1, max_length=20, description=(
        "Where the card's list comes from: helplines' and services' own pages of signs of abuse, stalking and crisis."))
    safety_card: SafetyCard
    synonyms: dict[Word, Annotated[list[Word], Field(min_length=1, max_length=3)]] = Field(
        {}, max_length=100, description="An everyday word readers type, and the site's words for it (hubby: [husband]).")

    def for_the_browser(self) -> dict:
        """What the search scripts read: the card's phrases and the synonyms (not the sources)."""
        return self.model_dump(include={"safety_card", "synonyms"})


def load_search_words(docs_dir: Path) -> SearchWords:
    """The search words, checked again only when the file changes."""
    return load_model(SearchWords, docs_dir / DATA, _AFTER_VALUE)


def json_schema() -> dict:
    return model_schema(SearchWords, "The words search listens for: the safety card and synonyms (docs/_data/search-words.yml)")


def main(argv: list[str]) -> int:
    return schema_command(argv, "usage: python -m scripts.content.search_words schema", Path("docs") / SCHEMA, json_schema)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
