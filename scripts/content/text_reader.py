"""The one reader for every text the build reads: the Markdown pages and every data file.

Editors save files in many ways, and hostile text hides in characters nobody sees. So each file is
read here, once, the same way: as UTF-8 (a byte-order mark at the start is accepted and dropped),
with Windows (CRLF) and old Mac (CR) line ends read as plain line ends, and in Unicode's composed
form (NFC), so that "é" typed two ways is one word to search, the glossary and the id checks.

Two kinds of character are refused, each named in words (`U+202E RIGHT-TO-LEFT OVERRIDE`) with the
file and line, never printed raw:
- anywhere in a file: control characters (other than tab and line end), line and paragraph
  separators, and the invisible format characters that reorder or hide text (bidirectional
  overrides and isolates, zero-width spaces, a byte-order mark past the start). The zero-width
  joiners, which emoji need, and the soft hyphen may stay in a page's running text;
- in short text, which is every value and key in a data file or in front matter (ids, labels,
  titles, tooltips): every invisible format character, joiners too.
An id (a mapping key, or a value a format limits to plain letters) with a letter from another
alphabet that looks like a Latin one ("а", Cyrillic) is refused by naming that letter.

No MkDocs here: the tree engine and the data formats read through it too.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain
from pathlib import Path

from scripts.content import limits

BYTE_ORDER_MARK = "\ufeff"
# Invisible, but with a job in running text: joining emoji (👩‍👧) and some scripts, and hyphenation.
ALLOWED_IN_RUNNING_TEXT = frozenset({"\u200c", "\u200d", "\u00ad"})


class DataError(ValueError):
    """A page or data file that cannot be used as it is: one or two lines naming the file and the
    line or place, what is wrong and what to do. Plain Python, so that code with no MkDocs inside
    (the tree engine) can raise it; scripts/plugin/errors.py turns it into MkDocs' PluginError."""


def shown(path: Path) -> str:
    """A file name as an editor knows it: from the project folder, when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def character_name(char: str) -> str:
    """A character in words: "U+202E RIGHT-TO-LEFT OVERRIDE"."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def _hidden_characters() -> str:
    """Every character that shows nothing, or moves other text: controls (but tab and line end),
    formats (Cf) and line and paragraph separators. Format characters are found only in the first
    two planes of Unicode and in plane 14 (tags), so only those are looked through."""
    code_points = chain(range(0x20000), range(0xE0000, 0xE1000))
    return "".join(chr(point) for point in code_points
                   if unicodedata.category(chr(point)) in ("Cc", "Cf", "Zl", "Zp") and chr(point) not in "\t\n")


_HIDDEN = _hidden_characters()
# As regular expressions, so that a whole file is looked through at C speed.
_HIDDEN_FOUND = re.compile("[" + re.escape(_HIDDEN) + "]")
_REFUSED_IN_RUNNING_TEXT = re.compile("[" + re.escape("".join(set(_HIDDEN) - ALLOWED_IN_RUNNING_TEXT)) + "]")


def visible(text: str) -> str:
    """Text with every hidden character written as its code ([U+200B]), for error messages."""
    return _HIDDEN_FOUND.sub(lambda found: f"[U+{ord(found.group()):04X}]", text)


def hidden_character_problem(text: str) -> str | None:
    """What is wrong with a short text (an id, a label, a title) that holds a hidden character."""
    found = _HIDDEN_FOUND.search(text)
    if found is None:
        return None
    return (f"the text {quoted(text)} holds {character_name(found.group())}, an invisible character that can "
            "hide or reorder what a reader sees. Delete it (retype the text if you cannot see it)")


def lookalike_problem(text: str) -> str | None:
    """What is wrong with an id that holds a letter from outside plain Latin (a-z, A-Z)."""
    found = next((char for char in text if ord(char) > 127), None)
    if found is None:
        return None
    return (f"the id {quoted(text)} holds {character_name(found)}, which is not a plain Latin letter "
            "(it may look like one). Ids and field names use plain letters a-z: retype it")


def quoted(value: str) -> str:
    """A value in an error message: quoted, hidden characters shown as codes, cut short."""
    return cut_short("'" + visible(value).replace("\n", "⏎") + "'")


def cut_short(text: str) -> str:
    """A piece of an error message, at most limits.MAX_ECHO_CHARS long, so that it stays one line."""
    return text if len(text) <= limits.MAX_ECHO_CHARS else text[: limits.MAX_ECHO_CHARS - 1] + "…"


def normalised(raw: bytes, path: Path) -> str:
    """A file's bytes as text: UTF-8 without a starting byte-order mark, plain line ends, NFC."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            f"{shown(path)}: line {line}: the file is not saved as UTF-8 text (byte 0x{raw[error.start]:02x}). "
            "Save it as UTF-8 in your editor."
        ) from None
    text = text.removeprefix(BYTE_ORDER_MARK).replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def check_running_text(path: Path, text: str) -> None:
    """Refuse the first character no file may hold, naming it and its line."""
    found = _REFUSED_IN_RUNNING_TEXT.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise DataError(
            f"{shown(path)}: line {line}: the file holds {character_name(found.group())}, an invisible character "
            "that can hide or reorder what a reader sees. Delete it (retype the line if you cannot see it)."
        )


def read_text(path: Path, *, data_file: bool = True) -> str:
    """Every file the build reads, read the one way (see above), within its size limit: a data
    file's (limits.MAX_FILE_BYTES) or a page's (limits.MAX_PAGE_BYTES)."""
    size, most, kind = path.stat().st_size, *((limits.MAX_FILE_BYTES, "a data file") if data_file
                                               else (limits.MAX_PAGE_BYTES, "a page"))
    if size > most:
        raise DataError(
            f"{shown(path)}: the file is {size // 1000} KB; {kind} may be at most {most // 1000} KB. "
            "Split it, or shorten its text."
        )
    text = normalised(path.read_bytes(), path)
    check_running_text(path, text)
    return text
