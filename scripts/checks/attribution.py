"""Cited or labelled: every piece of advice names what says it, or says it is the site's own view.

One definition of the label, read by the build (scripts/checks/page_checks.py on topic pages, and the tree
format's check of `if_nothing_changes`) and by the tests: "our own view" (or "our own wording" for
example messages), plus first-person verdicts ("We think ...") that are ours by nature.

Plain Python, no MkDocs: a page is read as Markdown text, line by line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

OWN_VIEW = re.compile(r"\bour own (view|wording|general guidance|list)\b|\bwe (think|would not|lean|suggest|advise)\b", re.I)
FOOTNOTE_REF = re.compile(r"\[\^[a-z0-9-]+\](?!:)")
# A list item: "- ", "* ", "+ " or "1. " (perhaps indented, inside a box or a nested list).
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+\.)\s+(.*)$")
BOX = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s+(\w+)")
HEADING = re.compile(r"^#{1,6}\s")
# The box of questions a reader would type: questions, not advice.
QUESTION_BOXES = {"question"}
LINK = re.compile(r"(?<!\^)\[([^\]^]*)\]\([^)]*\)")
# The shared safety rules (docs/_snippets/, mkdocs.yml's pymdownx.snippets base_path): a page
# includes one with a line --8<-- "<rule>.md", on its own or inside a list item.
SNIPPETS = Path("_snippets")
SNIPPET_LINE = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$')


@dataclass(frozen=True)
class Unattributed:
    line: int  # 1-based, in the page's file
    text: str


def is_labelled(text: str) -> bool:
    return bool(OWN_VIEW.search(text))


def read_snippet(docs_dir: Path) -> Callable[[str], str]:
    """The text of a shared rule, by the name a page includes it by."""
    return lambda name: (docs_dir / SNIPPETS / name).read_text(encoding="utf-8")


def unattributed_advice(markdown: str, snippet: Callable[[str], str] = lambda name: "") -> list[Unattributed]:
    """The list items of a page that carry neither a source footnote nor the own-view label.

    Each item carries its own: a label over a whole list would let a new item in unseen. Items in
    the "Questions this page answers" box, questions she could ask herself, and items that are only
    links are not advice. A shared rule included inside an item (`snippet` reads it) is part of it."""
    lines = markdown.split("\n")
    problems: list[Unattributed] = []
    box_indent: int | None = None
    box_kind = ""
    items: list[tuple[int, list[str], int]] = []  # line number, text lines, indent

    def close_items() -> None:
        for number, text, _ in items:
            joined = " ".join(text)
            prose = LINK.sub("", joined).strip(" .,;:*")
            if FOOTNOTE_REF.search(joined) or is_labelled(joined) or len(prose.split()) < 3 or _only_questions(prose):
                continue
            problems.append(Unattributed(number, joined.strip()))
        items.clear()

    for index in range(_body_start(lines), len(lines)):
        line, number = lines[index], index + 1
        if line.startswith("[^") or not line.strip():  # a footnote definition, or a blank line
            continue
        indent = len(line) - len(line.lstrip())
        if box_indent is not None and indent <= box_indent:
            box_indent = None
        box = BOX.match(line)
        if box:
            close_items()
            box_indent, box_kind = len(box.group(1)), box.group(2)
        elif box_indent is not None and box_kind in QUESTION_BOXES:
            continue
        elif item := LIST_ITEM.match(line):
            items.append((number, [item.group(2)], len(item.group(1))))
        elif items and indent > items[-1][2] and not HEADING.match(line):
            included = SNIPPET_LINE.match(line)
            # The item goes on, on the next line, perhaps with a shared rule.
            items[-1][1].append(snippet(included.group(1)) if included else line.strip())
        else:
            close_items()
    close_items()
    return problems


def _only_questions(prose: str) -> bool:
    """An item that only asks, such as a question to ask yourself, gives no advice."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", prose.replace("**", "")) if s]
    return all(sentence.rstrip("\"'”’)").endswith("?") for sentence in sentences)


def _body_start(lines: list[str]) -> int:
    """The index of the first line after the front matter."""
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0
