"""The objects a decision tree is made of, once its file has been read and checked.

Words with one meaning each: a *node* is a question or an outcome; a *trail entry* is one answer
given on the way to a node; an outcome's *steps* are the things it suggests doing; a *page* is what
the engine writes for any node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union


@dataclass(frozen=True)
class Answer:
    label: str
    next: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    help: str | None
    answers: tuple[Answer, ...]

    @property
    def title(self) -> str:
        return self.question


@dataclass(frozen=True)
class Outcome:
    id: str
    outcome: str
    summary: str
    steps: tuple[str, ...]
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    could_say: tuple[str, ...] = ()
    if_nothing_changes: str | None = None

    @property
    def title(self) -> str:
        return self.outcome


Node = Union[Question, Outcome]


@dataclass(frozen=True)
class TrailEntry:
    """One answer given on the way to a node."""

    question: Question
    answer: Answer


@dataclass(frozen=True)
class Tree:
    id: str
    title: str
    intro: str
    tags: tuple[str, ...]
    start: str
    nodes: dict[str, Node]
    file: Path
    order: int | None = None
    _parents: dict[str, TrailEntry] = field(default_factory=dict, repr=False)

    def trail(self, node_id: str) -> list[TrailEntry]:
        """The answers that lead from the first question to this node, in order."""
        entries = []
        while node_id in self._parents:
            entry = self._parents[node_id]
            entries.append(entry)
            node_id = entry.question.id
        return entries[::-1]

    def outcomes(self) -> list[Outcome]:
        return [node for node in self.nodes.values() if isinstance(node, Outcome)]

    def questions(self) -> list[Question]:
        return [node for node in self.nodes.values() if isinstance(node, Question)]
