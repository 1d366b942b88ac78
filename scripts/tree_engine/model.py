"""The decision-tree format, defined once: these models check a tree file and hold it afterwards,
and they write the JSON Schema that editors use (`python -m scripts.tree_engine schema`; a test
checks the committed docs/_data/trees/tree.schema.json still matches).

Words with one meaning each: a *node* is a question or an outcome; a node may be reached by more
than one answer (a *shared* node), but never by going round in a loop. A *path* is the answers
from the first question to a node; a *trail entry* is one answer on it. An outcome's *actions* are
the things it suggests doing. A *page* is what the engine writes: one for a tree's start, one for
its overview and one for each path to each node (scripts/tree_engine/paths.py).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import (AfterValidator, ConfigDict, Discriminator, Field, PrivateAttr, StringConstraints, Tag,
                      model_validator)
from pydantic.json_schema import SkipJsonSchema

from scripts.checks.attribution import is_labelled
from scripts.content.data_models import DataModel, ID_PATTERN, model_schema
from scripts.content.yaml_data import echo

# Each pattern says what it allows, in words: the schema gives editors these words (VS Code shows
# `errorMessage`), and scripts/tree_engine/load.py prints them for a value that does not match.
_ID = ID_PATTERN
_TITLE = r"^\S[^\n\r]{3,88}\S$"
_INTRO = r"^\S[^\n\r]{8,}\S$"
_TEXT = r"^\S[^\n\r]*\S$"
_PAGE = r"^[a-z0-9/-]+\.md$"
IN_WORDS = {
    _ID: "is not a usable id: use lowercase letters, digits and single hyphens (like 'wait-a-month'), "
         "at most 60 characters, and not 'index' or 'overview'",
    _TITLE: "must be one line of plain text, 5 to 90 characters, with no space at the start or end",
    _INTRO: "must be one line of plain text of at least 10 characters, with no line break and no space at "
            "the start or end",
    _TEXT: "must be one line of plain text of at least 2 characters, with no line break and no space at "
           "the start or end",
    _PAGE: "is not a page path: write it like 'topics/patience.md' (lowercase letters, digits, hyphens and "
           "slashes, ending in .md)",
}
# Taken by the pages every tree has.
RESERVED_IDS = ("index", "overview")
NEEDS_QUESTION_OR_OUTCOME = ("needs a 'question' (a step with answers) or an 'outcome' (advice at the end); "
                             "check the spelling of that field")


def _text(pattern: str, description: str, **constraints) -> Any:
    return Annotated[str, StringConstraints(pattern=pattern, **constraints),
                     Field(description=description, json_schema_extra={"errorMessage": IN_WORDS[pattern] + "."})]


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"'{value}' {IN_WORDS[_ID]}")
    return value


def _labelled_own_view(value: str) -> str:
    if not is_labelled(value):
        raise ValueError("is advice no listed source gives: label it as the site's own view, "
                         "for example 'Our own view: if he still ...'")
    return value


def _unique(items: list) -> list:
    if len(set(items)) != len(items):
        raise ValueError("lists the same item twice; keep one")
    return items


Id = Annotated[
    _text(_ID, "Lowercase letters, digits and single hyphens, at most 60 characters; 'index' and 'overview' "
               "are taken by the tree's own pages.", max_length=60),
    AfterValidator(_not_reserved), Field(json_schema_extra={"not": {"enum": list(RESERVED_IDS)}}),
]
Text = _text(_TEXT, "One line of plain text, at least 2 characters: no line breaks, no spaces at the start or end. "
                    "Markdown and HTML are shown as written, not applied.")
PagePath = _text(_PAGE, "A page's path from the docs folder, like 'topics/patience.md'.", max_length=200)


def _unique_list(item: Any, **constraints) -> Any:
    return Annotated[list[item], Field(json_schema_extra={"uniqueItems": True}, **constraints), AfterValidator(_unique)]


class _Data(DataModel):
    # Strict: a number or a list where text belongs is an error, not quietly converted.
    model_config = ConfigDict(strict=True)  # with DataModel's settings


class _Node(_Data):
    _id: str = PrivateAttr("")

    @property
    def id(self) -> str:
        """The node's key in the tree's `nodes`."""
        return self._id


class Answer(_Data):
    label: Text
    next: Id


class Question(_Node):
    # Written `question:` in a file (the field that marks a node as a question); `text` in code.
    text: Text = Field(alias="question")
    help: Text | SkipJsonSchema[None] = Field(
        None, description="Optional: a short hint under the question, one line.")
    answers: list[Answer] = Field(
        min_length=2, max_length=6,
        description="2 to 6 answers. Add one like \"I'm not sure\" where a reader might honestly not know. "
                    "Answers of different questions may lead to the same node.")

    @property
    def title(self) -> str:
        return self.text

    @model_validator(mode="after")
    def _answers_tell_paths_apart(self) -> Question:
        """Two answers that read alike, or answers that all lead to one place, would mislead her:
        her choice would mean nothing."""
        labels = [" ".join(answer.label.casefold().split()) for answer in self.answers]
        if repeated := next((answer.label for n, answer in enumerate(self.answers) if labels[n] in labels[:n]), None):
            raise ValueError(f"two answers read {echo(repeated)}, so a reader cannot tell them apart; reword one")
        if len({answer.next for answer in self.answers}) == 1:
            raise ValueError(f"every answer leads to '{self.answers[0].next}', so her answer changes nothing; "
                             "point the answers at different nodes, or drop the question")
        return self


class Outcome(_Node):
    outcome: Text
    summary: Text
    actions: list[Text] = Field(min_length=1, description="What she could do, one line each, shown as a numbered list.")
    topics: _unique_list(PagePath, min_length=1)
    sources: _unique_list(Id, min_length=1)
    could_say: list[Text] = Field(
        (), min_length=1, max_length=4,
        description="Optional: short example messages or replies she could use, one line each, in the site's own words.")
    # The outcome's `sources` back its summary and actions; this follow-up is the site's own, so it
    # says so (scripts/checks/attribution.py: cited or labelled).
    if_nothing_changes: Annotated[Text, AfterValidator(_labelled_own_view)] | SkipJsonSchema[None] = Field(
        None, description="Optional: one line on what to try next, or when to stop and look after herself, "
                          "if nothing has changed after a few weeks. The sources listed back the summary and "
                          "actions, not this line: start it \"Our own view: \".")
    protects_her: bool = Field(
        False, description="true on advice for a reader protecting herself from him: it carries no "
                           "\"Only if you feel safe\" line, which would be written for someone else.")

    @property
    def title(self) -> str:
        return self.outcome


def _kind(node: Any) -> str | None:
    """Which kind of node a mapping is, by the field that names it."""
    if isinstance(node, dict):
        return "question" if "question" in node else "outcome" if "outcome" in node else None
    return "question" if isinstance(node, Question) else "outcome" if isinstance(node, Outcome) else None


Node = Annotated[Union[Annotated[Question, Tag("question")], Annotated[Outcome, Tag("outcome")]],
                 Discriminator(_kind, custom_error_type="no_kind", custom_error_message=NEEDS_QUESTION_OR_OUTCOME)]


class Tree(_Data):
    """One decision tree of the site. The file name (without .yml) is the tree id. Every text field is
    one line of plain text: no line breaks, no spaces at the start or end, and no Markdown or HTML
    (it is shown exactly as written)."""

    id: Id
    order: int | SkipJsonSchema[None] = Field(
        None, ge=1, description="Where this tree comes in lists, in the order a reader needs them (1 first). "
                                "Trees without one come last; ties go by id.")
    title: _text(_TITLE, "The tree's name in the menu: one line of plain text, 5 to 90 characters.")
    intro: _text(_INTRO, "One or two sentences under the title: one line of plain text, at least 10 characters.")
    reader_questions: _unique_list(Text, max_length=6) = Field(
        (), description="Optional: up to six questions a reader would type, in her own words, that this set "
                        "answers. The start page shows them as \"Questions this page answers\", and search finds them.")
    tags: _unique_list(Annotated[str, StringConstraints(min_length=1)], min_length=1)
    # Shown on every page of the tree, as on every hand-written page (tests/test_content.py checks
    # the site's trees carry them and are not overdue).
    last_reviewed: datetime.date | SkipJsonSchema[None] = Field(
        None, description="When its text was last checked against its sources, as YYYY-MM-DD.")
    next_review_due: datetime.date | SkipJsonSchema[None] = Field(
        None, description="When it is next due for review, as YYYY-MM-DD: at most six months on.")
    reviewed_by: Text | SkipJsonSchema[None] = Field(
        None, description="Who reviewed it, by role, such as 'Site editors'; never a professional title "
                          "unless such a person reviewed it.")
    start: Id
    nodes: dict[Id, Node] = Field(min_length=2)
    _file: Path = PrivateAttr(Path())

    @model_validator(mode="after")
    def _name_the_nodes(self) -> Tree:
        for node_id, node in self.nodes.items():
            node._id = node_id
        return self

    @property
    def file(self) -> Path:
        return self._file

    def outcomes(self) -> list[Outcome]:
        return [node for node in self.nodes.values() if isinstance(node, Outcome)]

    def questions(self) -> list[Question]:
        return [node for node in self.nodes.values() if isinstance(node, Question)]


def json_schema() -> dict:
    schema = model_schema(Tree, "Decision tree")
    # Pydantic states a key's pattern as patternProperties, which lets any other key through;
    # the editor should flag a node id that breaks it, as the build does.
    nodes = schema["properties"]["nodes"]
    ((pattern, node),) = nodes.pop("patternProperties").items()
    nodes["additionalProperties"] = node
    nodes["propertyNames"]["pattern"] = pattern
    return schema
