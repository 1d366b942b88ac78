"""The helplines: one YAML file, loaded once into typed objects, for the "Get help now" page and
for the help cards that other pages show where they talk about nights, crisis, children or money.

These models are the one definition of the format. They also write the JSON Schema that editors
use (`python -m scripts.content.helplines schema`); a test checks the committed schema still matches.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from scripts.content.data_models import DataModel, load_model, model_schema, schema_command

HELPLINES = Path("_data/helplines.yml")
SCHEMA = Path("_data/helplines.schema.json")

# What each pattern allows, in words: an editor sees this, not the regular expression.
_PHONE = r"^\+?[0-9][0-9 -]{1,19}$"
_SLUG = r"^[a-z][a-z-]{0,19}$"
_REGION = r"^[A-Z]{2}$"
_WEB_ADDRESS = r"^https://[^\s<>\"']{4,300}$"
_ONE_LINE = r"^[^\n\r<>]*\S[^\n\r<>]*$"
ALLOWED = {
    _PHONE: "digits, spaces and dashes only, perhaps starting with +, as in 0808 2000 247",
    _SLUG: "lower-case letters and dashes, as in us or uk",
    _REGION: "a two-letter region code in capitals, as in GB or NZ",
    _WEB_ADDRESS: "a full https:// address with no spaces",
    _ONE_LINE: "one line of plain text, without < or >",
}
_AFTER_VALUE = {pattern: f"is not allowed here; use {words}" for pattern, words in ALLOWED.items()}

OneLine = Annotated[str, StringConstraints(pattern=_ONE_LINE, max_length=200)]
PhoneNumber = Annotated[str, StringConstraints(pattern=_PHONE)]
WebAddress = Annotated[str, StringConstraints(pattern=_WEB_ADDRESS)]
Region = Annotated[str, StringConstraints(pattern=_REGION)]
Kind = Literal["emergency", "domestic abuse", "suicide and crisis", "victims of crime"]
KINDS: tuple[Kind, ...] = ("emergency", "domestic abuse", "suicide and crisis", "victims of crime")
# What a source is. Only a number whose sources are all "secondary" is marked so on the page.
SourceKind = Literal["service", "government", "health service", "secondary"]
# A number checked longer ago than this (12 months) fails the build until someone checks it again.
RECHECK_AFTER_DAYS = 365


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    href: str
    places: tuple[str, ...]
    country_ids: tuple[str, ...]


class Source(DataModel):
    """The public page that gives the number, who publishes it, and when we last read it."""

    organisation: OneLine
    title: OneLine
    url: WebAddress
    checked: date = Field(description=(
        "The day we last read the page and saw the number on it, as YYYY-MM-DD. A stored copy of "
        "the page read that day counts: the date says when we read it, not when it was published."))
    kind: SourceKind = Field(description=(
        "Who publishes the page: the service itself, a government, a health service, or "
        "secondary (anyone else, such as a news site or a local charity). A number with only "
        "secondary sources is marked so on the page."))

    @field_validator("checked")
    @classmethod
    def _recently_checked(cls, checked: date) -> date:
        """A number must have been checked on its source within the last year (and not later than
        today): a reader in danger dials what the page shows."""
        today = date.today()
        if checked > today:
            raise ValueError(f"the date checked, {checked}, is in the future; give the day you checked the number")
        if checked < today - timedelta(days=RECHECK_AFTER_DAYS):
            raise ValueError(f"last checked on {checked}, more than 12 months ago: re-check this number on the "
                             "source page, then set checked to today's date")
        return checked


class Text(DataModel):
    number: PhoneNumber
    first_word: OneLine | None = Field(None, description="A word to send first, if the service asks for one.")

    @property
    def href(self) -> str:
        return "sms:" + _dialable(self.number)


class Service(DataModel):
    kind: Kind
    name: OneLine
    area: OneLine | None = Field(None, description="Where in the country it answers, if not all of it, as in Scotland.")
    call: PhoneNumber | None = None
    text: Text | None = None
    chat: WebAddress | None = Field(None, description="A page where the reader can chat online.")
    finder: WebAddress | None = Field(None, description="A page that finds a local service's own line.")
    note: OneLine | None = Field(None, description="Opening hours, cost, or how to use it quietly.")
    sources: list[Source] = Field(min_length=1, max_length=3)

    @model_validator(mode="after")
    def _has_a_route(self) -> Service:
        if not (self.call or self.text or self.chat or self.finder):
            raise ValueError("give at least one way to reach the service: call, text, chat or finder")
        return self

    @property
    def call_href(self) -> str | None:
        return "tel:" + _dialable(self.call) if self.call else None

    @property
    def only_secondary_sources(self) -> bool:
        return all(source.kind == "secondary" for source in self.sources)


class Country(DataModel):
    id: Annotated[str, StringConstraints(pattern=_SLUG)]
    name: OneLine
    in_a_sentence: OneLine | None = Field(None, description=(
        'The name as it reads after "Not in", if it differs, as in "the United Kingdom".'))
    regions: list[Region] = Field(min_length=1, max_length=40, description=(
        "The regions (ISO 3166 codes) whose readers this country's help is for. When the browser's "
        "language names one of them, as en-GB names GB, this country's help shows first."))
    services: list[Service] = Field(min_length=1, max_length=12)

    @model_validator(mode="after")
    def _has_emergency_number(self) -> Country:
        if not any(service.kind == "emergency" and service.call for service in self.services):
            raise ValueError(f"country '{self.id}' needs an emergency number to call (kind: emergency, with call)")
        return self

    @property
    def name_in_a_sentence(self) -> str:
        return self.in_a_sentence or self.name

    def of_kind(self, kind: Kind) -> list[Service]:
        return [service for service in self.services if service.kind == kind]

    def for_needs(self, kinds: tuple[Kind, ...]) -> list[Service]:
        """The emergency number first, then the services of these kinds, in data order."""
        return self.of_kind("emergency")[:1] + [service for service in self.services if service.kind in kinds]


class Elsewhere(DataModel):
    """Help for a reader in any other country: directories that find her own country's lines."""

    name: OneLine
    services: list[Service] = Field(min_length=1, max_length=4)

    # Its place among the countries, which the page's templates and script read alike.
    id: ClassVar[str] = "elsewhere"
    regions: ClassVar[tuple[str, ...]] = ()
    name_in_a_sentence: ClassVar[str] = "another country"


