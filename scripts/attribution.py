"""Cited or labelled: every piece of advice names what says it, or says it is the site's own view.

One definition of the label, read by the build (scripts/page_checks.py on topic pages, and the tree
format's check of `if_nothing_changes`) and by the tests: "our own view" (or "our own wording" for
example messages), plus first-person verdicts ("We think ...") that are ours by nature.

Plain Python, no MkDocs: a page is read as Markdown text, line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OWN_VIEW = re.compile(r"\bour own (view|wording)\b|\bwe (think|would not|lean|suggest|advise)\b", re.I)
FOOTNOTE_REF = re.compile(r"\[\^[a-z0-9-]+\](?!:)")
# A list item: "- ", "* ", "+ " or "1. " (perhaps indented, inside a box or a nested list).
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+\.)\s+(.*)$")
BOX = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s+(\w+)")
HEADING = re.compile(r"^#{1,6}\s")
# A section the site writes on its own says so once, in a paragraph under its heading.
OWN_SECTION = re.compile(r"\bthis (part|section|list) is our own view\b", re.I)
# The box of questions a reader would type: questions, not advice.
QUESTION_BOXES = {"question"}
LINK = re.compile(r"(?<!\^)\[([^\]^]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Unattributed:
    line: int  # 1-based, in the page's file
    text: str


def is_labelled(text: str) -> bool:
    return bool(OWN_VIEW.search(text))


def unattributed_advice(markdown: str) -> list[Unattributed]:
    """The list items of a page that carry neither a source footnote nor the own-view label.

    An item is covered by its own footnote or label; by a label in the paragraph that leads into
    its list ("These ideas are our own view:"); or by "This part is our own view" in its section.
    Items in the "Questions this page answers" box are questions, not advice, and items that are
    only links are pointers, not advice."""
    lines = markdown.split("\n")
    start = _body_start(lines)
    problems: list[Unattributed] = []
    section_is_ours = False
    lead_in_is_ours = False  # the paragraph just before the current list
    paragraph: list[str] = []
    box_indent: int | None = None
    box_kind = ""
    items: list[tuple[int, list[str], int]] = []  # line number, text lines, indent

    def close_items() -> None:
        for number, text, _ in items:
            joined = " ".join(text)
            prose = LINK.sub("", joined).strip(" .,;:*")
            if FOOTNOTE_REF.search(joined) or is_labelled(joined) or lead_in_is_ours or section_is_ours:
                continue
            if len(prose.split()) < 3:
                continue
            problems.append(Unattributed(number, joined.strip()))
        items.clear()

    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        if line.startswith("[^"):  # a footnote definition
            continue
        indent = len(line) - len(line.lstrip())
        if box_indent is not None and line.strip() and indent <= box_indent:
            box_indent = None
        box = BOX.match(line)
        if box:
            close_items()
            box_indent, box_kind = len(box.group(1)), box.group(2)
            paragraph = []
            continue
        if box_indent is not None and box_kind in QUESTION_BOXES:
            continue
        if HEADING.match(line):
            close_items()
            section_is_ours, lead_in_is_ours, paragraph = False, False, []
            continue
        item = LIST_ITEM.match(line)
        if item:
            if not items:
                lead_in_is_ours = is_labelled(" ".join(paragraph))
            paragraph = []
            items.append((number, [item.group(2)], len(item.group(1))))
            continue
        if not line.strip():
            if paragraph:
                section_is_ours = section_is_ours or bool(OWN_SECTION.search(" ".join(paragraph)))
            continue
        if items and indent > items[-1][2]:
            items[-1][1].append(line.strip())  # the item goes on, on the next line
            continue
        close_items()
        if paragraph and not lines[index - 1].strip():
            paragraph = []
        paragraph.append(line.strip())
    close_items()
    return problems


def _body_start(lines: list[str]) -> int:
    """The index of the first line after the front matter."""
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0
