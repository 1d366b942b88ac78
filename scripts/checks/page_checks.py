"""Checks on each Markdown page for mistakes that MkDocs would publish without a word.

Each check names the page and, where it can, the line; what is wrong and what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.checks.attribution import read_snippet, unattributed_advice
from scripts.content.yaml_data import DataError, echo, read_text, shown

TOPICS = "topics/"
# At most this many broken promises are listed from one built page: one or two lines, enough to start.
MAX_OUTPUT_PROBLEMS = 2
TOPIC_FIELDS = ("title", "description", "tags")

# A footnote reference Python-Markdown left as text because nothing defines it.
_UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


# The front-matter fields a page may have. Material prints some fields it knows raw, as HTML (a
# subtitle in the menu, a status in a class name, an icon as a file to include): a field not listed
# here is refused rather than published unchecked. The theme prints title, description and author
# as text (scripts/content/pages.py, overrides/main.html). Add a new field here with the code that reads it.
FRONT_MATTER_FIELDS = ("title", "description", "author", "tags", "hide", "search", "render_macros",
                       # When the page was reviewed, and by whom (overrides/partials/review-dates.html).
                       "last_reviewed", "next_review_due", "reviewed_by",
                       # What the tree engine's pages say of themselves (scripts/tree_engine/render.py),
                       # read by the plugin when the pages are built from `render OUT` files.
                       "tree", "node", "kind", "canonical", "asks_about_safety", "suggests_distance")


# Fields shown to the reader as text.
TEXT_FIELDS = ("title", "description", "author")


def check_front_matter(path: Path, src_uri: str, meta: dict) -> None:
    """A topic page's front matter decides its title, summary and safety note: it must be there."""
    if unknown := [str(field) for field in meta if field not in FRONT_MATTER_FIELDS]:
        raise DataError(
            f"{shown(path)}: line {_front_matter_line(path, unknown[0])}: '{unknown[0]}' is not a front-matter "
            f"field this site reads (a typo?); the fields allowed are: {', '.join(FRONT_MATTER_FIELDS)}."
        )
    for field in TEXT_FIELDS:
        value = meta.get(field)
        if field in meta and not (isinstance(value, str) and value.strip() and "\n" not in value.strip()):
            raise DataError(
                f"{shown(path)}: line {_front_matter_line(path, field)}: the {field} must be one line of text, "
                f"not {echo(value)}. Write it after '{field}: ', in quotes if it holds a colon or is a number."
            )
    if not src_uri.startswith(TOPICS):
        return
    missing = [field for field in TOPIC_FIELDS if not meta.get(field)]
    if missing:
        raise DataError(
            f"{shown(path)}: line 1: a topic page needs front matter with a title, a description and tags "
            f"(the tags decide whether it shows the safety note); missing: {', '.join(missing)}. "
            "Add them between two --- lines at the top, as on the other topic pages."
        )


# A line that shows nothing but a heading, or nothing at all.
_HEADING_OR_BLANK = re.compile(r"^(?:#{1,6}(?:[ \t].*)?|[ \t]*)$|^[=-]+[ \t]*$", re.MULTILINE)


def check_body(path: Path, src_uri: str, markdown: str) -> None:
    if not markdown.strip():
        raise DataError(f"{shown(path)}: the page is empty. Write its text, or delete the file.")
    # A topic page is advice: its heading alone would be a page with nothing to read.
    if src_uri.startswith(TOPICS) and not _HEADING_OR_BLANK.sub("", markdown).strip():
        raise DataError(f"{shown(path)}: the page has only a heading, no text. Write its text, or delete the file.")


def check_footnotes(path: Path, source: str, html: str) -> None:
    """A footnote reference with no definition would be published as text like [^name]."""
    found = _UNDEFINED_FOOTNOTE.search(_CODE.sub("", html))
    if found is None:
        return
    reference = found.group(0)
    offset = source.find(reference)
    where = f"line {source.count(chr(10), 0, offset) + 1}: " if offset >= 0 else ""
    raise DataError(
        f"{shown(path)}: {where}the footnote {reference} has no definition, so it would show as text. "
        f"Add a line '{reference}: ...' at the end of the page, or fix the name."
    )


def check_attribution(path: Path, src_uri: str, source: str, docs_dir: Path) -> None:
    """Cited or labelled: on a topic page, every list item of advice names its source with a
    footnote, or says it is the site's own view (scripts/checks/attribution.py)."""
    if not src_uri.startswith(TOPICS):
        return
    problems = unattributed_advice(source, read_snippet(docs_dir))
    if problems:
        first, more = problems[0], [str(problem.line) for problem in problems[1:]]
        also = f" (and lines {', '.join(more)})" if more else ""
        raise DataError(
            f"{shown(path)}: line {first.line}{also}: a list item of advice has neither a source footnote nor "
            f"the label 'our own view': {echo(first.text)}. Add the footnote of the source that says it "
            "(like [^cane-trying]), or end it with *Our own view.*"
        )


def check_output(where: str, source: str, problems: list[str]) -> None:
    """A built page that breaks the site's promises (scripts/output/output_policy.py): stop, naming the
    page it was made from, and the line there if the element's address or name is in it."""
    if not problems:
        return
    listed = []
    for problem in problems[:MAX_OUTPUT_PROBLEMS]:
        quoted = re.search(r'"([^"]{4,})"', problem)
        offset = source.find(quoted.group(1)) if quoted and source else -1
        line = f"line {source.count(chr(10), 0, offset) + 1}: " if offset >= 0 else ""
        listed.append(f"{where}: {line}{problem}.")
    raise DataError("\n".join(listed))


def _front_matter_line(path: Path, field: str) -> int:
    """The line of a front-matter field (the block starts on line 2)."""
    lines = read_text(path, data_file=False).split("\n")
    return next((number for number, line in enumerate(lines, 1) if line.startswith(f"{field}:")), 2)