class Helplines(DataModel):
    countries: list[Country] = Field(min_length=1, max_length=40)
    elsewhere: Elsewhere

    def emergency_numbers(self) -> list[EmergencyNumber]:
        """Each country's first emergency number, with the places that share it, in data order."""
        places: dict[str, list[Country]] = {}
        for country in self.countries:
            number = next(service.call for service in country.of_kind("emergency") if service.call)
            places.setdefault(number, []).append(country)
        return [EmergencyNumber(number, "tel:" + _dialable(number), tuple(country.name for country in countries),
                                tuple(country.id for country in countries)) for number, countries in places.items()]

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Helplines:
        ids = [country.id for country in self.countries]
        if duplicates := sorted({id_ for id_ in ids if ids.count(id_) > 1}):
            raise ValueError(f"each country id must be used once; repeated: {', '.join(duplicates)}")
        return self

    @model_validator(mode="after")
    def _regions_belong_to_one_country(self) -> Helplines:
        regions = [region for country in self.countries for region in country.regions]
        if duplicates := sorted({region for region in regions if regions.count(region) > 1}):
            raise ValueError(f"each region belongs to one country; listed twice: {', '.join(duplicates)}")
        return self

    @field_validator("countries")
    @classmethod
    def _each_country_once(cls, countries: list[Country]) -> list[Country]:
        """One country listed twice (under two ids) would show two sets of numbers to choose from."""
        names = [" ".join(country.name.casefold().split()) for country in countries]
        for later, name in enumerate(names):
            if name in names[:later]:
                raise ValueError(f"the country '{countries[later].name}' is listed twice (entries {names.index(name) + 1} "
                                 f"and {later + 1}); list it once, with all its services")
        return countries


def _dialable(number: str) -> str:
    """The characters a phone dials: digits, and a leading + for an international number."""
    return re.sub(r"(?!^\+)[^0-9]", "", number)


def load_helplines(docs_dir: Path) -> Helplines:
    """The helplines, checked again only when the file changes."""
    return load_model(Helplines, docs_dir / HELPLINES, _AFTER_VALUE)


def json_schema() -> dict:
    return model_schema(Helplines, "Help lines for Get help now and the help cards (docs/_data/helplines.yml)")


def main(argv: list[str]) -> int:
    return schema_command(argv, "usage: python -m scripts.content.helplines schema", Path("docs") / SCHEMA, json_schema)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
