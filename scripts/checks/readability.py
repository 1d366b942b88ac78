"""Readability of the site's prose: Flesch-Kincaid grade and reading ease.

Usage: python scripts/checks/readability.py [PAGE.md ...]   (default: every topic page)

Only the prose is scored: front matter, code, HTML, footnote definitions,
snippet includes and Markdown syntax are stripped first. Wrapped paragraphs
are joined; every heading, list item or table cell ends a sentence.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import textstat

MAX_GRADE = 8.0
MIN_EASE = 60.0

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FENCED_CODE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_DROP_LINE = re.compile(r"^\s*(\[\^[^\]]+\]:|--8<--|\*\[[^\]]+\]:|<|\|?\s*:?-{3,})")
_LINE_MARKUP = re.compile(r"^\s*(#+|[-*+]|\d+\.|>|!!!|\?\?\?\+?|///)\s*")
_INLINE = [
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images keep their text
    (re.compile(r"\{[^}]*\}"), ""),  # attribute lists
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"[*_]{1,3}([^*_]+)[*_]{1,3}"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r'^(note|tip|warning|danger|info|abstract|question|example|quote|success|failure|bug)\b\s*(?:"([^"]*)")?', re.I), r"\2"),
]


@dataclass(frozen=True)
class Score:
    page: Path
    words: int
    grade: float
    ease: float

    @property
    def passes(self) -> bool:
        return self.grade <= MAX_GRADE and self.ease >= MIN_EASE


def prose(markdown: str) -> str:
    """The reader-facing sentences of a Markdown page, one block per line.

    A wrapped paragraph is joined back into one block; a heading, list item or table cell
    starts a block of its own."""
    text = _FRONT_MATTER.sub("", markdown)
    text = _FENCED_CODE.sub("", text)
    text = _HTML_COMMENT.sub("", text)
    text = _MACRO.sub("", text)
    blocks: list[str] = []
    continues = False
    for line in text.splitlines():
        if not line.strip() or _DROP_LINE.match(line):
            continues = False
            continue
        starts_block = bool(_LINE_MARKUP.match(line)) or "|" in line
        for cell in line.strip().strip("|").split("|"):
            cell = _LINE_MARKUP.sub("", cell.strip())
            for pattern, replacement in _INLINE:
                cell = pattern.sub(replacement, cell).strip()
            if not cell:
                continue
            if continues and not starts_block:
                blocks[-1] += " " + cell
            else:
                blocks.append(cell)
            continues = True
    return "\n".join(block if block[-1] in ".!?:;\"'”’)" else block + "." for block in blocks)


def score(page: Path) -> Score:
    text = prose(page.read_text(encoding="utf-8"))
    return Score(
        page=page,
        words=textstat.lexicon_count(text),
        grade=textstat.flesch_kincaid_grade(text),
        ease=textstat.flesch_reading_ease(text),
    )


def main(paths: list[str]) -> int:
    pages = [Path(p) for p in paths] or sorted(Path("docs/topics").glob("*.md"))
    failed = 0
    for result in map(score, pages):
        failed += not result.passes
        mark = "ok  " if result.passes else "FAIL"
        print(f"{mark} {result.page}: {result.words} words, grade {result.grade:.1f}, ease {result.ease:.1f}")
    print(f"targets: grade <= {MAX_GRADE}, ease >= {MIN_EASE}; {failed} page(s) miss them")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
